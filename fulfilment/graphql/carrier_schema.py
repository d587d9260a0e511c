"""Carriers and hand-offs in the API, under mall-only names: `carriers`, `carrierCreate`,
`carrierWarehouseAssign`, `shipmentHandoffs`, `shipmentHandoffRetry`, `lateShipments`.

Carriers are the operator's (MANAGE_CARRIERS), but partner staff (MANAGE_ORDERS) choose which carrier
collects their own warehouses. Hand-offs and late shipments are read by the operator and by partner staff
for their own shipments (MANAGE_ORDERS); retrying a dead hand-off is the operator's.
"""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Annotated

import strawberry

from catalog.errors import CatalogErrorCode
from fulfilment.errors import FulfilmentErrorCode
from fulfilment.graphql.shipment_mutations import MANAGE_ORDERS, shipper_of
from fulfilment.graphql.types import Carrier, Fulfillment
from fulfilment.models import Carrier as CarrierModel
from fulfilment.models import HandoffMode, Shipment
from fulfilment.services import carriers, handoff, reports
from fulfilment.services.access import Shipper
from kernel import clock
from ledger.errors import LedgerErrorCode
from mall.accounts.models import ScopeKind
from mall.actors import missing
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, all_but, same_names
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import parse_int_id_for_mutation
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission
from orders.errors import OrdersErrorCode
from orders.graphql.common import actor_of, channel_row
from orders.graphql.inputs import uuid_id

MANAGE_CARRIERS = "MANAGE_CARRIERS"


@strawberry.enum(description="Points mall: error codes of carrier, hand-off and return mutations (logistics).")
class LogisticsErrorCode(Enum):
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
    NOT_FOUND = "NOT_FOUND"
    GRAPHQL_ERROR = "GRAPHQL_ERROR"


# Shipment codes of fulfilment never reach a carrier, a warehouse assignment or a hand-off retry.
_SHIPMENT_ONLY = (
    FulfilmentErrorCode.ZERO_QUANTITY, FulfilmentErrorCode.FULFILL_ORDER_LINE,
    FulfilmentErrorCode.DUPLICATED_INPUT_ITEM, FulfilmentErrorCode.CANNOT_CANCEL_FULFILLMENT,
)
CARRIER_ERRORS = ErrorCodes(
    LogisticsErrorCode, same_names(FulfilmentErrorCode, LogisticsErrorCode, unreachable=_SHIPMENT_ONLY),
)
# A return refunds the order's points (orders, ledger) and may restock (catalog).
RETURN_ERRORS = ErrorCodes(
    LogisticsErrorCode,
    same_names(FulfilmentErrorCode, LogisticsErrorCode, unreachable=_SHIPMENT_ONLY),
    same_names(OrdersErrorCode, LogisticsErrorCode,
               unreachable=all_but(OrdersErrorCode, OrdersErrorCode.INVALID, OrdersErrorCode.NOT_FOUND)),
    same_names(CatalogErrorCode, LogisticsErrorCode,
               unreachable=all_but(CatalogErrorCode, CatalogErrorCode.INVALID, CatalogErrorCode.NOT_FOUND)),
    same_names(LedgerErrorCode, LogisticsErrorCode, unreachable=all_but(
        LedgerErrorCode, LedgerErrorCode.REQUIRED, LedgerErrorCode.INVALID, LedgerErrorCode.NOT_FOUND,
    )),
)


@strawberry.enum(description="Points mall: how shipments reach a carrier.")
class HandoffModeEnum(Enum):
    MANUAL = "manual"
    HTTP = "http"
    MANIFEST = "manifest"


@strawberry.type
class CarrierError:
    field: str | None = strawberry.field(description="Name of the input field with the problem, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: LogisticsErrorCode = strawberry.field(description="The error code.")


@strawberry.input(description="Points mall: a new carrier.")
class CarrierCreateInput:
    code: str = strawberry.field(description="Unique code (2-64 lower-case letters, digits, '-', '_'): the "
                                 "carrier's webhook URL is /webhooks/carriers/<code>.")
    name: str = strawberry.field(description="Name shown to members.")
    handoff_mode: HandoffModeEnum = strawberry.field(default=HandoffModeEnum.MANUAL, description="How shipments "
                                                     "are handed over.")
    endpoint_url: str | None = strawberry.field(default=None, description="Shipment API URL (http) or S3 "
                                                "endpoint (manifest).")
    storage_location: str | None = strawberry.field(default=None, description="S3 bucket and prefix (manifest).")
    signing_secret: str | None = strawberry.field(default=None, description="Shared HMAC secret; generated "
                                                  "when omitted and shown once in the payload.")
    handover_days: int = strawberry.field(default=2, description="Days the partner has to hand a parcel over.")
    delivery_days: int = strawberry.field(default=5, description="Days the carrier has to deliver it.")
    tracking_url_template: str | None = strawberry.field(default=None, description="Tracking page URL with "
                                                         "{tracking_number} in it.")


@strawberry.input(description="Points mall: what to change of a carrier; omitted fields stay as they are (the "
                  "hand-off mode and the signing secret never change here).")
class CarrierUpdateInput:
    name: str | None = strawberry.field(default=None, description="Name shown to members.")
    endpoint_url: str | None = strawberry.field(default=None, description="Shipment API URL (http) or S3 "
                                                "endpoint (manifest).")
    storage_location: str | None = strawberry.field(default=None, description="S3 bucket and prefix (manifest).")
    handover_days: int | None = strawberry.field(default=None, description="Days the partner has to hand a parcel "
                                                 "over.")
    delivery_days: int | None = strawberry.field(default=None, description="Days the carrier has to deliver it.")
    tracking_url_template: str | None = strawberry.field(default=None, description="Tracking page URL with "
                                                         "{tracking_number} in it.")
    is_active: bool | None = strawberry.field(default=None, description="Whether new shipments may use it.")


@strawberry.type(description="Points mall: updates a carrier.")
class CarrierUpdate:
    carrier: Carrier | None = None
    errors: list[CarrierError] = strawberry.field(default_factory=list)


@strawberry.type(description="Points mall: creates a carrier.")
class CarrierCreate:
    carrier: Carrier | None = None
    signing_secret: str | None = strawberry.field(default=None, description="The secret the carrier signs its "
                                                  "webhooks with (shown once).")
    errors: list[CarrierError] = strawberry.field(default_factory=list)


@strawberry.type(description="Points mall: makes a carrier collect a warehouse's parcels.")
class CarrierWarehouseAssign:
    carrier: Carrier | None = None
    errors: list[CarrierError] = strawberry.field(default_factory=list)


@strawberry.type(description="Points mall: a shipment not handed over to its carrier yet.")
class ShipmentHandoff:
    fulfillment: Fulfillment = strawberry.field(description="The shipment.")
    status: str = strawberry.field(description="PENDING (queued or waiting for a manifest) or DEAD "
                                   "(attempts exhausted: retry with shipmentHandoffRetry).")
    attempts: int = strawberry.field(description="Delivery attempts so far.")
    last_error: str | None = strawberry.field(description="Why the last attempt failed.")
    next_attempt_at: datetime.datetime | None = strawberry.field(description="When the worker tries again.")


@strawberry.type(description="Points mall: revives a dead-lettered hand-off.")
class ShipmentHandoffRetry:
    fulfillment: Fulfillment | None = None
    errors: list[CarrierError] = strawberry.field(default_factory=list)


@strawberry.type(description="Points mall: a shipment outside its carrier's service level.")
class LateShipment:
    fulfillment: Fulfillment = strawberry.field(description="The shipment.")
    late_for: str = strawberry.field(description="HANDOVER (not handed to the carrier in time) or DELIVERY "
                                     "(not delivered in time).")
    due_at: datetime.datetime = strawberry.field(description="When it was due.")


async def _require_operator(info: Info, permission: str) -> None:
    principal = await require_permission(info, permission)
    if principal.scope is not None:
        raise PermissionDenied(message="Only the mall operator can do this.")


async def _carrier_chooser(info: Info) -> Shipper:
    """Who picks a warehouse's carrier: the operator's carrier or order staff (every warehouse), or a partner's
    order staff (their partner's warehouses)."""
    principal = await require_permission(info, MANAGE_CARRIERS, MANAGE_ORDERS)
    scope = principal.scope
    if scope is not None and scope.kind != ScopeKind.PARTNER:
        raise PermissionDenied(message="Only the operator and partner merchants choose carriers.")
    return Shipper(actor=actor_of(principal), partner_code=scope.code if scope else None)


def _carrier_data(input: CarrierCreateInput) -> carriers.CarrierData:
    return carriers.CarrierData(
        code=input.code, name=input.name, handoff_mode=HandoffMode(input.handoff_mode.value),
        endpoint_url=input.endpoint_url or "", storage_location=input.storage_location or "",
        signing_secret=input.signing_secret or "", handover_days=input.handover_days,
        delivery_days=input.delivery_days, tracking_url_template=input.tracking_url_template or "",
    )


async def _fulfillment(info: Info, shipment: Shipment) -> Fulfillment:
    order = await shipment.order
    return Fulfillment.of(shipment, await channel_row(info.context, order.channel_id))


async def _handoff(info: Info, item: handoff.PendingHandoff) -> ShipmentHandoff:
    message = item.message
    return ShipmentHandoff(
        fulfillment=await _fulfillment(info, item.shipment), status="DEAD" if item.is_dead else "PENDING",
        attempts=message.attempts if message else 0, last_error=message.last_error if message else None,
        next_attempt_at=message.available_at if message and not item.is_dead else None,
    )


@strawberry.type
class CarrierQueries:
    @strawberry.field(description="Points mall: the carriers. Requires MANAGE_CARRIERS or MANAGE_ORDERS.")
    async def carriers(self, info: Info) -> list[Carrier]:
        await require_permission(info, MANAGE_CARRIERS, MANAGE_ORDERS)
        return [Carrier(model=row) for row in await CarrierModel.all().order_by("code")]

    @strawberry.field(description="Points mall: shipments not handed over to their carrier yet, with the state "
                      "of each hand-off (partner staff: their own). Requires MANAGE_ORDERS.")
    async def shipment_handoffs(
        self, info: Info,
        dead_only: Annotated[bool, strawberry.argument(description="Only dead-lettered hand-offs.")] = False,
    ) -> list[ShipmentHandoff]:
        shipper = await shipper_of(info)
        pending = await handoff.pending_handoffs(shipper.partner_code, dead_only)
        return [await _handoff(info, item) for item in pending]

    @strawberry.field(description="Points mall: shipments not handed over, or not delivered, within their "
                      "carrier's service level (partner staff: their own). Requires MANAGE_ORDERS.")
    async def late_shipments(self, info: Info) -> list[LateShipment]:
        shipper = await shipper_of(info)
        late = await reports.late_shipments(clock.now(), shipper.partner_code)
        return [LateShipment(fulfillment=await _fulfillment(info, item.shipment), late_for=item.late_for.upper(),
                             due_at=item.due_at) for item in late]


@strawberry.type
class CarrierMutations:
    @strawberry.mutation(description="Points mall: creates a carrier. Requires MANAGE_CARRIERS (operator).")
    async def carrier_create(self, info: Info, input: CarrierCreateInput) -> CarrierCreate | None:
        await _require_operator(info, MANAGE_CARRIERS)

        async def work() -> CarrierCreate:
            created = await carriers.create_carrier(_carrier_data(input))
            return CarrierCreate(carrier=Carrier(model=created), signing_secret=created.signing_secret)

        return await run_in_transaction(CarrierCreate, CarrierError, CARRIER_ERRORS, work)

    @strawberry.mutation(description="Points mall: changes a carrier's name, endpoint, service level, tracking "
                         "page or whether it is active. Requires MANAGE_CARRIERS (operator).")
    async def carrier_update(self, info: Info, code: str, input: CarrierUpdateInput) -> CarrierUpdate | None:
        await _require_operator(info, MANAGE_CARRIERS)

        async def work() -> CarrierUpdate:
            changes = carriers.CarrierChanges(
                name=input.name, endpoint_url=input.endpoint_url, storage_location=input.storage_location,
                handover_days=input.handover_days, delivery_days=input.delivery_days,
                tracking_url_template=input.tracking_url_template, is_active=input.is_active)
            carrier = await carriers.update_carrier(await carriers.carrier_by_code(code, "code"), changes)
            return CarrierUpdate(carrier=Carrier(model=carrier))

        return await run_in_transaction(CarrierUpdate, CarrierError, CARRIER_ERRORS, work)

    @strawberry.mutation(description="Points mall: the carrier collects this warehouse's parcels unless a "
                         "fulfilment names another. Requires MANAGE_CARRIERS or MANAGE_ORDERS (partner staff: "
                         "their partner's warehouses).")
    async def carrier_warehouse_assign(
        self, info: Info, code: str, warehouse: strawberry.ID
    ) -> CarrierWarehouseAssign | None:
        chooser = await _carrier_chooser(info)

        async def work() -> CarrierWarehouseAssign:
            carrier = await carriers.carrier_by_code(code, "code")
            await carriers.assign_warehouse(chooser, carrier, str(uuid_id(warehouse, "Warehouse", "warehouse")))
            return CarrierWarehouseAssign(carrier=Carrier(model=carrier))

        return await run_in_transaction(CarrierWarehouseAssign, CarrierError, CARRIER_ERRORS, work)

    @strawberry.mutation(description="Points mall: retries a dead-lettered hand-off now. Requires MANAGE_ORDERS "
                         "(operator).")
    async def shipment_handoff_retry(self, info: Info, id: strawberry.ID) -> ShipmentHandoffRetry | None:
        await _require_operator(info, MANAGE_ORDERS)

        async def work() -> ShipmentHandoffRetry:
            shipment_id = parse_int_id_for_mutation(id, "Fulfillment", "id")
            shipment = await Shipment.get_or_none(id=shipment_id)
            if shipment is None:
                raise missing("id", id, ApiErrorCode.NOT_FOUND)
            await handoff.retry_handoff(shipment)
            return ShipmentHandoffRetry(fulfillment=await _fulfillment(info, shipment))

        return await run_in_transaction(ShipmentHandoffRetry, CarrierError, CARRIER_ERRORS, work)
