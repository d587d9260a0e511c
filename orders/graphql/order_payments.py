"""The Order fields about what was paid and what went back: Saleor's payment, authorize and charge statuses,
the order's transactions, and its charge, refund and pending totals, in the channel's points unit.

Points are redeemed when the order is completed, so nothing is ever authorized, pending or granted: those
totals answer zero. Each field is assigned into `Order` where Saleor's schema lists it, which keeps the
schema's field order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from mall.graphql.common import Money
from mall.graphql.context import Info
from mall.graphql.permissions import require_permission
from orders.graphql.absent import OrderGrantedRefund, Payment
from orders.graphql.common import points
from orders.graphql.enums import OrderAuthorizeStatusEnum, OrderChargeStatusEnum, PaymentChargeStatusEnum
from orders.graphql.transactions import TransactionItem
from orders.models import Order as OrderModel
from orders.models import Transaction as TransactionModel
from orders.services.statuses import authorize_status as authorize_status_of
from orders.services.statuses import cash_points_kept
from orders.services.statuses import charge_status as charge_status_of
from orders.services.statuses import payment_status as payment_status_of

if TYPE_CHECKING:
    from orders.graphql.order import Order

PAYMENT_DISPLAY = {
    "NOT_CHARGED": "Not charged", "PENDING": "Pending", "PARTIALLY_CHARGED": "Partially charged",
    "FULLY_CHARGED": "Fully charged", "PARTIALLY_REFUNDED": "Partially refunded",
    "FULLY_REFUNDED": "Fully refunded", "REFUSED": "Refused", "CANCELLED": "Cancelled",
}


def _cash_points_kept(order: OrderModel) -> int:
    return cash_points_kept(order.cash_covered_points, order.cash_charged, order.cash_refunded)


def _net_charged(order: OrderModel) -> int:
    """Points redeemed less points given back, plus the points the cash still pays for."""
    return order.points_charged - order.points_refunded + _cash_points_kept(order)


def _payment_status(order: OrderModel) -> str:
    charged = order.points_charged + order.cash_covered_points
    refunded = order.points_refunded + order.cash_covered_points - _cash_points_kept(order)
    return payment_status_of(charged, refunded, order.total_points).value


async def _staff_zero(order: Order, info: Info) -> Money:
    await require_permission(info, "MANAGE_ORDERS")
    return points(0, order.unit)


@strawberry.field(description="Informs if an order is fully paid.")
def is_paid(self: Order) -> bool:
    return _net_charged(self.model) >= self.model.total_points


@strawberry.field(description="Internal payment status.")
def payment_status(self: Order) -> PaymentChargeStatusEnum:
    return PaymentChargeStatusEnum[_payment_status(self.model)]


@strawberry.field(description="User-friendly payment status.")
def payment_status_display(self: Order) -> str:
    return PAYMENT_DISPLAY[_payment_status(self.model)]


@strawberry.field(description="The authorize status of the order.")
def authorize_status(self: Order) -> OrderAuthorizeStatusEnum:
    return OrderAuthorizeStatusEnum[authorize_status_of(_net_charged(self.model), self.model.total_points).value]


@strawberry.field(description="The charge status of the order.")
def charge_status(self: Order) -> OrderChargeStatusEnum:
    return OrderChargeStatusEnum[charge_status_of(_net_charged(self.model), self.model.total_points).value]


@strawberry.field(description="List of transactions for the order. "
                  "Requires one of the following permissions: MANAGE_ORDERS, HANDLE_PAYMENTS.")
async def transactions(self: Order, info: Info) -> list[TransactionItem]:
    await require_permission(info, "MANAGE_ORDERS", "HANDLE_PAYMENTS")
    rows = await TransactionModel.filter(order_id=self.model.id).order_by("created_at")
    return [TransactionItem.of(row) for row in rows]


@strawberry.field(description="List of payments for the order.", deprecation_reason=(
    "The legacy Payments API is deprecated and will be removed. Use the Transactions API instead."))
def payments(self: Order) -> list[Payment]:
    return []


@strawberry.field(description="Amount authorized for the order: points are redeemed at completion.")
def total_authorized(self: Order) -> Money:
    return points(0, self.unit)


@strawberry.field(description="Amount captured for the order.", deprecation_reason="Use `totalCharged` instead.")
def total_captured(self: Order) -> Money:
    return points(_net_charged(self.model), self.unit)


@strawberry.field(description="Amount charged for the order: points redeemed, less points given back.")
def total_charged(self: Order) -> Money:
    return points(_net_charged(self.model), self.unit)


@strawberry.field(description="Amount canceled for the order.")
def total_canceled(self: Order) -> Money:
    return points(0, self.unit)


@strawberry.field(description="The difference between the paid and the order total amount.")
def total_balance(self: Order) -> Money:
    return points(_net_charged(self.model) - self.model.total_points, self.unit)


@strawberry.field(description="List of granted refunds. Requires MANAGE_ORDERS.")
async def granted_refunds(self: Order, info: Info) -> list[OrderGrantedRefund]:
    await require_permission(info, "MANAGE_ORDERS")
    return []


@strawberry.field(description="Total amount of granted refund. Requires MANAGE_ORDERS.")
async def total_granted_refund(self: Order, info: Info) -> Money:
    return await _staff_zero(self, info)


@strawberry.field(description="Total refund amount for the order: points given back.")
def total_refunded(self: Order) -> Money:
    return points(self.model.points_refunded, self.unit)


@strawberry.field(description="Total amount of ongoing refund requests. Requires MANAGE_ORDERS.")
async def total_refund_pending(self: Order, info: Info) -> Money:
    return await _staff_zero(self, info)


@strawberry.field(description="Total amount of ongoing authorize requests. Requires MANAGE_ORDERS.")
async def total_authorize_pending(self: Order, info: Info) -> Money:
    return await _staff_zero(self, info)


@strawberry.field(description="Total amount of ongoing charge requests. Requires MANAGE_ORDERS.")
async def total_charge_pending(self: Order, info: Info) -> Money:
    return await _staff_zero(self, info)


@strawberry.field(description="Total amount of ongoing cancel requests. Requires MANAGE_ORDERS.")
async def total_cancel_pending(self: Order, info: Info) -> Money:
    return await _staff_zero(self, info)


@strawberry.field(description="The difference amount between granted refund and the amounts that are pending "
                  "and refunded. Requires MANAGE_ORDERS.")
async def total_remaining_grant(self: Order, info: Info) -> Money:
    return await _staff_zero(self, info)
