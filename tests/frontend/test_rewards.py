"""Rewards in the member mall: the tier badge and the way to the next tier, the daily sign-in with its streak
("+1 point", the unit's singular name), the ways to earn with what is left of each cap, the history naming the
rule, in English and Simplified Chinese.
The served mall runs the demo programme (loyalty.demo): sign-in 1 point once a day and 365 a year, tiers from
Silver (0) to Gold (2,000)."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

pytestmark = pytest.mark.slow


async def test_a_member_signs_in_for_points_and_sees_tier_and_ways_to_earn_in_both_languages(visit, mall_api):
    # given: a new member of the demo bank
    member = mall_api.member(points=0)
    page = await visit.open("/sign-in?next=/rewards")
    await visit.sign_in(member.email, member.password)
    await expect(page.get_by_role("heading", level=1)).to_have_text("Rewards")

    # then: the entry tier, and the way to Gold
    await expect(page.locator(".tier-badge")).to_have_text("Silver")
    await expect(page.locator(".tier-next")).to_have_text("2,000 points more to reach Gold")
    await expect(page.locator(".streak")).to_have_text("Days in a row: 0")
    await visit.shot("rewards-before-sign-in")

    # when: they sign in for today, then tap again after a reload
    await page.get_by_role("button", name="Sign in today").click()
    await expect(page.get_by_role("status").filter(has_text="for today's sign-in")).to_have_text(
        "+1 point for today's sign-in. Days in a row: 1.")
    await expect(page.locator(".balance-chip")).to_have_text("1 point")
    page = await visit.open("/rewards")

    # then: signed in for today; the sign-in's caps are counted
    await expect(page.get_by_role("button", name="Signed in today")).to_be_disabled()
    sign_in_way = page.locator(".way").filter(has_text="Daily sign-in")
    await expect(sign_in_way.locator(".way-caps")).to_have_text("0 of 1 left today · 364 of 365 left this year")
    await expect(page.locator(".tier-next")).to_have_text("1,999 points more to reach Gold")
    await visit.shot("rewards-after-sign-in")

    # when: they read it in Simplified Chinese
    await page.get_by_role("button", name="简体中文").click()

    # then
    await expect(page.get_by_role("heading", level=1)).to_have_text("会员权益")
    await expect(page.get_by_role("button", name="今日已签到")).to_be_disabled()
    await expect(page.locator(".streak")).to_have_text("已连续签到 1 天")
    await expect(sign_in_way.locator(".way-caps")).to_have_text("今日剩余 0/1 · 今年剩余 364/365")
    await visit.shot("rewards-zh-hans")

    # and: their points history names the rule
    page = await visit.open("/points")
    await expect(page.locator(".history-what").first).to_have_text("获得积分: Daily sign-in")
