"""Digital lines are delivered when the order is placed: no warehouse worker, no carrier, no address.

`fulfil_digital_lines` runs inside checkoutComplete's transaction (orders calls it through the hook the
composition root fills). A code-backed line takes its codes from the pool there and then and is delivered
at once: a shipment from the gift's warehouse, delivered now, so the order moves to FULFILLED and partner
settlement counts the line from this moment, as it counts a parcel from its delivery. A line the partner's
API issues gets an outbox message (fulfilment.digital.issuing) and is delivered when the answer is in.

Taking codes is one conditional UPDATE over the oldest-expiring unsold codes. On PostgreSQL the codes it
picks are locked with SKIP LOCKED: two completions racing for the last codes never take the same one and
never wait for each other's rows. A completion that finds fewer codes than its units is refused
(INSUFFICIENT_STOCK) and rolls back whole.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from fulfilment.digital.code_messages import line_codes_secret
from fulfilment.digital.models import DigitalCode, DigitalGift, DigitalIssue, DigitalMode
from fulfilment.models import HandoffStatus, Shipment, ShipmentLine, ShipmentStatus, TrackingStatus
from fulfilment.services.notices import tell_gift_code
from fulfilment.services.shipments import record_on_order
from kernel import clock
from kernel.errors import DomainError
from mall import sql
from mall.outbox.services import enqueue
from orders.errors import OrdersErrorCode
from orders.models import Order, OrderLine
from orders.services.shipments import fulfil_units, lock_stock_for_shipping, ship_units

DIGITAL_ACTOR = "system:digital-delivery"
ISSUE_TOPIC = "fulfilment.digital_issue"
CODE_TABLE = DigitalCode._meta.db_table
HIDDEN_CODE = "********"  # what the inbox shows of a code (see _notify_member)


def _take_codes_statement(postgres: bool) -> str:
    # Oldest-expiring first, so codes are not left to expire in the pool. FOR UPDATE SKIP LOCKED lets
    # concurrent completions pass each other's picks instead of taking them twice or queueing. The pick is a
    # materialised CTE, run once: as an `IN (subquery)` PostgreSQL may run a locking LIMIT subquery again for
    # each row it scans, each run picking another code, and one line took a whole pool that way.
    pick = (
        f"SELECT id FROM {CODE_TABLE} WHERE variant_id = $1 AND status = 'available' "
        "AND (valid_until IS NULL OR valid_until >= $2) ORDER BY valid_until NULLS LAST, id LIMIT $3"
        + (" FOR UPDATE SKIP LOCKED" if postgres else "")
    )
    return (
        f"WITH picked AS {'MATERIALIZED ' if postgres else ''}({pick}) "
        f"UPDATE {CODE_TABLE} SET status = 'assigned', order_line_id = $4, order_id = $5, assigned_at = $6 "
        "WHERE status = 'available' AND id IN (SELECT id FROM picked) RETURNING id"
    )


async def take_codes(line: OrderLine, order: Order, today: date) -> None:
    """Give the line one unsold code per unit; raises INSUFFICIENT_STOCK when the pool has fewer."""
    statement = _take_codes_statement(sql.is_postgres())
    taken = len(await sql.fetch(statement, line.variant_id, today, line.quantity, str(line.id), order.id,  # type: ignore[attr-defined]
                                clock.now()))
    if taken != line.quantity:  # fewer codes than units: the whole completion rolls back
        raise DomainError.single("lines", f"Insufficient product stock: {line.product_name}",
                                 OrdersErrorCode.INSUFFICIENT_STOCK, variants=[line.variant_id])  # type: ignore[attr-defined]


async def digital_gifts_of(lines: list[OrderLine]) -> dict[int, DigitalGift]:
    ids = [line.variant_id for line in lines if line.variant_id is not None]  # type: ignore[attr-defined]
    return {gift.variant_id: gift for gift in await DigitalGift.filter(variant_id__in=ids)}


async def fulfil_digital_lines(order: Order) -> None:
    """Deliver the order's code-backed lines now and ask partners' APIs for the others. Call inside the
    completion's transaction, after the stock is allocated. Lines that are not digital are left alone."""
    lines = await OrderLine.filter(order_id=order.id, is_shipping_required=False).order_by("variant_id", "id")
    gifts = await digital_gifts_of(lines)
    pooled = [(line, gifts[line.variant_id]) for line in lines  # type: ignore[attr-defined]
              if line.variant_id in gifts and gifts[line.variant_id].mode == DigitalMode.CODE_POOL]  # type: ignore[attr-defined]
    today = clock.today_in("UTC")
    for line, _ in pooled:
        await take_codes(line, order, today)
    if pooled:
        await deliver(order, pooled)
    for line in lines:
        gift = gifts.get(line.variant_id)  # type: ignore[attr-defined]
        if gift is not None and gift.mode == DigitalMode.PARTNER_API:
            await request_issue(order, line)


async def request_issue(order: Order, line: OrderLine) -> DigitalIssue:
    """Queue the signed request that asks the partner's API to issue the line (fulfilment.digital.issuing)."""
    issue = await DigitalIssue.create(order_line=line, order=order, partner_code=line.partner_code)
    message = await enqueue(ISSUE_TOPIC, {"issue": issue.id}, f"digital-issue:{line.id}")
    await DigitalIssue.filter(id=issue.id).update(message_id=message.id)
    return issue


async def _next_sequence(order_id: object) -> int:
    last = await Shipment.filter(order_id=order_id).order_by("-sequence").first()
    return (last.sequence if last else 0) + 1


async def _delivered_shipment(order: Order, warehouse_id: object, partner_code: str | None) -> Shipment:
    """A shipment handed over and delivered at this instant: nothing travels."""
    now = clock.now()
    return await Shipment.create(
        order=order, sequence=await _next_sequence(order.id), warehouse_id=warehouse_id, partner_code=partner_code,
        status=ShipmentStatus.FULFILLED, handoff_status=HandoffStatus.HANDED_OVER, handed_over_at=now,
        tracking_status=TrackingStatus.DELIVERED, tracking_status_at=now, delivered_at=now,
    )


async def deliver(order: Order, items: list[tuple[OrderLine, DigitalGift]]) -> list[Shipment]:
    """Ship the lines' units from their gifts' warehouses as delivered now; the order's status follows."""
    by_warehouse: dict[object, list[OrderLine]] = defaultdict(list)
    for line, gift in items:
        by_warehouse[gift.warehouse_id].append(line)  # type: ignore[attr-defined]
    await lock_stock_for_shipping([line for line, _ in items], list(by_warehouse))
    shipments = []
    for warehouse_id, lines in by_warehouse.items():
        shipment = await _delivered_shipment(order, warehouse_id, lines[0].partner_code)
        for line in lines:
            await fulfil_units(line, line.quantity)
            stock_id = await ship_units(line, warehouse_id, line.quantity, allow_stock_to_be_exceeded=False)
            await ShipmentLine.create(shipment=shipment, order_line=line, stock_id=stock_id, quantity=line.quantity)
        shipments.append(shipment)
    await record_on_order(order, shipments, DIGITAL_ACTOR, "FULFILLMENT_FULFILLED_ITEMS")
    await _notify_member(order, items)
    return shipments


async def _notify_member(order: Order, items: list[tuple[OrderLine, DigitalGift]]) -> None:
    """Tell the member their codes are ready (mall/notifications), one message per line. The inbox shows the
    code masked whole, with a link to the order (whoever holds the session reads the inbox); e-mail and SMS
    carry the codes and how to use them, opened by the worker when it sends (fulfilment.digital.code_messages),
    which counts as showing them. A line the partner delivered without a code (a top-up) is told masked."""
    coded = {str(line_id) for line_id in await DigitalCode.filter(
        order_line_id__in=[line.id for line, _ in items]).values_list("order_line_id", flat=True)}
    for line, _ in items:
        secret = line_codes_secret(line.id) if str(line.id) in coded else None
        await tell_gift_code(order, line.product_name, HIDDEN_CODE, f"digital:line:{line.id}:issued", secret)
