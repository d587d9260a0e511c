"""The fulfilment domain's share of the schema: Saleor's fulfilment mutations, and the mall's carriers,
hand-offs, late shipments and returns."""

from __future__ import annotations

import strawberry

from fulfilment.graphql.carrier_schema import CarrierMutations, CarrierQueries
from fulfilment.graphql.return_schema import ReturnMutations, ReturnQueries
from fulfilment.graphql.shipment_mutations import ShipmentMutations
from fulfilment.graphql.types import Fulfillment, FulfillmentLine
from fulfilment.models import Shipment
from mall.graphql.context import Info
from mall.graphql.ids import int_pk
from mall.graphql.node import register_node
from orders.graphql.common import channel_row


async def _fulfillment_node(info: Info, pk: str) -> Fulfillment | None:
    """Like its order, a fulfillment is readable by whoever holds its ID."""
    key = int_pk(pk)
    shipment = await Shipment.get_or_none(id=key).select_related("order") if key is not None else None
    if shipment is None:
        return None
    return Fulfillment.of(shipment, await channel_row(info.context, shipment.order.channel_id))  # type: ignore[attr-defined]


register_node("Fulfillment", _fulfillment_node)
FULFILMENT_TYPES: list[type] = [Fulfillment, FulfillmentLine]


@strawberry.type
class FulfilmentQueries(CarrierQueries, ReturnQueries):
    pass


@strawberry.type
class FulfilmentMutations(ShipmentMutations, CarrierMutations, ReturnMutations):
    pass
