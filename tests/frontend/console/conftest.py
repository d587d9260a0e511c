"""The console in a real browser: the same served demo mall, Chromium and per-test browser context as the member
mall's tests (tests/frontend/conftest.py), signed in as the demo's partner, bank or operator staff."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.async_api import Page, expect

from mall.demo import (
    DEMO_BANK_EMAIL,
    DEMO_BANK_PASSWORD,
    DEMO_OPERATOR_EMAIL,
    DEMO_OPERATOR_PASSWORD,
    DEMO_PARTNER_CODE,
    DEMO_PARTNER_EMAIL,
    DEMO_PARTNER_PASSWORD,
)
from tests.frontend.mall_api import CHANNEL, Gift, MallApi
from tests.frontend.pages import Visit

TABLET = {"width": 820, "height": 1180}


@dataclass(frozen=True)
class Staff:
    email: str
    password: str


PARTNER = Staff(DEMO_PARTNER_EMAIL, DEMO_PARTNER_PASSWORD)
BANK = Staff(DEMO_BANK_EMAIL, DEMO_BANK_PASSWORD)
OPERATOR = Staff(DEMO_OPERATOR_EMAIL, DEMO_OPERATOR_PASSWORD)
PARTNER_GIFTS = """query($channel: String!) {
  products(channel: $channel, first: 100, filter: {stockAvailability: IN_STOCK},
           sortBy: {field: NAME, direction: ASC}) {
    edges { node { slug name partnerCode productVariants(first: 2) { edges { node { id quantityAvailable
      pricing { price { gross { amount } } } } } } } } } }"""


async def sign_in(visit: Visit, staff: Staff, landing: str) -> Page:
    """Open the console, sign in as `staff`, and wait for the role's first page (its h1 is `landing`)."""
    page = await visit.open("/console/")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to the console")
    await page.get_by_label("E-mail").fill(staff.email)
    await page.get_by_label("Password").fill(staff.password)
    await page.locator("main").get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(landing)
    await visit.settled()
    return page


async def go(visit: Visit, heading: str, link: str | None = None) -> Page:
    """Follow the console menu's `link` (default: the heading) and wait for its page."""
    page = visit.page
    await page.get_by_role("navigation", name="Console").get_by_role("link", name=link or heading).click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    await visit.settled()
    return page


def partner_gift(mall_api: MallApi, code: str = DEMO_PARTNER_CODE) -> Gift:
    """A single-variant gift of the partner `code`, in stock, as a member can buy it."""
    edges = mall_api.data(PARTNER_GIFTS, {"channel": CHANNEL})["products"]["edges"]
    for node in (edge["node"] for edge in edges):
        variants = [edge["node"] for edge in node["productVariants"]["edges"]]
        if node["partnerCode"] == code and len(variants) == 1 and (variants[0]["quantityAvailable"] or 0) > 20:
            points = int(variants[0]["pricing"]["price"]["gross"]["amount"])
            return Gift(node["slug"], node["name"], variants[0]["id"], points)
    raise AssertionError(f"no gift of {code} in stock")
