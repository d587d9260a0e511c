"""Handing shipments to their carrier, through the outbox and `mall worker`.

A shipment with a tracking number typed by the partner is handed over at once (manual). An `http`
carrier's shipment gets an outbox message of its own; a `manifest` carrier's shipments wait for
`batch_manifests` (a worker job) to gather them into one manifest and one message. The worker's handler
calls the carrier's adapter outside any transaction, then records the receipts. A failed hand-off is
retried with the outbox's backoff and dead-lettered after its attempt limit; the operator sees it in
`pending_handoffs` and revives it with `retry_handoff`.

Errors (DomainError, FulfilmentErrorCode): INVALID (nothing to retry).
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from fulfilment.carriers.base import CarrierAdapter, HandoffBatch, HandoffReceipt, ManualHandoff, Parcel, ParcelItem
from fulfilment.carriers.http import HttpHandoff
from fulfilment.carriers.manifest import ManifestHandoff
from fulfilment.errors import FulfilmentErrorCode
from fulfilment.models import Carrier, HandoffMode, HandoffStatus, Manifest, Shipment, ShipmentLine, ShipmentStatus
from kernel import clock
from kernel.errors import DomainError
from mall.accounts.models import Address  # read-only: where the parcel goes
from mall.outbox.models import OutboxMessage, OutboxStatus  # read-only: the hand-off's delivery state
from mall.outbox.services import enqueue, retry_dead
from orders.models import Order
from orders.services.shipments import record_event

HANDOFF_TOPIC = "fulfilment.handoff"
WORKER_ACTOR = "system:carrier-handoff"
MANIFEST_BATCH_SIZE = 500


async def begin_handoff(shipment: Shipment, tracking_number: str) -> None:
    """Start handing a new (or just approved) shipment over; `shipment.carrier` is already chosen. A shipment
    waiting for approval only records its carrier."""
    carrier: Carrier | None = shipment.carrier
    values: dict[str, object] = {"carrier_id": carrier.id if carrier else None}
    if shipment.status == ShipmentStatus.FULFILLED:
        values.update(await _first_step(shipment, carrier, tracking_number))
    await Shipment.filter(id=shipment.id).update(**values)
    await shipment.refresh_from_db()


async def _first_step(shipment: Shipment, carrier: Carrier | None, tracking_number: str) -> dict[str, object]:
    if tracking_number:
        return {"tracking_number": tracking_number, "handoff_status": HandoffStatus.HANDED_OVER,
                "handed_over_at": clock.now()}
    if carrier is not None and carrier.handoff_mode == HandoffMode.HTTP:
        payload = {"carrier": carrier.code, "shipments": [shipment.id], "batch": f"shipment-{shipment.id}"}
        message = await enqueue(HANDOFF_TOPIC, payload, f"shipment:{shipment.id}")
        return {"handoff_status": HandoffStatus.PENDING, "handoff_message_id": message.id}
    if carrier is not None and carrier.handoff_mode == HandoffMode.MANIFEST:
        return {"handoff_status": HandoffStatus.PENDING}
    return {}  # manual: handed over when the partner types the tracking number


async def batch_manifests(limit: int = MANIFEST_BATCH_SIZE) -> int:
    """Gather each manifest carrier's waiting shipments into a manifest and queue its upload. One
    transaction per carrier. Returns the number of manifests made."""
    made = 0
    for carrier in await Carrier.filter(handoff_mode=HandoffMode.MANIFEST, is_active=True):
        async with in_transaction():
            made += await _batch_for(carrier, limit)
    return made


async def _batch_for(carrier: Carrier, limit: int) -> int:
    waiting = await Shipment.filter(carrier_id=carrier.id, status=ShipmentStatus.FULFILLED, manifest_id__isnull=True,
                                    handoff_status=HandoffStatus.PENDING).order_by("id").limit(limit)
    if not waiting:
        return 0
    manifest = await Manifest.create(carrier=carrier)
    name = f"manifest-{manifest.id:08d}"
    message = await enqueue(HANDOFF_TOPIC, {"carrier": carrier.code, "shipments": [s.id for s in waiting],
                                            "batch": name}, f"manifest:{manifest.id}")
    # Conditional: a shipment cancelled meanwhile keeps out of the manifest.
    await Shipment.filter(id__in=[s.id for s in waiting], manifest_id__isnull=True).update(
        manifest_id=manifest.id, handoff_message_id=message.id
    )
    return 1


def adapter_for(carrier: Carrier, environ: dict[str, str]) -> CarrierAdapter:
    if carrier.handoff_mode == HandoffMode.HTTP:
        return HttpHandoff()
    if carrier.handoff_mode == HandoffMode.MANIFEST:
        return ManifestHandoff(environ)
    return ManualHandoff()


def _address(address: Address | None) -> dict[str, str]:
    if address is None:
        return {}
    return {"name": f"{address.first_name} {address.last_name}".strip(), "street": address.street_address_1,
            "city": address.city, "postal_code": address.postal_code, "country": address.country,
            "phone": address.phone}


async def parcel_of(shipment: Shipment) -> Parcel:
    order = await Order.get(id=shipment.order_id)  # type: ignore[attr-defined]
    address = await Address.get_or_none(id=order.shipping_address_id)  # type: ignore[attr-defined]
    lines = await ShipmentLine.filter(shipment_id=shipment.id).select_related("order_line")
    items = [ParcelItem(line.order_line.product_sku or "", line.order_line.product_name, line.quantity)
             for line in lines]
    return Parcel(shipment.id, f"{order.number}-{shipment.sequence}", shipment.tracking_number, _address(address),
                  {"name": shipment.warehouse.name, "city": shipment.warehouse.city}, items)


async def hand_over(payload: dict, environ: dict[str, str], adapter: CarrierAdapter | None = None) -> int:
    """The outbox handler's work: hand the still-pending shipments over, record the receipts. Idempotent:
    shipments already handed over or cancelled are skipped. Raises CarrierError (retried by the outbox)."""
    carrier = await Carrier.get(code=payload["carrier"])
    waiting = await Shipment.filter(id__in=payload["shipments"], handoff_status=HandoffStatus.PENDING,
                                    status=ShipmentStatus.FULFILLED).select_related("warehouse").order_by("id")
    if not waiting:
        return 0
    batch = HandoffBatch(payload["batch"], [await parcel_of(shipment) for shipment in waiting])
    receipts = await (adapter or adapter_for(carrier, environ)).hand_over(carrier, batch)
    async with in_transaction():
        return sum([await _record_receipt(receipt) for receipt in receipts])


async def _record_receipt(receipt: HandoffReceipt) -> int:
    updated = await Shipment.filter(id=receipt.shipment_id, handoff_status=HandoffStatus.PENDING).update(
        handoff_status=HandoffStatus.HANDED_OVER, tracking_number=receipt.tracking_number,
        label_url=receipt.label_url, handed_over_at=clock.now(),
    )
    if updated:
        shipment = await Shipment.get(id=receipt.shipment_id).select_related("order")
        await record_event(shipment.order, "TRACKING_UPDATED", WORKER_ACTOR, "Handed over to the carrier.",
                           {"fulfillment": shipment.id, "tracking_number": receipt.tracking_number})
    return updated


@dataclass(frozen=True)
class PendingHandoff:
    """A shipment not handed over yet, with its outbox message's state (absent while a manifest waits)."""

    shipment: Shipment
    message: OutboxMessage | None

    @property
    def is_dead(self) -> bool:
        return self.message is not None and self.message.status == OutboxStatus.DEAD


async def pending_handoffs(partner_code: str | None = None, dead_only: bool = False,
                           limit: int = 100) -> list[PendingHandoff]:
    query = Shipment.filter(handoff_status=HandoffStatus.PENDING, status=ShipmentStatus.FULFILLED)
    if partner_code is not None:
        query = query.filter(partner_code=partner_code)
    if dead_only:  # before the limit: live hand-offs must not crowd the dead ones out of the page
        query = query.filter(handoff_message_id__in=await _dead_message_ids())
    shipments = await query.order_by("id").limit(limit)
    ids = [s.handoff_message_id for s in shipments if s.handoff_message_id is not None]
    messages = {m.id: m for m in await OutboxMessage.filter(id__in=ids)}
    return [PendingHandoff(s, messages.get(s.handoff_message_id)) for s in shipments]


async def _dead_message_ids() -> list[int]:
    return await OutboxMessage.filter(topic=HANDOFF_TOPIC, status=OutboxStatus.DEAD).values_list(
        "id", flat=True)  # type: ignore[return-value]


async def retry_handoff(shipment: Shipment) -> None:
    """Give a dead-lettered hand-off a fresh start. Raises INVALID when it is not dead."""
    if shipment.handoff_message_id is None or not await retry_dead(shipment.handoff_message_id):
        raise DomainError.single("id", "This shipment's hand-off is not dead-lettered.", FulfilmentErrorCode.INVALID)
