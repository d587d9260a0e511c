"""The promoted price of a variant: Saleor's catalogue rules in whole points (catalog/promotions/prices.py)."""

from __future__ import annotations

from decimal import Decimal

from catalog.promotions.models import RewardValueType
from catalog.promotions.predicates import VariantFacts, parse_predicate
from catalog.promotions.prices import RunningRule, promoted_price
from kernel.global_ids import to_global_id

TEA = VariantFacts(variant_id=11, product_id=1, category_id=5, collection_ids=frozenset({7}))
CUP = VariantFacts(variant_id=12, product_id=2, category_id=6, collection_ids=frozenset())


def rule(rule_id: int, kind: RewardValueType, value: str, predicate: dict[str, object]) -> RunningRule:
    return RunningRule(rule_id, 1, "Spring", parse_predicate(predicate), kind, Decimal(value))


def products(*ids: int) -> dict[str, object]:
    return {"productPredicate": {"ids": [to_global_id("Product", pk) for pk in ids]}}


def test_a_percentage_rounds_the_points_taken_off_half_up():
    # given 12.5 % of 1,204 points is 150.5 points
    spring = rule(1, RewardValueType.PERCENTAGE, "12.5", products(1))

    # when
    price = promoted_price(1_204, TEA, [spring])

    # then
    assert (price.undiscounted_points, price.points, price.discount_points, price.on_sale) == (1_204, 1_053, 151, True)


def test_a_fixed_reward_never_takes_the_price_below_zero():
    price = promoted_price(300, TEA, [rule(1, RewardValueType.FIXED, "500", products(1))])

    assert (price.points, price.discount_points) == (0, 300)


def test_rules_never_stack_the_one_taking_off_most_wins():
    # given 10 % (120 points) and a fixed 200 points on the same gift
    rules = [rule(1, RewardValueType.PERCENTAGE, "10", products(1)), rule(2, RewardValueType.FIXED, "200", products(1))]

    # when
    price = promoted_price(1_200, TEA, rules)

    # then
    assert (price.points, price.rule.rule_id if price.rule else None) == (1_000, 2)


def test_a_variant_no_rule_selects_keeps_its_price():
    price = promoted_price(800, CUP, [rule(1, RewardValueType.PERCENTAGE, "50", products(1))])

    assert (price.points, price.on_sale, price.rule) == (800, False, None)


def test_conditions_at_one_level_must_all_hold_and_or_takes_any():
    both = {"productPredicate": {"ids": [to_global_id("Product", 1)]},
            "categoryPredicate": {"ids": [to_global_id("Category", 6)]}}
    either = {"OR": [products(2), {"collectionPredicate": {"ids": [to_global_id("Collection", 7)]}}]}

    assert [parse_predicate(both).matches(TEA), parse_predicate(either).matches(TEA),
            parse_predicate(either).matches(CUP)] == [False, True, True]


def test_an_empty_predicate_selects_no_gift():
    assert parse_predicate({}).matches(TEA) is False
