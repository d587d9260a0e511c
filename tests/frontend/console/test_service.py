"""Customer service in the console: a partner answers a case about its parcel (an internal note the member never
reads, an answer, an explanation) and reads the measures with their CSV; the bank reads its member's case in
Chinese and the operator resolves it with goodwill points the member receives. Members open their cases
through the API (the member mall's own pages are tested in tests/frontend/test_cases.py)."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.async_api import expect

from tests.frontend.console.conftest import BANK, OPERATOR, PARTNER, go, partner_gift, sign_in
from tests.frontend.mall_api import CHANNEL
from tests.frontend.orders_api import create_carrier, place_order, ship_order

pytestmark = pytest.mark.slow
OPEN = """mutation($input: ServiceCaseOpenInput!) { serviceCaseOpen(input: $input) {
  serviceCase { id number } errors { field code message } } }"""
MEMBERS_VIEW = "query($id: ID!) { serviceCase(id: $id) { status messages { body } resolution { kind note } } }"


def open_case(mall_api, token: str, case: dict[str, str]) -> dict[str, str]:
    opened = mall_api.data(OPEN, {"input": case}, token)["serviceCaseOpen"]
    assert opened["errors"] == []
    return opened["serviceCase"]


async def open_from_queue(visit, email: str, number: int):
    page = visit.page
    await page.get_by_label("Search").fill(email)
    await page.get_by_role("button", name="Apply").click()
    await expect(page.get_by_role("status").filter(has_text="results")).to_have_text("1 results")
    await page.get_by_role("link", name=f"Case {number}", exact=True).click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {number}")
    await visit.settled()
    return page


async def test_a_partner_answers_a_case_about_its_parcel_and_reads_the_measures(visit, mall_api):
    # given: a member's parcel of the partner's gift, and the member's complaint that it is late
    gift = partner_gift(mall_api)
    member = mall_api.member(points=gift.points)
    order = place_order(mall_api, member, gift)
    carrier = f"case-desk-{uuid.uuid4().hex[:8]}"
    create_carrier(mall_api, carrier, "case-desk-secret-2026")
    shipment = ship_order(mall_api, order, carrier, f"CD{order.number}")
    case = open_case(mall_api, member.token, {"subject": "SHIPMENT", "category": "LATE_DELIVERY", "order": order.id,
                                              "fulfillment": shipment, "description": "Still not here after a week."})

    # when: the partner's desk finds it in the queue of cases not resolved
    page = await sign_in(visit, PARTNER, "Orders to ship")
    page = await go(visit, "Customer service")
    await expect(page.get_by_label("State")).to_have_value("UNRESOLVED")
    await open_from_queue(visit, member.email, case["number"])

    # then: the case, waiting for an answer
    details = page.locator(".facts").first
    await expect(details).to_contain_text("Waiting for an answer")
    await expect(details).to_contain_text("Late delivery")
    await expect(details).to_contain_text(member.email)
    await expect(page.locator(".case-description")).to_have_text("Still not here after a week.")
    await visit.shot("partner-case-new")

    # when: they write an internal note, then answer the member
    await page.get_by_label("Your message").fill("Carrier lost the scan; chase the depot.")
    await page.get_by_label("Internal note (the member never sees it)").check()
    await page.get_by_role("button", name="Send").click()
    await expect(page.locator(".case-note")).to_have_count(1)
    await page.get_by_label("Your message").fill("Your parcel left our depot; it arrives tomorrow.")
    await page.get_by_role("button", name="Send").click()

    # then: the case is answered, the note marked internal
    await expect(page.locator(".case-message")).to_have_count(2)
    await expect(page.locator(".facts").first).to_contain_text("Answered")
    await expect(page.locator(".case-note")).to_contain_text("Internal note")

    # when: they resolve it with an explanation
    await page.get_by_label("Resolution").select_option("EXPLANATION")
    await page.get_by_label("Explanation for the member").fill("Delayed by the carrier; delivered tomorrow.")
    await page.get_by_role("button", name="Resolve the case").click()

    # then: resolved; the member reads the answer and the explanation, never the note
    await expect(page.locator(".facts").first).to_contain_text("Resolved")
    await expect(page.locator(".panel .facts")).to_contain_text("Explanation only")
    await visit.shot("partner-case-resolved")
    seen = mall_api.data(MEMBERS_VIEW, {"id": case["id"]}, member.token)["serviceCase"]
    assert seen == {"status": "RESOLVED", "messages": [{"body": "Your parcel left our depot; it arrives tomorrow."}],
                    "resolution": {"kind": "EXPLANATION", "note": "Delayed by the carrier; delivered tomorrow."}}

    # and: in Chinese
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"工单 {case['number']}")
    await expect(page.locator(".facts").first).to_contain_text("配送延迟")
    await visit.shot("partner-case-zh")
    await page.get_by_role("button", name="English").click()

    # when: they read the measures of the cases opened this month
    page = await go(visit, "Customer service")
    await page.get_by_role("link", name="Service measures").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Service measures")
    await visit.settled()

    # then: the partner's own rows only, with resolution time and backlog, and the API's CSV
    rows = page.get_by_role("table", name="Service measures").locator("tbody tr")
    await expect(rows.filter(has_text="Late delivery")).to_have_count(1)
    partners = await rows.locator("td:first-child").all_text_contents()
    assert set(partners) == {"JADE-HOME"}
    await expect(page.locator(".facts")).to_contain_text("Mean time to resolution")
    await visit.shot("partner-measures")
    async with page.expect_download() as download_info:
        await page.get_by_role("button", name="Download CSV").click()
    download = await download_info.value
    header = (await download.path()).read_text(encoding="utf-8").splitlines()[0]
    assert re.fullmatch(r"service-measures-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    assert header == ("partner,category,cases,orders,cases_per_1000_orders,mean_first_answer_hours,overdue_share,"
                      "resolved_explanation,resolved_reshipment,resolved_return,resolved_refund,resolved_goodwill,"
                      "ratings,mean_rating,mean_resolution_hours,backlog")


async def test_the_bank_reads_its_members_case_and_the_operator_resolves_it_with_goodwill(visit, mall_api):
    # given: a member of Bank A's mall complains that their points expired without notice (no partner's case)
    member = mall_api.member(points=100)
    case = open_case(mall_api, member.token, {"subject": "POINTS", "category": "POINTS_EXPIRY", "channel": CHANNEL,
                                              "description": "My points vanished without a reminder."})

    # when: the bank's desk opens its queue, in Chinese
    page = await sign_in(visit, BANK, "Member lookup")
    await page.get_by_role("button", name="简体中文").click()
    page = await go(visit, "客户服务")
    await page.get_by_label("搜索").fill(member.email)
    await page.get_by_role("button", name="应用").click()

    # then: its member's case, answered by the operator
    row = page.get_by_role("row").filter(has_text=member.email)
    await expect(row).to_contain_text(f"工单 {case['number']}")
    await expect(row).to_contain_text("商城运营")
    await expect(row).to_contain_text("等待答复")
    await visit.shot("bank-cases-zh")
    await page.get_by_role("button", name="English").click()
    await page.get_by_role("button", name="Sign out").click()

    # when: the operator resolves it with 300 goodwill points from the operator's account
    await sign_in(visit, OPERATOR, "Review queue")
    page = await go(visit, "Customer service")
    await open_from_queue(visit, member.email, case["number"])
    await page.get_by_label("Resolution").select_option("GOODWILL")
    await page.get_by_label("Explanation for the member").fill("Sorry: 300 points on us.")
    await page.get_by_label("Goodwill points").fill("300")
    await page.get_by_label("Paid by").select_option("OPERATOR")
    await page.get_by_role("button", name="Resolve the case").click()

    # then: the case is resolved and the member holds 300 more points
    await expect(page.locator(".facts").first).to_contain_text("Resolved")
    await expect(page.locator(".panel .facts")).to_contain_text("Goodwill points300")
    await visit.shot("operator-case-goodwill")
    assert mall_api.balance(member)["available"] == 400


async def test_a_refused_resolution_says_why_and_changes_nothing(visit, mall_api):
    # given: a member's open case
    member = mall_api.member(points=0)
    case = open_case(mall_api, member.token, {"subject": "PROGRAMME", "category": "THRESHOLD", "channel": CHANNEL,
                                              "description": "Gifts cost too many points."})

    # when: the operator asks for goodwill without saying how many points
    await sign_in(visit, OPERATOR, "Review queue")
    page = await go(visit, "Customer service")
    await open_from_queue(visit, member.email, case["number"])
    await page.get_by_label("Resolution").select_option("GOODWILL")
    await page.get_by_label("Explanation for the member").fill("Some points for you.")
    await page.get_by_role("button", name="Resolve the case").click()

    # then: the refusal is shown, the case stays open and the member has no points
    await expect(page.locator(".form-status [role=alert]")).to_be_visible()
    await expect(page.locator(".facts").first).to_contain_text("Waiting for an answer")
    seen = mall_api.data(MEMBERS_VIEW, {"id": case["id"]}, member.token)["serviceCase"]
    assert (seen["status"], seen["resolution"]) == ("OPEN", None)
    assert mall_api.balance(member)["available"] == 0
