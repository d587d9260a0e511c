"""The bank's points desk in the console: looks a member up by customer reference with a reason (the operator
then reads who looked, when and why), reads the balance, lots and history, adjusts the points, and downloads
the liability report as CSV."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from playwright.async_api import expect

from tests.frontend.console.conftest import BANK, OPERATOR, go, partner_gift, sign_in
from tests.frontend.mall_api import ADJUST, CHANNEL, Member
from tests.frontend.orders_api import BANK_SIGN_IN, BankSigner, place_order

pytestmark = pytest.mark.slow
OPEN_CASE = """mutation($input: ServiceCaseOpenInput!) { serviceCaseOpen(input: $input) {
  serviceCase { id number } errors { field code } } }"""


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
    await expect(member.locator(".facts").first).to_contain_text("1,500 points")
    await expect(member.get_by_role("table", name="History").get_by_role("row")).to_have_count(2)
    await visit.shot("bank-member-found")

    # when: they add 250 points with a reason
    await member.get_by_label("Points").fill("250")
    await member.get_by_label("Reason").fill("Goodwill for a late delivery")
    await member.get_by_role("button", name="Adjust").click()

    # then: the balance and history show it
    await expect(page.locator("section.member .facts").first).to_contain_text("1,750 points")
    await expect(page.get_by_role("table", name="History").get_by_role("row")).to_have_count(3)
    await expect(page.get_by_role("table", name="History")).to_contain_text("Goodwill for a late delivery")
    await visit.shot("bank-member-adjusted")

    # and: the liability page charts the last six months (with the numbers as a table) and exports CSV
    page = await go(visit, "Liability")
    await expect(page.locator(".chart canvas")).to_have_count(1)
    monthly = page.get_by_role("table", name=re.compile("in each of the last 6 months"))
    await expect(monthly.get_by_role("row")).to_have_count(7)
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


async def test_the_bank_uploads_a_points_feed_with_bad_rows_and_downloads_them(visit, mall_api):
    # given: a roster naming a new member, and a feed crediting them with one good and two bad rows
    reference = f"F{uuid.uuid4().hex[:8].upper()}"
    roster = f"customer_reference,name,email,phone,status\n{reference},Lan Zhou,{reference.lower()}@example.com,,\n"
    feed = ("transaction_id,customer_reference,points,earned_at\n"
            f"{reference}-1,{reference},800,2026-11-20T09:30:00+08:00\n"
            f"{reference}-2,NOBODY-{reference},50,2026-11-20T09:30:00+08:00\n"
            f"{reference}-3,{reference},lots,2026-11-20T09:30:00+08:00\n")
    page = await sign_in(visit, BANK, "Member lookup")
    page = await go(visit, "Bank files")

    # when: they upload the roster, then the feed
    await page.get_by_label("File", exact=True).select_option("MEMBERS")
    await page.get_by_label("File to import").set_input_files(
        {"name": "roster.csv", "mimeType": "text/csv", "buffer": roster.encode()})
    await page.get_by_role("button", name="Import", exact=True).click()
    await expect(page.locator(".import-result [role=status]")).to_have_text("1 rows read, 0 refused.")
    await page.get_by_label("File", exact=True).select_option("POINTS")
    await page.get_by_label("File to import").set_input_files(
        {"name": "feed.csv", "mimeType": "text/csv", "buffer": feed.encode()})
    await page.get_by_role("button", name="Import", exact=True).click()

    # then: one row is credited, two are refused and come back in the error file
    result = page.locator(".import-result")
    await expect(result.get_by_role("status")).to_have_text("3 rows read, 2 refused.")
    await expect(result).to_contain_text("credited: 1")
    await visit.shot("bank-feed-imported")
    async with page.expect_download() as download_info:
        await result.get_by_role("button", name="Download the refused rows").click()
    download = await download_info.value
    rows = (await download.path()).read_text(encoding="utf-8").splitlines()
    assert download.suggested_filename == "feed.errors.csv"
    assert rows[0] == "transaction_id,customer_reference,points,earned_at,error"
    assert [row.split(",")[0] for row in rows[1:]] == [f"{reference}-2", f"{reference}-3"]

    # and: in Chinese
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("银行文件")
    await visit.shot("bank-files-zh")


async def test_the_banks_lookup_shows_the_members_orders_and_cases(visit, mall_api):
    # given: a cardholder who signed on from the bank's app, redeemed a gift and complained about points
    reference = f"O{uuid.uuid4().hex[:8].upper()}"
    signer = BankSigner(mall_api, mall_api.client.base_url.__str__().rstrip("/"))
    user_id = signer.enrol(reference, f"{reference.lower()}@example.com")
    signed_on = mall_api.data(BANK_SIGN_IN, {"input": json.dumps({"token": signer.token(reference)})})
    member = Member(f"{reference.lower()}@example.com", "", signed_on["externalObtainAccessTokens"]["token"])
    gift = partner_gift(mall_api)
    adjust = {"user": user_id, "channel": CHANNEL, "amount": gift.points, "reason": "welcome",
              "idempotencyKey": reference}
    assert mall_api.data(ADJUST, {"input": adjust}, mall_api.operator())["pointsAdjust"]["errors"] == []
    order = place_order(mall_api, member, gift)
    case = mall_api.data(OPEN_CASE, {"input": {"subject": "POINTS", "category": "POINTS_EXPIRY", "channel": CHANNEL,
                                               "description": "Where did my points go?"}},
                         member.token)["serviceCaseOpen"]["serviceCase"]

    # when: the bank's desk looks the member up
    page = await sign_in(visit, BANK, "Member lookup")
    await page.get_by_label("Search for").fill(reference)
    await page.get_by_label("Reason for looking").fill("Member called about an order")
    await page.get_by_role("button", name="Look up").click()

    # then: the member's order with its gift, and the case, which opens from there
    orders = page.get_by_role("table", name="The member's orders")
    await expect(orders.locator("tbody tr")).to_have_count(1)
    await expect(orders.locator("tbody tr")).to_contain_text(order.number)
    await expect(orders.locator("tbody tr")).to_contain_text(f"1 × {gift.name}")
    cases = page.get_by_role("table", name="Customer service")
    await expect(cases.locator("tbody tr")).to_have_count(1)
    await expect(cases.locator("tbody tr")).to_contain_text("Points expiry")
    await visit.shot("bank-member-orders-and-cases")
    await page.get_by_role("link", name=f"Case {case['number']}").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {case['number']}")
    await expect(page.locator(".case-description")).to_have_text("Where did my points go?")

    # and: the case reads in Chinese
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"工单 {case['number']}")
    await expect(page.locator(".facts").first).to_contain_text("积分过期")
    await visit.shot("bank-member-case-zh")


ISSUER_RULES = "{ issuers { code expiryRule expiryCount reminderDays } }"
RESTORE = """mutation($input: IssuerSettingsInput!) { issuerSettingsUpdate(issuer: "BANKA", input: $input) {
  errors { code } } }"""


async def test_the_bank_sets_its_reminder_days_and_a_bad_rule_is_refused(visit, mall_api):
    # given: Bank A's rules as they are
    [before] = [row for row in mall_api.data(ISSUER_RULES, {}, mall_api.operator())["issuers"]
                if row["code"] == "BANKA"]
    page = await sign_in(visit, BANK, "Member lookup")
    page = await go(visit, "Programme settings")
    await expect(page.get_by_label("Points expire")).to_have_value(before["expiryRule"])
    await expect(page.get_by_label("Remind members this many days before expiry")).to_have_value(
        str(before["reminderDays"]))

    try:
        # when: the desk asks for points that expire 0 days after they were earned
        await page.get_by_label("Points expire").select_option("FIXED_DAYS")
        await page.get_by_label("How many days, months or years").fill("0")
        await page.get_by_role("button", name="Save rules").click()

        # then: refused, nothing changed
        await expect(page.locator(".form-status [role=alert]")).to_contain_text("expiryCount")
        [refused] = [row for row in mall_api.data(ISSUER_RULES, {}, mall_api.operator())["issuers"]
                     if row["code"] == "BANKA"]
        assert refused == before
        await visit.shot("bank-programme-refused")

        # when: the desk keeps the expiry rule and reminds members 45 days ahead
        await page.get_by_label("Points expire").select_option(before["expiryRule"])
        await page.get_by_label("How many days, months or years").fill(str(before["expiryCount"]))
        await page.get_by_label("Remind members this many days before expiry").fill("45")
        await page.get_by_role("button", name="Save rules").click()

        # then
        await expect(page.locator(".form-status [role=status]")).to_have_text("Saved.")
        [saved] = [row for row in mall_api.data(ISSUER_RULES, {}, mall_api.operator())["issuers"]
                   if row["code"] == "BANKA"]
        assert saved == {**before, "reminderDays": 45}
        await page.get_by_role("button", name="简体中文").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("积分计划设置")
        await expect(page.get_by_label("到期前几天提醒会员")).to_have_value("45")
        await visit.shot("bank-programme-zh")
    finally:  # other tests of the session run against the same demo bank
        restore = {"expiryRule": before["expiryRule"], "expiryCount": before["expiryCount"],
                   "reminderDays": before["reminderDays"]}
        assert mall_api.data(RESTORE, {"input": restore}, mall_api.operator())["issuerSettingsUpdate"]["errors"] == []


UNIT_NAMES = """{ channel(slug: "bank-a-mall") { pointsUnitNames { languageCode name } } }"""
DEMO_UNIT_NAMES = [{"languageCode": "EN", "name": "points"}, {"languageCode": "ZH_HANS", "name": "积分"}]


async def test_the_bank_renames_its_points_and_a_blank_name_is_refused(visit, mall_api):
    # given: Bank A's unit is "points" and 积分
    assert mall_api.data(UNIT_NAMES, {})["channel"]["pointsUnitNames"] == DEMO_UNIT_NAMES
    page = await sign_in(visit, BANK, "Member lookup")
    page = await go(visit, "Programme settings")
    english = page.get_by_label("What members call the points, in English")
    chinese = page.get_by_label("What members call the points, in Chinese")
    await expect(english).to_have_value("points")
    await expect(chinese).to_have_value("积分")

    try:
        # when: the desk clears the Chinese name
        await chinese.fill(" ")
        await page.get_by_role("button", name="Save rules").click()

        # then: refused, nothing changed
        await expect(page.locator(".form-status [role=alert]")).to_contain_text(
            "pointsUnitNames: This is required.")
        assert mall_api.data(UNIT_NAMES, {})["channel"]["pointsUnitNames"] == DEMO_UNIT_NAMES

        # when: the desk names its points after its brand
        await english.fill("Bonus Points")
        await chinese.fill("奖励积分")
        await page.get_by_role("button", name="Save rules").click()

        # then: the member mall's channel reads the new names
        await expect(page.locator(".form-status [role=status]")).to_have_text("Saved.")
        assert mall_api.data(UNIT_NAMES, {})["channel"]["pointsUnitNames"] == [
            {"languageCode": "EN", "name": "Bonus Points"}, {"languageCode": "ZH_HANS", "name": "奖励积分"}]
        await visit.shot("bank-programme-unit-names")
    finally:  # the member mall's tests read the demo's names
        restore = {"pointsUnitNames": DEMO_UNIT_NAMES}
        assert mall_api.data(RESTORE, {"input": restore}, mall_api.operator())["issuerSettingsUpdate"]["errors"] == []
