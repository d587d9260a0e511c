"""A gift from listing to the member: the partner lists it in the console (name, description, stock, points
price, a picture), submits it for review; the operator approves it from the review queue; the partner publishes
it and a member then finds it in the mall."""

from __future__ import annotations

import io
import uuid

import pytest
from PIL import Image
from playwright.async_api import expect

from tests.frontend.console.conftest import OPERATOR, PARTNER, go, sign_in
from tests.frontend.mall_api import CHANNEL

pytestmark = pytest.mark.slow
FIND = """query($channel: String!, $search: String!) {
  products(channel: $channel, first: 5, search: $search) { edges { node { slug name } } } }"""


def png_picture() -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", (64, 64), (31, 58, 95)).save(picture, format="PNG")
    return picture.getvalue()


async def sign_out(visit) -> None:
    await visit.page.get_by_role("button", name="Sign out").click()
    await expect(visit.page.get_by_role("heading", level=1)).to_have_text("Sign in to the console")


async def test_a_partner_lists_a_gift_the_operator_approves_and_a_member_then_sees(visit, mall_api):
    name = f"Celadon Tea Bowl {uuid.uuid4().hex[:6]}"

    # given: the partner fills in the new gift: text, stock in its warehouse, a points price in Bank A's mall
    page = await sign_in(visit, PARTNER, "Orders to ship")
    page = await go(visit, "Gifts")
    await page.get_by_role("link", name="List a new gift").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("List a new gift")
    await visit.settled()
    await page.get_by_label("Name", exact=True).fill(name)
    await page.get_by_label("Description").fill("Hand-thrown celadon bowl for green tea.")
    await page.get_by_label("SKU").fill(f"JADE-{uuid.uuid4().hex[:8].upper()}")
    await page.get_by_label("Stock in Jade Home & Kitchen Co. warehouse").fill("25")
    bank_a = page.get_by_role("group", name="Price in Bank A Rewards Mall")
    await bank_a.get_by_label("Price in points").fill("5000")
    await bank_a.get_by_label("Cost price (what you are paid)").fill("30")
    await bank_a.get_by_label("Shop price (for comparison)").fill("60")
    await visit.shot("partner-new-gift")

    # when: the partner creates it, adds a picture and submits it for review
    await page.get_by_role("button", name="Create gift").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(name)
    await visit.settled()
    await page.get_by_label("Picture file").set_input_files(
        {"name": "bowl.png", "mimeType": "image/png", "buffer": png_picture()})
    await page.get_by_label("Picture description").fill("The bowl from above")
    await page.get_by_role("button", name="Upload picture").click()
    await expect(page.get_by_role("img", name="The bowl from above")).to_be_visible()
    await page.get_by_role("button", name="Submit for review").click()
    await expect(page.locator(".facts .badge").first).to_have_text("Waiting for review")
    await visit.shot("partner-gift-submitted")
    await sign_out(visit)

    # then: the operator finds it in the review queue and approves it
    page = await sign_in(visit, OPERATOR, "Review queue")
    await page.get_by_label("Search").fill(name)
    await page.get_by_role("button", name="Apply").click()
    row = page.get_by_role("row").filter(has_text=name)
    await expect(row).to_have_count(1)
    await expect(row).to_contain_text("None")  # no price alert
    await visit.shot("operator-review-queue")
    await row.get_by_label("Note (optional)").fill("Nice pictures")
    await row.get_by_role("button", name="Approve").click()
    await expect(page.get_by_role("row").filter(has_text=name)).to_have_count(0)
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("审核队列")
    await visit.shot("operator-review-queue-zh")
    await page.get_by_role("button", name="English").click()
    await sign_out(visit)

    # when: the partner sees the decision and publishes the gift
    page = await sign_in(visit, PARTNER, "Orders to ship")
    page = await go(visit, "Gifts")
    await page.get_by_label("Search").fill(name)
    await page.get_by_role("button", name="Apply").click()
    row = page.get_by_role("row").filter(has_text=name)
    await expect(row.locator(".badge")).to_have_text("Approved")
    await expect(row).to_contain_text("Approved: Nice pictures")
    await row.get_by_role("link", name=name).click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(name)
    await page.get_by_role("button", name="Publish").click()
    await expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    await visit.shot("partner-gift-published")

    # then: a member finds it in Bank A's mall
    found = mall_api.data(FIND, {"channel": CHANNEL, "search": name})["products"]["edges"]
    assert [edge["node"]["name"] for edge in found] == [name]
    member_page = await visit.open(f"/gift/{found[0]['node']['slug']}")
    await expect(member_page.get_by_role("heading", level=1)).to_have_text(name)
    await visit.shot("member-sees-the-new-gift")
