"""The shipment lifecycle as data, like the order's, the return's and the statement's.

SHIPMENT_TRANSITIONS says which status may follow which; `move_shipment` is the one function that changes
`Shipment.status` after creation. It is a conditional update (the row moves only from the status the caller
saw), so two changes racing on one shipment cannot both apply; the caller records the event on the order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tortoise.expressions import Q

from fulfilment.models import Shipment, ShipmentStatus

SHIPMENT_TRANSITIONS: dict[ShipmentStatus, frozenset[ShipmentStatus]] = {
    # fulfillmentAutoApprove off: the partner's shipment waits for the operator
    ShipmentStatus.WAITING_FOR_APPROVAL: frozenset({ShipmentStatus.FULFILLED, ShipmentStatus.CANCELED}),
    # on its way: cancelled before it leaves, or refunded when the delivery fails (goods back on the shelf or not)
    ShipmentStatus.FULFILLED: frozenset({
        ShipmentStatus.CANCELED, ShipmentStatus.REFUNDED, ShipmentStatus.REFUNDED_AND_RETURNED,
    }),
}


async def move_shipment(
    shipment_id: int, sources: Iterable[ShipmentStatus], target: ShipmentStatus, condition: Q | None = None,
    **values: Any,
) -> bool:
    """Move the shipment from one of `sources` to `target` (writing `values` too) if it is in one of them and
    meets `condition`; False when it is not (moved meanwhile, or never could).

    Raises ValueError for a move the table does not allow: that is a bug in the caller, not a refusal."""
    sources = list(sources)
    forbidden = [source for source in sources if target not in SHIPMENT_TRANSITIONS.get(source, frozenset())]
    if forbidden:
        raise ValueError(f"a shipment never moves from {', '.join(forbidden)} to {target}")
    query = Shipment.filter(Q(id=shipment_id, status__in=sources) & (condition or Q()))
    return bool(await query.update(status=target, **values))
