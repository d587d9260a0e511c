"""Catalogue promotions: the only writers of promotions and their rules, and the reads that price gifts.

Each writer runs inside the caller's transaction and raises DomainError (PromotionErrorCode) before it
writes anything: REQUIRED (a blank name, a rule without its reward), INVALID (an order promotion, a bad
predicate or date range, a percentage above 100), NOT_FOUND (the promotion, rule or a channel),
MISSING_CHANNELS, MULTIPLE_CURRENCIES_NOT_ALLOWED and INVALID_PRECISION (a fixed reward's points unit).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from tortoise.expressions import Q

from catalog.models import CollectionProduct, ProductVariant
from catalog.promotions.errors import PromotionErrorCode
from catalog.promotions.models import Promotion, PromotionKind, PromotionRule, PromotionRuleChannel, RewardValueType
from catalog.promotions.predicates import MemberFacts, VariantFacts, normalised, parse_predicate
from catalog.promotions.prices import PromotedPrice, RunningRule, promoted_price
from kernel.errors import DomainError
from mall.channels.models import Channel
from mall.rule_versions import cached

MAX_RULES = 100  # a promotion's rules: a bound on the work of pricing every gift
MAX_NAME_LENGTH = 255


@dataclass(frozen=True)
class RuleInput:
    """A rule as a client describes it (None: not given)."""

    name: str | None = None
    description: dict[str, Any] | None = None
    catalogue_predicate: Mapping[str, Any] | None = None
    reward_value_type: RewardValueType | None = None
    reward_value: Decimal | None = None
    channel_ids: tuple[int, ...] = ()
    asks_for_order_reward: bool = False  # an order predicate, a reward type or gifts: order promotions only


@dataclass(frozen=True)
class PromotionInput:
    name: str
    kind: PromotionKind = PromotionKind.CATALOGUE
    description: dict[str, Any] | None = None
    start_at: datetime | None = None
    end_at: datetime | None = None
    rules: tuple[RuleInput, ...] = ()


@dataclass(frozen=True)
class PromotionChanges:
    """What promotionUpdate changes (UNSET fields stay; `end_at_given` distinguishes clearing the end)."""

    name: str | None = None
    description: dict[str, Any] | None = None
    start_at: datetime | None = None
    end_at: datetime | None = None
    end_at_given: bool = False


@dataclass(frozen=True)
class RuleChanges:
    rule: RuleInput = field(default_factory=RuleInput)
    add_channel_ids: tuple[int, ...] = ()
    remove_channel_ids: tuple[int, ...] = ()


def _refuse(field_name: str | None, message: str, code: PromotionErrorCode) -> DomainError:
    return DomainError.single(field_name, message, code)


def _checked_name(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise _refuse("name", "This field is required.", PromotionErrorCode.REQUIRED)
    if len(name) > MAX_NAME_LENGTH:
        raise _refuse("name", f"At most {MAX_NAME_LENGTH} characters.", PromotionErrorCode.INVALID)
    return name


def _check_dates(start_at: datetime, end_at: datetime | None) -> None:
    if end_at is not None and end_at < start_at:
        raise _refuse("end_date", "The end date must be after the start date.", PromotionErrorCode.INVALID)


async def _channels(channel_ids: Iterable[int]) -> list[Channel]:
    wanted = set(channel_ids)
    found = await Channel.filter(id__in=wanted)
    if len(found) != len(wanted):
        raise _refuse("channels", "Channel not found.", PromotionErrorCode.NOT_FOUND)
    return found


def _check_reward(value_type: RewardValueType | None, value: Decimal | None, channels: list[Channel]) -> None:
    """Saleor's checks of a catalogue reward, in points (whole units, one points unit for a fixed one)."""
    if value_type is None or value is None:
        raise _refuse("reward_value" if value is None else "reward_value_type",
                      "A catalogue rule needs a reward value and its type.", PromotionErrorCode.REQUIRED)
    if value <= 0:
        raise _refuse("reward_value", "The reward must be more than zero.", PromotionErrorCode.INVALID)
    if value_type == RewardValueType.PERCENTAGE:
        if value > 100:
            raise _refuse("reward_value", "A percentage reward is at most 100.", PromotionErrorCode.INVALID)
        return
    if not channels:
        raise _refuse("channels", "A fixed reward needs the channels that say its points unit.",
                      PromotionErrorCode.MISSING_CHANNELS)
    if len({channel.currency_code for channel in channels}) > 1:
        raise _refuse("reward_value_type", "A fixed reward cannot span several points units.",
                      PromotionErrorCode.MULTIPLE_CURRENCIES_NOT_ALLOWED)
    if value != value.to_integral_value():
        raise _refuse("reward_value", "Points are whole numbers.", PromotionErrorCode.INVALID_PRECISION)


def _checked_predicate(raw: Mapping[str, Any] | None) -> dict[str, Any]:
    if raw is None:
        return {}
    parse_predicate(raw)  # raises INVALID on anything it cannot evaluate
    return normalised(raw)


async def _write_rule(promotion: Promotion, rule: RuleInput) -> PromotionRule:
    if rule.asks_for_order_reward:
        raise _refuse("order_predicate", "Catalogue promotions take a catalogue predicate, no order reward.",
                      PromotionErrorCode.INVALID)
    channels = await _channels(rule.channel_ids)
    _check_reward(rule.reward_value_type, rule.reward_value, channels)
    row = await PromotionRule.create(
        promotion=promotion, name=(rule.name or "").strip()[:MAX_NAME_LENGTH], description=rule.description,
        catalogue_predicate=_checked_predicate(rule.catalogue_predicate),
        reward_value_type=rule.reward_value_type, reward_value=rule.reward_value,
    )
    for channel in channels:
        await PromotionRuleChannel.create(rule=row, channel=channel)
    return row


async def create_promotion(data: PromotionInput, now: datetime) -> Promotion:
    """A new catalogue promotion with its rules (start: now when not given)."""
    name = _checked_name(data.name)
    if data.kind != PromotionKind.CATALOGUE:
        raise _refuse("type", "A points mall runs catalogue promotions; order rewards are vouchers.",
                      PromotionErrorCode.INVALID)
    if len(data.rules) > MAX_RULES:
        raise _refuse("rules", f"At most {MAX_RULES} rules a promotion.", PromotionErrorCode.INVALID)
    start_at = data.start_at or now
    _check_dates(start_at, data.end_at)
    promotion = await Promotion.create(name=name, kind=data.kind, description=data.description,
                                       start_at=start_at, end_at=data.end_at)
    for rule in data.rules:
        await _write_rule(promotion, rule)
    return promotion


async def _promotion(promotion_id: int) -> Promotion:
    promotion = await Promotion.get_or_none(id=promotion_id)
    if promotion is None:
        raise _refuse("id", f"Couldn't resolve to a node: Promotion:{promotion_id}", PromotionErrorCode.NOT_FOUND)
    return promotion


async def update_promotion(promotion_id: int, changes: PromotionChanges) -> Promotion:
    promotion = await _promotion(promotion_id)
    values: dict[str, Any] = {}
    if changes.name is not None:
        values["name"] = _checked_name(changes.name)
    if changes.description is not None:
        values["description"] = changes.description
    if changes.start_at is not None:
        values["start_at"] = changes.start_at
    if changes.end_at_given:
        values["end_at"] = changes.end_at
    _check_dates(values.get("start_at", promotion.start_at), values.get("end_at", promotion.end_at))
    if values:
        promotion.update_from_dict(values)
        await promotion.save()
    return promotion


async def delete_promotion(promotion_id: int) -> Promotion:
    """Deletes the promotion and its rules; returns the row as it was (Saleor answers the deleted object)."""
    promotion = await _promotion(promotion_id)
    await promotion.delete()
    return promotion


async def create_rule(promotion_id: int, rule: RuleInput) -> PromotionRule:
    promotion = await _promotion(promotion_id)
    if await PromotionRule.filter(promotion_id=promotion.id).count() >= MAX_RULES:
        raise _refuse("promotion", f"At most {MAX_RULES} rules a promotion.", PromotionErrorCode.INVALID)
    return await _write_rule(promotion, rule)


async def _rule(rule_id: int) -> PromotionRule:
    row = await PromotionRule.get_or_none(id=rule_id)
    if row is None:
        raise _refuse("id", f"Couldn't resolve to a node: PromotionRule:{rule_id}", PromotionErrorCode.NOT_FOUND)
    return row


async def update_rule(rule_id: int, changes: RuleChanges) -> PromotionRule:
    """Changes what is given; the reward is checked again against the channels the rule ends with."""
    row = await _rule(rule_id)
    given = changes.rule
    if given.asks_for_order_reward:
        raise _refuse("order_predicate", "Catalogue promotions take a catalogue predicate, no order reward.",
                      PromotionErrorCode.INVALID)
    await _channels([*changes.add_channel_ids, *changes.remove_channel_ids])
    kept: set[int] = set(await PromotionRuleChannel.filter(rule_id=row.id).values_list(  # type: ignore[arg-type]
        "channel_id", flat=True))
    channel_ids = (kept | set(changes.add_channel_ids)) - set(changes.remove_channel_ids)
    value_type = given.reward_value_type or row.reward_value_type
    value = given.reward_value if given.reward_value is not None else row.reward_value
    _check_reward(value_type, value, await _channels(channel_ids))
    values: dict[str, Any] = {"reward_value_type": value_type, "reward_value": value}
    if given.name is not None:
        values["name"] = given.name.strip()[:MAX_NAME_LENGTH]
    if given.description is not None:
        values["description"] = given.description
    if given.catalogue_predicate is not None:
        values["catalogue_predicate"] = _checked_predicate(given.catalogue_predicate)
    row.update_from_dict(values)
    await row.save()
    await PromotionRuleChannel.filter(rule_id=row.id, channel_id__in=list(kept - channel_ids)).delete()
    for channel_id in sorted(channel_ids - kept):
        await PromotionRuleChannel.create(rule_id=row.id, channel_id=channel_id)
    return row


async def delete_rule(rule_id: int) -> PromotionRule:
    row = await _rule(rule_id)
    await row.delete()
    return row


# --- reads ---------------------------------------------------------------------------------------------


async def rule_channel_ids(rule_ids: Iterable[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {rule_id: [] for rule_id in rule_ids}
    rows = await PromotionRuleChannel.filter(rule_id__in=list(found)).order_by("channel_id").values_list(
        "rule_id", "channel_id")
    for rule_id, channel_id in rows:
        found[rule_id].append(channel_id)
    return found


async def running_rules(channel_id: int, now: datetime) -> list[RunningRule]:
    """The rules of catalogue promotions running at `now` in the channel (a rule with a predicate a client
    can no longer break: predicates are checked when written)."""
    rows = await PromotionRule.filter(
        Q(promotion__end_at__isnull=True) | Q(promotion__end_at__gt=now),
        promotion__kind=PromotionKind.CATALOGUE, promotion__start_at__lte=now, rule_channels__channel_id=channel_id,
    ).select_related("promotion")
    return _running(rows, now)


def _running(rows: Iterable[PromotionRule], now: datetime) -> list[RunningRule]:
    return [
        RunningRule(row.id, row.promotion.id, row.promotion.name, parse_predicate(row.catalogue_predicate),
                    row.reward_value_type, row.reward_value)
        for row in rows
        if row.reward_value_type is not None and row.reward_value is not None and row.promotion.start_at <= now
        and (row.promotion.end_at is None or row.promotion.end_at > now)
    ]


async def kept_running_rules(channel_id: int, now: datetime) -> list[RunningRule]:
    """`running_rules`, from this worker's copy of the channel's rules not yet ended (mall.rule_versions),
    read again when `now` is before the copy was made: for checkout, which prices the cart on every request."""
    loaded_at, rows = await cached(("promotion_rules", channel_id), lambda: _unended_rules(channel_id, now))
    if now < loaded_at:  # the clock went back (tests set it): the copy may lack rules ended since
        loaded_at, rows = await _unended_rules(channel_id, now)
    return _running(rows, now)


async def _unended_rules(channel_id: int, now: datetime) -> tuple[datetime, list[PromotionRule]]:
    rows = await PromotionRule.filter(
        Q(promotion__end_at__isnull=True) | Q(promotion__end_at__gt=now),
        promotion__kind=PromotionKind.CATALOGUE, rule_channels__channel_id=channel_id,
    ).select_related("promotion")
    return now, list(rows)


async def variant_facts(variant_ids: Iterable[int]) -> dict[int, VariantFacts]:
    wanted = list(set(variant_ids))
    rows = await ProductVariant.filter(id__in=wanted).values_list("id", "product_id", "product__category_id")
    products = {product_id for _, product_id, _ in rows}
    collections: dict[int, set[int]] = {product_id: set() for product_id in products}
    for product_id, collection_id in await CollectionProduct.filter(product_id__in=list(products)).values_list(
            "product_id", "collection_id"):
        collections[product_id].add(collection_id)
    return {variant_id: VariantFacts(variant_id, product_id, category_id, frozenset(collections[product_id]))
            for variant_id, product_id, category_id in rows}


MemberLookup = Callable[[], Awaitable[MemberFacts | None]]


async def promoted_prices(channel_id: int, prices: Mapping[int, int], now: datetime,
                          member: MemberLookup | None = None) -> dict[int, PromotedPrice]:
    """The price each variant of `prices` (variant id -> listing price in the channel) sells at now, to the
    member `member` looks up (asked only when a running rule targets tiers or segments; None: a visitor).
    Without a running rule in the channel this costs one query, or none while this worker's copy of the rules
    holds (checkout's prices: orders.services.member_prices)."""
    rules = await kept_running_rules(channel_id, now)
    if not rules:
        return {variant_id: PromotedPrice(price, price) for variant_id, price in prices.items()}
    facts = await variant_facts(prices)
    who = await member() if member is not None and any(rule.targets_members for rule in rules) else None
    return {variant_id: promoted_price(price, facts[variant_id], rules, who) if variant_id in facts
            else PromotedPrice(price, price) for variant_id, price in prices.items()}


async def member_rules_running(now: datetime) -> bool:
    """Whether a rule targeting tiers or segments runs now in any channel (the response cache then stops
    sharing members' catalogue answers)."""
    rows = await PromotionRule.filter(
        Q(promotion__end_at__isnull=True) | Q(promotion__end_at__gt=now),
        promotion__kind=PromotionKind.CATALOGUE, promotion__start_at__lte=now,
    ).values_list("catalogue_predicate", flat=True)
    return any(parse_predicate(raw).targets_members for raw in rows if raw)
