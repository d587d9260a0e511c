"""The order lifecycle as data: which status may follow which, one function to move it and record why.

Errors (DomainError, OrdersErrorCode): CANNOT_CANCEL_ORDER, INVALID (a transition not in the table).
"""

from __future__ import annotations

from catalog.services.stock import Allocation, deallocate
from kernel.errors import DomainError
from ledger.services import Request, refund_capture
from orders.errors import OrdersErrorCode
from orders.flash_sales.services import give_back_sale_units
from orders.models import Gateway, Order, OrderEvent, OrderLineAllocation, OrderStatus, Transaction
from orders.services.cash_refunds import enqueue_cash_refund
from orders.services.payments import record
from orders.vouchers.checkout import release_use

TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.UNCONFIRMED: frozenset({OrderStatus.UNFULFILLED, OrderStatus.CANCELED}),
    OrderStatus.UNFULFILLED: frozenset({OrderStatus.PARTIALLY_FULFILLED, OrderStatus.FULFILLED, OrderStatus.CANCELED}),
    # Back to fewer fulfilled units: a shipment was cancelled before it left (orderFulfillmentCancel).
    OrderStatus.PARTIALLY_FULFILLED: frozenset(
        {OrderStatus.FULFILLED, OrderStatus.PARTIALLY_RETURNED, OrderStatus.UNFULFILLED}
    ),
    OrderStatus.FULFILLED: frozenset(
        {OrderStatus.PARTIALLY_RETURNED, OrderStatus.RETURNED, OrderStatus.PARTIALLY_FULFILLED, OrderStatus.UNFULFILLED}
    ),
    OrderStatus.PARTIALLY_RETURNED: frozenset({OrderStatus.RETURNED}),
    OrderStatus.RETURNED: frozenset(),
    OrderStatus.CANCELED: frozenset(),
}


async def move(
    order: Order, target: OrderStatus, actor: str, event: str, message: str = "", data: dict | None = None
) -> Order:
    """The one place an order's status changes: checked against TRANSITIONS, guarded against a concurrent
    change (conditional update), and recorded as an event."""
    current = OrderStatus(order.status)
    if target not in TRANSITIONS[current]:
        raise DomainError.single(
            "id",
            f"An order that is {current.value.replace('_', ' ')} cannot become {target.value.replace('_', ' ')}.",
            OrdersErrorCode.INVALID,
        )
    if not await Order.filter(id=order.id, status=current).update(status=target):
        raise DomainError.single("id", "The order changed meanwhile, reload it.", OrdersErrorCode.INVALID)
    order.status = target
    await OrderEvent.create(order=order, type=event, actor=actor, message=message, data=data or {})
    return order


async def _refund_points(order: Order, actor: str) -> int:
    refunded = 0
    captured = await Transaction.filter(order_id=order.id, gateway=Gateway.POINTS, capture_transfer_id__not_isnull=True)
    for transaction in captured:
        request = Request(
            idempotency_key=f"order:{order.id}:cancel:{transaction.token}",
            actor=actor,
            reference=f"order:{order.id}",
            reason="order canceled",
        )
        refund = await refund_capture(transaction.capture_transfer_id, request)
        await Transaction.filter(token=transaction.token).update(charged_value=0, refunded_value=refund.points)
        await record(transaction, "REFUND_SUCCESS", refund.points, "Points returned")
        refunded += refund.points
    return refunded


async def cancel_order(order: Order, actor: str) -> Order:
    """Cancel an order nothing of which has shipped: stock goes back, points go back into the lots they
    came from (same expiry), cash paid by card is refunded (outbox topic payments.cash_refund), a voucher's use is
    given back (orders.vouchers.checkout.release_use). Raises
    DomainError CANNOT_CANCEL_ORDER otherwise.

    In the global lock order (mall.locking): the order's row, then the member's points, then stock last.
    Giving the stock back before the points would deadlock with the same member completing another cart
    of the same gift (points first, stock last). Units sold in a flash sale go back to the sale."""
    if OrderStatus(order.status) not in {OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED}:
        raise DomainError.single("id", "This order can't be canceled.", OrdersErrorCode.CANNOT_CANCEL_ORDER)
    await move(order, OrderStatus.CANCELED, actor, "CANCELED")
    refunded = await _refund_points(order, actor)
    await Order.filter(id=order.id).update(points_refunded=refunded)
    order.points_refunded = refunded
    await _refund_cash(order)
    # Saleor releases a voucher's use on cancel (a refund keeps it: the order stands, discounted).
    await release_use(order)  # after the points, before the sales and the stock (mall.locking)
    await give_back_sale_units(order.id)  # after the points, before the stock (mall.locking)
    allocations = await OrderLineAllocation.filter(order_line__order_id=order.id)
    await deallocate([Allocation(a.stock_id, a.quantity) for a in allocations])  # type: ignore[attr-defined]
    await OrderLineAllocation.filter(id__in=[a.id for a in allocations]).delete()
    return order


async def _refund_cash(order: Order) -> None:
    """The card part goes back through the worker (Stripe is called outside this transaction); the order's
    `cash_refunded` grows when Stripe has refunded."""
    charged = await Transaction.filter(order_id=order.id, gateway=Gateway.STRIPE, charged_value__gt=0)
    for transaction in charged:
        key = f"order:{order.id}:cancel:{transaction.token}"
        await enqueue_cash_refund(transaction, transaction.charged_value, "Order canceled.", key)


async def confirm_order(order: Order, actor: str) -> Order:
    return await move(order, OrderStatus.UNFULFILLED, actor, "CONFIRMED")
