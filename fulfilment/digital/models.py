"""Digital gifts: e-vouchers, codes and top-ups handed to the member the moment they are redeemed.

A variant of a product type that needs no shipping is digital when a `DigitalGift` row names how it is
fulfilled: from a pool of codes its partner uploaded (`CodePool`), or by the partner's own API, which
issues one per order (`PartnerApi`). Either way the member's codes end up in `DigitalCode`, encrypted at
rest (fulfilment.digital.vault). `DigitalContract` holds what the partner agreed for its digital gifts:
where its issuing API is, the secret requests are signed with, what becomes of the code of a cancelled
line, whether a shown code can be returned. Only fulfilment services write these tables. Model
docstrings must not contain semicolons: tortoise's SQLite migrations split statements on them.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from kernel.fields import ClockDatetimeField


class DigitalMode(StrEnum):
    CODE_POOL = "code_pool"  # codes the partner uploaded ahead, one taken per unit at completion
    PARTNER_API = "partner_api"  # the partner's API issues the code (or tops up) per order, through the outbox


class UnusedCodePolicy(StrEnum):
    """What becomes of the code of a line given back before the member saw it."""

    BURN = "burn"  # never sold again (the partner voids it on its side)
    RETURN = "return"  # back into the pool, sold again


class CodeStatus(StrEnum):
    AVAILABLE = "available"  # in the pool, unsold
    ASSIGNED = "assigned"  # the member's
    BURNED = "burned"  # withdrawn: its line was cancelled or returned, or the partner voided it
    USED = "used"  # the partner reported it redeemed at the till


class IssueStatus(StrEnum):
    PENDING = "pending"  # queued in the outbox, the partner has not answered yet
    ISSUED = "issued"  # the partner answered, the line is delivered
    CANCELLED = "cancelled"  # the order was cancelled before the partner issued anything


class DigitalContract(Model):
    """A partner's terms for its digital gifts: its issuing API and how codes of given-back lines end."""

    id = fields.IntField(primary_key=True)
    partner_code = fields.CharField(max_length=64, unique=True)
    issue_endpoint_url = fields.CharField(max_length=500, default="")
    # Signs our issuing requests (HMAC-SHA256, fulfilment.signing), as carriers' hand-offs are signed.
    signing_secret = fields.CharField(max_length=200, default="")
    unused_code_policy = fields.CharEnumField(UnusedCodePolicy, max_length=16, default=UnusedCodePolicy.BURN)
    # Most partners refuse a code back once the member could have copied it.
    returnable_once_shown = fields.BooleanField(default=False)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "fulfilment_digital_contract"


class DigitalGift(Model):
    """How one variant is fulfilled digitally, and what the member is told about using it."""

    id = fields.IntField(primary_key=True)
    variant_id = fields.IntField(unique=True)
    partner_code = fields.CharField(max_length=64, null=True, db_index=True)
    mode = fields.CharEnumField(DigitalMode, max_length=16)
    # The partner's warehouse whose stock row mirrors the pool (code pool) and that the delivery leaves from.
    warehouse = fields.ForeignKeyField("catalog.Warehouse", related_name=False, on_delete=fields.RESTRICT)
    usage_en = fields.TextField(default="")
    usage_zh = fields.TextField(default="")
    # Validity of codes the partner issues without a date of their own.
    validity_days = fields.IntField(null=True)
    created_at = ClockDatetimeField(auto_now_add=True)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "fulfilment_digital_gift"
        constraints = (CheckConstraint(check="validity_days IS NULL OR validity_days > 0",
                                       name="digital_gift_validity_positive"),)


class DigitalCode(Model):
    """One code: in the pool until a completion takes it, then one order line's, for good."""

    id = fields.IntField(primary_key=True)
    variant_id = fields.IntField(db_index=True)
    partner_code = fields.CharField(max_length=64, null=True, db_index=True)
    # The code encrypted with the mall's key (Fernet), never stored in clear.
    sealed = fields.TextField()
    # Keyed hash of the code: the same code uploaded twice for a variant is refused without decrypting.
    fingerprint = fields.CharField(max_length=64)
    # Names the key that sealed the code and keyed its fingerprint (fulfilment.digital.vault.key_id_of); empty
    # for codes sealed before keys were named. A key rotation re-seals every code whose key is not the current.
    key_id = fields.CharField(max_length=16, default="", db_index=True)
    valid_until = fields.DateField(null=True, db_index=True)
    status = fields.CharEnumField(CodeStatus, max_length=16, default=CodeStatus.AVAILABLE, db_index=True)
    order_line = fields.ForeignKeyField("orders.OrderLine", related_name=False, null=True, on_delete=fields.RESTRICT)
    order = fields.ForeignKeyField("orders.Order", related_name=False, null=True, on_delete=fields.RESTRICT)
    # The partner's own reference of an issued code (API mode), shown beside the code.
    reference = fields.CharField(max_length=200, default="")
    assigned_at = fields.DatetimeField(null=True)
    # The first time the member's page showed it: from then on it cannot go back to the pool.
    revealed_at = fields.DatetimeField(null=True)
    burned_at = fields.DatetimeField(null=True)
    used_at = fields.DatetimeField(null=True)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "fulfilment_digital_code"
        ordering = ("id",)
        unique_together = (("variant_id", "fingerprint"),)
        constraints = (
            CheckConstraint(check="status = 'available' OR order_line_id IS NOT NULL OR status = 'burned'",
                            name="digital_code_sold_has_line"),
        )


class DigitalIssue(Model):
    """A line the partner's API issues: one signed request through the outbox, its answer recorded."""

    id = fields.IntField(primary_key=True)
    order_line = fields.ForeignKeyField("orders.OrderLine", related_name=False, on_delete=fields.CASCADE,
                                        unique=True)
    order = fields.ForeignKeyField("orders.Order", related_name=False, on_delete=fields.CASCADE)
    partner_code = fields.CharField(max_length=64, null=True, db_index=True)
    status = fields.CharEnumField(IssueStatus, max_length=16, default=IssueStatus.PENDING, db_index=True)
    message_id = fields.BigIntField(null=True)
    # The partner's reference for the whole request, and whether it answered "done" with no code (a top-up).
    reference = fields.CharField(max_length=200, default="")
    codeless = fields.BooleanField(default=False)
    issued_at = fields.DatetimeField(null=True)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "fulfilment_digital_issue"
        ordering = ("id",)
