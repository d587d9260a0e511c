"""The report pages in a real browser: a partner reads its performance by month (charts with their numbers as
tables), the operator reads any partner's and the programme's health across banks and downloads it as CSV, in
English and Chinese; a partner reaches neither the health page nor another partner's figures."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from mall.demo import DEMO_PARTNER_CODE
from tests.frontend.console.conftest import OPERATOR, PARTNER, go, partner_gift, sign_in
from tests.frontend.orders_api import place_order

pytestmark = pytest.mark.slow
PERFORMANCE = """query($partner: String) { partnerPerformance(partner: $partner, months: 6) {
  partnerCode months { month pointsRedeemed } } }"""
HEALTH = "{ programmeHealth { programmes { issuerCode membersWithPoints } } }"


def refused(mall_api, document: str, variables: dict, token: str) -> list[str]:
    body = mall_api.client.post("/graphql/", json={"query": document, "variables": variables},
                                headers={"Authorization": f"Bearer {token}"}).json()
    return [error["extensions"]["exception"]["code"] for error in body.get("errors", [])]


async def test_a_partner_reads_its_performance_by_month_in_both_languages(visit, mall_api):
    # given: a member redeems one of the partner's gifts this month
    gift = partner_gift(mall_api)
    place_order(mall_api, mall_api.member(points=gift.points), gift)
    token = mall_api.token(PARTNER.email, PARTNER.password)
    months = mall_api.data(PERFORMANCE, {}, token)["partnerPerformance"]["months"]

    # when
    page = await sign_in(visit, PARTNER, "Orders to ship")
    page = await go(visit, "Performance")

    # then: two charts, each with six months as a table; this month's points are the API's
    await expect(page.locator(".chart canvas")).to_have_count(2)
    points = page.get_by_role("table", name="Points members redeemed on your gifts, by month")
    await expect(points.get_by_role("row")).to_have_count(7)
    this_month = months[-1]
    assert this_month["pointsRedeemed"] >= gift.points
    await expect(points.get_by_role("row").last).to_have_text(re.compile(
        rf"^{this_month['month']}\s*{this_month['pointsRedeemed']:,}$"))
    await expect(page.get_by_text(f"{DEMO_PARTNER_CODE}'s figures for the last 6 months")).to_be_visible()
    await visit.shot("partner-performance")
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("经营表现")
    await expect(page.get_by_role("table", name="会员每月在您的礼品上兑换的积分")).to_be_visible()
    await visit.shot("partner-performance-zh")
    await page.get_by_role("button", name="English").click()


async def test_the_operator_reads_programme_health_exports_it_and_picks_a_partners_performance(visit, mall_api):
    # given
    page = await sign_in(visit, OPERATOR, "Review queue")

    # when: the operator opens the programme's health
    page = await go(visit, "Programme health")

    # then: a row per bank, Bank A's monthly movements and where its points went, as charts and tables
    await expect(page.get_by_role("table", name="Programme health").get_by_role("row").filter(
        has_text="BANKA")).to_have_count(1)
    await expect(page.get_by_role("table", name=re.compile(r"^BANKA: points accrued, redeemed and expired"))
                 .get_by_role("row")).to_have_count(7)
    await expect(page.get_by_role("table", name="BANKA: points redeemed per partner in the period")).to_be_visible()
    await visit.shot("operator-programme-health")
    async with page.expect_download() as download_info:
        await page.get_by_role("button", name="Download CSV").click()
    download = await download_info.value
    lines = (await download.path()).read_text(encoding="utf-8").splitlines()
    assert download.suggested_filename == "programme-health.csv"
    assert lines[2] == ('"bank","channel","points_unit","members_with_points","points_outstanding","accrued",'
                        '"redeemed","redemption_rate_percent","expired","breakage_rate_percent","breakage_to_date"')
    assert any(line.startswith('"BANKA",') for line in lines[3:])
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("积分计划健康度")
    await visit.shot("operator-programme-health-zh")
    await page.get_by_role("button", name="English").click()

    # and: the operator reads a chosen partner's performance
    page = await go(visit, "Performance")
    await page.get_by_label("Partner").select_option("VOLT-TECH")
    await page.get_by_role("button", name="Apply").click()
    await expect(page.get_by_text("VOLT-TECH's figures for the last 6 months")).to_be_visible()
    await visit.shot("operator-partner-performance")


async def test_a_partner_reaches_neither_programme_health_nor_another_partners_performance(visit, mall_api):
    # given
    token = mall_api.token(PARTNER.email, PARTNER.password)
    await sign_in(visit, PARTNER, "Orders to ship")

    # when: the partner opens the health page by hand, and asks the API for another partner's figures
    page = await visit.open("/console/health")

    # then
    await expect(page.get_by_role("heading", level=1)).to_have_text("Not available")
    await expect(page.get_by_role("navigation", name="Console").get_by_role("link", name="Programme health")) \
        .to_have_count(0)
    assert refused(mall_api, PERFORMANCE, {"partner": "VOLT-TECH"}, token) == ["PermissionDenied"]
    assert refused(mall_api, HEALTH, {}, token) == ["PermissionDenied"]
    await visit.shot("partner-refused-health")
