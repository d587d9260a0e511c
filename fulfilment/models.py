"""Fulfilment: carriers (logistics partners), shipments of order lines from one warehouse, their hand-off
to a carrier, tracking events, and member returns.

Only fulfilment services write these tables. A shipment is Saleor's `Fulfillment`. Its `delivered_at`
is the carrier's time of delivery: partner settlement counts delivered goods per period from it. The
carrier reports that time after the fact, so a delivery can be recorded after its period was settled:
each delivery and received return also gets an `accepted_sequence` once committed, in commit order
(fulfilment.services.acceptance), which settlement uses as a watermark to find such late facts. Model
docstrings must not contain semicolons: tortoise's SQLite migrations split statements on them.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from kernel.fields import ClockDatetimeField


class HandoffMode(StrEnum):
    MANUAL = "manual"  # the partner gives the parcel to the carrier and types its tracking number
    HTTP = "http"  # we POST a signed shipment request to the carrier's API
    MANIFEST = "manifest"  # shipments are batched into a manifest file in the carrier's S3 location


class ShipmentStatus(StrEnum):
    """Saleor's FulfillmentStatus values (lower case)."""

    FULFILLED = "fulfilled"
    WAITING_FOR_APPROVAL = "waiting_for_approval"
    CANCELED = "canceled"
    REFUNDED = "refunded"
    RETURNED = "returned"
    REFUNDED_AND_RETURNED = "refunded_and_returned"
    REPLACED = "replaced"


class HandoffStatus(StrEnum):
    NOT_STARTED = "not_started"  # waiting for approval, or a manual carrier without a tracking number yet
    PENDING = "pending"  # queued in the outbox (or waiting for the next manifest)
    HANDED_OVER = "handed_over"


class TrackingStatus(StrEnum):
    """Carrier statuses normalised to one vocabulary."""

    PRE_TRANSIT = "pre_transit"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    AVAILABLE_FOR_PICKUP = "available_for_pickup"
    RETURN_TO_SENDER = "return_to_sender"
    FAILURE = "failure"
    CANCELLED = "cancelled"


class ReturnStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    RECEIVED = "received"


class Carrier(Model):
    """A logistics partner: how shipments are handed to it, how it signs its webhooks, its service level."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=250)
    handoff_mode = fields.CharEnumField(HandoffMode, max_length=16, default=HandoffMode.MANUAL)
    # http: the shipment API URL. manifest: the S3 endpoint (empty for the configured S3 or AWS).
    endpoint_url = fields.CharField(max_length=500, default="")
    # manifest: "bucket" or "bucket/prefix" in the carrier's S3.
    storage_location = fields.CharField(max_length=500, default="")
    # Signs our hand-off requests and verifies the carrier's tracking webhooks (HMAC-SHA256).
    signing_secret = fields.CharField(max_length=200)
    handover_days = fields.IntField(default=2)
    delivery_days = fields.IntField(default=5)
    # e.g. https://track.example.com/{tracking_number}
    tracking_url_template = fields.CharField(max_length=500, default="")
    is_active = fields.BooleanField(default=True)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "fulfilment_carrier"
        ordering = ("code",)
        constraints = (
            CheckConstraint(check="handover_days >= 0 AND delivery_days >= 0", name="carrier_days_not_negative"),
        )


class WarehouseCarrier(Model):
    """The carrier that collects a warehouse's parcels unless a fulfilment names another."""

    id = fields.IntField(primary_key=True)
    warehouse = fields.ForeignKeyField("catalog.Warehouse", related_name=False, on_delete=fields.CASCADE, unique=True)
    carrier: fields.ForeignKeyRelation[Carrier] = fields.ForeignKeyField(
        "fulfilment.Carrier", related_name=False, on_delete=fields.CASCADE
    )

    class Meta:
        table = "fulfilment_warehouse_carrier"


class Manifest(Model):
    """A batch of shipments handed to a manifest carrier as one file."""

    id = fields.IntField(primary_key=True)
    carrier: fields.ForeignKeyRelation[Carrier] = fields.ForeignKeyField(
        "fulfilment.Carrier", related_name=False, on_delete=fields.RESTRICT
    )
    storage_key = fields.CharField(max_length=500, default="")
    created_at = ClockDatetimeField(auto_now_add=True)
    uploaded_at = fields.DatetimeField(null=True)

    class Meta:
        table = "fulfilment_manifest"


class Shipment(Model):
    """Saleor's Fulfillment: order lines leaving one warehouse together, with one tracking number."""

    id = fields.IntField(primary_key=True)
    order = fields.ForeignKeyField("orders.Order", related_name=False, on_delete=fields.CASCADE)
    # Sequence of the shipment within its order (Saleor's fulfillmentOrder).
    sequence = fields.IntField()
    warehouse = fields.ForeignKeyField("catalog.Warehouse", related_name=False, on_delete=fields.RESTRICT)
    partner_code = fields.CharField(max_length=64, null=True, db_index=True)
    status = fields.CharEnumField(ShipmentStatus, max_length=32, default=ShipmentStatus.FULFILLED, db_index=True)
    carrier: fields.ForeignKeyNullableRelation[Carrier] = fields.ForeignKeyField(
        "fulfilment.Carrier", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    tracking_number = fields.CharField(max_length=255, default="", db_index=True)
    label_url = fields.CharField(max_length=1000, default="")
    handoff_status = fields.CharEnumField(HandoffStatus, max_length=16, default=HandoffStatus.NOT_STARTED)
    handoff_message_id = fields.BigIntField(null=True)
    manifest: fields.ForeignKeyNullableRelation[Manifest] = fields.ForeignKeyField(
        "fulfilment.Manifest", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    handed_over_at = fields.DatetimeField(null=True)
    tracking_status = fields.CharEnumField(TrackingStatus, max_length=32, null=True)
    # The carrier time of the event that set `tracking_status`: an older event never overrides it.
    tracking_status_at = fields.DatetimeField(null=True)
    delivered_at = fields.DatetimeField(null=True, db_index=True)
    # Numbered once the delivery is committed, in commit order (see fulfilment.services.acceptance).
    accepted_sequence = fields.BigIntField(null=True, db_index=True)
    # When a failed delivery (return to sender, failure) gave the member's points back.
    failed_at = fields.DatetimeField(null=True, db_index=True)
    points_refunded = fields.IntField(default=0)
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    private_metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    created_at = ClockDatetimeField(auto_now_add=True, db_index=True)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "fulfilment_shipment"
        ordering = ("sequence", "id")
        unique_together = (("order", "sequence"),)


class ShipmentLine(Model):
    """Units of one order line in a shipment, and the stock row they left from."""

    id = fields.IntField(primary_key=True)
    shipment: fields.ForeignKeyRelation[Shipment] = fields.ForeignKeyField(
        "fulfilment.Shipment", related_name="lines", on_delete=fields.CASCADE
    )
    order_line = fields.ForeignKeyField("orders.OrderLine", related_name=False, on_delete=fields.CASCADE)
    # Null for gifts whose inventory is not tracked.
    stock_id = fields.IntField(null=True)
    quantity = fields.IntField()

    class Meta:
        table = "fulfilment_shipment_line"
        ordering = ("id",)
        constraints = (CheckConstraint(check="quantity > 0", name="shipment_line_quantity_positive"),)


class TrackingEvent(Model):
    """One carrier event of a shipment, kept whatever order it arrived in."""

    id = fields.IntField(primary_key=True)
    shipment: fields.ForeignKeyRelation[Shipment] = fields.ForeignKeyField(
        "fulfilment.Shipment", related_name="tracking_events", on_delete=fields.CASCADE
    )
    carrier: fields.ForeignKeyRelation[Carrier] = fields.ForeignKeyField(
        "fulfilment.Carrier", related_name=False, on_delete=fields.CASCADE
    )
    # The carrier's id of the event: a duplicate is ignored.
    event_id = fields.CharField(max_length=200)
    status = fields.CharEnumField(TrackingStatus, max_length=32)
    carrier_status = fields.CharField(max_length=100, default="")
    occurred_at = fields.DatetimeField()
    location = fields.CharField(max_length=250, default="")
    description = fields.CharField(max_length=1000, default="")
    received_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "fulfilment_tracking_event"
        ordering = ("occurred_at", "id")
        unique_together = (("carrier", "event_id"),)


class WebhookReceipt(Model):
    """A carrier request already accepted: the same signed request again is a replay and is refused."""

    id = fields.IntField(primary_key=True)
    carrier: fields.ForeignKeyRelation[Carrier] = fields.ForeignKeyField(
        "fulfilment.Carrier", related_name=False, on_delete=fields.CASCADE
    )
    signature = fields.CharField(max_length=128)
    received_at = ClockDatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "fulfilment_webhook_receipt"
        unique_together = (("carrier", "signature"),)


class ReturnRequest(Model):
    """A member's request to send delivered gifts back, decided by the partner, refunded when received."""

    id = fields.IntField(primary_key=True)
    order = fields.ForeignKeyField("orders.Order", related_name=False, on_delete=fields.CASCADE)
    shipment: fields.ForeignKeyRelation[Shipment] = fields.ForeignKeyField(
        "fulfilment.Shipment", related_name=False, on_delete=fields.CASCADE
    )
    partner_code = fields.CharField(max_length=64, null=True, db_index=True)
    status = fields.CharEnumField(ReturnStatus, max_length=16, default=ReturnStatus.REQUESTED, db_index=True)
    reason = fields.CharField(max_length=1000, default="")
    points_refunded = fields.IntField(default=0)
    created_at = ClockDatetimeField(auto_now_add=True)
    received_at = fields.DatetimeField(null=True, db_index=True)
    # Numbered once the receipt is committed, in commit order (see fulfilment.services.acceptance).
    accepted_sequence = fields.BigIntField(null=True, db_index=True)

    class Meta:
        table = "fulfilment_return"
        ordering = ("id",)


class ReturnLine(Model):
    id = fields.IntField(primary_key=True)
    return_request: fields.ForeignKeyRelation[ReturnRequest] = fields.ForeignKeyField(
        "fulfilment.ReturnRequest", related_name="lines", on_delete=fields.CASCADE
    )
    shipment_line: fields.ForeignKeyRelation[ShipmentLine] = fields.ForeignKeyField(
        "fulfilment.ShipmentLine", related_name=False, on_delete=fields.CASCADE
    )
    quantity = fields.IntField()

    class Meta:
        table = "fulfilment_return_line"
        ordering = ("id",)
        constraints = (CheckConstraint(check="quantity > 0", name="return_line_quantity_positive"),)


class ReturnEvent(Model):
    """One step of a return (requested, approved, rejected, received), with who and why."""

    id = fields.IntField(primary_key=True)
    return_request: fields.ForeignKeyRelation[ReturnRequest] = fields.ForeignKeyField(
        "fulfilment.ReturnRequest", related_name="events", on_delete=fields.CASCADE
    )
    status = fields.CharEnumField(ReturnStatus, max_length=16)
    actor = fields.CharField(max_length=128, default="")
    note = fields.TextField(default="")
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "fulfilment_return_event"
        ordering = ("id",)


class AcceptanceHead(Model):
    """The last accepted sequence: one row, locked while facts are numbered (no number handed out twice)."""

    id = fields.IntField(primary_key=True)
    last_sequence = fields.BigIntField(default=0)

    class Meta:
        table = "fulfilment_acceptance_head"
