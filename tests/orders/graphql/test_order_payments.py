"""What an order says it was paid and what went back (orders/graphql/order_payments.py): statuses, charge,
refund and pending totals in the channel's points unit, and which of them are staff's."""

from __future__ import annotations

import pytest

from tests.orders.graphql.helpers import shopper
from tests.orders.graphql.test_orders import CANCEL, staff_token
from tests.orders.services.world import GIFT_POINTS

PAID = """
query Paid($id: ID!) { order(id: $id) {
  isPaid paymentStatus paymentStatusDisplay authorizeStatus chargeStatus payments { id }
  totalAuthorized { amount } totalCaptured { amount } totalCharged { amount } totalCanceled { amount }
  totalBalance { amount } totalRefunded { amount currency }
} }
"""
# Asked one a request: two permission-checked fields resolved together can meet the caller before it is
# looked up (Context.principal marks it resolved before authenticate returns) and be refused.
STAFF_ONLY = {
    "transactions { chargedAmount { amount } }": [{"chargedAmount": {"amount": float(GIFT_POINTS)}}],
    "grantedRefunds { id }": [],
    "totalGrantedRefund { amount }": {"amount": 0.0},
    "totalRefundPending { amount }": {"amount": 0.0},
    "totalAuthorizePending { amount }": {"amount": 0.0},
    "totalChargePending { amount }": {"amount": 0.0},
    "totalCancelPending { amount }": {"amount": 0.0},
    "totalRemainingGrant { amount }": {"amount": 0.0},
}


async def test_a_placed_order_is_fully_charged_in_points(api, settings):
    # given
    member = await shopper(api, settings)
    order = await member.placed_order(quantity=2)
    unit = member.world.channel.currency_code

    # when
    paid = (await api.ok(PAID, {"id": order["id"]}))["order"]

    # then
    charged = 2.0 * GIFT_POINTS
    assert paid == {
        "isPaid": True, "paymentStatus": "FULLY_CHARGED", "paymentStatusDisplay": "Fully charged",
        "authorizeStatus": "FULL", "chargeStatus": "FULL", "payments": [],
        "totalAuthorized": {"amount": 0.0}, "totalCaptured": {"amount": charged},
        "totalCharged": {"amount": charged}, "totalCanceled": {"amount": 0.0}, "totalBalance": {"amount": 0.0},
        "totalRefunded": {"amount": 0.0, "currency": unit},
    }


async def test_a_cancelled_order_shows_its_points_given_back(api, settings):
    # given
    member = await shopper(api, settings)
    order = await member.placed_order(quantity=2)
    operator = await staff_token(settings)
    assert (await api.ok(CANCEL, {"id": order["id"]}, operator))["orderCancel"]["errors"] == []

    # when
    paid = (await api.ok(PAID, {"id": order["id"]}))["order"]

    # then
    total = 2.0 * GIFT_POINTS
    assert paid == {
        "isPaid": False, "paymentStatus": "FULLY_REFUNDED", "paymentStatusDisplay": "Fully refunded",
        "authorizeStatus": "NONE", "chargeStatus": "NONE", "payments": [],
        "totalAuthorized": {"amount": 0.0}, "totalCaptured": {"amount": 0.0}, "totalCharged": {"amount": 0.0},
        "totalCanceled": {"amount": 0.0}, "totalBalance": {"amount": -total},
        "totalRefunded": {"amount": total, "currency": member.world.channel.currency_code},
    }


@pytest.mark.parametrize(("field", "expected"), STAFF_ONLY.items())
async def test_staff_read_that_nothing_is_pending_and_the_owner_may_not(api, settings, field, expected):
    # given
    member = await shopper(api, settings)
    order = await member.placed_order()
    operator = await staff_token(settings)
    document = f"query($id: ID!) {{ order(id: $id) {{ {field} }} }}"

    # when
    as_staff = await api.ok(document, {"id": order["id"]}, operator)
    as_owner = await api.post(document, {"id": order["id"]}, member.token)

    # then
    assert list(as_staff["order"].values()) == [expected]
    assert (as_owner.data, as_owner.error_codes) == ({"order": None}, ["PermissionDenied"])
