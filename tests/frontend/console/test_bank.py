"""The bank's points desk in the console: looks a member up by customer reference with a reason (the operator
then reads who looked, when and why), reads the balance, lots and history, adjusts the points, and downloads
the liability report as CSV."""

from __future__ import annotations

import uuid

import pytest
from playwright.async_api import expect

from tests.frontend.console.conftest import BANK, OPERATOR, go, sign_in
from tests.frontend.mall_api import ADJUST, CHANNEL
from tests.frontend.orders_api import BankSigner

pytestmark = pytest.mark.slow


async def test_the_bank_looks_up_a_member_adjusts_points_and_the_operator_reads_the_audit(visit, mall_api):
    # given: a cardholder of Bank A (signed on once from the bank's app) holding 1,500 points
    reference = f"C{uuid.uuid4().hex[:8].upper()}"
    user_id = BankSigner(mall_api, mall_api.client.base_url.__str__().rstrip("/")).enrol(
        reference, f"{reference.lower()}@example.com")
    adjust = {"user": user_id, "channel": CHANNEL, "amount": 1500, "reason": "welcome", "idempotencyKey": reference}
    assert mall_api.data(ADJUST, {"input": adjust}, mall_api.operator())["pointsAdjust"]["errors"] == []

    # when: the bank's staff look the member up, saying why
    page = await sign_in(visit, BANK, "Member lookup")
    await page.get_by_label("Search by").select_option("customerReference")
    await page.get_by_label("Search for").fill(reference)
    await page.get_by_label("Reason for looking").fill("Member called about points")
    await page.get_by_role("button", name="Look up").click()

    # then: the member's points, their lots and history
    member = page.locator("section.member")
    await expect(member.get_by_role("heading", level=2)).to_have_text(f"Li Wei · {reference}")
    await expect(member.locator(".facts").first).to_contain_text("1,500 PTS")
    await expect(member.get_by_role("table", name="History").get_by_role("row")).to_have_count(2)
    await visit.shot("bank-member-found")

    # when: they add 250 points with a reason
    await member.get_by_label("Points").fill("250")
    await member.get_by_label("Reason").fill("Goodwill for a late delivery")
    await member.get_by_role("button", name="Adjust").click()

    # then: the balance and history show it
    await expect(page.locator("section.member .facts").first).to_contain_text("1,750 PTS")
    await expect(page.get_by_role("table", name="History").get_by_role("row")).to_have_count(3)
    await expect(page.get_by_role("table", name="History")).to_contain_text("Goodwill for a late delivery")
    await visit.shot("bank-member-adjusted")

    # and: the liability page exports its figures as CSV
    page = await go(visit, "Liability")
    async with page.expect_download() as download_info:
        await page.get_by_role("button", name="Download CSV").click()
    download = await download_info.value
    lines = (await download.path()).read_text(encoding="utf-8").splitlines()
    assert download.suggested_filename == "liability-BANKA.csv"
    assert lines[0] == '"figure","value"'
    assert [line.split(",")[0] for line in lines[1:5]] == [
        '"pointsOutstanding"', '"pointsHeld"', '"membersWithPoints"', '"pointsExpiredToDate"']
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("积分负债")
    await visit.shot("bank-liability-zh")
    await page.get_by_role("button", name="English").click()
    await page.get_by_role("button", name="Sign out").click()

    # then: the operator reads who looked the member up, and why
    page = await sign_in(visit, OPERATOR, "Review queue")
    page = await go(visit, "Lookup audit")
    newest = page.get_by_role("row").nth(1)
    await expect(newest).to_contain_text("bank@example.com")
    await expect(newest).to_contain_text(f"Customer reference: {reference}")
    await expect(newest).to_contain_text("Member called about points")
    await visit.shot("operator-lookup-audit")
