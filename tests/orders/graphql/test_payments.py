"""Paying with points through transactionInitialize, and checkoutComplete: refusals leave points, stock and
orders as they were; a retried or doubled completion yields one order."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid

from catalog.models import Stock
from ledger.models import Hold, HoldStatus
from mall.graphql.ids import decode_global_id, to_global_id
from orders.models import Order, Transaction
from tests.factories import make_member, token_for
from tests.orders.graphql.helpers import CHECKOUT, COMPLETE, Shopper, shopper, snapshot
from tests.orders.services.world import GIFT_POINTS, available, give_points

PROCESS = """
mutation Process($id: ID) {
  transactionProcess(id: $id) { transaction { id chargedAmount { amount } } transactionEvent { type } data
    errors { field code message } }
}
"""
GATEWAYS = """
mutation Gateways($id: ID!) {
  paymentGatewayInitialize(id: $id, paymentGateways: [{id: "mall.points"}, {id: "mall.unknown"}]) {
    gatewayConfigs { id data errors { field code } } errors { field code }
  }
}
"""
DETACH = """
mutation CheckoutCustomerDetach($id: ID!) { checkoutCustomerDetach(id: $id) { errors { message field code } } }
"""


def codes(payload: dict) -> list[tuple]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


async def test_not_enough_points_holds_nothing(api, settings):
    # given
    member = await shopper(api, settings, points=1_000)
    checkout_id = await member.ready()
    before = await snapshot(member.world)

    # when
    paid = await member.pay(checkout_id)

    # then
    assert (paid["transaction"], codes(paid)) == (None, [("amount", "INSUFFICIENT_POINTS")])
    assert await snapshot(member.world) == before
    assert before.points_available == 1_000


async def test_only_the_checkouts_own_member_may_pay_with_points(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.ready()
    stranger = await make_member(settings, "stranger@example.com")
    await give_points(member.world.channel, stranger, 50_000)
    before = await snapshot(member.world)

    # when
    as_stranger = await Shopper(api, member.world, token_for(stranger, settings)).pay(checkout_id)
    as_anonymous = (await api.ok(
        "mutation($id: ID!) { transactionInitialize(id: $id, paymentGateway: {id: \"mall.points\"}) "
        "{ transaction { id } errors { field code message } } }", {"id": checkout_id}
    ))["transactionInitialize"]

    # then
    assert codes(as_stranger) == [("id", "NOT_FOUND")]  # another member's checkout is not even found
    assert as_stranger["errors"][0]["message"].startswith("Couldn't resolve to a node: Checkout:")
    assert codes(as_anonymous) == [("id", "NOT_FOUND")]
    assert await snapshot(member.world) == before


async def test_an_unknown_gateway_a_fractional_amount_and_an_order_id_are_refused(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.ready()
    order = await member.placed_order()
    before = await snapshot(member.world)

    # when
    unknown = await member.pay(checkout_id, gateway="mall.cash")
    fractional = await member.pay(checkout_id, amount=10.5)
    on_order = await member.pay(order["id"])

    # then
    assert codes(unknown) == [("paymentGateway", "NOT_FOUND")]
    assert codes(fractional) == [("amount", "INVALID")]
    assert codes(on_order) == [("id", "INVALID")]
    assert await snapshot(member.world) == before


async def test_the_same_idempotency_key_holds_the_points_once(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.ready()

    # when
    first = await member.pay(checkout_id, key="tap-1")
    again = await member.pay(checkout_id, key="tap-1")

    # then
    assert first["transaction"]["id"] == again["transaction"]["id"]
    assert await Transaction.all().count() == 1
    assert await available(member.world) == 10_000 - GIFT_POINTS


async def test_paying_in_two_parts_moves_the_checkout_from_partial_to_full(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.ready(quantity=2)

    # when
    part = await member.pay(checkout_id, amount=1_000, key="part")
    partial = (await member.call(CHECKOUT, id=checkout_id))["checkout"]["authorizeStatus"]
    rest = await member.pay(checkout_id, key="rest")
    full = (await member.call(CHECKOUT, id=checkout_id))["checkout"]["authorizeStatus"]
    completed = await member.complete(checkout_id)

    # then
    assert part["transaction"]["authorizedAmount"]["amount"] == 1_000.0
    assert rest["transaction"]["authorizedAmount"]["amount"] == 2.0 * GIFT_POINTS - 1_000
    assert (partial, full) == ("PARTIAL", "FULL")
    assert completed["errors"] == []
    assert await available(member.world) == 10_000 - 2 * GIFT_POINTS


async def test_an_unpaid_checkout_does_not_complete(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.ready()
    before = await snapshot(member.world)

    # when
    completed = await member.complete(checkout_id)

    # then
    assert completed["order"] is None
    assert completed["errors"] == [{
        "field": "id", "code": "CHECKOUT_NOT_FULLY_PAID",
        "message": "The authorized amount doesn't cover the checkout's total amount.",
        "variants": None, "lines": None, "addressType": None,
    }]
    assert await snapshot(member.world) == before


async def test_stock_gone_at_completion_gives_the_held_points_back_at_once_and_places_no_order(api, settings):
    # given: the gift's points held for the last unit, which someone else takes
    member = await shopper(api, settings, stock=1)
    checkout_id = await member.ready()
    await member.pay(checkout_id)
    await Stock.filter(variant_id=member.world.item.id).update(quantity=0)
    before = await snapshot(member.world)

    # when
    completed = await member.complete(checkout_id)

    # then: no order, no stock taken, the cart kept, and the hold voided (not left until it expires)
    assert codes(completed) == [("quantity", "INSUFFICIENT_STOCK")]
    assert completed["errors"][0]["variants"] == [to_global_id("ProductVariant", member.world.item.id)]
    after = await snapshot(member.world)
    assert after == dataclasses.replace(before, points_available=before.points_available + GIFT_POINTS)
    assert await Hold.filter(status=HoldStatus.PENDING).count() == 0
    transaction = await Transaction.get(checkout_token=uuid.UUID(decode_global_id(checkout_id)[1]))
    assert (transaction.authorized_value, transaction.canceled_value) == (0, GIFT_POINTS)


async def test_a_member_refused_for_stock_pays_again_and_completes_when_units_come_back(api, settings):
    # given: a completion refused for stock gave the hold back
    member = await shopper(api, settings, stock=1)
    checkout_id = await member.ready()
    await member.pay(checkout_id, key="first")
    await Stock.filter(variant_id=member.world.item.id).update(quantity=0)
    assert codes(await member.complete(checkout_id)) == [("quantity", "INSUFFICIENT_STOCK")]

    # when: a unit comes back and the member pays and completes again
    await Stock.filter(variant_id=member.world.item.id).update(quantity=1)
    paid = await member.pay(checkout_id, key="second")
    completed = await member.complete(checkout_id)

    # then
    assert paid["errors"] == []
    assert completed["errors"] == []
    assert completed["order"]["number"] is not None


async def test_completing_twice_returns_the_same_order(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.ready()
    await member.pay(checkout_id)

    # when
    first = await member.complete(checkout_id)
    again = await member.complete(checkout_id)

    # then
    assert first["order"] == again["order"]
    assert again["errors"] == []
    assert await Order.all().count() == 1
    assert await available(member.world) == 10_000 - GIFT_POINTS


async def test_two_completions_at_once_make_one_order(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.ready()
    await member.pay(checkout_id)

    # when
    results = await asyncio.gather(*(member.call(COMPLETE, id=checkout_id) for _ in range(2)))

    # then
    orders = {result["checkoutComplete"]["order"]["id"] for result in results}
    assert len(orders) == 1
    assert await Order.all().count() == 1
    assert await available(member.world) == 10_000 - GIFT_POINTS
    assert sum(await Stock.filter(variant_id=member.world.item.id).values_list("quantity_allocated", flat=True)) == 1


async def test_processing_a_points_transaction_returns_it_as_it_is(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.ready()
    transaction_id = (await member.pay(checkout_id))["transaction"]["id"]

    # when
    processed = (await member.call(PROCESS, id=transaction_id))["transactionProcess"]
    unknown = await member.call(PROCESS, id=to_global_id("TransactionItem", uuid.UUID(int=0)))

    # then
    assert processed == {
        "transaction": {"id": transaction_id, "chargedAmount": {"amount": 0.0}},
        "transactionEvent": {"type": "AUTHORIZATION_SUCCESS"}, "data": None, "errors": [],
    }
    assert codes(unknown["transactionProcess"]) == [("id", "NOT_FOUND")]


async def test_the_gateway_list_shows_what_is_due_and_the_members_points_to_the_member_only(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.ready()

    # when
    own = (await member.call(GATEWAYS, id=checkout_id))["paymentGatewayInitialize"]
    anonymous = (await api.ok(GATEWAYS, {"id": checkout_id}))["paymentGatewayInitialize"]

    # then
    assert own["gatewayConfigs"] == [
        {"id": "mall.points", "data": {"unit": "PTS", "amountDue": GIFT_POINTS, "pointsAvailable": 10_000},
         "errors": []},
        {"id": "mall.unknown", "data": None, "errors": [{"field": "id", "code": "NOT_FOUND"}]},
    ]
    assert anonymous == {"gatewayConfigs": None, "errors": [{"field": "id", "code": "NOT_FOUND"}]}


async def test_signing_out_of_a_checkout_gives_its_held_points_back(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.ready()
    await member.pay(checkout_id)

    # when
    detached = (await member.call(DETACH, id=checkout_id))["checkoutCustomerDetach"]

    # then
    assert detached == {"errors": []}
    assert await available(member.world) == 10_000
    assert await Hold.filter(status=HoldStatus.PENDING).count() == 0
    completed = await member.complete(checkout_id)
    assert codes(completed) == [("id", "CHECKOUT_NOT_FULLY_PAID")]
