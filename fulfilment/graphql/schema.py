"""The fulfilment domain's share of the schema: Saleor's fulfilment mutations, and the mall's carriers,
hand-offs, late shipments, returns and digital gifts."""

from __future__ import annotations

import strawberry

from fulfilment.graphql.carrier_schema import CarrierMutations, CarrierQueries
from fulfilment.graphql.digital_schema import DigitalMutations, DigitalQueries
from fulfilment.graphql.performance_schema import PerformanceQueries
from fulfilment.graphql.return_schema import ReturnMutations, ReturnQueries
from fulfilment.graphql.shipment_mutations import ShipmentMutations
from fulfilment.graphql.types import Fulfillment, FulfillmentLine
from fulfilment.models import Shipment
from mall.graphql.context import Info
from mall.graphql.ids import int_pk
from mall.graphql.node import NodeLoader
from orders.graphql.common import channel_row
from orders.graphql.order_access import view_of
from orders.services.visibility import OrderView


async def _fulfillment_node(info: Info, pk: str) -> Fulfillment | None:
    """A shipment by its ID, for its order's buyer and the staff handling the order (a partner's: only shipments
    from its warehouses). Unlike an order's UUID, a shipment's number is guessed easily: nobody else finds it."""
    key = int_pk(pk)
    shipment = await Shipment.get_or_none(id=key).select_related("order", "warehouse") if key is not None else None
    if shipment is None or not await _may_see(info, shipment):
        return None
    return Fulfillment.of(shipment, await channel_row(info.context, shipment.order.channel_id))


async def _may_see(info: Info, shipment: Shipment) -> bool:
    view = await view_of(info, shipment.order)
    if view == OrderView.SHIPPING:
        scope = (await info.context.principal()).scope
        return scope is not None and shipment.warehouse.partner_code == scope.code
    return view == OrderView.FULL


# The fulfilment types `node(id:)` resolves (registered at start-up by mall.wiring, never at import)
FULFILMENT_NODES: dict[str, NodeLoader] = {
    "Fulfillment": _fulfillment_node,
}
FULFILMENT_TYPES: list[type] = [Fulfillment, FulfillmentLine]


@strawberry.type
class FulfilmentQueries(CarrierQueries, ReturnQueries, DigitalQueries, PerformanceQueries):
    pass


@strawberry.type
class FulfilmentMutations(ShipmentMutations, CarrierMutations, ReturnMutations, DigitalMutations):
    pass
