"""The points price a member pays for a variant under the catalogue promotions running now: the one
computation of promoted prices (the catalogue's `pricing`, checkout totals and order lines all come here).

Saleor's rules, in whole points: every rule whose promotion is running, whose channels include the
listing's and whose predicate selects the variant is a candidate; the variant gets the single candidate
that takes off most (rules never stack). A percentage takes `price x value / 100` off, rounded half up to a
whole point; a fixed reward takes that many points off; neither takes a price below zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from catalog.promotions.models import RewardValueType
from catalog.promotions.predicates import MemberFacts, Predicate, VariantFacts


@dataclass(frozen=True)
class RunningRule:
    """A rule of a promotion running now in one channel, its predicate checked."""

    rule_id: int
    promotion_id: int
    promotion_name: str
    predicate: Predicate
    reward_value_type: RewardValueType
    reward_value: Decimal

    @property
    def targets_members(self) -> bool:
        return self.predicate.targets_members


@dataclass(frozen=True)
class PromotedPrice:
    """A variant's price in one channel: before and after its best promotion."""

    undiscounted_points: int
    points: int
    rule: RunningRule | None = None

    @property
    def discount_points(self) -> int:
        return self.undiscounted_points - self.points

    @property
    def on_sale(self) -> bool:
        return self.rule is not None and self.discount_points > 0


def reward_points(rule: RunningRule, price_points: int) -> int:
    """How many points `rule` takes off `price_points` (never more than the price)."""
    if rule.reward_value_type == RewardValueType.PERCENTAGE:
        off = (Decimal(price_points) * rule.reward_value / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    else:
        off = rule.reward_value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(0, min(int(off), price_points))


def promoted_price(price_points: int, facts: VariantFacts, rules: Iterable[RunningRule],
                   member: MemberFacts | None = None) -> PromotedPrice:
    """The best of `rules` for this variant at `price_points` for `member` (None: a visitor, whom rules
    targeting tiers or segments never price). Ties: the oldest rule, for a stable answer."""
    best: RunningRule | None = None
    best_off = 0
    for rule in sorted(rules, key=lambda item: item.rule_id):
        if not rule.predicate.matches(facts, member):
            continue
        off = reward_points(rule, price_points)
        if off > best_off:
            best, best_off = rule, off
    return PromotedPrice(price_points, price_points - best_off, best)
