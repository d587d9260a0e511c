"""Partner merchants: who lists gifts, on which contract terms. Only partners.services writes here."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from kernel.fields import ClockDatetimeField


class PartnerStatus(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    SUSPENDED = "suspended"


class FailedDeliveryStock(StrEnum):
    """What happens to goods that come back from a failed delivery."""

    RESTOCK = "restock"  # back on the shelf: the warehouse's stock grows again
    WRITE_OFF = "write_off"  # lost or damaged: recorded, not sold again


class Partner(Model):
    """A supplier of gifts. Staff scoped to a partner are matched by `code`."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=250)
    status = fields.CharEnumField(PartnerStatus, max_length=16, default=PartnerStatus.PENDING)
    # The operator's service fee, a percentage of the points value consumed, kept from each payout.
    service_fee_percent = fields.DecimalField(max_digits=5, decimal_places=2, default=Decimal("5.00"))
    settlement_currency = fields.CharField(max_length=3, default="CNY")
    contact_email = fields.CharField(max_length=254, default="")
    failed_delivery_stock = fields.CharEnumField(
        FailedDeliveryStock, max_length=16, default=FailedDeliveryStock.RESTOCK
    )
    # Stripe Connect account that receives payouts (acct_...); none means payouts are made by hand.
    stripe_account_id = fields.CharField(max_length=255, null=True)
    created_at = ClockDatetimeField(auto_now_add=True)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "partner_partner"
        ordering = ("code",)


class PartnerTerms(Model):
    """A change of a partner's contract terms, from a month on: append-only, so who changed what and when stays
    on record. The terms in force for a month are the newest change effective from it or before; without
    one, the terms the partner was created with (its own columns, never rewritten)."""

    id = fields.IntField(primary_key=True)
    partner: fields.ForeignKeyRelation[Partner] = fields.ForeignKeyField(
        "partners.Partner", related_name=False, on_delete=fields.CASCADE
    )
    effective_from = fields.CharField(max_length=7)  # the first month (YYYY-MM) the terms apply to
    service_fee_percent = fields.DecimalField(max_digits=5, decimal_places=2)
    note = fields.CharField(max_length=500, default="")
    changed_by = fields.CharField(max_length=128)  # the actor, e.g. user:12
    changed_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "partner_terms"
        ordering = ("partner_id", "effective_from", "id")
