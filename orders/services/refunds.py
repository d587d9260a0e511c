"""Refunding order lines (a failed delivery, a returned gift): points back into the member's lots through the
ledger, the cash part handed to the cash gateway through the outbox, each exactly once per refund key.

The split rule for points + cash orders. Lines worth V points (unit price x quantity) give back the share
V / total_points of what the order paid in each means: of `points_charged` in points and of `cash_charged`
in cash. The shares are counted over all the order's line refunds together, so rounding never loses nor
adds a point or a cent: once refunds worth W points in all are made, the member has received
floor(points_charged x W / total_points) points and cash_charged x W / total_points rounded down to the
cent. The shipping price belongs to no line and is not refunded.

The cash part becomes an outbox message (topic `payments.cash_refund`), delivered by `mall worker` to the
cash gateway's handler, which refunds it and records the gateway's answer on the transaction.

Staff may also give back an amount of points with no lines (`refund_points`, Saleor's `orderRefund`): at most
what the order's points payments have left, never cash; it counts no line value, so later line refunds still
owe their full share (the ledger refuses any refund beyond what was captured).

Errors (DomainError, OrdersErrorCode): INVALID (quantity, a line of another order, an amount that is not whole
points or more than is left), and the ledger's refusals (REFUND_EXCEEDS_CAPTURE, IDEMPOTENCY_CONFLICT).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from tortoise.expressions import F

from kernel.errors import DomainError
from ledger.services import Request, refund_capture
from orders.errors import OrdersErrorCode
from orders.models import Gateway, Order, OrderEvent, OrderLine, Transaction, TransactionEvent
from orders.services.cash_refunds import enqueue_cash_refund
from orders.services.payments import record

REFUND_EVENT = "FULFILLMENT_REFUNDED"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class LineQuantity:
    line: OrderLine
    quantity: int


@dataclass(frozen=True)
class RefundResult:
    lines_value_points: int
    points: int
    cash: Decimal
    replayed: bool = False


@dataclass(frozen=True)
class RefundRequest:
    """`key` names the refund (e.g. `shipment:12:failed`): the same key again refunds nothing more."""

    key: str
    actor: str
    reason: str


def lines_value(lines: list[LineQuantity], order_id: object) -> int:
    for item in lines:
        if item.line.order_id != order_id or not 0 < item.quantity <= item.line.quantity:  # type: ignore[attr-defined]
            raise DomainError.single("lines", "Refund whole units of the order's own lines.", OrdersErrorCode.INVALID)
    return sum(item.line.unit_price_points * item.quantity for item in lines)


def shares(order: Order, value_before: int, value_after: int) -> tuple[int, Decimal]:
    """(points, cash) owed for the refunds growing from `value_before` to `value_after` points of lines."""
    if order.total_points <= 0:
        return 0, Decimal(0)

    def points_at(value: int) -> int:
        return order.points_charged * value // order.total_points

    def cash_at(value: int) -> Decimal:
        return (Decimal(order.cash_charged) * value / order.total_points).quantize(CENT, rounding=ROUND_DOWN)

    return points_at(value_after) - points_at(value_before), cash_at(value_after) - cash_at(value_before)


async def _earlier_refunds(order_id: object) -> list[dict]:
    return list(await OrderEvent.filter(order_id=order_id, type=REFUND_EVENT).values_list("data", flat=True))


async def _refund_points(order: Order, points: int, request: RefundRequest) -> None:
    remaining = points
    captured = await Transaction.filter(
        order_id=order.id, gateway=Gateway.POINTS, capture_transfer_id__not_isnull=True
    ).order_by("created_at", "token")
    for transaction in captured:
        take = min(remaining, int(transaction.charged_value))
        if take <= 0:
            continue
        ledger_request = Request(idempotency_key=f"{request.key}:points:{transaction.token}", actor=request.actor,
                                 reference=f"order:{order.id}", reason=request.reason)
        await refund_capture(transaction.capture_transfer_id, ledger_request, points=take)
        await Transaction.filter(token=transaction.token, charged_value__gte=take).update(
            charged_value=F("charged_value") - take, refunded_value=F("refunded_value") + take
        )
        await record(transaction, "REFUND_SUCCESS", take, f"Points returned: {request.reason}")
        remaining -= take


async def _cash_left(transaction: Transaction) -> Decimal:
    asked = await TransactionEvent.filter(transaction_id=transaction.token, type="REFUND_REQUEST").values_list(
        "amount", flat=True
    )
    return Decimal(transaction.charged_value) - sum(asked, Decimal(0))


async def _refund_cash(order: Order, cash: Decimal, request: RefundRequest) -> None:
    remaining = cash
    paid = await Transaction.filter(order_id=order.id, charged_value__gt=0).exclude(gateway=Gateway.POINTS).order_by(
        "created_at", "token"
    )
    for transaction in paid:
        take = min(remaining, await _cash_left(transaction))
        if take <= 0:
            continue
        await enqueue_cash_refund(transaction, take, request.reason, f"{request.key}:cash:{transaction.token}")
        await record(transaction, "REFUND_REQUEST", take, f"Cash refund requested: {request.reason}")
        remaining -= take


async def refund_lines(order: Order, lines: list[LineQuantity], request: RefundRequest) -> RefundResult:
    """Give back what these lines cost the member (see the module's split rule). Inside the caller's
    transaction. The same `request.key` again returns the first result and refunds nothing more."""
    value = lines_value(lines, order.id)
    await Order.filter(id=order.id).select_for_update().first()  # one refund of an order at a time
    earlier = await _earlier_refunds(order.id)
    for data in earlier:
        if data.get("refund_key") == request.key:
            return RefundResult(data["lines_value_points"], data["points"], Decimal(data["cash"]), replayed=True)
    before = sum(int(data.get("lines_value_points", 0)) for data in earlier)
    points, cash = shares(order, before, before + value)
    await _refund_points(order, points, request)
    await _refund_cash(order, cash, request)
    # cash_refunded grows when the gateway has refunded (orders.services.cash_refunds), not when asked.
    await Order.filter(id=order.id).update(points_refunded=F("points_refunded") + points)
    data = {"refund_key": request.key, "lines_value_points": value, "points": points, "cash": str(cash),
            "amount": points, "quantity": sum(item.quantity for item in lines)}
    await OrderEvent.create(order=order, type=REFUND_EVENT, actor=request.actor, message=request.reason, data=data)
    return RefundResult(value, points, cash)


async def points_left_to_refund(order_id: object) -> int:
    """What the order's captured points payments have not given back yet."""
    left = await Transaction.filter(
        order_id=order_id, gateway=Gateway.POINTS, capture_transfer_id__not_isnull=True
    ).values_list("charged_value", flat=True)
    return int(sum(left, Decimal(0)))


async def refund_points(order: Order, points: int, request: RefundRequest) -> RefundResult:
    """Give back `points` of what the order paid in points, into the member's lots they came from. Inside the
    caller's transaction; the same `request.key` again returns the first result and refunds nothing more.
    Raises INVALID (`amount`) for fewer than one point or more than is left to refund."""
    await Order.filter(id=order.id).select_for_update().first()  # one refund of an order at a time
    for data in await _earlier_refunds(order.id):
        if data.get("refund_key") == request.key:
            return RefundResult(0, data["points"], Decimal(data["cash"]), replayed=True)
    left = await points_left_to_refund(order.id)
    if not 0 < points <= left:
        raise DomainError.single("amount", f"Refund between 1 and {left} points: what the order has left to refund.",
                                 OrdersErrorCode.INVALID)
    await _refund_points(order, points, request)
    await Order.filter(id=order.id).update(points_refunded=F("points_refunded") + points)
    data = {"refund_key": request.key, "lines_value_points": 0, "points": points, "cash": "0", "amount": points,
            "quantity": 0}
    await OrderEvent.create(order=order, type=REFUND_EVENT, actor=request.actor, message=request.reason, data=data)
    return RefundResult(0, points, Decimal(0))
