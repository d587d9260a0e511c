"""Issuers: the banks whose points programmes the mall serves. Only bank_link.services writes here.

A channel belongs to an issuer through `Channel.issuer_code` (= `Issuer.code`): one issuer may run several
channels, all in its points unit.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class SettlementCycle(StrEnum):
    MONTHLY = "monthly"


class Issuer(Model):
    """One bank programme: its points unit, what a point is worth, its rules and where its files go."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=250)
    points_unit = fields.CharField(max_length=16)
    # The settlement rate: what the bank pays the operator for one redeemed point.
    cash_value_per_point = fields.DecimalField(max_digits=12, decimal_places=6, default=Decimal("0.01"))
    cash_currency = fields.CharField(max_length=3, default="CNY")
    # Points + cash: whether a member may cover a shortfall by card, and the largest share of an order's
    # value (in percent) that cash may pay.
    points_cash_allowed = fields.BooleanField(default=False)
    max_cash_share_percent = fields.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    # Expiry policy of credited points (mall.ledger.policy.ExpiryRule and its count).
    expiry_rule = fields.CharField(max_length=16, default="never")
    expiry_count = fields.IntField(default=0)
    settlement_cycle = fields.CharEnumField(SettlementCycle, max_length=16, default=SettlementCycle.MONTHLY)
    # IANA time zone in which periods start and end (a November period ends at midnight local time).
    time_zone = fields.CharField(max_length=64, default="Asia/Shanghai")
    # Where statements and bank files go: empty for the local storage folder, or s3://bucket/prefix.
    storage_location = fields.CharField(max_length=500, default="")
    # PEM public key that verifies the bank's single sign-on tokens (empty: sign-on is off).
    sso_public_key_pem = fields.TextField(default="")
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "bank_link_issuer"
        ordering = ("code",)
