"""Carrier tracking events: parsed, normalised, stored once, applied in carrier-time order.

Every event is kept (time, location, text) for the member's timeline whatever order it arrived in. The
shipment's status follows the newest event by the carrier's clock: an older event arriving late never
moves it backwards, and a final status (delivered, return to sender, failure, cancelled) stays final.
A duplicate event id is ignored.

Errors: EventRejected (the body is not a tracking event), UnknownShipment (no shipment of this carrier
has the tracking number). Both leave nothing behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.expressions import Q

from fulfilment.models import Carrier, Shipment, TrackingEvent, TrackingStatus, WebhookReceipt
from fulfilment.services.outcomes import FAILURES, close_delivered, refund_failed

FINAL = [TrackingStatus.DELIVERED, TrackingStatus.RETURN_TO_SENDER, TrackingStatus.FAILURE, TrackingStatus.CANCELLED]
# Carriers' own words for the normalised statuses (lower case, spaces and dashes as underscores).
SYNONYMS = {
    "label_created": TrackingStatus.PRE_TRANSIT, "info_received": TrackingStatus.PRE_TRANSIT,
    "picked_up": TrackingStatus.IN_TRANSIT, "transit": TrackingStatus.IN_TRANSIT,
    "arrived_at_facility": TrackingStatus.IN_TRANSIT, "departed_facility": TrackingStatus.IN_TRANSIT,
    "with_courier": TrackingStatus.OUT_FOR_DELIVERY, "ready_for_pickup": TrackingStatus.AVAILABLE_FOR_PICKUP,
    "returned": TrackingStatus.RETURN_TO_SENDER, "returned_to_sender": TrackingStatus.RETURN_TO_SENDER,
    "exception": TrackingStatus.FAILURE, "lost": TrackingStatus.FAILURE, "damaged": TrackingStatus.FAILURE,
    "canceled": TrackingStatus.CANCELLED,
}


class EventRejected(ValueError):
    pass


class UnknownShipment(LookupError):
    pass


@dataclass(frozen=True)
class CarrierEvent:
    event_id: str
    tracking_number: str
    status: TrackingStatus
    carrier_status: str
    occurred_at: datetime
    location: str = ""
    description: str = ""


def normalise(carrier_status: str) -> TrackingStatus:
    word = carrier_status.strip().lower().replace(" ", "_").replace("-", "_")
    if word in TrackingStatus._value2member_map_:
        return TrackingStatus(word)
    if word in SYNONYMS:
        return SYNONYMS[word]
    raise EventRejected(f"unknown status {carrier_status!r}")


def _text(document: dict, key: str, limit: int, required: bool = False) -> str:
    value = document.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise EventRejected(f"{key} must be a non-empty string" if required else f"{key} must be a string")
    return value.strip()[:limit]


def _time(document: dict) -> datetime:
    try:
        moment = datetime.fromisoformat(str(document["occurred_at"]).replace("Z", "+00:00"))
    except (KeyError, ValueError) as error:
        raise EventRejected("occurred_at must be an ISO 8601 time") from error
    if moment.tzinfo is None:
        raise EventRejected("occurred_at needs a time zone")
    return moment.astimezone(UTC)


def parse_event(body: bytes) -> CarrierEvent:
    """The event in a webhook body: {event_id, tracking_number, status, occurred_at, location?, description?}."""
    try:
        document = json.loads(body)
    except ValueError as error:
        raise EventRejected("the body is not JSON") from error
    if not isinstance(document, dict):
        raise EventRejected("the body must be a JSON object")
    carrier_status = _text(document, "status", 100, required=True)
    return CarrierEvent(_text(document, "event_id", 200, required=True),
                        _text(document, "tracking_number", 255, required=True), normalise(carrier_status),
                        carrier_status, _time(document), _text(document, "location", 250),
                        _text(document, "description", 1000))


async def receive_event(carrier: Carrier, signature: str, event: CarrierEvent) -> str:
    """Store and apply one verified event inside the caller's transaction; returns `applied`, `recorded`
    (kept in the timeline, status unchanged) or `duplicate`. Raises UnknownShipment."""
    shipment = await Shipment.filter(carrier_id=carrier.id, tracking_number=event.tracking_number).order_by(
        "-id").first()
    if shipment is None:
        raise UnknownShipment(event.tracking_number)
    await WebhookReceipt.create(carrier=carrier, signature=signature)  # unique: a concurrent replay fails here
    if await TrackingEvent.exists(carrier_id=carrier.id, event_id=event.event_id):
        return "duplicate"
    await TrackingEvent.create(shipment=shipment, carrier=carrier, event_id=event.event_id, status=event.status,
                               carrier_status=event.carrier_status, occurred_at=event.occurred_at,
                               location=event.location, description=event.description)
    if not await _advance(shipment, event):
        return "recorded"
    await _outcome(shipment, event, f"carrier:{carrier.code}")
    return "applied"


async def _advance(shipment: Shipment, event: CarrierEvent) -> bool:
    """Move the shipment's status to the event's if the event is the newest and the status is not final."""
    newest = Q(tracking_status_at__isnull=True) | Q(tracking_status_at__lte=event.occurred_at)
    open_status = Q(tracking_status__isnull=True) | Q(tracking_status__not_in=FINAL)
    updated = await Shipment.filter(newest, open_status, id=shipment.id).update(
        tracking_status=event.status, tracking_status_at=event.occurred_at
    )
    return updated == 1


async def _outcome(shipment: Shipment, event: CarrierEvent, actor: str) -> None:
    if event.status == TrackingStatus.DELIVERED:
        await close_delivered(shipment, event.occurred_at, actor)
    elif event.status in FAILURES:
        await refund_failed(shipment, event.status, event.occurred_at, actor)


async def is_replay(carrier: Carrier, signature: str) -> bool:
    return await WebhookReceipt.exists(carrier_id=carrier.id, signature=signature)


async def forget_receipts(older_than: datetime) -> int:
    """Receipts older than the signature tolerance can go: such a request is refused as stale anyway."""
    return await WebhookReceipt.filter(received_at__lt=older_than).delete()
