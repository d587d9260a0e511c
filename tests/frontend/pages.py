"""One member's visit to the mall in a browser tab: opening pages, screenshots, and what the page asked for."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import Page, expect

ADDRESS = {
    "First name": "Ada",
    "Last name": "Chen",
    "Phone": "+8613800000000",
    "Street address": "88 Century Avenue",
    "Province": "Shanghai",
    "City": "Shanghai",
    "District (optional)": "Pudong",
    "Postal code": "200120",
}
# Form fields without a label and buttons or links without a name, as HTML (an accessibility check on every shot).
# The card field is Stripe's own (labelled by Stripe.js; localstripe's stand-in uses placeholders only).
UNLABELLED_CONTROLS = """() => {
  const fields = [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
    .filter((field) => !field.closest("#card-field"))
    .filter((field) => !(field.labels && field.labels.length) && !field.getAttribute("aria-label"));
  const named = [...document.querySelectorAll("button, a[href]")]
    .filter((control) => !control.textContent.trim() && !control.getAttribute("aria-label"));
  return [...fields, ...named].map((control) => control.outerHTML);
}"""


class Visit:
    def __init__(self, page: Page, base_url: str, screenshot_folder: Path) -> None:
        self.page = page
        self.base_url = base_url
        self.screenshot_folder = screenshot_folder
        self.requested: list[str] = []
        self.page_errors: list[str] = []
        page.on("request", lambda request: self.requested.append(request.url))
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        self._shots = 0

    async def open(self, path: str) -> Page:
        """Load `path` from the server (a full page load) and wait until the mall has drawn it."""
        await self.page.goto(self.base_url + path)
        await expect(self.page.locator("body")).to_have_attribute("data-ready", "true")
        await self.settled()
        return self.page

    async def settled(self) -> None:
        """Wait until no page is still loading."""
        await expect(self.page.locator("main .loading")).to_have_count(0)

    async def shot(self, name: str) -> Path:
        """A full-page screenshot, numbered in the order the test took them."""
        await self.settled()
        self._shots += 1
        self.screenshot_folder.mkdir(parents=True, exist_ok=True)
        path = self.screenshot_folder / f"{self._shots:02d}-{name}.png"
        await self.page.screenshot(path=str(path), full_page=True)
        assert await self.page.evaluate(UNLABELLED_CONTROLS) == []
        return path

    async def sign_in(self, email: str, password: str) -> None:
        """Fill the sign-in page the mall is showing and submit it."""
        page = self.page
        await expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
        await page.get_by_label("E-mail").fill(email)
        await page.get_by_label("Password").fill(password)
        await page.locator("main").get_by_role("button", name="Sign in").click()

    async def checkout_with(self, email: str, password: str, gift_slug: str, gift_name: str) -> None:
        """Signed in, the gift in the cart, at checkout with an address and standard delivery chosen."""
        page = await self.open(f"/sign-in?next=/gift/{gift_slug}")
        await self.sign_in(email, password)
        await expect(page.get_by_role("heading", level=1)).to_have_text(gift_name)
        await page.get_by_role("button", name="Add to cart").click()
        await page.get_by_role("link", name="Cart, 1 items").click()
        await page.get_by_role("link", name="Go to checkout").click()
        for label, value in ADDRESS.items():
            await page.get_by_label(label, exact=True).fill(value)
        await page.get_by_role("button", name="Use this address").click()
        await page.get_by_label(re.compile("^Standard delivery")).check()
        await expect(page.get_by_label(re.compile("^Standard delivery"))).to_be_checked()
        await self.settled()

    def assert_every_request_stayed_on(self, base_url: str, allowed: str | None = None) -> None:
        """Every request went to the mall's origin, or to `allowed` (the configured Stripe.js origin)."""
        origins = {_origin(base_url)} | ({_origin(allowed)} if allowed else set())
        outside = [url for url in self.requested if not url.startswith("data:") and _origin(url) not in origins]
        assert outside == []

    def requests_to(self, origin: str) -> list[str]:
        return [url for url in self.requested if _origin(url) == _origin(origin)]

    def assert_no_page_errors(self) -> None:
        assert self.page_errors == []


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc
