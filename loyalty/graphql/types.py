"""The loyalty engine's API types (mall-only: Saleor has no loyalty programme). Every name starts with
`Loyalty` so none clashes with Saleor's."""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Any

import strawberry

from loyalty.caps import CapLeft
from loyalty.errors import LOYALTY_ERROR_DESCRIPTIONS
from loyalty.models import Award, EarningRule, Programme, ProgrammeMember, TierLevel
from loyalty.reads import TierProgress, WayToEarn
from mall.graphql.ids import to_global_id
from mall.graphql.scalars import SaleorDecimal

LoyaltyErrorCode = strawberry.enum(
    Enum("LoyaltyErrorCode", {code: strawberry.enum_value(code, description=text)  # type: ignore[misc]
                              for code, text in LOYALTY_ERROR_DESCRIPTIONS.items()}),
    name="LoyaltyErrorCode", description="Points mall: why a loyalty mutation was refused.",
)


@strawberry.type(description="Points mall: an error of a loyalty mutation.")
class LoyaltyError:
    field: str | None = strawberry.field(description="Name of the input field with the problem, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: LoyaltyErrorCode = strawberry.field(description="The error code.")  # type: ignore[valid-type]


@strawberry.enum(description="Points mall: what an earning rule gives points for.")
class LoyaltyRuleKindEnum(Enum):
    SPEND_RATIO = "spend_ratio"
    PRODUCT_POINTS = "product_points"
    WELCOME = "welcome"
    SIGN_IN = "sign_in"
    SHARE = "share"
    EVENT = "event"
    BIRTHDAY = "birthday"


@strawberry.enum(description="Points mall: what a rule's caps count: awards (times) or points.")
class LoyaltyCapUnitEnum(Enum):
    AWARDS = "awards"
    POINTS = "points"


@strawberry.enum(description="Points mall: the period of a cap, in the issuer's time zone.")
class LoyaltyCapPeriodEnum(Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@strawberry.enum(description="Points mall: when spend points are earned.")
class LoyaltySpendTimingEnum(Enum):
    AT_DELIVERY = "at_delivery"
    AFTER_RETURN_WINDOW = "after_return_window"


@strawberry.enum(description="Points mall: what tiers qualify on.")
class LoyaltyTierMeasureEnum(Enum):
    POINTS_EARNED = "points_earned"
    SPEND = "spend"


@strawberry.enum(description="Points mall: a member's state by time since the last activity.")
class LoyaltyMemberStateEnum(Enum):
    ACTIVE = "active"
    SLEEPING = "sleeping"
    LAPSED = "lapsed"


@strawberry.type(description="Points mall: points set per unit of a product.")
class LoyaltyProductPoints:
    sku: str = strawberry.field(description="The product variant's SKU.")
    points: int = strawberry.field(description="Points per unit delivered.")


@strawberry.type(description="Points mall: one way to earn points in a programme, with its current terms.")
class LoyaltyRule:
    model: strawberry.Private[EarningRule]

    @strawberry.field(description="The ID of the rule.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("LoyaltyRule", self.model.id))

    @strawberry.field(description="The rule's code, unique in its programme.")
    def code(self) -> str:
        return self.model.code

    @strawberry.field(description="The rule's name, shown to members and in their points history.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="What the rule gives points for.")
    def kind(self) -> LoyaltyRuleKindEnum:
        return LoyaltyRuleKindEnum(self.model.kind)

    @strawberry.field(description="The version of the terms; each change makes a new one, each award names it.")
    def version(self) -> int:
        return self.model.version

    @strawberry.field(description="Whether the rule gives points (within its validity window).")
    def is_active(self) -> bool:
        return self.model.is_active

    @strawberry.field(description="Points an award gives (welcome, activity, birthday), before tier multipliers.")
    def points(self) -> int:
        return self.model.points

    @strawberry.field(description="Spend ratio: points per point of value delivered.")
    def ratio(self) -> SaleorDecimal:
        return SaleorDecimal(self.model.ratio)

    @strawberry.field(description="Points set per product unit (per-product rules).")
    def product_points(self) -> list[LoyaltyProductPoints]:
        return [LoyaltyProductPoints(sku=sku, points=int(points))
                for sku, points in sorted((self.model.product_points or {}).items())]

    @strawberry.field(description="What the caps count.")
    def cap_unit(self) -> LoyaltyCapUnitEnum:
        return LoyaltyCapUnitEnum(self.model.cap_unit)

    @strawberry.field(description="At most this much per member per day (issuer's time zone); null: no cap.")
    def day_cap(self) -> int | None:
        return self.model.day_cap

    @strawberry.field(description="At most this much per member per month; null: no cap.")
    def month_cap(self) -> int | None:
        return self.model.month_cap

    @strawberry.field(description="At most this much per member per year; null: no cap.")
    def year_cap(self) -> int | None:
        return self.model.year_cap

    @strawberry.field(description="When the rule starts giving points; null: already.")
    def starts_at(self) -> datetime.datetime | None:
        return self.model.starts_at

    @strawberry.field(description="When the rule stops giving points; null: never.")
    def ends_at(self) -> datetime.datetime | None:
        return self.model.ends_at

    @strawberry.field(description="The partner whose issued points pay for the awards; null: the issuer.")
    def funding_partner(self) -> str | None:
        return self.model.funding_partner_code

    @strawberry.field(description="The expiry rule of awarded points (never, fixed_days, end_of_month, "
                      "end_of_year); null: the issuer's policy.")
    def expiry_rule(self) -> str | None:
        return self.model.expiry_rule

    @strawberry.field(description="The count of the expiry rule (days, months or years).")
    def expiry_count(self) -> int:
        return self.model.expiry_count


@strawberry.type(description="Points mall: a tier of a programme and its benefits.")
class LoyaltyTier:
    model: strawberry.Private[TierLevel]

    @strawberry.field(description="The tier's code.")
    def code(self) -> str:
        return self.model.code

    @strawberry.field(description="The tier's name.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="Its place, 0 for the entry tier.")
    def rank(self) -> int:
        return self.model.rank

    @strawberry.field(description="The qualifying value that reaches (and retains) this tier.")
    def threshold(self) -> int:
        return int(self.model.threshold)

    @strawberry.field(description="Awards are multiplied by this.")
    def earn_multiplier(self) -> SaleorDecimal:
        return SaleorDecimal(self.model.earn_multiplier)

    @strawberry.field(description="Percent off gifts' points prices.")
    def points_discount_percent(self) -> SaleorDecimal:
        return SaleorDecimal(self.model.points_discount_percent)

    @strawberry.field(description="Whether delivery is free.")
    def free_delivery(self) -> bool:
        return self.model.free_delivery

    @strawberry.field(description="Slugs of gifts only this tier and higher may redeem.")
    def exclusive_products(self) -> list[str]:
        return list(self.model.exclusive_products or [])


@strawberry.type(description="Points mall: a programme's loyalty settings, rules and tiers.")
class LoyaltyProgramme:
    settings: strawberry.Private[Programme]
    rule_models: strawberry.Private[list[EarningRule]]
    tier_models: strawberry.Private[list[TierLevel]]

    @strawberry.field(description="The issuer's code.")
    def issuer(self) -> str:
        return self.settings.issuer_code

    @strawberry.field(description="When spend points are earned.")
    def spend_timing(self) -> LoyaltySpendTimingEnum:
        return LoyaltySpendTimingEnum(self.settings.spend_timing)

    @strawberry.field(description="What tiers qualify on.")
    def tier_measure(self) -> LoyaltyTierMeasureEnum:
        return LoyaltyTierMeasureEnum(self.settings.tier_measure)

    @strawberry.field(description="The rolling window tiers qualify over, in months (12 or 24).")
    def tier_window_months(self) -> int:
        return self.settings.tier_window_months

    @strawberry.field(description="Days without activity after which a member is sleeping.")
    def sleeping_after_days(self) -> int:
        return self.settings.sleeping_after_days

    @strawberry.field(description="Days without activity after which a member has lapsed.")
    def lapsed_after_days(self) -> int:
        return self.settings.lapsed_after_days

    @strawberry.field(description="The programme's earning rules.")
    def rules(self) -> list[LoyaltyRule]:
        return [LoyaltyRule(model=rule) for rule in self.rule_models]

    @strawberry.field(description="The programme's tiers, lowest first.")
    def tiers(self) -> list[LoyaltyTier]:
        return [LoyaltyTier(model=tier) for tier in self.tier_models]


@strawberry.type(description="Points mall: points one rule gave a member for one occasion.")
class LoyaltyAward:
    model: strawberry.Private[Award]
    rule_name: str = strawberry.field(description="The name of the rule that gave them.")

    @strawberry.field(description="The ID of the award.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("LoyaltyAward", self.model.id))

    @strawberry.field(description="The version of the rule's terms that gave them.")
    def rule_version(self) -> int:
        return self.model.rule_version

    @strawberry.field(description="Points given.")
    def points(self) -> int:
        return self.model.points

    @strawberry.field(description="Points taken back since (a returned purchase).")
    def points_taken_back(self) -> int:
        return self.model.points_taken_back

    @strawberry.field(description="What the points were for, e.g. day:2026-12-07, share:kettle, shipment:12.")
    def occasion(self) -> str:
        return self.model.occasion

    @strawberry.field(description="When the points were given.")
    def created(self) -> datetime.datetime:
        return self.model.created_at


@strawberry.type(description="Points mall: what is left of a cap for the member.")
class LoyaltyCapLeft:
    model: strawberry.Private[CapLeft]

    @strawberry.field(description="The cap's period.")
    def period(self) -> LoyaltyCapPeriodEnum:
        return LoyaltyCapPeriodEnum(self.model.period.value)

    @strawberry.field(description="The cap.")
    def cap(self) -> int:
        return self.model.cap

    @strawberry.field(description="Used in this period.")
    def used(self) -> int:
        return self.model.used

    @strawberry.field(description="Left in this period.")
    def left(self) -> int:
        return self.model.left


@strawberry.type(description="Points mall: a way for the member to earn points, with what is left of its caps.")
class LoyaltyWayToEarn:
    model: strawberry.Private[WayToEarn]

    @strawberry.field(description="The rule.")
    def rule(self) -> LoyaltyRule:
        return LoyaltyRule(model=self.model.rule)

    @strawberry.field(description="What is left of each of the rule's caps.")
    def caps(self) -> list[LoyaltyCapLeft]:
        return [LoyaltyCapLeft(model=cap) for cap in self.model.caps]

    @strawberry.field(description="Whether the member can earn by it now (caps left, not signed in today).")
    def available(self) -> bool:
        return self.model.available


@strawberry.type(description="Points mall: a member's tier and the way to the next one and to retention.")
class LoyaltyTierProgress:
    model: strawberry.Private[TierProgress]

    @strawberry.field(description="The member's tier; null until the tier job has judged the member.")
    def tier(self) -> LoyaltyTier | None:
        return LoyaltyTier(model=self.model.tier) if self.model.tier else None

    @strawberry.field(description="The next tier up; null at the top.")
    def next_tier(self) -> LoyaltyTier | None:
        return LoyaltyTier(model=self.model.next_tier) if self.model.next_tier else None

    @strawberry.field(description="The qualifying value of the programme's rolling window.")
    def qualifying_value(self) -> int:
        return self.model.qualifying_value

    @strawberry.field(description="Still needed for the next tier; null at the top.")
    def to_next_tier(self) -> int | None:
        return self.model.to_next_tier

    @strawberry.field(description="Still needed to keep the tier at the anniversary; null without a tier.")
    def to_retain(self) -> int | None:
        return self.model.to_retain

    @strawberry.field(description="When the tier is next judged (retention or a one-level downgrade).")
    def anniversary(self) -> datetime.date | None:
        return self.model.anniversary

    @strawberry.field(description="Consecutive days signed in, up to today.")
    def sign_in_streak(self) -> int:
        return self.model.sign_in_streak


@strawberry.type(description="Points mall: a member's standing in a programme.")
class LoyaltyMember:
    model: strawberry.Private[ProgrammeMember]
    tier_codes: strawberry.Private[dict[int, str]]

    @strawberry.field(description="The member's user ID.")
    def user_id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("User", self.model.member_id))  # type: ignore[attr-defined]

    @strawberry.field(description="The member's tier code.")
    def tier(self) -> str | None:
        tier_id = self.model.tier_id  # type: ignore[attr-defined]
        return self.tier_codes.get(tier_id) if tier_id else None

    @strawberry.field(description="Active, sleeping or lapsed.")
    def state(self) -> LoyaltyMemberStateEnum:
        return LoyaltyMemberStateEnum(self.model.state)

    @strawberry.field(description="The value segment (champions, loyal, promising, big_spenders, at_risk, "
                      "hibernating, needs_attention); empty until first scored.")
    def segment(self) -> str:
        return self.model.segment

    @strawberry.field(description="Recency score, 1 to 5 (5: most recent); 0 until first scored.")
    def recency_score(self) -> int:
        return self.model.recency_score

    @strawberry.field(description="Frequency score, 1 to 5; 0 until first scored.")
    def frequency_score(self) -> int:
        return self.model.frequency_score

    @strawberry.field(description="Monetary score, 1 to 5; 0 until first scored.")
    def monetary_score(self) -> int:
        return self.model.monetary_score

    @strawberry.field(description="The member's last activity.")
    def last_activity_at(self) -> datetime.datetime | None:
        return self.model.last_activity_at


def award_of(award: Award, rule_name: str) -> LoyaltyAward:
    return LoyaltyAward(model=award, rule_name=rule_name)


def unset_to_dict(values: dict[str, Any]) -> dict[str, Any]:
    """Only the input fields the caller gave (null included: it clears a cap or a date)."""
    return {name: value for name, value in values.items() if value is not strawberry.UNSET}
