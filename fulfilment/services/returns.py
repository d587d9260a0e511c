"""Member returns: the member asks within the channel's return window, the partner approves (or rejects),
and the points come back when the partner receives the goods.

    requested -> approved -> received      (refund and restock happen on `received`)
    requested -> rejected

Errors (DomainError, FulfilmentErrorCode): NOT_FOUND (another member's or partner's rows), INVALID
(not delivered, window closed, too many units, a transition not in the table), REQUIRED (no lines).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from catalog.services.stock import add_to_stock
from fulfilment.digital.giving_back import give_back_codes, is_digital_line, refuse_shown_codes
from fulfilment.errors import FulfilmentErrorCode
from fulfilment.models import ReturnEvent, ReturnLine, ReturnRequest, ReturnStatus, Shipment, ShipmentLine
from fulfilment.services.access import Shipper
from fulfilment.services.notices import tell_return_decided
from fulfilment.services.shipments import order_units
from kernel import clock
from kernel.errors import DomainError
from mall.actors import missing
from mall.channels.models import Channel  # read-only: the channel's return window
from orders.models import Order
from orders.services.refunds import LineQuantity, RefundRequest, refund_lines
from orders.services.shipments import record_change, record_event

TRANSITIONS: dict[ReturnStatus, frozenset[ReturnStatus]] = {
    ReturnStatus.REQUESTED: frozenset({ReturnStatus.APPROVED, ReturnStatus.REJECTED}),
    ReturnStatus.APPROVED: frozenset({ReturnStatus.RECEIVED}),
    ReturnStatus.REJECTED: frozenset(),
    ReturnStatus.RECEIVED: frozenset(),
}


@dataclass(frozen=True)
class ReturnPick:
    shipment_line_id: int
    quantity: int


async def move_return(request: ReturnRequest, target: ReturnStatus, actor: str, note: str = "",
                      **values: object) -> ReturnRequest:
    """The one place a return's status changes: checked against TRANSITIONS, conditional, recorded."""
    current = ReturnStatus(request.status)
    if target not in TRANSITIONS[current] or not await ReturnRequest.filter(id=request.id, status=current).update(
        status=target, **values
    ):
        raise DomainError.single(
            "id", f"A {current.value} return cannot become {target.value}.", FulfilmentErrorCode.INVALID
        )
    request.status = target
    await ReturnEvent.create(return_request=request, status=target, actor=actor, note=note)
    return request


async def _check_window(shipment: Shipment, order: Order, now: datetime) -> None:
    if shipment.delivered_at is None:
        raise DomainError.single("fulfillment", "Only delivered gifts can be returned.", FulfilmentErrorCode.INVALID)
    channel = await Channel.get(id=order.channel_id)  # type: ignore[attr-defined]
    closes = shipment.delivered_at + timedelta(days=channel.return_window_days)
    if now > closes:
        raise DomainError.single("fulfillment", f"The return window closed on {closes.date().isoformat()}.",
                                 FulfilmentErrorCode.INVALID)


async def _returnable(line: ShipmentLine) -> int:
    taken = await ReturnLine.filter(shipment_line_id=line.id).exclude(
        return_request__status=ReturnStatus.REJECTED).values_list("quantity", flat=True)
    return line.quantity - sum(taken)


async def _checked_lines(shipment: Shipment, picks: list[ReturnPick]) -> list[tuple[ShipmentLine, int]]:
    if not picks:
        raise DomainError.single("lines", "Choose at least one gift to return.", FulfilmentErrorCode.REQUIRED)
    lines = {line.id: line for line in await ShipmentLine.filter(shipment_id=shipment.id)}
    checked = []
    for pick in picks:
        line = lines.get(pick.shipment_line_id)
        if line is None:
            raise missing("lines", f"FulfillmentLine:{pick.shipment_line_id}", FulfilmentErrorCode.NOT_FOUND)
        if not 0 < pick.quantity <= await _returnable(line):
            raise DomainError.single(
                "lines", "Return at most the units delivered and not returned yet.", FulfilmentErrorCode.INVALID
            )
        checked.append((line, pick.quantity))
    return checked


async def request_return(member_id: int, shipment_id: int, picks: list[ReturnPick], reason: str,
                         now: datetime | None = None) -> ReturnRequest:
    """A member asks to return delivered gifts of their own order."""
    shipment = await Shipment.get_or_none(id=shipment_id)
    order = await Order.get_or_none(id=shipment.order_id) if shipment else None  # type: ignore[attr-defined]
    if shipment is None or order is None or order.user_id != member_id:  # type: ignore[attr-defined]
        raise missing("fulfillment", f"Fulfillment:{shipment_id}", FulfilmentErrorCode.NOT_FOUND)
    await _check_window(shipment, order, (now or clock.now()).astimezone(UTC))
    lines = await _checked_lines(shipment, picks)
    await refuse_shown_codes([line.order_line_id for line, _ in lines])  # type: ignore[attr-defined]
    request = await ReturnRequest.create(order=order, shipment=shipment, partner_code=shipment.partner_code,
                                         reason=reason.strip()[:1000])
    for line, quantity in lines:
        await ReturnLine.create(return_request=request, shipment_line=line, quantity=quantity)
    actor = f"user:{member_id}"
    await ReturnEvent.create(return_request=request, status=ReturnStatus.REQUESTED, actor=actor, note=request.reason)
    await record_event(order, "OTHER", actor, "Return requested.", {"return": request.id})
    return request


async def return_for_change(shipper: Shipper, return_id: int) -> ReturnRequest:
    request = await ReturnRequest.get_or_none(id=return_id)
    if request is None or not shipper.owns(request):
        raise missing("id", f"ReturnRequest:{return_id}", FulfilmentErrorCode.NOT_FOUND)
    return request


async def decide_return(shipper: Shipper, request: ReturnRequest, approve: bool, note: str = "") -> ReturnRequest:
    target = ReturnStatus.APPROVED if approve else ReturnStatus.REJECTED
    decided = await move_return(request, target, shipper.actor, note)
    await tell_return_decided(await Order.get(id=request.order_id), decided, note)  # type: ignore[attr-defined]
    return decided


async def receive_return(shipper: Shipper, request: ReturnRequest, now: datetime | None = None) -> ReturnRequest:
    """The goods are back: points (and cash) go back to the member, the goods back on the shelf."""
    received_at = (now or clock.now()).astimezone(UTC)
    await move_return(request, ReturnStatus.RECEIVED, shipper.actor, received_at=received_at)
    order = await Order.get(id=request.order_id)  # type: ignore[attr-defined]
    lines = await ReturnLine.filter(return_request_id=request.id).select_related("shipment_line")
    picked = [LineQuantity(await line.shipment_line.order_line, line.quantity) for line in lines]
    refund = await refund_lines(order, picked, RefundRequest(f"return:{request.id}:received", shipper.actor,
                                                             "gift returned"))
    await ReturnRequest.filter(id=request.id).update(points_refunded=refund.points)
    for line in sorted(lines, key=lambda line: line.shipment_line.stock_id or 0):  # lock order: mall.locking
        if line.shipment_line.stock_id is not None:
            restocked = await _units_back(line)
            if restocked:
                await add_to_stock(line.shipment_line.stock_id, restocked)
    shipped, returned = await order_units(order.id)
    await record_change(order, shipped, returned, shipper.actor, "FULFILLMENT_RETURNED",
                        data={"return": request.id, "quantity": sum(line.quantity for line in lines)})
    return await ReturnRequest.get(id=request.id)


async def _units_back(line: ReturnLine) -> int:
    """Units back on the shelf: all of a parcel's, and of a digital gift only the codes that went back into
    its pool (the stock row mirrors the pool; burned codes never come back)."""
    order_line_id = line.shipment_line.order_line_id  # type: ignore[attr-defined]
    if await is_digital_line(order_line_id):
        return await give_back_codes(order_line_id, line.quantity)
    return line.quantity
