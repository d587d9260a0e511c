"""Issuers: the banks whose points programmes the mall serves, and their members. Issuers are written by
bank_link.issuers only.

A channel belongs to an issuer through `Channel.issuer_code` (= `Issuer.code`): one issuer may run several
channels, all in its points unit.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from kernel.fields import ClockDatetimeField

if TYPE_CHECKING:
    from mall.accounts.models import User


class SettlementCycle(StrEnum):
    MONTHLY = "monthly"


class Issuer(Model):
    """One bank programme: its points unit, what a point is worth, its rules and where its files go."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=250)
    points_unit = fields.CharField(max_length=16)
    # What members call the unit, by Saleor language code ({"EN": "points", "ZH_HANS": "积分"}); a language
    # without a name reads the default (mall.channels.unit_names).
    points_unit_names: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    # The same names for exactly one point ({"EN": "point"}), shown beside an amount of 1; Chinese needs none.
    points_unit_names_singular: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    # The settlement rate: what the bank pays the operator for one redeemed point.
    cash_value_per_point = fields.DecimalField(max_digits=12, decimal_places=6, default=Decimal("0.01"))
    cash_currency = fields.CharField(max_length=3, default="CNY")
    # Points + cash: whether a member may cover a shortfall by card, and the largest share of an order's
    # value (in percent) that cash may pay.
    points_cash_allowed = fields.BooleanField(default=False)
    max_cash_share_percent = fields.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    # Expiry policy of credited points (ledger.policy.ExpiryRule and its count).
    expiry_rule = fields.CharField(max_length=16, default="never")
    expiry_count = fields.IntField(default=0)
    settlement_cycle = fields.CharEnumField(SettlementCycle, max_length=16, default=SettlementCycle.MONTHLY)
    # IANA time zone in which periods start and end (a November period ends at midnight local time).
    time_zone = fields.CharField(max_length=64, default="Asia/Shanghai")
    # Where statements and bank files go: empty for the local storage folder, or s3://bucket/prefix.
    storage_location = fields.CharField(max_length=500, default="")
    # PEM public key that verifies the bank's single sign-on tokens (empty: sign-on is off).
    sso_public_key_pem = fields.TextField(default="")
    # Members are e-mailed once about points that expire within this many days (0: no reminders).
    reminder_days = fields.IntField(default=30)
    # How the programme tells members transactional news (mall/notifications): by text message as well as
    # e-mail and the inbox, never during the quiet hours (from, until; local hours in the member's zone).
    sms_notifications = fields.BooleanField(default=True)
    sms_quiet_from_hour = fields.IntField(default=21)
    sms_quiet_until_hour = fields.IntField(default=8)
    # Redemption confirmation: checkouts of more points than this need a one-time code first (0: never),
    # sent by `confirmation_channel` ("sms" or "email").
    # A short column: joins from sign-on token uses alias it, and PostgreSQL cuts aliases at 63 characters.
    confirmation_threshold_points = fields.IntField(default=0, source_field="confirm_above_points")
    confirmation_channel = fields.CharField(max_length=8, default="sms")
    is_active = fields.BooleanField(default=True)
    created_at = ClockDatetimeField(auto_now_add=True)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "bank_link_issuer"
        ordering = ("code",)


class MemberStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


class Member(Model):
    """A cardholder of an issuer, as the bank's roster names them, linked to the mall account they use.

    The bank's customer reference is unique within the issuer. The contact details are the roster's (the
    mall account keeps the e-mail it was created with). An inactive member can neither sign on nor be
    credited, whatever other issuers think of the same account.
    """

    id = fields.BigIntField(primary_key=True)
    issuer: fields.ForeignKeyRelation[Issuer] = fields.ForeignKeyField(
        "bank_link.Issuer", related_name=False, on_delete=fields.RESTRICT
    )
    customer_reference = fields.CharField(max_length=64)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "mall.User", related_name=False, on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=250, default="")
    email = fields.CharField(max_length=254, default="")
    phone = fields.CharField(max_length=32, default="")
    status = fields.CharEnumField(MemberStatus, max_length=16, default=MemberStatus.ACTIVE)
    created_at = ClockDatetimeField(auto_now_add=True)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "bank_link_member"
        unique_together = (("issuer", "customer_reference"), ("issuer", "user"))


class ExpiryReminder(Model):
    """One reminder sent for one lot of points about to expire: the row makes the reminder happen once."""

    id = fields.BigIntField(primary_key=True)
    lot_id = fields.BigIntField(unique=True)
    member: fields.ForeignKeyRelation[Member] = fields.ForeignKeyField(
        "bank_link.Member", related_name=False, on_delete=fields.RESTRICT
    )
    points = fields.BigIntField()
    expires_at = fields.DatetimeField()
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "bank_link_expiry_reminder"


class SignOnTokenUse(Model):
    """A bank sign-on token already exchanged, by its issuer and `jti`: the same pair again is a replay.

    The unique pair is what refuses a concurrent second use. A row is needed only while the token could
    still pass (until `forget_after`, its exp plus the clock-skew leeway), then the worker deletes it.
    """

    id = fields.BigIntField(primary_key=True)
    issuer: fields.ForeignKeyRelation[Issuer] = fields.ForeignKeyField(
        "bank_link.Issuer", related_name=False, on_delete=fields.CASCADE
    )
    jti = fields.CharField(max_length=255)
    forget_after = fields.DatetimeField(db_index=True)
    used_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "bank_link_sign_on_token_use"
        unique_together = (("issuer", "jti"),)


class MemberLookup(Model):
    """One search of an issuer's members by its staff: who looked, when, why, for what, and whom it found.

    Bank staff read personal data (balance, history, contact details) only through a recorded lookup, so the
    operator can answer "who looked at this cardholder and why". Rows are never changed or deleted.
    """

    id = fields.BigIntField(primary_key=True)
    issuer: fields.ForeignKeyRelation[Issuer] = fields.ForeignKeyField(
        "bank_link.Issuer", related_name=False, on_delete=fields.RESTRICT
    )
    # "user:<id>" or "app:<id>", as the ledger names actors.
    actor = fields.CharField(max_length=64)
    actor_email = fields.CharField(max_length=254, default="")
    searched_by = fields.CharField(max_length=32)
    searched_for = fields.CharField(max_length=254)
    reason = fields.CharField(max_length=500)
    member: fields.ForeignKeyNullableRelation[Member] = fields.ForeignKeyField(
        "bank_link.Member", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    created_at = ClockDatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "bank_link_member_lookup"
