"""Orders: public by ID (the buyer's data masked), the staff list with its scopes, and the staff mutations
(cancel gives stock and points back exactly; the others refuse cleanly)."""

from __future__ import annotations

import uuid

import pytest

from catalog.models import Stock
from ledger.models import Lot
from mall.accounts.models import ScopeKind
from mall.graphql.ids import to_global_id
from orders.models import Order, OrderStatus
from tests.catalog.factories import make_gift, make_warehouse
from tests.factories import make_staff, token_for
from tests.orders.graphql.helpers import ORDER, Shopper, shopper, snapshot
from tests.orders.services.world import GIFT_POINTS, available

ORDERS = """
query Orders($first: Int, $filter: OrderFilterInput, $where: OrderWhereInput, $search: String,
    $sortBy: OrderSortingInput) {
  orders(first: $first, filter: $filter, where: $where, search: $search, sortBy: $sortBy) {
    totalCount edges { node { number status paymentStatus chargeStatus lines { productSku } } }
  }
}
"""
CANCEL = """
mutation Cancel($id: ID!) {
  orderCancel(id: $id) {
    order { number status paymentStatus isPaid totalCharged { amount } totalRefunded { amount }
      events { type message } transactions { chargedAmount { amount } refundedAmount { amount } } }
    errors { field code message }
  }
}
"""
CONFIRM = "mutation($id: ID!) { orderConfirm(id: $id) { order { status } errors { field code message } } }"
MARK_PAID = "mutation($id: ID!) { orderMarkAsPaid(id: $id) { order { status } errors { field code message } } }"


def numbers(data: dict) -> list[str]:
    return [edge["node"]["number"] for edge in data["orders"]["edges"]]


async def staff_token(settings, email: str = "orders@example.com", **options) -> str:
    return token_for(await make_staff(email, permissions=["MANAGE_ORDERS"], **options), settings)


async def partner_order(member: Shopper) -> dict:
    """An order for a gift of partner ACME (stocked in ACME's warehouse)."""
    depot = await make_warehouse("acme-dc", [member.world.channel], partner_code="ACME")
    product = await make_gift(member.world.channel, "Acme Kettle", 900, partner_code="ACME", warehouse=depot)
    variant = (await product.variants.all())[0]
    checkout_id = await member.create(quantity=0)
    await member.call(
        "mutation($id: ID!, $v: ID!) { checkoutLinesAdd(id: $id, lines: [{quantity: 1, variantId: $v}]) "
        "{ errors { code } } }", id=checkout_id, v=to_global_id("ProductVariant", variant.id),
    )
    from tests.orders.graphql.helpers import ADDRESS_INPUT, DELIVERY_METHOD, SHIPPING_ADDRESS, shipping_id

    await member.call(SHIPPING_ADDRESS, id=checkout_id, address=ADDRESS_INPUT)
    await member.call(DELIVERY_METHOD, id=checkout_id, method=shipping_id(member.world))
    await member.pay(checkout_id)
    return (await member.complete(checkout_id))["order"]


async def test_an_order_is_public_by_its_id_with_the_buyers_data_masked_but_its_events_are_staffs(api, settings):
    # given
    member = await shopper(api, settings)
    order = await member.placed_order()

    # when
    anonymous = (await api.ok(ORDER, {"id": order["id"]}))["order"]
    events = await api.post("query($id: ID!) { order(id: $id) { number events { type } } }", {"id": order["id"]})
    unknown = await api.ok(ORDER, {"id": to_global_id("Order", uuid.uuid4())})
    malformed = await api.post(ORDER, {"id": "bm90LWFuLWlk"})

    # then
    assert (anonymous["number"], anonymous["userEmail"]) == (order["number"], "m...@example.com")
    assert events.data == {"order": None}
    assert events.error_codes == ["PermissionDenied"]
    assert unknown == {"order": None}
    assert malformed.error_codes == ["GraphQLError"]


@pytest.mark.parametrize("who", ["anonymous", "member"])
async def test_the_order_list_is_for_staff_with_manage_orders(api, settings, who):
    # given
    member = await shopper(api, settings)
    await member.placed_order()
    token = member.token if who == "member" else None

    # when
    answer = await api.post(ORDERS, {"first": 10}, token)

    # then
    assert answer.data == {"orders": None}
    assert answer.error_codes == ["PermissionDenied"]


async def test_staff_see_every_order_and_partner_staff_only_orders_of_their_goods(api, settings):
    # given
    member = await shopper(api, settings)
    house = await member.placed_order()
    acme = await partner_order(member)
    operator = await staff_token(settings)
    acme_staff = await staff_token(settings, "acme@example.com", scope=(ScopeKind.PARTNER, "ACME"))
    other_partner = await staff_token(settings, "zeta@example.com", scope=(ScopeKind.PARTNER, "ZETA"))
    issuer_staff = await staff_token(settings, "banka@example.com", scope=(ScopeKind.ISSUER, "BANKA"))
    other_issuer = await staff_token(settings, "bankb@example.com", scope=(ScopeKind.ISSUER, "BANKB"))

    # when
    seen = {
        name: numbers(await api.ok(ORDERS, {"first": 10}, token))
        for name, token in [("operator", operator), ("acme", acme_staff), ("zeta", other_partner),
                            ("bank a", issuer_staff), ("bank b", other_issuer)]
    }

    # then
    assert seen == {
        "operator": [acme["number"], house["number"]], "acme": [acme["number"]], "zeta": [],
        "bank a": [acme["number"], house["number"]], "bank b": [],
    }


async def test_staff_filter_search_and_sort_orders(api, settings):
    # given
    member = await shopper(api, settings)
    first = await member.placed_order()
    second = await member.placed_order(quantity=2)
    operator = await staff_token(settings)
    await api.ok(CANCEL, {"id": first["id"]}, operator)

    # when
    canceled = await api.ok(ORDERS, {"first": 10, "filter": {"status": ["CANCELED"]}}, operator)
    refunded = await api.ok(ORDERS, {"first": 10, "filter": {"paymentStatus": ["FULLY_REFUNDED"]}}, operator)
    charged = await api.ok(ORDERS, {"first": 10, "where": {"chargeStatus": {"eq": "FULL"}}}, operator)
    by_number = await api.ok(ORDERS, {"first": 10, "search": second["number"]}, operator)
    by_sku = await api.ok(ORDERS, {"first": 10, "search": "tea-1"}, operator)
    oldest_first = await api.ok(ORDERS, {"first": 10, "sortBy": {"field": "NUMBER", "direction": "ASC"}}, operator)

    # then
    assert numbers(canceled) == [first["number"]]
    assert numbers(refunded) == [first["number"]]
    assert numbers(charged) == [second["number"]]
    assert numbers(by_number) == [second["number"]]
    assert numbers(by_sku) == [second["number"], first["number"]]
    assert numbers(oldest_first) == [first["number"], second["number"]]


async def test_cancelling_gives_back_the_stock_and_the_points_into_their_lots(api, settings):
    # given
    member = await shopper(api, settings, stock=5, points=10_000)
    lots_before = await Lot.all().order_by("id").values_list("id", "expires_at", "points_remaining")
    order = await member.placed_order(quantity=2)
    lots_spent = await Lot.all().order_by("id").values_list("id", "expires_at", "points_remaining")
    operator = await staff_token(settings)

    # when
    canceled = (await api.ok(CANCEL, {"id": order["id"]}, operator))["orderCancel"]
    again = (await api.ok(CANCEL, {"id": order["id"]}, operator))["orderCancel"]

    # then
    assert canceled["errors"] == []
    assert canceled["order"] == {
        "number": order["number"], "status": "CANCELED", "paymentStatus": "FULLY_REFUNDED", "isPaid": False,
        "totalCharged": {"amount": 0.0}, "totalRefunded": {"amount": 2.0 * GIFT_POINTS},
        "events": [{"type": "PLACED", "message": "Order placed from checkout."}, {"type": "CANCELED", "message": None}],
        "transactions": [{"chargedAmount": {"amount": 0.0}, "refundedAmount": {"amount": 2.0 * GIFT_POINTS}}],
    }
    assert again == {"order": None, "errors": [
        {"field": "id", "code": "CANNOT_CANCEL_ORDER", "message": "This order can't be canceled."}
    ]}
    assert lots_spent != lots_before
    assert await available(member.world) == 10_000
    assert await Lot.all().order_by("id").values_list("id", "expires_at", "points_remaining") == lots_before
    assert sum(await Stock.filter(variant_id=member.world.item.id).values_list("quantity_allocated", flat=True)) == 0


async def test_only_staff_of_the_whole_order_may_cancel_it(api, settings):
    # given
    member = await shopper(api, settings)
    house = await member.placed_order()
    acme = await partner_order(member)
    acme_staff = await staff_token(settings, "acme@example.com", scope=(ScopeKind.PARTNER, "ACME"))
    before = await snapshot(member.world)

    # when
    as_member = await api.post(CANCEL, {"id": house["id"]}, member.token)
    other_partners = await api.post(CANCEL, {"id": house["id"]}, acme_staff)
    own = await api.ok(CANCEL, {"id": acme["id"]}, acme_staff)

    # then
    assert (as_member.data, as_member.error_codes) == ({"orderCancel": None}, ["PermissionDenied"])
    assert (other_partners.data, other_partners.error_codes) == ({"orderCancel": None}, ["PermissionDenied"])
    assert own["orderCancel"]["order"]["status"] == "CANCELED"
    assert await Order.filter(status=OrderStatus.CANCELED).count() == 1
    assert await available(member.world) == before.points_available + 900


async def test_confirm_and_mark_as_paid_refuse_orders_paid_at_completion(api, settings):
    # given
    member = await shopper(api, settings)
    order = await member.placed_order()
    operator = await staff_token(settings)

    # when
    confirmed = (await api.ok(CONFIRM, {"id": order["id"]}, operator))["orderConfirm"]
    marked = (await api.ok(MARK_PAID, {"id": order["id"]}, operator))["orderMarkAsPaid"]

    # then
    assert [(e["field"], e["code"]) for e in confirmed["errors"]] == [("id", "INVALID")]
    assert [(e["field"], e["code"]) for e in marked["errors"]] == [("payment", "PAYMENT_ERROR")]
    assert (await Order.get(number=int(order["number"]))).status == OrderStatus.UNFULFILLED
