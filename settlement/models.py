"""Settlement statements and what they are made of. Only settlement and settlement.partner
services write here.

A statement settles one period with one counterparty: an issuer (the bank pays for the points its
members redeemed) or a partner (the operator pays for the goods the partner delivered). Its lines are
per order (issuer) or per delivered or returned order line (partner). Entries tie each line to the
records it was computed from (ledger transfers, deliveries, returns); an entry's source is unique per
counterparty kind, so no record is ever settled twice. Model docstrings must not contain semicolons.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from kernel.fields import ClockDatetimeField


class CounterpartyKind(StrEnum):
    ISSUER = "issuer"
    PARTNER = "partner"


class StatementStatus(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    PAID = "paid"


class LineKind(StrEnum):
    ORDER = "order"  # issuer: points captured (and refunded) for an order captured in the period
    ADJUSTMENT = "adjustment"  # issuer: a refund in the period of an order captured in an earlier one
    # issuer: transfers of a settled period that committed after its run. partner: a delivery (positive
    # quantity) or return (negative) stamped in a settled period but recorded after its run.
    LATE_ARRIVAL = "late_arrival"
    DELIVERY = "delivery"  # partner: units of an order line delivered in the period
    RETURN = "return"  # partner: units of an order line returned in the period
    # points paid to a member for a complaint (partner: deducted from the amount due, issuer: points granted)
    GOODWILL = "goodwill"
    # partner: points it issued to members (loyalty rules it funds), net of those taken back, at the points'
    # cash value, charged to the partner (a negative amount)
    ISSUED_POINTS = "issued_points"


class RunStatus(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    REFUSED = "refused"  # reconciliation found differences: nothing was issued
    FAILED = "failed"  # statements issued, but writing their files failed (a re-run writes them)


class FileKind(StrEnum):
    CSV = "csv"
    JSON = "json"
    MANIFEST = "manifest"


class PayoutMethod(StrEnum):
    STRIPE = "stripe"
    MANUAL = "manual"


class PayoutStatus(StrEnum):
    PENDING = "pending"  # waiting for `mall worker` to make the Stripe transfer
    SENT = "sent"


class SettlementRun(Model):
    """One `mall settle` (or settlementRun mutation): which period, for whom, and how it ended."""

    id = fields.BigIntField(primary_key=True)
    period = fields.CharField(max_length=7)
    issuer_code = fields.CharField(max_length=64, null=True)
    partner_code = fields.CharField(max_length=64, null=True)
    status = fields.CharEnumField(RunStatus, max_length=16, default=RunStatus.RUNNING)
    actor = fields.CharField(max_length=100)
    # Readable lines: each reconciliation difference, or the reason files could not be written.
    differences: fields.Field[list[str]] = fields.JSONField(default=list)
    statements_issued = fields.IntField(default=0)
    statements_skipped = fields.IntField(default=0)
    started_at = ClockDatetimeField(auto_now_add=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "settlement_run"
        ordering = ("-id",)


class Statement(Model):
    """One period with one counterparty. Issued statements never change (only their status moves on)."""

    id = fields.BigIntField(primary_key=True)
    kind = fields.CharEnumField(CounterpartyKind, max_length=16)
    counterparty_code = fields.CharField(max_length=64)
    period = fields.CharField(max_length=7)
    time_zone = fields.CharField(max_length=64)
    period_start = fields.DatetimeField()
    period_end = fields.DatetimeField()
    status = fields.CharEnumField(StatementStatus, max_length=16, default=StatementStatus.DRAFT)
    run: fields.ForeignKeyNullableRelation[SettlementRun] = fields.ForeignKeyField(
        "settlement.SettlementRun", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    currency = fields.CharField(max_length=3)
    # Issuer: captured and refunded points of the period and the rate. Partner: the points value of the
    # goods delivered (net of returns), on which the service fee is charged.
    points_captured = fields.BigIntField(default=0)
    points_refunded = fields.BigIntField(default=0)
    points_net = fields.BigIntField(default=0)
    cash_value_per_point = fields.DecimalField(max_digits=12, decimal_places=6, null=True)
    # Issuer: gross = net points x rate. Partner: gross = cost of deliveries, returns = cost of returns,
    # fee = service fee. amount_due = what the payer owes (the bank to the operator, or the operator to
    # the partner).
    gross_amount = fields.DecimalField(max_digits=16, decimal_places=2, default=Decimal(0))
    returns_amount = fields.DecimalField(max_digits=16, decimal_places=2, default=Decimal(0))
    fee_amount = fields.DecimalField(max_digits=16, decimal_places=2, default=Decimal(0))
    amount_due = fields.DecimalField(max_digits=16, decimal_places=2, default=Decimal(0))
    # Issuer liability summary of the period (points), from the ledger's member wallets.
    liability_opening = fields.BigIntField(default=0)
    liability_accrued = fields.BigIntField(default=0)
    liability_adjusted = fields.BigIntField(default=0)
    liability_redeemed = fields.BigIntField(default=0)
    liability_expired = fields.BigIntField(default=0)
    liability_closing = fields.BigIntField(default=0)
    line_count = fields.IntField(default=0)
    # Issuer: the ledger's last sealed sequence when the statement was built. Every transfer sealed up to
    # it was visible to the build, so a later run looks for late arrivals only among transfers above it.
    ledger_watermark = fields.BigIntField(default=0)
    # Partner: fulfilment's last accepted sequence when the statement was built (the same idea for the
    # deliveries and returns fulfilment reports, see fulfilment.services.acceptance).
    fulfilment_watermark = fields.BigIntField(default=0)
    payment_reference = fields.CharField(max_length=200, default="")
    created_at = ClockDatetimeField(auto_now_add=True)
    issued_at = fields.DatetimeField(null=True)

    class Meta:
        table = "settlement_statement"
        ordering = ("-period", "kind", "counterparty_code")
        unique_together = (("kind", "counterparty_code", "period"),)


class StatementLine(Model):
    """One order (issuer) or one order line delivered or returned (partner) on a statement."""

    id = fields.BigIntField(primary_key=True)
    statement: fields.ForeignKeyRelation[Statement] = fields.ForeignKeyField(
        "settlement.Statement", related_name=False, on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(LineKind, max_length=16)
    channel_id = fields.IntField()
    reference = fields.CharField(max_length=200)
    order_id = fields.CharField(max_length=36, null=True)
    order_number = fields.IntField(null=True)
    order_line_id = fields.CharField(max_length=36, null=True)
    product_sku = fields.CharField(max_length=255, null=True)
    points_captured = fields.BigIntField(default=0)
    points_refunded = fields.BigIntField(default=0)
    quantity = fields.IntField(default=0)
    unit_cost = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    # Issuer: net points x rate. Partner: cost x quantity (negative for a return). In millionths of the
    # currency unit, so that SQL computes it exactly on every database (SQLite has no exact decimals).
    amount_micros = fields.BigIntField(default=0)
    # Partner: the points value of the units (negative for a return), on which the fee is charged.
    points_value = fields.BigIntField(default=0)

    class Meta:
        table = "settlement_statement_line"
        ordering = ("id",)
        indexes = (("statement_id", "id"),)


class StatementEntry(Model):
    """A source record a line was computed from: a ledger transfer, a delivery or a return.

    `source` is unique per counterparty kind, so re-running a period settles nothing twice.
    """

    id = fields.BigIntField(primary_key=True)
    statement: fields.ForeignKeyRelation[Statement] = fields.ForeignKeyField(
        "settlement.Statement", related_name=False, on_delete=fields.CASCADE
    )
    line: fields.ForeignKeyRelation[StatementLine] = fields.ForeignKeyField(
        "settlement.StatementLine", related_name=False, on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(CounterpartyKind, max_length=16)
    # transfer:<id>, delivery:<id>, return:<id>
    source = fields.CharField(max_length=80)
    transfer_id = fields.BigIntField(null=True)
    points = fields.BigIntField(default=0)
    quantity = fields.IntField(default=0)

    class Meta:
        table = "settlement_statement_entry"
        unique_together = (("kind", "source"),)
        indexes = (("line_id", "id"), ("transfer_id",))


class StatementEvent(Model):
    """One move of a statement's status: who, from what, to what, and why."""

    id = fields.BigIntField(primary_key=True)
    statement: fields.ForeignKeyRelation[Statement] = fields.ForeignKeyField(
        "settlement.Statement", related_name=False, on_delete=fields.CASCADE
    )
    from_status = fields.CharEnumField(StatementStatus, max_length=16, null=True)
    to_status = fields.CharEnumField(StatementStatus, max_length=16)
    actor = fields.CharField(max_length=100)
    note = fields.CharField(max_length=1000, default="")
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "settlement_statement_event"
        ordering = ("id",)


class StatementFile(Model):
    """A file written for a statement: its storage location, key and SHA-256."""

    id = fields.BigIntField(primary_key=True)
    statement: fields.ForeignKeyRelation[Statement] = fields.ForeignKeyField(
        "settlement.Statement", related_name=False, on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(FileKind, max_length=16)
    location = fields.CharField(max_length=500, default="")
    key = fields.CharField(max_length=400)
    sha256 = fields.CharField(max_length=64)
    size_bytes = fields.BigIntField()
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "settlement_statement_file"
        ordering = ("id",)
        unique_together = (("statement_id", "kind"),)


class Payout(Model):
    """The operator paying a partner statement: a Stripe Connect transfer or a manual payment."""

    id = fields.BigIntField(primary_key=True)
    statement: fields.OneToOneRelation[Statement] = fields.OneToOneField(
        "settlement.Statement", related_name=False, on_delete=fields.RESTRICT
    )
    partner_code = fields.CharField(max_length=64)
    method = fields.CharEnumField(PayoutMethod, max_length=16)
    status = fields.CharEnumField(PayoutStatus, max_length=16, default=PayoutStatus.PENDING)
    amount = fields.DecimalField(max_digits=16, decimal_places=2)
    currency = fields.CharField(max_length=3)
    destination = fields.CharField(max_length=255, default="")
    # The manual payment's reference, or the Stripe transfer id once sent.
    reference = fields.CharField(max_length=255, default="")
    idempotency_key = fields.CharField(max_length=200, unique=True)
    actor = fields.CharField(max_length=100)
    created_at = ClockDatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "settlement_payout"
        constraints = [CheckConstraint(check="amount >= 0", name="settlement_payout_amount_not_negative")]
