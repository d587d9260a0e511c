"""A partner selling code-backed e-vouchers in the console: reads how full each pool is, is warned when one runs
low, and uploads a CSV of codes (a repeated code skipped, an expired one refused by line) that fills the pool;
the page reads the same in Chinese. Another partner's console shows none of these pools."""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest
from playwright.async_api import expect

from fulfilment.digital.demo import VOUCHER_PARTNER
from tests.frontend.console.conftest import PARTNER, Staff, go, sign_in

pytestmark = pytest.mark.slow
POOLS = """{ digitalCodePools(lowStockBelow: 0) { variant productName variantName sku partnerCode availableCodes } }"""
PAGE_SIZE = 20
STAFF_PASSWORD = "city-perks-desk-2026"


def city_perks_staff(mall_api) -> Staff:
    """A new staff user of the demo's code-backed voucher partner, made as an operator would (`mall staff create`)."""
    email = f"desk-{uuid.uuid4().hex[:8]}@cityperks.example"
    subprocess.run([sys.executable, "-m", "mall", "staff", "create", "--email", email, "--password", STAFF_PASSWORD,
                    "--partner", VOUCHER_PARTNER], env=mall_api.environment, check=True, capture_output=True)
    return Staff(email, STAFF_PASSWORD)


def pool_name(pool: dict[str, str]) -> str:
    return f"{pool['productName']} · {pool['variantName']}" if pool["variantName"] else pool["productName"]


async def test_a_partner_is_warned_of_a_low_pool_and_uploads_codes(visit, mall_api):
    # given: the voucher partner's emptiest pool, and a file of three new codes, one twice, and an expired one
    pools = [pool for pool in mall_api.data(POOLS, {}, mall_api.operator())["digitalCodePools"]
             if pool["partnerCode"] == VOUCHER_PARTNER]
    emptiest = pools[0]
    before = emptiest["availableCodes"]
    batch = uuid.uuid4().hex[:6].upper()
    codes = [f"UP-{batch}-{number}" for number in range(3)]
    csv = ("code,valid_until\n" + "".join(f"{code},2030-12-31\n" for code in codes) + f"{codes[0]},2030-12-31\n"
           f"UP-{batch}-OLD,2020-01-01\n")
    staff = city_perks_staff(mall_api)

    # when: the partner's desk opens its code pools, warned below one more code than the emptiest holds
    page = await sign_in(visit, staff, "Orders to ship")
    page = await go(visit, "Voucher codes")
    await page.get_by_label("Warn below (codes)").fill(str(before + 1))
    await page.get_by_role("button", name="Set warning").click()

    # then: the partner's pools are listed emptiest first, a page at a time, the emptiest flagged low
    levels = page.get_by_role("table", name="Code pools")
    await expect(page.locator(".list-count")).to_have_text(f"{len(pools)} results")
    await expect(levels.locator("tbody tr")).to_have_count(min(len(pools), PAGE_SIZE))
    warning = page.locator(".low-stock")
    await expect(warning).to_contain_text(f"{pool_name(emptiest)}: {before} left")
    await expect(levels.locator("tbody tr").first).to_contain_text(pool_name(emptiest))
    await expect(levels.locator("tbody tr").first).to_contain_text("Low stock")
    await visit.shot("partner-code-pools-low")

    # when: they upload the file to that pool
    await page.get_by_label("Voucher", exact=True).select_option(emptiest["variant"])
    await page.get_by_label("CSV file of codes").set_input_files(
        {"name": "codes.csv", "mimeType": "text/csv", "buffer": csv.encode()})
    await page.get_by_role("button", name="Upload codes").click()

    # then: three added, the repeat skipped, the expired row refused by its line; the pool holds three more
    result = page.locator(".upload-result")
    await expect(result.get_by_role("status")).to_have_text(
        f"3 codes added, 1 already in the pool, 1 rows refused. {before + 3} unsold codes now.")
    await expect(result.get_by_role("table", name="Refused rows")).to_contain_text("6")
    await visit.shot("partner-codes-uploaded")
    await page.get_by_label("Search").fill(emptiest["sku"])
    await page.get_by_role("button", name="Apply").click()
    await expect(levels.locator("tbody tr")).to_have_count(1)
    await expect(levels.locator("tbody tr td").nth(2)).to_have_text(str(before + 3))
    after = [pool for pool in mall_api.data(POOLS, {}, mall_api.operator())["digitalCodePools"]
             if pool["variant"] == emptiest["variant"]]
    assert after[0]["availableCodes"] == before + 3

    # and: in Chinese
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("券码")
    await visit.shot("partner-codes-zh")


async def test_another_partner_sees_no_pool_of_the_voucher_partner(visit, mall_api):
    # when: the demo's home goods partner opens the code pools page
    page = await sign_in(visit, PARTNER, "Orders to ship")
    page = await go(visit, "Voucher codes")

    # then: none of its gifts is code-backed, and no other partner's pool shows
    await expect(page.locator("main")).to_contain_text("None of your gifts is sold from a code pool.")
    await expect(page.get_by_role("table", name="Code pools")).to_have_count(0)
    await visit.shot("partner-without-pools")
