"""The Saleor Dashboard's `orderRefund` (orders/OrderRefund.graphql, trimmed to what is asserted): staff give back
an amount of points of a redeemed order into the member's lots, at most what its points payments have left,
exactly once per idempotency key, within their scope (two tenants: tests/tenants.py)."""

from __future__ import annotations

import asyncio

import pytest

from ledger.balances import points_balance
from mall.accounts.models import ScopeKind
from mall.accounts.permissions import ALL_PERMISSIONS
from mall.graphql.ids import to_global_id
from orders.models import Order, OrderEvent
from tests.factories import make_staff, token_for
from tests.security.probe import database_state
from tests.tenants import Tenant, make_tenants

ORDER_REFUND = """
mutation OrderRefund($id: ID!, $amount: PositiveDecimal!) {
  orderRefund(id: $id, amount: $amount) {
    errors { code field message }
    order { id number totalRefunded { amount currency } }
  }
}
"""


ORDER_REFUND_WITH_KEY = """
mutation OrderRefund($id: ID!, $amount: PositiveDecimal!, $key: String) {
  orderRefund(id: $id, amount: $amount, idempotencyKey: $key) {
    errors { code field message }
    order { totalRefunded { amount currency } }
  }
}
"""


async def _available(tenant: Tenant) -> int:
    return (await points_balance(tenant.channel.id, tenant.member.id)).points_available


@pytest.fixture
async def world(settings):
    tenants = await make_tenants(settings)
    operator = token_for(await make_staff("ops@example.com", list(ALL_PERMISSIONS)), settings)
    return tenants, operator


async def test_the_operator_refunds_part_of_an_order_and_the_points_come_back(api, world):
    # given: Mei redeemed a 900-point kettle out of 10,000 points
    tenants, operator = world
    order_id = to_global_id("Order", tenants.a.order.id)

    # when
    answer = await api.ok(ORDER_REFUND, {"id": order_id, "amount": 300}, token=operator)

    # then
    assert answer["orderRefund"]["errors"] == []
    assert answer["orderRefund"]["order"]["totalRefunded"] == {"amount": 300.0, "currency": "PTS"}
    assert await _available(tenants.a) == 9_400
    assert (await Order.get(id=tenants.a.order.id)).points_refunded == 300


async def test_a_refund_sent_again_with_its_key_refunds_nothing_more(api, world):
    # given
    tenants, operator = world
    variables = {"id": to_global_id("Order", tenants.a.order.id), "amount": 200, "key": "ticket-4411"}
    await api.ok(ORDER_REFUND_WITH_KEY, variables, token=operator)

    # when
    again = await api.ok(ORDER_REFUND_WITH_KEY, variables, token=operator)

    # then
    assert again["orderRefund"] == {"errors": [], "order": {"totalRefunded": {"amount": 200.0, "currency": "PTS"}}}
    assert await _available(tenants.a) == 9_300
    assert await OrderEvent.filter(order_id=tenants.a.order.id, type="FULFILLMENT_REFUNDED").count() == 1


async def test_a_later_refund_is_a_new_one_up_to_what_is_left(api, world):
    # given
    tenants, operator = world
    order_id = to_global_id("Order", tenants.a.order.id)
    await api.ok(ORDER_REFUND, {"id": order_id, "amount": 600}, token=operator)

    # when
    rest = await api.ok(ORDER_REFUND, {"id": order_id, "amount": 300}, token=operator)

    # then
    assert rest["orderRefund"]["errors"] == []
    assert await _available(tenants.a) == 10_000


@pytest.mark.parametrize(("amount", "message"), [
    (901, "Refund between 1 and 900 points: what the order has left to refund."),
    (1.5, "Points are refunded in whole points."),
])
async def test_an_amount_beyond_what_is_left_or_not_whole_points_is_refused_and_nothing_changes(
    api, world, amount, message
):
    # given
    tenants, operator = world
    before = await database_state()

    # when
    answer = await api.ok(ORDER_REFUND, {"id": to_global_id("Order", tenants.a.order.id), "amount": amount},
                          token=operator)

    # then
    assert answer == {"orderRefund": {"order": None, "errors": [{"code": "INVALID", "field": "amount",
                                                                  "message": message}]}}
    assert await database_state() == before


async def test_another_banks_staff_may_not_refund_and_nothing_changes(api, world, settings):
    # given
    tenants, _ = world
    bank_b = await make_staff("bank-b@example.com", ["MANAGE_ORDERS"], scope=(ScopeKind.ISSUER, "BANKB"))
    before = await database_state()

    # when
    answer = await api.post(ORDER_REFUND, {"id": to_global_id("Order", tenants.a.order.id), "amount": 100},
                            token=token_for(bank_b, settings))

    # then
    assert answer.error_codes == ["PermissionDenied"]
    assert await database_state() == before


@pytest.mark.postgres_only
async def test_the_same_keyed_refund_sent_twice_at_once_refunds_once(api, world):
    # given
    tenants, operator = world
    variables = {"id": to_global_id("Order", tenants.a.order.id), "amount": 250, "key": "double-click"}

    # when
    first, second = await asyncio.gather(api.ok(ORDER_REFUND_WITH_KEY, variables, token=operator),
                                         api.ok(ORDER_REFUND_WITH_KEY, variables, token=operator))

    # then
    assert first["orderRefund"]["errors"] == second["orderRefund"]["errors"] == []
    assert await _available(tenants.a) == 9_350
    assert (await Order.get(id=tenants.a.order.id)).points_refunded == 250
