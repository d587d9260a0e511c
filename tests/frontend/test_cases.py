"""Customer service in the member mall: from an order's page the member reports a problem with a parcel (with
a picture, uploaded to storage), sees the answer (never the internal note), the goodwill resolution, rates
it; the same case reads in Chinese. The operator's part happens through the API."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.async_api import expect

from tests.frontend.orders_api import create_carrier, place_order, ship_order

pytestmark = pytest.mark.slow
ANSWER = """mutation($id: ID!, $body: String!, $internal: Boolean!) {
  serviceCaseMessage(id: $id, body: $body, internal: $internal) { errors { field code } } }"""
RESOLVE = """mutation($id: ID!, $input: ServiceCaseResolveInput!) {
  serviceCaseResolve(id: $id, input: $input) { errors { field code } } }"""
CASES_OF = """query { serviceCases(first: 100) { id number memberEmail category subject pictures { url } } }"""


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (30, 120, 200)).save(out, format="PNG")
    return out.getvalue()


async def test_a_member_reports_a_damaged_gift_sees_the_answer_and_rates_it(visit, mall_api):
    # given: a member's order, shipped
    member = mall_api.member(points=100_000)
    gift = next(gift for gift in mall_api.gifts(search="drawing") if gift.name == "Urban Drawing Set")
    order = place_order(mall_api, member, gift)
    create_carrier(mall_api, f"case-{order.number}", "case-secret-2026")
    ship_order(mall_api, order, f"case-{order.number}", f"CS{order.number}")
    page = await visit.open(f"/sign-in?next=/orders/{order.id}")
    await visit.sign_in(member.email, member.password)
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Order {order.number}")

    # when: they report a damaged drawing set in the parcel, with a photo
    await page.get_by_role("link", name="Report a problem").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Report a problem with order {order.number}")
    await page.get_by_label("What went wrong?").select_option(label="Damaged gift")
    await page.get_by_label("Which parcel?").select_option(label="Shipment 1")
    await page.get_by_label("Tell us what happened").fill("The box was crushed and two pencils are broken.")
    await page.get_by_label("Pictures (optional)").set_input_files(
        [{"name": "box.png", "mimeType": "image/png", "buffer": photo()}])
    await visit.shot("case-new")
    await page.get_by_role("button", name="Send").click()

    # then: the case page, waiting for an answer, with the photo
    await expect(page.get_by_role("status").filter(has_text="Your case is open")).to_be_visible()
    heading = page.get_by_role("heading", level=1)
    await expect(heading).to_have_text(re.compile(r"^Case \d+$"))
    await expect(page.locator(".case-status")).to_have_text("Waiting for an answer")
    await expect(page.get_by_role("img", name="Picture 1")).to_be_visible()
    [case] = [item for item in mall_api.data(CASES_OF, token=mall_api.operator())["serviceCases"]
              if item["memberEmail"] == member.email]
    assert (case["category"], case["subject"], len(case["pictures"])) == ("DAMAGED", "SHIPMENT", 1)
    assert await heading.text_content() == f"Case {case['number']}"

    # when: customer service writes an internal note, answers, and resolves with 300 goodwill points
    operator = mall_api.operator()
    for body, internal in (("Carrier damage, claim it from them", True), ("Sorry! We add points for you.", False)):
        assert mall_api.data(ANSWER, {"id": case["id"], "body": body, "internal": internal},
                             operator)["serviceCaseMessage"]["errors"] == []
    goodwill = {"kind": "GOODWILL", "note": "300 points for the trouble.", "points": 300, "payer": "OPERATOR"}
    assert mall_api.data(RESOLVE, {"id": case["id"], "input": goodwill}, operator)["serviceCaseResolve"][
        "errors"] == []
    await page.reload()

    # then: the member sees the answer and the resolution, never the note; the points are in the balance
    await expect(page.locator(".case-status")).to_have_text("Resolved")
    await expect(page.locator(".case-message")).to_have_count(1)
    await expect(page.locator(".case-message")).to_contain_text("Sorry! We add points for you.")
    await expect(page.get_by_text("Carrier damage")).to_have_count(0)
    await expect(page.locator(".case-resolution")).to_contain_text("300 points for the trouble.")
    await expect(page.locator(".case-resolution")).to_contain_text("300 points were added to your balance.")
    assert mall_api.balance(member)["available"] == 100_000 - gift.points + 300

    # when: they rate the answer "Good"
    await page.get_by_label("Good", exact=True).check()
    await page.get_by_role("button", name="Rate").click()

    # then
    await expect(page.get_by_role("status").filter(has_text="Thank you for rating our answer.")).to_be_visible()
    await expect(page.get_by_text("You rated the answer 4 out of 5. Thank you!")).to_be_visible()
    await visit.shot("case-resolved")

    # when: the same case, in Chinese, and the list of cases
    await page.get_by_role("button", name="简体中文").click()

    # then
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"服务单 {case['number']}")
    await expect(page.locator(".case-status")).to_have_text("已解决")
    await expect(page.locator(".case-resolution h2")).to_contain_text("补偿积分")
    await page.get_by_role("link", name="全部服务单").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("我的服务单")
    await expect(page.locator(".order-card")).to_have_count(1)
    await visit.shot("cases-chinese")
