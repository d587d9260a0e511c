"""The loyalty engine's tables: earning rules and their versions, awards and their cap counters, tiers, and
each programme member's standing. Only loyalty services write here.

A programme is an issuer's (`issuer_code`, as on channels): its rules, tiers and thresholds. Points never
live here: an award names the ledger transfer that moved them (the ledger is the only book of points).
Model docstrings must not contain semicolons (they become SQL comments in migrations).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from kernel.fields import ClockDatetimeField

if TYPE_CHECKING:
    from mall.accounts.models import User
    from mall.channels.models import Channel


class RuleKind(StrEnum):
    SPEND_RATIO = "spend_ratio"  # the points value of what was delivered x the ratio
    PRODUCT_POINTS = "product_points"  # points set per unit of a product (by SKU)
    WELCOME = "welcome"  # once per member: a new or migrated member
    SIGN_IN = "sign_in"  # the member's daily sign-in, once a day
    SHARE = "share"  # the member shared a gift or page
    EVENT = "event"  # the member took part in an event the bank runs
    BIRTHDAY = "birthday"  # once a year


SPEND_KINDS = frozenset({RuleKind.SPEND_RATIO, RuleKind.PRODUCT_POINTS})


class CapUnit(StrEnum):
    AWARDS = "awards"  # caps count awards ("at most 10 events a year")
    POINTS = "points"  # caps count points ("at most 384 points a year")


class CapPeriod(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class SpendTiming(StrEnum):
    AT_DELIVERY = "at_delivery"  # earned when the shipment is delivered, taken back on a return
    AFTER_RETURN_WINDOW = "after_return_window"  # pending until the channel's return window closes


class TierMeasure(StrEnum):
    POINTS_EARNED = "points_earned"  # points awarded by the programme's rules in the window
    SPEND = "spend"  # points value of what was delivered (net of returns) in the window


class AwardStatus(StrEnum):
    BOOKED = "booked"
    TAKEN_BACK = "taken_back"  # every point of it was taken back


class MemberState(StrEnum):
    ACTIVE = "active"
    SLEEPING = "sleeping"
    LAPSED = "lapsed"


class TierChangeReason(StrEnum):
    JOINED = "joined"  # the member's first standing in the programme
    UPGRADE = "upgrade"  # the qualifying value reached a higher level's threshold
    RETAINED = "retained"  # judged at the anniversary: the level's threshold was met again
    DOWNGRADE = "downgrade"  # judged at the anniversary: not retained, one level down


class Programme(Model):
    """An issuer's loyalty settings: when spend points are earned, how tiers qualify, when members sleep."""

    id = fields.IntField(primary_key=True)
    issuer_code = fields.CharField(max_length=64, unique=True)
    spend_timing = fields.CharEnumField(SpendTiming, max_length=32, default=SpendTiming.AT_DELIVERY)
    tier_measure = fields.CharEnumField(TierMeasure, max_length=16, default=TierMeasure.POINTS_EARNED)
    tier_window_months = fields.IntField(default=12)
    sleeping_after_days = fields.IntField(default=90)
    lapsed_after_days = fields.IntField(default=365)
    segments_scored_on = fields.DateField(null=True)  # the day value segments were last scored (the job's)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "loyalty_programme"


class EarningRule(Model):
    """One way to earn in a programme, with its current terms (`version` counts changes of them)."""

    id = fields.IntField(primary_key=True)
    issuer_code = fields.CharField(max_length=64, db_index=True)
    code = fields.CharField(max_length=64)
    name = fields.CharField(max_length=250)
    kind = fields.CharEnumField(RuleKind, max_length=32)
    version = fields.IntField(default=1)
    is_active = fields.BooleanField(default=True)
    points = fields.IntField(default=0)  # fixed points an award gives (activity, welcome, birthday)
    ratio = fields.DecimalField(max_digits=10, decimal_places=4, default=Decimal(0))  # spend ratio
    product_points: fields.Field[dict[str, int]] = fields.JSONField(default=dict)  # SKU -> points per unit
    cap_unit = fields.CharEnumField(CapUnit, max_length=16, default=CapUnit.AWARDS)
    day_cap = fields.IntField(null=True)
    month_cap = fields.IntField(null=True)
    year_cap = fields.IntField(null=True)
    starts_at = fields.DatetimeField(null=True)
    ends_at = fields.DatetimeField(null=True)
    # Null: the issuer's liability pays. A partner's code: that partner's issued points pay (coalition).
    funding_partner_code = fields.CharField(max_length=64, null=True)
    # Null: the issuer's expiry policy. Otherwise ledger.policy.ExpiryRule and its count.
    expiry_rule = fields.CharField(max_length=16, null=True)
    expiry_count = fields.IntField(default=0)
    created_at = ClockDatetimeField(auto_now_add=True)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "loyalty_rule"
        unique_together = (("issuer_code", "code"),)
        ordering = ("issuer_code", "code")


class EarningRuleVersion(Model):
    """The terms of one version of a rule, as they were: what an award naming it was computed with."""

    id = fields.IntField(primary_key=True)
    rule: fields.ForeignKeyRelation[EarningRule] = fields.ForeignKeyField(
        "loyalty.EarningRule", related_name=False, on_delete=fields.RESTRICT
    )
    version = fields.IntField()
    terms: fields.Field[dict[str, Any]] = fields.JSONField()
    actor = fields.CharField(max_length=100)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "loyalty_rule_version"
        unique_together = (("rule", "version"),)


class Award(Model):
    """Points one rule gave one member for one occasion (a day's sign-in, a share, a shipment), once."""

    id = fields.BigIntField(primary_key=True)
    rule: fields.ForeignKeyRelation[EarningRule] = fields.ForeignKeyField(
        "loyalty.EarningRule", related_name=False, on_delete=fields.RESTRICT
    )
    rule_version = fields.IntField()
    member: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "mall.User", related_name=False, on_delete=fields.RESTRICT
    )
    channel: fields.ForeignKeyRelation[Channel] = fields.ForeignKeyField(
        "mall.Channel", related_name=False, on_delete=fields.RESTRICT
    )
    issuer_code = fields.CharField(max_length=64)
    occasion = fields.CharField(max_length=100)
    points = fields.IntField()
    points_taken_back = fields.IntField(default=0)
    status = fields.CharEnumField(AwardStatus, max_length=16, default=AwardStatus.BOOKED)
    funding_partner_code = fields.CharField(max_length=64, null=True)
    transfer_id = fields.BigIntField(null=True)
    shipment_id = fields.IntField(null=True, db_index=True)  # spend awards: the shipment that earned them
    local_date = fields.DateField()  # the day in the issuer's time zone (sign-in streaks, caps)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "loyalty_award"
        unique_together = (("rule", "member", "occasion"),)
        indexes = (("member_id", "issuer_code", "created_at"),)
        constraints = [
            CheckConstraint(check="points > 0 AND points_taken_back >= 0 AND points_taken_back <= points",
                            name="loyalty_award_taken_back_within_points"),
        ]


class AwardTakeBack(Model):
    """Points of an award taken back for one reason (a return), once per reason."""

    id = fields.BigIntField(primary_key=True)
    award: fields.ForeignKeyRelation[Award] = fields.ForeignKeyField(
        "loyalty.Award", related_name=False, on_delete=fields.RESTRICT
    )
    reason = fields.CharField(max_length=100, unique=True)  # e.g. return:12:award:7
    points = fields.IntField()
    transfer_id = fields.BigIntField(null=True)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "loyalty_award_take_back"


class HandledFact(Model):
    """A fact of another domain the loyalty engine has acted on (shipment:12, return:5): it acts once."""

    id = fields.BigIntField(primary_key=True)
    fact = fields.CharField(max_length=64, unique=True)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "loyalty_handled_fact"


class CapUsage(Model):
    """How much of a rule's cap a member used in one day, month or year (keys in the issuer's time zone).

    Raised by one conditional UPDATE per award, so concurrent awards never pass the cap together.
    """

    id = fields.BigIntField(primary_key=True)
    rule_id = fields.IntField()
    member_id = fields.IntField()
    period = fields.CharEnumField(CapPeriod, max_length=8)
    period_key = fields.CharField(max_length=10)  # 2026-12-07, 2026-12, 2026
    awards = fields.IntField(default=0)
    points = fields.BigIntField(default=0)

    class Meta:
        table = "loyalty_cap_usage"
        unique_together = (("rule_id", "member_id", "period", "period_key"),)


class TierLevel(Model):
    """One level of a programme's tiers: its threshold and its benefits. Rank 0 is the entry level."""

    id = fields.IntField(primary_key=True)
    issuer_code = fields.CharField(max_length=64, db_index=True)
    code = fields.CharField(max_length=64)
    name = fields.CharField(max_length=100)
    rank = fields.IntField()
    threshold = fields.BigIntField(default=0)
    earn_multiplier = fields.DecimalField(max_digits=6, decimal_places=2, default=Decimal(1))
    points_discount_percent = fields.DecimalField(max_digits=5, decimal_places=2, default=Decimal(0))
    free_delivery = fields.BooleanField(default=False)
    exclusive_products: fields.Field[list[str]] = fields.JSONField(default=list)  # product slugs

    class Meta:
        table = "loyalty_tier_level"
        unique_together = (("issuer_code", "code"), ("issuer_code", "rank"))
        ordering = ("issuer_code", "rank")


class ProgrammeMember(Model):
    """A member's standing in one programme: tier, anniversary, state and value segment.

    `needs_review` is raised whenever the member's qualifying months change, so the tier job reads only
    those members and the ones whose anniversary came (never the whole programme every day). The marked
    members are found through a partial index that holds only them (loyalty migration 0002, plain SQL).
    """

    id = fields.BigIntField(primary_key=True)
    issuer_code = fields.CharField(max_length=64)
    member: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "mall.User", related_name=False, on_delete=fields.RESTRICT
    )
    tier: fields.ForeignKeyNullableRelation[TierLevel] = fields.ForeignKeyField(
        "loyalty.TierLevel", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    tier_since = fields.DateField(null=True)
    anniversary = fields.DateField(null=True, db_index=True)  # when the tier is next judged
    needs_review = fields.BooleanField(default=True)
    last_activity_at = fields.DatetimeField(null=True)
    state = fields.CharEnumField(MemberState, max_length=16, default=MemberState.ACTIVE)
    recency_score = fields.IntField(default=0)
    frequency_score = fields.IntField(default=0)
    monetary_score = fields.IntField(default=0)
    segment = fields.CharField(max_length=32, default="")
    # Rolling RFM figures (loyalty.figures): the newest month held (year x 12 + month - 1), then a ring of 12
    # month buckets of awards and of spend, bucket k holding the month whose index is k modulo 12.
    figures_month = fields.IntField(null=True)
    awards_m0 = fields.IntField(default=0, db_default=0)
    awards_m1 = fields.IntField(default=0, db_default=0)
    awards_m2 = fields.IntField(default=0, db_default=0)
    awards_m3 = fields.IntField(default=0, db_default=0)
    awards_m4 = fields.IntField(default=0, db_default=0)
    awards_m5 = fields.IntField(default=0, db_default=0)
    awards_m6 = fields.IntField(default=0, db_default=0)
    awards_m7 = fields.IntField(default=0, db_default=0)
    awards_m8 = fields.IntField(default=0, db_default=0)
    awards_m9 = fields.IntField(default=0, db_default=0)
    awards_m10 = fields.IntField(default=0, db_default=0)
    awards_m11 = fields.IntField(default=0, db_default=0)
    spend_m0 = fields.BigIntField(default=0, db_default=0)
    spend_m1 = fields.BigIntField(default=0, db_default=0)
    spend_m2 = fields.BigIntField(default=0, db_default=0)
    spend_m3 = fields.BigIntField(default=0, db_default=0)
    spend_m4 = fields.BigIntField(default=0, db_default=0)
    spend_m5 = fields.BigIntField(default=0, db_default=0)
    spend_m6 = fields.BigIntField(default=0, db_default=0)
    spend_m7 = fields.BigIntField(default=0, db_default=0)
    spend_m8 = fields.BigIntField(default=0, db_default=0)
    spend_m9 = fields.BigIntField(default=0, db_default=0)
    spend_m10 = fields.BigIntField(default=0, db_default=0)
    spend_m11 = fields.BigIntField(default=0, db_default=0)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "loyalty_programme_member"
        unique_together = (("issuer_code", "member"),)
        indexes = (("issuer_code", "state", "last_activity_at"), ("issuer_code", "segment"))


class QualifyingMonth(Model):
    """A member's points earned and spend in one month of the issuer's calendar (what tiers qualify on)."""

    id = fields.BigIntField(primary_key=True)
    issuer_code = fields.CharField(max_length=64)
    member_id = fields.IntField()
    month = fields.DateField()  # the first day of the month
    points_earned = fields.BigIntField(default=0)
    spend = fields.BigIntField(default=0)
    awards = fields.IntField(default=0)

    class Meta:
        table = "loyalty_qualifying_month"
        unique_together = (("issuer_code", "member_id", "month"),)


class TierChange(Model):
    """Every change (or retention) of a member's tier, with its reason and the value it was judged on."""

    id = fields.BigIntField(primary_key=True)
    issuer_code = fields.CharField(max_length=64)
    member_id = fields.IntField(db_index=True)
    from_tier = fields.CharField(max_length=64, null=True)
    to_tier = fields.CharField(max_length=64, null=True)
    reason = fields.CharEnumField(TierChangeReason, max_length=16)
    qualifying_value = fields.BigIntField()
    happened_on = fields.DateField()
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "loyalty_tier_change"
