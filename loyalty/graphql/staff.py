"""The programme's management in the API (mall-only): settings, earning rules, tiers, awards a bank gives,
and members by state, segment and tier (also as CSV).

Requires MANAGE_POINTS. A bank's staff and apps (scoped to their issuer) manage their own programme and may
leave `issuer` out; the operator names the issuer. Partners have no say (they fund rules the bank makes).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry

from ledger.policy import ExpiryRule
from loyalty import activity, reads, tiers
from loyalty.graphql.errors import LOYALTY_ERRORS
from loyalty.graphql.types import (
    LoyaltyAward,
    LoyaltyCapUnitEnum,
    LoyaltyError,
    LoyaltyMember,
    LoyaltyMemberStateEnum,
    LoyaltyProgramme,
    LoyaltyRule,
    LoyaltyRuleKindEnum,
    LoyaltySpendTimingEnum,
    LoyaltyTierMeasureEnum,
    award_of,
    unset_to_dict,
)
from loyalty.models import CapUnit, EarningRule, MemberState, RuleKind, SpendTiming, TierLevel, TierMeasure
from loyalty.programmes import ProgrammeChanges, find_programme, update_programme
from loyalty.rules import RuleTerms, create_rule, update_rule
from mall.accounts.auth import Principal
from mall.accounts.models import ScopeKind
from mall.channels.models import Channel
from mall.graphql.connection import PageArgs, countable_connection, paginate
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode
from mall.graphql.errors import DomainError
from mall.graphql.ids import parse_int_id_for_mutation
from mall.graphql.mutations import refused, run_in_transaction
from mall.graphql.permissions import ensure_scope, require_permission
from mall.graphql.scalars import SaleorDecimal

MANAGE_POINTS = "MANAGE_POINTS"
ISSUER = "The issuer's code; a bank's own staff and apps may leave it out."
LoyaltyMemberCountableConnection, LoyaltyMemberCountableEdge = countable_connection(LoyaltyMember, "LoyaltyMember")


def actor_of(principal: Principal) -> str:
    if principal.app is not None:
        return f"app:{principal.app.id}"
    return f"user:{principal.user.id}" if principal.user is not None else "unknown"


def issuer_code(principal: Principal, requested: str | None) -> str:
    """The issuer named, or the caller's own. Raises DomainError REQUIRED, PermissionDenied for another's."""
    scope = principal.scope
    code = requested or (scope.code if scope is not None and scope.kind == ScopeKind.ISSUER else None)
    if not code:
        raise DomainError.single("issuer", "Name the issuer.", ApiErrorCode.REQUIRED)
    ensure_scope(principal, ScopeKind.ISSUER, code)
    return code


async def programme_view(code: str) -> LoyaltyProgramme:
    programme = await find_programme(code)
    return LoyaltyProgramme(settings=programme.settings,
                            rule_models=list(await EarningRule.filter(issuer_code=code).order_by("code")),
                            tier_models=list(await TierLevel.filter(issuer_code=code).order_by("rank")))


# --- inputs ----------------------------------------------------------------------------------------


@strawberry.input(description="Points mall: points per unit of a product.")
class LoyaltyProductPointsInput:
    sku: str = strawberry.field(description="The product variant's SKU.")
    points: int = strawberry.field(description="Points per unit delivered.")


def _terms_fields(input: Any) -> dict[str, Any]:
    """The given fields of a rule input, as RuleTerms names and values."""
    given = unset_to_dict({name: getattr(input, name) for name in (
        "name", "points", "ratio", "product_points", "cap_unit", "day_cap", "month_cap", "year_cap", "starts_at",
        "ends_at", "funding_partner", "expiry_rule", "expiry_count", "is_active")})
    if "ratio" in given:
        given["ratio"] = Decimal(given["ratio"] or 0)
    if "product_points" in given:
        given["product_points"] = {item.sku: item.points for item in given["product_points"] or []}
    if "cap_unit" in given:
        given["cap_unit"] = CapUnit((given["cap_unit"] or LoyaltyCapUnitEnum.AWARDS).value)
    if "funding_partner" in given:
        given["funding_partner_code"] = given.pop("funding_partner") or None
    if "expiry_rule" in given:
        given["expiry_rule"] = _expiry_rule(given["expiry_rule"])
    for flag, default in (("is_active", True), ("points", 0), ("expiry_count", 0)):
        if flag in given and given[flag] is None:
            given[flag] = default
    return given


def _expiry_rule(value: str | None) -> ExpiryRule | None:
    if not value:
        return None
    try:
        return ExpiryRule(value.lower())
    except ValueError as error:
        raise DomainError.single("expiry_rule", "Expiry is never, fixed_days, end_of_month or end_of_year.",
                                 ApiErrorCode.INVALID) from error


@strawberry.input(description="Points mall: a new earning rule.")
class LoyaltyRuleCreateInput:
    code: str = strawberry.field(description="Code, unique in the programme (lower-case letters, digits, - or _).")
    name: str = strawberry.field(description="Name shown to members and in their points history.")
    kind: LoyaltyRuleKindEnum = strawberry.field(description="What the rule gives points for.")
    issuer: str | None = strawberry.field(default=None, description=ISSUER)
    points: int | None = strawberry.field(default=strawberry.UNSET, description="Points an award gives.")
    ratio: SaleorDecimal | None = strawberry.field(default=strawberry.UNSET, description="Spend ratio.")
    product_points: list[LoyaltyProductPointsInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Points per product unit (per-product rules).")
    cap_unit: LoyaltyCapUnitEnum | None = strawberry.field(default=strawberry.UNSET,
                                                           description="What the caps count (default AWARDS).")
    day_cap: int | None = strawberry.field(default=strawberry.UNSET, description="Cap per member per day.")
    month_cap: int | None = strawberry.field(default=strawberry.UNSET, description="Cap per member per month.")
    year_cap: int | None = strawberry.field(default=strawberry.UNSET, description="Cap per member per year.")
    starts_at: datetime.datetime | None = strawberry.field(default=strawberry.UNSET, description="Start of validity.")
    ends_at: datetime.datetime | None = strawberry.field(default=strawberry.UNSET, description="End of validity.")
    funding_partner: str | None = strawberry.field(
        default=strawberry.UNSET, description="A partner's code: its issued points pay (settled at the points' cash "
        "value on its statement). Left out: the issuer pays.")
    expiry_rule: str | None = strawberry.field(default=strawberry.UNSET, description="never, fixed_days, "
                                               "end_of_month or end_of_year; left out: the issuer's policy.")
    expiry_count: int | None = strawberry.field(default=strawberry.UNSET, description="Count of the expiry rule.")
    is_active: bool | None = strawberry.field(default=strawberry.UNSET, description="Whether it gives points.")


@strawberry.input(description="Points mall: changes to an earning rule's terms (a new version).")
class LoyaltyRuleUpdateInput:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Name.")
    points: int | None = strawberry.field(default=strawberry.UNSET, description="Points an award gives.")
    ratio: SaleorDecimal | None = strawberry.field(default=strawberry.UNSET, description="Spend ratio.")
    product_points: list[LoyaltyProductPointsInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Points per product unit.")
    cap_unit: LoyaltyCapUnitEnum | None = strawberry.field(default=strawberry.UNSET, description="What caps count.")
    day_cap: int | None = strawberry.field(default=strawberry.UNSET, description="Cap per day; null removes it.")
    month_cap: int | None = strawberry.field(default=strawberry.UNSET, description="Cap per month; null removes it.")
    year_cap: int | None = strawberry.field(default=strawberry.UNSET, description="Cap per year; null removes it.")
    starts_at: datetime.datetime | None = strawberry.field(default=strawberry.UNSET, description="Start of validity.")
    ends_at: datetime.datetime | None = strawberry.field(default=strawberry.UNSET, description="End of validity.")
    funding_partner: str | None = strawberry.field(default=strawberry.UNSET, description="Funding partner's code; "
                                                   "null: the issuer pays.")
    expiry_rule: str | None = strawberry.field(default=strawberry.UNSET, description="Expiry rule; null: issuer's.")
    expiry_count: int | None = strawberry.field(default=strawberry.UNSET, description="Count of the expiry rule.")
    is_active: bool | None = strawberry.field(default=strawberry.UNSET, description="Whether it gives points.")


@strawberry.input(description="Points mall: a programme's loyalty settings (fields left out stay).")
class LoyaltyProgrammeInput:
    spend_timing: LoyaltySpendTimingEnum | None = strawberry.field(default=None, description="When spend points "
                                                                   "are earned.")
    tier_measure: LoyaltyTierMeasureEnum | None = strawberry.field(default=None, description="What tiers qualify on.")
    tier_window_months: int | None = strawberry.field(default=None, description="12 or 24.")
    sleeping_after_days: int | None = strawberry.field(default=None, description="Days to sleeping.")
    lapsed_after_days: int | None = strawberry.field(default=None, description="Days to lapsed.")


@strawberry.input(description="Points mall: one tier, in a list lowest first (the first is the entry tier).")
class LoyaltyTierInput:
    code: str = strawberry.field(description="Code.")
    name: str = strawberry.field(description="Name.")
    threshold: int = strawberry.field(description="Qualifying value that reaches it (0 for the entry tier).")
    earn_multiplier: SaleorDecimal | None = strawberry.field(default=None, description="Award multiplier (1-10).")
    points_discount_percent: SaleorDecimal | None = strawberry.field(default=None, description="Percent off points "
                                                                     "prices.")
    free_delivery: bool = strawberry.field(default=False, description="Free delivery.")
    exclusive_products: list[str] = strawberry.field(default_factory=list, description="Tier-only gifts (slugs).")


# --- payloads --------------------------------------------------------------------------------------


@strawberry.type(description="Points mall: creates an earning rule. Requires MANAGE_POINTS.")
class LoyaltyRuleCreate:
    rule: LoyaltyRule | None = strawberry.field(default=None, description="The rule.")
    errors: list[LoyaltyError] = strawberry.field(default_factory=list, description="List of errors that occurred "
                                                  "executing the mutation.")


@strawberry.type(description="Points mall: changes an earning rule (a new version). Requires MANAGE_POINTS.")
class LoyaltyRuleUpdate:
    rule: LoyaltyRule | None = strawberry.field(default=None, description="The rule.")
    errors: list[LoyaltyError] = strawberry.field(default_factory=list, description="List of errors that occurred "
                                                  "executing the mutation.")


@strawberry.type(description="Points mall: saves a programme's settings or tiers. Requires MANAGE_POINTS.")
class LoyaltyProgrammeUpdate:
    programme: LoyaltyProgramme | None = strawberry.field(default=None, description="The programme.")
    errors: list[LoyaltyError] = strawberry.field(default_factory=list, description="List of errors that occurred "
                                                  "executing the mutation.")


@strawberry.type(description="Points mall: a bank's award of a welcome, birthday, event or share rule to a member. "
                 "Requires MANAGE_POINTS.")
class LoyaltyAwardGive:
    award: LoyaltyAward | None = strawberry.field(default=None, description="The award.")
    replayed: bool = strawberry.field(default=False, description="True when this occasion was awarded before: "
                                      "nothing changed.")
    errors: list[LoyaltyError] = strawberry.field(default_factory=list, description="List of errors that occurred "
                                                  "executing the mutation.")


def _state(value: LoyaltyMemberStateEnum | None) -> MemberState | None:
    return MemberState(value.value) if value else None


async def _rule_in_scope(principal: Principal, rule_id: str) -> EarningRule:
    pk = parse_int_id_for_mutation(rule_id, "LoyaltyRule", "id")
    rule = await EarningRule.get_or_none(id=pk)
    if rule is None:
        raise DomainError.single("id", "The rule does not exist.", ApiErrorCode.NOT_FOUND)
    ensure_scope(principal, ScopeKind.ISSUER, rule.issuer_code)
    return rule


@strawberry.type
class LoyaltyStaffQueries:
    @strawberry.field(description="Points mall: a programme's loyalty settings, earning rules and tiers. "
                      "Requires MANAGE_POINTS; a bank reads its own.")
    async def loyalty_programme(
        self, info: Info, issuer: Annotated[str | None, strawberry.argument(description=ISSUER)] = None,
    ) -> LoyaltyProgramme | None:
        principal = await require_permission(info, MANAGE_POINTS)
        try:
            return await programme_view(issuer_code(principal, issuer))
        except DomainError:
            return None

    @strawberry.field(description="Points mall: a programme's members with their tier, state and value segment, "
                      "filtered. Requires MANAGE_POINTS; a bank reads its own.")
    async def loyalty_members(
        self, info: Info,
        issuer: Annotated[str | None, strawberry.argument(description=ISSUER)] = None,
        state: Annotated[LoyaltyMemberStateEnum | None, strawberry.argument(description="Only this state.")] = None,
        segment: Annotated[str | None, strawberry.argument(description="Only this segment.")] = None,
        tier: Annotated[str | None, strawberry.argument(description="Only this tier (code).")] = None,
        first: Annotated[int | None, strawberry.argument(description="Return the first n elements.")] = None,
        after: Annotated[str | None, strawberry.argument(description="Return elements after this cursor.")] = None,
    ) -> LoyaltyMemberCountableConnection | None:  # type: ignore[valid-type]
        principal = await require_permission(info, MANAGE_POINTS)
        try:
            code = issuer_code(principal, issuer)
        except DomainError:
            return None
        query = await reads.members_of(code, reads.MemberFilter(_state(state), segment, tier))
        codes = {level.id: level.code for level in await TierLevel.filter(issuer_code=code)}
        return await paginate(info, query, PageArgs(first, None, after, None), LoyaltyMemberCountableConnection,
                              LoyaltyMemberCountableEdge,
                              to_node=lambda row: LoyaltyMember(model=row, tier_codes=codes))

    @strawberry.field(description="Points mall: a programme's members, filtered, as CSV (member_id, email, tier, "
                      f"state, segment, scores, last activity; at most {reads.MAX_EXPORT_ROWS} rows). Requires "
                      "MANAGE_POINTS; a bank exports its own.")
    async def loyalty_members_csv(
        self, info: Info,
        issuer: Annotated[str | None, strawberry.argument(description=ISSUER)] = None,
        state: Annotated[LoyaltyMemberStateEnum | None, strawberry.argument(description="Only this state.")] = None,
        segment: Annotated[str | None, strawberry.argument(description="Only this segment.")] = None,
        tier: Annotated[str | None, strawberry.argument(description="Only this tier (code).")] = None,
    ) -> str | None:
        principal = await require_permission(info, MANAGE_POINTS)
        try:
            code = issuer_code(principal, issuer)
        except DomainError:
            return None
        return await reads.export_members_csv(code, reads.MemberFilter(_state(state), segment, tier))


@strawberry.type
class LoyaltyStaffMutations:
    @strawberry.mutation(description="Points mall: creates an earning rule (version 1). Requires MANAGE_POINTS; a "
                         "bank makes rules for its own programme.")
    async def loyalty_rule_create(
        self, info: Info, input: Annotated[LoyaltyRuleCreateInput, strawberry.argument(description="The rule.")],
    ) -> LoyaltyRuleCreate | None:
        principal = await require_permission(info, MANAGE_POINTS)

        async def create() -> LoyaltyRuleCreate:
            code = issuer_code(principal, input.issuer)
            terms = RuleTerms(kind=RuleKind(input.kind.value), **_terms_fields(input))
            rule = await create_rule(code, input.code, terms, actor_of(principal))
            return LoyaltyRuleCreate(rule=LoyaltyRule(model=rule))

        return await run_in_transaction(LoyaltyRuleCreate, LoyaltyError, LOYALTY_ERRORS, create)

    @strawberry.mutation(description="Points mall: changes an earning rule's terms; any change is a new version, "
                         "which later awards name. Requires MANAGE_POINTS.")
    async def loyalty_rule_update(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="ID of the rule.")],
        input: Annotated[LoyaltyRuleUpdateInput, strawberry.argument(description="The changes.")],
    ) -> LoyaltyRuleUpdate | None:
        principal = await require_permission(info, MANAGE_POINTS)
        try:
            rule = await _rule_in_scope(principal, id)
        except DomainError as failure:
            return refused(LoyaltyRuleUpdate, LoyaltyError, LOYALTY_ERRORS, failure)

        async def change() -> LoyaltyRuleUpdate:
            changed = await update_rule(rule.id, _terms_fields(input), actor_of(principal))
            return LoyaltyRuleUpdate(rule=LoyaltyRule(model=changed))

        return await run_in_transaction(LoyaltyRuleUpdate, LoyaltyError, LOYALTY_ERRORS, change)

    @strawberry.mutation(description="Points mall: saves a programme's loyalty settings. Requires MANAGE_POINTS.")
    async def loyalty_programme_update(
        self, info: Info, input: Annotated[LoyaltyProgrammeInput, strawberry.argument(description="The settings.")],
        issuer: Annotated[str | None, strawberry.argument(description=ISSUER)] = None,
    ) -> LoyaltyProgrammeUpdate | None:
        principal = await require_permission(info, MANAGE_POINTS)

        async def save() -> LoyaltyProgrammeUpdate:
            code = issuer_code(principal, issuer)
            changes = ProgrammeChanges(
                SpendTiming(input.spend_timing.value) if input.spend_timing else None,
                TierMeasure(input.tier_measure.value) if input.tier_measure else None,
                input.tier_window_months, input.sleeping_after_days, input.lapsed_after_days)
            await update_programme(code, changes)
            return LoyaltyProgrammeUpdate(programme=await programme_view(code))

        return await run_in_transaction(LoyaltyProgrammeUpdate, LoyaltyError, LOYALTY_ERRORS, save)

    @strawberry.mutation(description="Points mall: replaces a programme's tiers (lowest first; the first is the entry "
                         "tier, threshold 0). Requires MANAGE_POINTS.")
    async def loyalty_tiers_set(
        self, info: Info,
        tiers_: Annotated[list[LoyaltyTierInput], strawberry.argument(name="tiers", description="The tiers.")],
        issuer: Annotated[str | None, strawberry.argument(description=ISSUER)] = None,
    ) -> LoyaltyProgrammeUpdate | None:
        principal = await require_permission(info, MANAGE_POINTS)

        async def save() -> LoyaltyProgrammeUpdate:
            code = issuer_code(principal, issuer)
            levels = [tiers.LevelTerms(tier.code, tier.name, tier.threshold,
                                       Decimal(tier.earn_multiplier or 1), Decimal(tier.points_discount_percent or 0),
                                       tier.free_delivery, tuple(tier.exclusive_products)) for tier in tiers_]
            await tiers.set_tier_levels(code, levels)
            return LoyaltyProgrammeUpdate(programme=await programme_view(code))

        return await run_in_transaction(LoyaltyProgrammeUpdate, LoyaltyError, LOYALTY_ERRORS, save)

    @strawberry.mutation(description="Points mall: gives a member a welcome, birthday, event or share rule's points "
                         "for one occasion, once (a welcome once ever, a birthday once a year). Requires "
                         "MANAGE_POINTS; a bank gives in its own channels.")
    async def loyalty_award_give(
        self, info: Info,
        rule: Annotated[strawberry.ID, strawberry.argument(description="ID of the rule.")],
        user: Annotated[strawberry.ID, strawberry.argument(description="ID of the member.")],
        channel: Annotated[str, strawberry.argument(description="Slug of the channel the points go to.")],
        occasion: Annotated[str, strawberry.argument(description="The event code or what was shared (ignored "
                                                     "for welcome and birthday).")] = "",
    ) -> LoyaltyAwardGive | None:
        principal = await require_permission(info, MANAGE_POINTS)

        async def give() -> LoyaltyAwardGive:
            found = await Channel.get_or_none(slug=channel)
            if found is None:
                raise DomainError.single("channel", f"Channel '{channel}' does not exist.", ApiErrorCode.NOT_FOUND)
            ensure_scope(principal, ScopeKind.ISSUER, found.issuer_code)
            rule_id = parse_int_id_for_mutation(rule, "LoyaltyRule", "rule")
            member_id = parse_int_id_for_mutation(user, "User", "user")
            booked = await activity.award_for_member(rule_id, found, member_id, occasion, actor_of(principal))
            name = (await EarningRule.get(id=rule_id)).name
            return LoyaltyAwardGive(award=award_of(booked.award, name), replayed=booked.replayed)

        return await run_in_transaction(LoyaltyAwardGive, LoyaltyError, LOYALTY_ERRORS, give)
