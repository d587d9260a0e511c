"""Settlement in the console: the operator closes a month for the demo partner, the partner downloads the
statement's CSV (from the mall's private folder, through a signed link) and confirms it, the operator marks it
paid with the payment's reference."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from settlement.files import CSV_COLUMNS
from tests.frontend.console.conftest import OPERATOR, PARTNER, go, sign_in

pytestmark = pytest.mark.slow
# A month long over whatever day the suite runs (settlement refuses a month that is not over yet).
PERIOD = "2026-06"


async def test_the_operator_runs_a_period_and_marks_the_partners_statement_paid(visit, mall_api):
    # when: the operator runs June for the demo partner
    page = await sign_in(visit, OPERATOR, "Review queue")
    page = await go(visit, "Settlement runs")
    await page.get_by_label("Month").fill(PERIOD)
    await page.get_by_label("Only this partner").fill("JADE-HOME")
    await page.get_by_role("button", name="Run settlement").click()

    # then: one statement is issued and listed
    await expect(page.get_by_role("status").filter(has_text=PERIOD)).to_have_text(
        f"{PERIOD}: Succeeded, 1 statements issued, 0 already settled.")
    await visit.shot("operator-settlement-run")
    await page.get_by_role("button", name="Sign out").click()

    # when: the partner reads and confirms it
    page = await sign_in(visit, PARTNER, "Orders to ship")
    page = await go(visit, "Statements")
    await page.get_by_role("link", name=f"{PERIOD} · JADE-HOME").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Statement {PERIOD} · JADE-HOME")
    await visit.settled()
    await expect(page.get_by_role("table", name="Files")).to_contain_text("csv")
    async with page.expect_download() as download_info:
        await page.get_by_role("link", name="Download csv").click()
    download = await download_info.value
    header = (await download.path()).read_text(encoding="utf-8").splitlines()[0]
    assert download.suggested_filename.endswith(".csv")
    assert header == ",".join(CSV_COLUMNS)
    await page.get_by_role("button", name="Confirm statement").click()
    await expect(page.locator(".facts .badge").first).to_have_text("Confirmed")
    await visit.shot("partner-statement-confirmed")
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.locator(".facts .badge").first).to_have_text("已确认")
    await visit.shot("partner-statement-confirmed-zh")
    await page.get_by_role("button", name="English").click()
    await page.get_by_role("button", name="Sign out").click()

    # then: the operator marks it paid with the bank transfer's reference
    page = await sign_in(visit, OPERATOR, "Review queue")
    page = await go(visit, "Statements")
    await page.get_by_label("Status").select_option("CONFIRMED")
    await page.get_by_role("button", name="Apply").click()
    await page.get_by_role("link", name=f"{PERIOD} · JADE-HOME").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Statement {PERIOD} · JADE-HOME")
    await visit.settled()
    await page.get_by_label("Payment reference").fill("WIRE-2026-0042")
    await page.get_by_role("button", name="Mark paid").click()
    await expect(page.locator(".facts .badge").first).to_have_text("Paid")
    await expect(page.locator(".facts")).to_contain_text("WIRE-2026-0042")
    await visit.shot("operator-statement-paid")
