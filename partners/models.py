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
