"""Tier benefits on the member mall's gift page: a Gold member sees their tier price beside the list price,
and a gift reserved for Gold carries its badge, in English and Simplified Chinese.

The demo programme's Gold gives no discount and reserves nothing, so the test gives it both through the
operator's API (`loyaltyTiersSet`), lifts one member to Gold (an event award, then `mall worker --once` runs
the tier job), and puts the demo tiers back afterwards for the other tests of the session."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.async_api import expect

from loyalty.demo import DEMO_TIERS

pytestmark = pytest.mark.slow

ISSUER = "BANKA"
TIERS_SET = """mutation($issuer: String!, $tiers: [LoyaltyTierInput!]!) {
  loyaltyTiersSet(issuer: $issuer, tiers: $tiers) { errors { field code message } } }"""
RULES = """query($issuer: String!) { loyaltyProgramme(issuer: $issuer) { rules { id code } } }"""
AWARD = """mutation($rule: ID!, $user: ID!, $channel: String!) {
  loyaltyAwardGive(rule: $rule, user: $user, channel: $channel, occasion: "tier-browser-test") {
    errors { field code message } } }"""
ME = """query { me { id } }"""


def tier_input(level, **changes) -> dict:
    values = {"code": level.code, "name": level.name, "threshold": level.threshold,
              "earnMultiplier": str(level.earn_multiplier), "pointsDiscountPercent": str(level.points_discount_percent),
              "freeDelivery": level.free_delivery, "exclusiveProducts": list(level.exclusive_products)}
    return values | changes


def set_tiers(mall_api, tiers: list[dict]) -> None:
    answer = mall_api.data(TIERS_SET, {"issuer": ISSUER, "tiers": tiers}, mall_api.operator())
    assert answer["loyaltyTiersSet"]["errors"] == []


@pytest.fixture
def gold_with_benefits(mall_api) -> Iterator[str]:
    """Gold reachable with one event award, 5% off and the first gift reserved for it; yields its slug."""
    gift = mall_api.gifts()[0]
    tiers = [tier_input(DEMO_TIERS[0]), tier_input(DEMO_TIERS[1], threshold=50, pointsDiscountPercent="5",
                                                   exclusiveProducts=[gift.slug]),
             *(tier_input(level) for level in DEMO_TIERS[2:])]
    set_tiers(mall_api, tiers)
    try:
        yield gift.slug
    finally:
        set_tiers(mall_api, [tier_input(level) for level in DEMO_TIERS])


def lift_to_gold(mall_api, member) -> None:
    rules = mall_api.data(RULES, {"issuer": ISSUER}, mall_api.operator())["loyaltyProgramme"]["rules"]
    events = next(rule["id"] for rule in rules if rule["code"] == "events")
    user = mall_api.data(ME, {}, member.token)["me"]["id"]
    answer = mall_api.data(AWARD, {"rule": events, "user": user, "channel": "bank-a-mall"}, mall_api.operator())
    assert answer["loyaltyAwardGive"]["errors"] == []
    subprocess.run([sys.executable, "-m", "mall", "worker", "--once"], env=mall_api.environment, check=True,
                   capture_output=True, timeout=120)


async def test_a_gold_member_sees_the_tier_price_and_the_gold_badge_in_both_languages(visit, mall_api,
                                                                                      gold_with_benefits):
    # given: a member lifted to Gold, and the gift's list price
    member = mall_api.member(points=0)
    lift_to_gold(mall_api, member)
    gift = next(item for item in mall_api.gifts() if item.slug == gold_with_benefits)
    own_price = gift.points - gift.points * 5 // 100

    # when
    page = await visit.open(f"/sign-in?next=/gift/{gift.slug}")
    await visit.sign_in(member.email, member.password)

    # then: the member's price first, the list price struck through, the Gold badge
    await expect(page.get_by_role("heading", level=1)).to_have_text(gift.name)
    await expect(page.locator(".tier-price")).to_have_text(f"{own_price:,} points")
    await expect(page.locator(".list-price")).to_have_text(f"{gift.points:,} points")
    await expect(page.locator(".badge-exclusive")).to_have_text("Gold members exclusive")
    await visit.shot("gift-tier-price")

    # when: in Simplified Chinese
    await page.get_by_role("button", name="简体中文").click()

    # then
    await expect(page.locator(".badge-exclusive")).to_have_text("Gold会员专享")
    await expect(page.locator(".offer-price .hint")).to_have_text("您的会员价")


async def test_a_visitor_sees_the_list_price_and_the_badge(visit, mall_api, gold_with_benefits):
    # when
    page = await visit.open(f"/gift/{gold_with_benefits}")

    # then
    await expect(page.locator(".badge-exclusive")).to_have_text("Gold members exclusive")
    await expect(page.locator(".tier-price")).to_have_count(0)
