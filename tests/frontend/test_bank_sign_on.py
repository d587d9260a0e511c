"""Entry from the bank's app: `/sso#token=<bank JWT>` signs the member in and lands on the home page with
their balance; a forged, expired or already used link says so and signs nobody in."""

from __future__ import annotations

import uuid

import pytest
from playwright.async_api import expect

from tests.frontend.orders_api import BankSigner

pytestmark = pytest.mark.slow
ADJUST = """mutation($input: PointsAdjustInput!) { pointsAdjust(input: $input) { errors { code message } } }"""


@pytest.fixture(scope="module")
def bank(mall_api, mall_url) -> BankSigner:
    """The demo bank (BANKA) with a sign-on key of the test's own."""
    return BankSigner(mall_api, audience=mall_url)


def enrolled_member_with(mall_api, bank: BankSigner, points: int) -> str:
    """A member the bank knows by a customer reference, with `points` available; returns the reference."""
    reference = f"C{uuid.uuid4().hex[:12]}"
    user_id = bank.enrol(reference, f"{reference.lower()}@example.com")
    adjust = {"user": user_id, "channel": "bank-a-mall", "amount": points, "reason": "browser test",
              "idempotencyKey": f"browser-test:{reference}"}
    assert mall_api.data(ADJUST, {"input": adjust}, mall_api.operator())["pointsAdjust"]["errors"] == []
    return reference


async def test_a_member_arrives_from_the_banks_app_signed_in(visit, mall_api, bank):
    # given: a member of the bank with 12,345 points, and a fresh token the bank signed for them
    reference = enrolled_member_with(mall_api, bank, 12_345)
    token = bank.token(reference)

    # when: the bank's app opens the mall's sign-on link
    page = await visit.open(f"/sso#token={token}")

    # then: the home page, signed in, with their balance; the token is gone from the address bar
    await expect(page.locator(".balance-chip")).to_have_text("12,345 points")
    await expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert page.url == f"{visit.base_url}/"
    await visit.shot("home-after-bank-sign-on")

    # and: a reload keeps them signed in
    await page.reload()
    await expect(page.locator(".balance-chip")).to_have_text("12,345 points")


def bad_token(bank: BankSigner, reference: str, case: str) -> str:
    """A token signed by another key, one that expired ten minutes ago, or one exchanged already."""
    if case == "forged":
        return bank.token(reference)[:-8] + "AAAAAAAA"
    if case == "expired":
        return bank.token(reference, -600)
    token = bank.token(reference)
    bank.sign_in(token)
    return token


@pytest.mark.parametrize(("case", "message"), [
    ("forged", "This link from your bank is not valid."),
    ("expired", "This link from your bank has expired."),
    ("used", "This link from your bank was used already."),
])
async def test_a_bad_link_from_the_bank_says_why_and_signs_nobody_in(visit, mall_api, bank, case, message):
    # given
    reference = enrolled_member_with(mall_api, bank, 100)
    token = bad_token(bank, reference, case)

    # when
    page = await visit.open(f"/sso?token={token}")

    # then
    await expect(page.get_by_role("heading", level=1)).to_have_text("Signing in from your bank")
    await expect(page.get_by_role("alert")).to_contain_text(message)
    await expect(page.get_by_role("link", name="Sign in with your e-mail instead")).to_be_visible()
    await expect(page.locator(".balance-chip")).to_have_count(0)
    assert page.url.endswith("/sso")  # the refused token is not left in the address bar
    await visit.shot(f"bank-sign-on-{case}")
