"""What shipping does to an order: units fulfilled on its lines, allocated stock shipped (or put back on the
shelf), the status recomputed from shipped and returned units, and the timeline.

The fulfilment domain calls these inside its use case's transaction: orders keep writing their own tables.

Errors (DomainError, OrdersErrorCode): FULFILL_ORDER_LINE (more units than are left to fulfil),
INSUFFICIENT_STOCK (the warehouse lacks the units), INVALID (a status change the lifecycle refuses).
"""

from __future__ import annotations

from typing import Any

from tortoise.expressions import F

from catalog.models import ProductVariant  # read-only: is the gift's inventory tracked?
from catalog.services.stock import (
    Allocation,
    deallocate,
    free_quantity,
    lock_stocks,
    ship_allocated,
    ship_free,
    stock_row,
    unship_allocated,
)
from kernel.errors import DomainError
from orders.errors import OrdersErrorCode
from orders.models import Order, OrderEvent, OrderLine, OrderLineAllocation, OrderStatus
from orders.services.lifecycle import move


async def fulfil_units(line: OrderLine, quantity: int) -> None:
    """Count `quantity` more units of the line as fulfilled; refuses more than the line has left."""
    updated = await OrderLine.filter(id=line.id, quantity_fulfilled__lte=F("quantity") - quantity).update(
        quantity_fulfilled=F("quantity_fulfilled") + quantity
    )
    if not updated:
        left = line.quantity - line.quantity_fulfilled
        raise DomainError.single(
            "order_line_id", f"Only {left} items can be fulfilled on this line.", OrdersErrorCode.FULFILL_ORDER_LINE,
            order_lines=[str(line.id)],
        )


async def unfulfil_units(line_id: object, quantity: int) -> None:
    """A cancelled shipment's units are to be fulfilled again."""
    await OrderLine.filter(id=line_id, quantity_fulfilled__gte=quantity).update(
        quantity_fulfilled=F("quantity_fulfilled") - quantity
    )


async def _shrink(allocation: OrderLineAllocation, quantity: int) -> None:
    if allocation.quantity == quantity:
        await allocation.delete()
        return
    await OrderLineAllocation.filter(id=allocation.id).update(quantity=F("quantity") - quantity)
    allocation.quantity -= quantity


async def _ship_promised(allocations: list[OrderLineAllocation], quantity: int) -> tuple[int, int | None]:
    """Ship from the line's own allocations in the warehouse; returns (units left, stock row used)."""
    remaining, used = quantity, None
    for allocation in allocations:
        take = min(remaining, allocation.quantity)
        if take and await ship_allocated(allocation.stock_id, take):  # type: ignore[attr-defined]
            await _shrink(allocation, take)
            remaining, used = remaining - take, allocation.stock_id  # type: ignore[attr-defined]
    return remaining, used


async def _release(allocations: list[OrderLineAllocation], quantity: int) -> None:
    """The line ships elsewhere: its promise in other warehouses is released by as many units."""
    remaining = quantity
    for allocation in sorted(allocations, key=lambda a: a.stock_id):  # type: ignore[attr-defined]
        take = min(remaining, allocation.quantity)
        if take:
            await deallocate([Allocation(allocation.stock_id, take)])  # type: ignore[attr-defined]
            await _shrink(allocation, take)
            remaining -= take


def _shortage(line: OrderLine) -> DomainError:
    return DomainError.single(
        "stocks", f"Insufficient product stock: {line.product_name}", OrdersErrorCode.INSUFFICIENT_STOCK,
        order_lines=[str(line.id)],
    )


async def lock_stock_for_shipping(lines: list[OrderLine], warehouse_ids: list[object]) -> None:
    """Lock every stock row that shipping these lines from these warehouses may change, before shipping any.

    Shipping a line changes the rows it was allocated in and the row of the warehouse it leaves, in an order
    that depends on where it was allocated and on the order the request names the lines; two shipments,
    cancels or completions of the same gifts would deadlock on them. Locked together first, in the global
    lock order (mall.locking), they cannot."""
    allocated = await OrderLineAllocation.filter(order_line_id__in=[line.id for line in lines]).values_list(
        "stock_id", flat=True)
    await lock_stocks(allocated, warehouse_ids=warehouse_ids,
                      variant_ids=[line.variant_id for line in lines])  # type: ignore[attr-defined]


async def ship_units(
    line: OrderLine, warehouse_id: object, quantity: int, allow_stock_to_be_exceeded: bool
) -> int | None:
    """Units of the line leave `warehouse_id`: its allocation there is shipped first, the rest is taken from
    the warehouse's free units (and the line's promise elsewhere released). Returns the stock row used, or
    None for a gift whose inventory is not tracked. `allow_stock_to_be_exceeded` ships what free units
    there are instead of refusing (stock never goes below zero). Raises INSUFFICIENT_STOCK."""
    rows = await OrderLineAllocation.filter(order_line_id=line.id).select_related("stock").order_by("id")
    here = [a for a in rows if a.stock.warehouse_id == warehouse_id]
    remaining, used = await _ship_promised(here, quantity)
    if remaining == 0:
        return used
    variant = await ProductVariant.get_or_none(id=line.variant_id)  # type: ignore[attr-defined]
    if not rows and (variant is None or not variant.track_inventory):
        return None
    stock = await stock_row(warehouse_id, line.variant_id)  # type: ignore[attr-defined]
    if stock is None:
        raise _shortage(line)
    await _release([a for a in rows if a not in here and a.quantity > 0], remaining)
    if await ship_free(stock.id, remaining):
        return stock.id
    free = await free_quantity(stock.id)
    if not allow_stock_to_be_exceeded:
        raise _shortage(line)
    if free:
        await ship_free(stock.id, free)
    return stock.id


async def put_back(line_id: object, stock_id: int | None, quantity: int) -> None:
    """A cancelled shipment: the units return to the stock row they left and are promised to the line again."""
    if stock_id is None:
        return
    await unship_allocated(stock_id, quantity)
    existing = await OrderLineAllocation.get_or_none(order_line_id=line_id, stock_id=stock_id)
    if existing is None:
        await OrderLineAllocation.create(order_line_id=line_id, stock_id=stock_id, quantity=quantity)
        return
    await OrderLineAllocation.filter(id=existing.id).update(quantity=F("quantity") + quantity)


def status_for(total_units: int, shipped_units: int, returned_units: int) -> OrderStatus:
    """Saleor's rule: returns first, then how much has shipped."""
    if shipped_units <= 0:
        return OrderStatus.UNFULFILLED
    if returned_units >= total_units:
        return OrderStatus.RETURNED
    if returned_units > 0:
        return OrderStatus.PARTIALLY_RETURNED
    return OrderStatus.FULFILLED if shipped_units >= total_units else OrderStatus.PARTIALLY_FULFILLED


async def record_change(
    order: Order, shipped_units: int, returned_units: int, actor: str, event: str,
    message: str = "", data: dict[str, Any] | None = None,
) -> Order:
    """Record a shipping event on the order's timeline, moving its status when the units say so."""
    total = sum(await OrderLine.filter(order_id=order.id).values_list("quantity", flat=True))
    target = status_for(total, shipped_units, returned_units)
    if target != OrderStatus(order.status):
        return await move(order, target, actor, event, message, data)
    await OrderEvent.create(order=order, type=event, actor=actor, message=message, data=data or {})
    return order


async def record_event(
    order: Order, event: str, actor: str, message: str = "", data: dict[str, Any] | None = None
) -> None:
    """A shipping event that changes no status (tracking updated, restocked, written off)."""
    await OrderEvent.create(order=order, type=event, actor=actor, message=message, data=data or {})
