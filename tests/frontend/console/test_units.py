"""Points in the console read in the unit each bank names them, in the console's language (the demo's Bank A:
"points" and 积分, Bank B: "miles" and 里程), where the console used to print the unit's code (PTS, BPT): the
bank's member lookup and liability, and the operator's programme health and issuers, one bank beside the other."""

from __future__ import annotations

import json
import uuid

import pytest
from playwright.async_api import Page, expect

from tests.frontend.console.conftest import BANK, OPERATOR, go, partner_gift, sign_in
from tests.frontend.mall_api import ADJUST, CHANNEL, Member
from tests.frontend.orders_api import BANK_SIGN_IN, BankSigner, place_order

pytestmark = pytest.mark.slow
BANK_A_UNIT = {"en": "points", "zh-Hans": "积分"}
BANK_B_UNIT = {"en": "miles", "zh-Hans": "里程"}
SWITCH = {"en": "English", "zh-Hans": "简体中文"}


async def in_language(page: Page, language: str) -> None:
    await page.get_by_role("button", name=SWITCH[language]).click()
    await expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
async def test_the_banks_member_lookup_and_liability_name_its_own_unit(visit, mall_api, language):
    # given: a Bank A cardholder with 1,500 points who redeemed one gift
    reference = f"U{uuid.uuid4().hex[:8].upper()}"
    signer = BankSigner(mall_api, str(mall_api.client.base_url).rstrip("/"))
    user_id = signer.enrol(reference, f"{reference.lower()}@example.com")
    signed_on = mall_api.data(BANK_SIGN_IN, {"input": json.dumps({"token": signer.token(reference)})})
    member = Member(f"{reference.lower()}@example.com", "", signed_on["externalObtainAccessTokens"]["token"])
    gift = partner_gift(mall_api)
    adjust = {
        "user": user_id,
        "channel": CHANNEL,
        "amount": 1500 + gift.points,
        "reason": "welcome",
        "idempotencyKey": reference,
    }
    assert mall_api.data(ADJUST, {"input": adjust}, mall_api.operator())["pointsAdjust"]["errors"] == []
    place_order(mall_api, member, gift)
    unit = BANK_A_UNIT[language]

    # when: the bank's desk looks the member up with the console in `language`
    page = await sign_in(visit, BANK, "Member lookup")
    await in_language(page, language)
    await page.locator("input[name=value]").fill(reference)
    await page.locator("input[name=reason]").fill("Member asked about points")
    await page.locator("main form button[type=submit]").click()

    # then: the balance, the lots, the history and the order total read in Bank A's unit, never its code
    found = page.locator("section.member")
    await expect(found.locator(".facts").first).to_contain_text(f"1,500 {unit}")
    await expect(found.locator("table").first).to_contain_text(unit)
    await expect(found.locator("tbody tr").filter(has_text=f"{gift.points:,} {unit}")).not_to_have_count(0)
    await expect(page.locator("main")).not_to_contain_text("PTS")
    await visit.shot(f"bank-lookup-unit-{language}")

    # and: so does the liability page
    await page.goto(f"{visit.base_url}/console/liability")
    await visit.settled()
    await expect(page.locator("main .facts").first).to_contain_text(unit)
    await expect(page.locator("main")).not_to_contain_text("PTS")
    await visit.shot(f"bank-liability-unit-{language}")


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
async def test_the_operator_reads_each_banks_figures_in_that_banks_unit(visit, mall_api, language):
    # given: the operator, the console in `language`
    page = await sign_in(visit, OPERATOR, "Review queue")
    await go(visit, "Programme health")
    await in_language(page, language)

    # then: each bank's row of the health table carries its own unit, and neither row shows a code
    rows = page.locator("main table").first.locator("tbody tr")
    bank_a = rows.filter(has_text="BANKA")
    bank_b = rows.filter(has_text="BANKB")
    await expect(bank_a).to_contain_text(BANK_A_UNIT[language])
    await expect(bank_a).not_to_contain_text(BANK_B_UNIT[language])
    await expect(bank_b).to_contain_text(BANK_B_UNIT[language])
    await expect(bank_b).not_to_contain_text(BANK_A_UNIT[language])
    shown = " ".join(await rows.all_inner_texts())
    assert "PTS" not in shown
    assert "BPT" not in shown
    await visit.shot(f"operator-health-units-{language}")

    # and: the issuers page gives each bank's code with its name for the unit
    await page.goto(f"{visit.base_url}/console/issuers")
    await visit.settled()
    issuers = page.locator("main tbody tr")
    await expect(issuers.filter(has_text="BANKA")).to_contain_text(f"PTS · {BANK_A_UNIT[language]}")
    await expect(issuers.filter(has_text="BANKB")).to_contain_text(f"BPT · {BANK_B_UNIT[language]}")
    await visit.shot(f"operator-issuers-units-{language}")
