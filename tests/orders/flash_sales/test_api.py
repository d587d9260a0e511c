"""Flash sales through the API: the operator makes one, members see its price, end and units left, checkout
charges exactly what the cart showed, and the sale's units only are sold at its price."""

from __future__ import annotations

from datetime import timedelta

from mall.accounts.models import ScopeKind
from orders.flash_sales.models import FlashSale, FlashSaleMember
from orders.models import Order
from orders.services.lifecycle import cancel_order
from tests.factories import make_member, make_staff, token_for
from tests.orders.flash_sales.helpers import (
    END_SALE,
    NOW,
    SALE_POINTS,
    UPDATE_SALE,
    create_sale,
    operator_token,
    sale_input,
    sale_on,
    sales,
)
from tests.orders.graphql.helpers import CHECKOUT, Shopper, shopper
from tests.orders.services.world import GIFT_POINTS, available, give_points


async def test_members_see_the_sale_and_pay_its_price(api, settings, set_clock):
    # given: a running sale of 3 units at 500 points on a gift of 1,200 points
    now = set_clock(NOW)
    member = await shopper(api, settings, stock=10)
    await sale_on(api, settings, member.world, now)

    # when
    listed = await sales(api, member.world)
    checkout_id = await member.ready()
    cart = (await member.call(CHECKOUT, id=checkout_id))["checkout"]
    assert (await member.pay(checkout_id))["errors"] == []
    completed = await member.complete(checkout_id)

    # then
    assert [(s["price"], s["endsAt"], s["remaining"], s["isLive"]) for s in listed] == [
        ({"amount": 500.0, "currency": "PTS"}, "2026-11-12T03:00:00+00:00", 3, True)
    ]
    assert cart["totalPrice"]["gross"]["amount"] == SALE_POINTS
    assert completed["order"]["total"]["gross"]["amount"] == SALE_POINTS
    assert await available(member.world) == 10_000 - SALE_POINTS
    assert (await sales(api, member.world))[0]["remaining"] == 2


async def test_a_member_past_the_limit_pays_the_gifts_own_price(api, settings, set_clock):
    # given: the member bought the one unit the sale allows each member
    now = set_clock(NOW)
    member = await shopper(api, settings, stock=10)
    await sale_on(api, settings, member.world, now)
    await member.placed_order()

    # when
    second = await member.placed_order()

    # then: the second unit at the gift's price, the sale still has 2 units for others
    assert second["total"]["gross"]["amount"] == GIFT_POINTS
    assert (await sales(api, member.world))[0]["remaining"] == 2
    assert await available(member.world) == 10_000 - SALE_POINTS - GIFT_POINTS


async def test_once_the_sale_has_sold_out_the_gift_keeps_its_own_price(api, settings, set_clock):
    # given: a sale of 1 unit, bought
    now = set_clock(NOW)
    first = await shopper(api, settings, stock=10)
    await sale_on(api, settings, first.world, now, quantity=1)
    await first.placed_order()
    other = await make_member(settings, "lei@example.com")
    await give_points(first.world.channel, other, 10_000)
    second = Shopper(api, first.world, token_for(other, settings))

    # when
    order = await second.placed_order()

    # then
    assert order["total"]["gross"]["amount"] == GIFT_POINTS
    assert [(s["remaining"], s["isLive"]) for s in await sales(api, first.world)] == [(0, False)]


async def test_a_cart_paid_at_the_sale_price_after_the_sale_sold_out_is_refused_and_its_points_return(
    api, settings, set_clock
):
    # given: two members paid for the sale's one unit at its price
    now = set_clock(NOW)
    winner = await shopper(api, settings, stock=10)
    await sale_on(api, settings, winner.world, now, quantity=1)
    other = await make_member(settings, "lei@example.com")
    await give_points(winner.world.channel, other, 600)
    loser = Shopper(api, winner.world, token_for(other, settings))
    carts = [await winner.ready(), await loser.ready()]
    for shopper_, cart in zip((winner, loser), carts, strict=True):
        assert (await shopper_.pay(cart))["errors"] == []

    # when
    won = await winner.complete(carts[0])
    lost = await loser.complete(carts[1])

    # then: refused for stock, the 500 held points back at once, nothing sold to the loser
    assert won["errors"] == []
    assert [(e["code"], e["field"]) for e in lost["errors"]] == [("INSUFFICIENT_STOCK", "quantity")]
    assert await available(winner.world, other) == 600
    assert await Order.filter(user_id=other.id).count() == 0


async def test_a_cancelled_order_gives_its_unit_back_to_the_sale_and_the_members_limit(api, settings, set_clock):
    # given
    now = set_clock(NOW)
    member = await shopper(api, settings, stock=10)
    await sale_on(api, settings, member.world, now)
    placed = await member.placed_order()

    # when
    await cancel_order(await Order.get(number=placed["number"]), "operator")

    # then
    assert (await sales(api, member.world))[0]["remaining"] == 3
    assert await FlashSaleMember.filter(user_id=member.world.member.id).values_list("quantity", flat=True) == [0]
    again = await member.placed_order()
    assert again["total"]["gross"]["amount"] == SALE_POINTS


async def test_refused_terms_create_nothing(api, settings, set_clock):
    # given
    now = set_clock(NOW)
    member = await shopper(api, settings, stock=10)
    token = await operator_token(settings)
    refused = {
        "price": sale_input(now, price=GIFT_POINTS),
        "endsAt": sale_input(now, endsAt=(now - timedelta(hours=2)).isoformat()),
        "quantity": sale_input(now, quantity=11),
    }

    # when
    answers = {field: await create_sale(api, token, member.world, input) for field, input in refused.items()}

    # then
    assert {field: [(e["field"], e["code"]) for e in a["errors"]] for field, a in answers.items()} == {
        "price": [("price", "INVALID")], "endsAt": [("endsAt", "INVALID")], "quantity": [("quantity", "INVALID")],
    }
    assert await FlashSale.all().count() == 0


async def test_another_partners_gift_is_not_found(api, settings, set_clock):
    # given: the gift is the operator's own, the caller a partner's staff
    now = set_clock(NOW)
    member = await shopper(api, settings, stock=10)
    partner = await make_staff("staff@acme.example", ["MANAGE_PRODUCTS"], scope=(ScopeKind.PARTNER, "ACME"))

    # when
    answer = await create_sale(api, token_for(partner, settings), member.world, sale_input(now))

    # then
    assert [(e["field"], e["code"]) for e in answer["errors"]] == [("variant", "NOT_FOUND")]
    assert await FlashSale.all().count() == 0


async def test_the_quantity_is_never_lowered_below_the_units_sold(api, settings, set_clock):
    # given: 1 of 3 units sold
    now = set_clock(NOW)
    member = await shopper(api, settings, stock=10)
    sale_id = await sale_on(api, settings, member.world, now)
    await member.placed_order()
    token = await operator_token(settings)

    # when
    lowered = (await api.ok(UPDATE_SALE, {"id": sale_id, "input": {"quantity": 0}}, token))["flashSaleUpdate"]
    raised = (await api.ok(UPDATE_SALE, {"id": sale_id, "input": {"quantity": 5}}, token))["flashSaleUpdate"]
    ended = (await api.ok(END_SALE, {"id": sale_id}, token))["flashSaleEnd"]

    # then
    assert [(e["field"], e["code"]) for e in lowered["errors"]] == [("quantity", "INVALID")]
    assert (raised["errors"], raised["flashSale"]["remaining"]) == ([], 4)
    assert (ended["errors"], ended["flashSale"]["isLive"]) == ([], False)
    assert await sales(api, member.world) == []
