"""Promotion rules that target a loyalty tier or a value segment (mall-only predicate fields): the member in
it sees and pays the reduced price, other members and visitors see the gift's own price, and no cache hands
one caller's price to another."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import httpx
import pytest
from tortoise.transactions import in_transaction

from catalog.models import Product
from catalog.promotions.models import RewardValueType
from catalog.promotions.predicates import MemberFacts, VariantFacts, normalised, parse_predicate
from catalog.promotions.services import PromotionInput, RuleInput, create_promotion
from kernel import clock
from kernel.errors import DomainError
from kernel.global_ids import to_global_id
from loyalty.models import ProgrammeMember
from loyalty.services import LevelTerms, set_tier_levels
from loyalty.standing import record_activity
from loyalty.tiers import review_tiers
from mall.app import create_app
from orders.models import OrderLine, ShippingMethod
from orders.services.checkouts import LineRequest, create_checkout, set_address, set_delivery_method
from orders.services.payments import initialize_points_payment
from tests.factories import make_member, token_for
from tests.graphql_client import GraphQLClient
from tests.orders.services.world import ADDRESS, GIFT_POINTS, build_world, complete, give_points
from tests.settlement.helpers import make_issuer

GOLD_PRICE = GIFT_POINTS * 3 // 4  # 25 % off for gold members
PRICES = """query Gift($slug: String!, $channel: String!) {
  product(slug: $slug, channel: $channel) {
    pricing { onSale priceRange { start { gross { amount } } } }
    variants { pricing { onSale price { gross { amount } } } }
  }
}"""
TEA = VariantFacts(variant_id=11, product_id=1, category_id=5, collection_ids=frozenset())


def gold_only(**more: object) -> dict[str, object]:
    return {"productPredicate": {"ids": [to_global_id("Product", 1)]}, "tierPredicate": {"codes": ["gold"]}, **more}


# --- the predicate -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("member", "matches"), [
    (MemberFacts("gold", ""), True),
    (MemberFacts("silver", ""), False),
    (MemberFacts(None, ""), False),  # a member outside the programme
    (None, False),  # a visitor
])
def test_a_tier_condition_holds_only_for_members_of_that_tier(member, matches):
    assert parse_predicate(gold_only()).matches(TEA, member) is matches


def test_a_segment_condition_reads_the_members_segment_and_marks_the_rule_as_per_member():
    predicate = parse_predicate({"OR": [{"segmentPredicate": {"codes": ["sleeping"]}}]})

    assert (predicate.targets_members, predicate.matches(TEA, MemberFacts("silver", "sleeping")),
            predicate.matches(TEA, MemberFacts("gold", "champions"))) == (True, True, False)


def test_member_conditions_are_stored_with_their_codes_sorted():
    assert normalised({"tierPredicate": {"codes": ["platinum", "gold"]}}) == {
        "tierPredicate": {"codes": ["gold", "platinum"]}}


@pytest.mark.parametrize("condition", [{"ids": ["gold"]}, {"codes": "gold"}, {"codes": [""]}, {"codes": [7]}])
def test_a_malformed_member_condition_is_refused(condition):
    with pytest.raises(DomainError):
        parse_predicate({"tierPredicate": condition})


# --- prices shown and charged ----------------------------------------------------------------------------


async def gold_promotion_world(settings, set_clock):
    """Bank A's mall with silver (entry) and gold tiers (no tier discount of their own), a gold and a silver
    member with points, and a promotion of 25 % off the gift for gold members only."""
    set_clock("2026-12-07T10:00:00+08:00")
    await make_issuer("BANKA")
    world = await build_world(settings)
    world.shipping = await ShippingMethod.create(channel=world.channel, name="Courier", price_points=0)
    async with in_transaction():
        await set_tier_levels("BANKA", [LevelTerms("silver", "Silver", 0), LevelTerms("gold", "Gold", 1_000)])
        await record_activity("BANKA", world.member.id, date(2026, 12, 7), points_earned=1_000)
    await review_tiers("BANKA", date(2026, 12, 7))
    silver = await make_member(settings, email="bo@example.com")
    await give_points(world.channel, silver, 10_000)
    product = await Product.get(variants__id=world.item.id)
    predicate = {"productPredicate": {"ids": [to_global_id("Product", product.id)]},
                 "tierPredicate": {"codes": ["gold"]}}
    async with in_transaction():
        await create_promotion(PromotionInput("Gold week", rules=(RuleInput(
            catalogue_predicate=predicate, reward_value_type=RewardValueType.PERCENTAGE,
            reward_value=Decimal(25), channel_ids=(world.channel.id,)),)), clock.now())
    return world, silver, product


def shown_prices(data) -> tuple[int, int, bool]:
    product = data["product"]
    return (product["pricing"]["priceRange"]["start"]["gross"]["amount"],
            product["variants"][0]["pricing"]["price"]["gross"]["amount"], product["variants"][0]["pricing"]["onSale"])


@pytest.fixture
async def cached_api(settings):
    app = create_app(dataclasses.replace(settings, response_cache_seconds=60), manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as http:
        yield GraphQLClient(http)


async def test_gold_sees_the_gold_price_and_silver_and_visitors_the_gifts_own_even_through_the_cache(
        settings, set_clock, cached_api):
    # given
    world, silver, product = await gold_promotion_world(settings, set_clock)
    ask = {"slug": product.slug, "channel": world.channel.slug}

    # when: gold asks first, then silver and a visitor ask the same query of the cached API, then gold again
    gold = await cached_api.ok(PRICES, ask, token_for(world.member, settings))
    others = [await cached_api.ok(PRICES, ask, token_for(silver, settings)), await cached_api.ok(PRICES, ask)]
    gold_again = await cached_api.ok(PRICES, ask, token_for(world.member, settings))

    # then
    assert shown_prices(gold) == shown_prices(gold_again) == (GOLD_PRICE, GOLD_PRICE, True)
    assert [shown_prices(answer) for answer in others] == [(GIFT_POINTS, GIFT_POINTS, False)] * 2


async def test_a_segment_member_is_priced_by_their_segment(settings, set_clock, api):
    # given: the promotion targets the "sleeping" segment instead, and the silver member is in it
    world, silver, product = await gold_promotion_world(settings, set_clock)
    async with in_transaction():
        await record_activity("BANKA", silver.id, date(2026, 12, 7), points_earned=10)
    # as the segment job scores a member who has not redeemed for long (loyalty.states)
    assert await ProgrammeMember.filter(issuer_code="BANKA", member_id=silver.id).update(segment="sleeping") == 1
    async with in_transaction():
        await create_promotion(PromotionInput("Wake up", rules=(RuleInput(
            catalogue_predicate={"productPredicate": {"ids": [to_global_id("Product", product.id)]},
                                 "segmentPredicate": {"codes": ["sleeping"]}},
            reward_value_type=RewardValueType.FIXED, reward_value=Decimal(500),
            channel_ids=(world.channel.id,)),)), clock.now())

    # when
    answer = await api.ok(PRICES, {"slug": product.slug, "channel": world.channel.slug}, token_for(silver, settings))

    # then
    assert shown_prices(answer) == (GIFT_POINTS - 500, GIFT_POINTS - 500, True)


async def paid_checkout(world, member):
    checkout = await create_checkout(world.channel.slug, member, None, [LineRequest(world.item.id, 1)])
    await set_address(checkout, ADDRESS, "SHIPPING")
    await set_delivery_method(checkout, world.shipping.id)
    await initialize_points_payment(checkout, None, f"pay-{member.id}", f"user:{member.id}")
    return checkout


async def test_checkout_charges_gold_the_gold_price_and_silver_the_gifts_own(settings, set_clock):
    # given
    world, silver, _ = await gold_promotion_world(settings, set_clock)
    gold_checkout, silver_checkout = await paid_checkout(world, world.member), await paid_checkout(world, silver)

    # when
    gold_order, silver_order = await complete(gold_checkout.token), await complete(silver_checkout.token)

    # then
    assert (gold_order.total_points, silver_order.total_points) == (GOLD_PRICE, GIFT_POINTS)
    assert await OrderLine.filter(order_id=gold_order.id).values_list(
        "unit_price_points", "undiscounted_unit_price_points") == [(GOLD_PRICE, GIFT_POINTS)]
