"""Saleor's `Fulfillment` and `FulfillmentLine` (shipments), with the mall's tracking timeline, and the
mall-only types of carriers, hand-offs and late shipments.

`Order.fulfillments` reaches `fulfillments_of_order` through the composition root (mall.graphql.composed):
the orders domain knows nothing of fulfilment.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from catalog.graphql.types import Page, Warehouse
from catalog.models import Warehouse as WarehouseModel
from fulfilment.models import Carrier as CarrierModel
from fulfilment.models import Shipment, ShipmentLine, TrackingEvent
from fulfilment.services.carriers import tracking_url
from mall.accounts.models import ScopeKind
from mall.channels.models import Channel as ChannelModel
from mall.graphql.common import Money, Node, ObjectWithMetadata
from mall.graphql.context import Info
from mall.graphql.ids import to_global_id
from mall.graphql.permissions import require_staff_or_app
from orders.graphql.common import channel_row, points
from orders.graphql.enums import FulfillmentStatus
from orders.models import Order as OrderModel

if TYPE_CHECKING:
    from orders.graphql.order_lines import OrderLine

OrderLineRef = Annotated["OrderLine", strawberry.lazy("orders.graphql.order_lines")]
STATUS_DISPLAY = {
    "FULFILLED": "Fulfilled", "REFUNDED": "Refunded", "RETURNED": "Returned", "REPLACED": "Replaced",
    "REFUNDED_AND_RETURNED": "Refunded and returned", "CANCELED": "Canceled",
    "WAITING_FOR_APPROVAL": "Waiting for approval",
}


@strawberry.type(description="Points mall: a logistics partner that collects parcels and reports tracking.")
class Carrier:
    model: strawberry.Private[CarrierModel]

    @strawberry.field(description="Unique code, also the last part of the carrier's webhook URL.")
    def code(self) -> str:
        return self.model.code

    @strawberry.field(description="Name shown to members.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="How shipments are handed over: manual, http or manifest.")
    def handoff_mode(self) -> str:
        return self.model.handoff_mode.value

    @strawberry.field(description="Shipment API URL (http) or S3 endpoint (manifest).")
    def endpoint_url(self) -> str:
        return self.model.endpoint_url

    @strawberry.field(description="S3 bucket and prefix that receive manifests (manifest).")
    def storage_location(self) -> str:
        return self.model.storage_location

    @strawberry.field(description="Days the partner has to hand a parcel over.")
    def handover_days(self) -> int:
        return self.model.handover_days

    @strawberry.field(description="Days the carrier has to deliver a parcel once handed over.")
    def delivery_days(self) -> int:
        return self.model.delivery_days

    @strawberry.field(description="Tracking page URL with {tracking_number} in it.")
    def tracking_url_template(self) -> str:
        return self.model.tracking_url_template

    @strawberry.field(description="Whether the carrier takes new shipments and webhooks.")
    def is_active(self) -> bool:
        return self.model.is_active


@strawberry.type(description="Points mall: one carrier event of a shipment.")
class ShipmentTrackingEvent:
    model: strawberry.Private[TrackingEvent]

    @strawberry.field(description="Normalised status: PRE_TRANSIT, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, "
                      "AVAILABLE_FOR_PICKUP, RETURN_TO_SENDER, FAILURE or CANCELLED.")
    def status(self) -> str:
        return self.model.status.value.upper()

    @strawberry.field(description="When it happened, by the carrier's clock.")
    def occurred_at(self) -> datetime.datetime:
        return self.model.occurred_at

    @strawberry.field(description="Where it happened.")
    def location(self) -> str:
        return self.model.location

    @strawberry.field(description="The carrier's description.")
    def description(self) -> str:
        return self.model.description


@strawberry.type(description="Represents line of the fulfillment.")
class FulfillmentLine(Node):
    model: strawberry.Private[ShipmentLine]
    channel: strawberry.Private[ChannelModel]

    @classmethod
    def of(cls, model: ShipmentLine, channel: ChannelModel) -> FulfillmentLine:
        return cls(id=to_global_id("FulfillmentLine", model.id), model=model, channel=channel)

    @strawberry.field(description="The number of items included in the fulfillment line.")
    def quantity(self) -> int:
        return self.model.quantity

    @strawberry.field(description="The order line to which the fulfillment line is related.")
    async def order_line(self) -> OrderLineRef | None:
        from orders.graphql.order_lines import OrderLine

        return OrderLine.of(await self.model.order_line, self.channel)

    @strawberry.field(description="Reason for returning this fulfillment line.")
    def reason(self) -> str | None:
        return None

    @strawberry.field(description="Reason Model (Page) reference for this fulfillment line.")
    def reason_reference(self) -> Page | None:
        return None


@strawberry.type(description="Represents order fulfillment.")
class Fulfillment(Node, ObjectWithMetadata):
    model: strawberry.Private[Shipment]
    channel: strawberry.Private[ChannelModel]

    @classmethod
    def of(cls, model: Shipment, channel: ChannelModel) -> Fulfillment:
        return cls(id=to_global_id("Fulfillment", model.id), model=model, channel=channel)

    @strawberry.field(description="Sequence in which the fulfillments were created for an order.")
    def fulfillment_order(self) -> int:
        return self.model.sequence

    @strawberry.field(description="Status of fulfillment.")
    def status(self) -> FulfillmentStatus:
        return FulfillmentStatus[self.model.status.value.upper()]

    @strawberry.field(description="Fulfillment tracking number.")
    def tracking_number(self) -> str:
        return self.model.tracking_number

    @strawberry.field(description="Date and time when fulfillment was created.")
    def created(self) -> datetime.datetime:
        return self.model.created_at

    @strawberry.field(description="List of lines for the fulfillment.")
    async def lines(self) -> list[FulfillmentLine] | None:
        rows = await ShipmentLine.filter(shipment_id=self.model.id).order_by("id")
        return [FulfillmentLine.of(row, self.channel) for row in rows]

    @strawberry.field(description="User-friendly fulfillment status.")
    def status_display(self) -> str | None:
        return STATUS_DISPLAY[self.model.status.value.upper()]

    @strawberry.field(description="Warehouse from fulfillment was fulfilled.")
    async def warehouse(self) -> Warehouse | None:
        row = await WarehouseModel.get_or_none(id=self.model.warehouse_id)  # type: ignore[attr-defined]
        return Warehouse.of(row) if row else None

    @strawberry.field(description="Amount of refunded shipping price: shipping is not refunded.")
    def shipping_refunded_amount(self) -> Money | None:
        return points(0, self.channel.currency_code)

    @strawberry.field(description="Total refunded amount assigned to this fulfillment, in points.")
    def total_refunded_amount(self) -> Money | None:
        return points(self.model.points_refunded, self.channel.currency_code)

    @strawberry.field(description="Reason for returning this fulfillment.")
    def reason(self) -> str | None:
        return None

    @strawberry.field(description="Reason Model (Page) reference for this fulfillment.")
    def reason_reference(self) -> Page | None:
        return None

    @strawberry.field(description="Points mall: the carrier's events, oldest first (the member's timeline).")
    async def tracking_events(self) -> list[ShipmentTrackingEvent]:
        rows = await TrackingEvent.filter(shipment_id=self.model.id).order_by("occurred_at", "id")
        return [ShipmentTrackingEvent(model=row) for row in rows]

    @strawberry.field(description="Points mall: the newest carrier status (see trackingEvents), or null.")
    def tracking_status(self) -> str | None:
        status = self.model.tracking_status
        return status.value.upper() if status else None

    @strawberry.field(description="Points mall: the carrier's tracking page for this parcel, or null.")
    async def tracking_url(self) -> str | None:
        carrier = await CarrierModel.get_or_none(id=self.model.carrier_id)  # type: ignore[attr-defined]
        return tracking_url(carrier, self.model)

    @strawberry.field(description="Points mall: the carrier collecting the parcel, or null.")
    async def carrier(self) -> Carrier | None:
        carrier = await CarrierModel.get_or_none(id=self.model.carrier_id)  # type: ignore[attr-defined]
        return Carrier(model=carrier) if carrier else None

    @strawberry.field(description="Points mall: when the carrier delivered the parcel, or null.")
    def delivered_at(self) -> datetime.datetime | None:
        return self.model.delivered_at

    @strawberry.field(description="Points mall: when the parcel was handed to the carrier, or null.")
    def handed_over_at(self) -> datetime.datetime | None:
        return self.model.handed_over_at

    @strawberry.field(description="Points mall: the carrier's label for the parcel (http carriers). "
                      "Requires an authenticated staff user or app.")
    async def label_url(self, info: Info) -> str | None:
        await require_staff_or_app(info)
        return self.model.label_url or None


async def fulfillments_of_order(info: Info, order: OrderModel) -> list[Fulfillment]:
    """An order's shipments in creation order, cancelled ones included (as Saleor lists them); a partner's
    staff see only those leaving their partner's warehouses, as they see only their own lines."""
    channel = await channel_row(info.context, order.channel_id)  # type: ignore[attr-defined]
    rows = Shipment.filter(order_id=order.id)
    scope = (await info.context.principal()).scope
    if scope is not None and scope.kind == ScopeKind.PARTNER:
        rows = rows.filter(warehouse__partner_code=scope.code)
    return [Fulfillment.of(row, channel) for row in await rows.order_by("sequence", "id")]
