"""The member mall's inbox and the code step of a large redemption, in Chromium: the bank wants a one-time
code above a threshold, the member types the code from their e-mail and the order goes through; the bell
then counts the unread messages about it, the inbox lists them and marks them read."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.async_api import expect

from tests.frontend.mall_api import MallApi
from tests.frontend.pages import ADDRESS

pytestmark = pytest.mark.slow
ISSUER_UPDATE = """
mutation Programme($input: IssuerInput!) {
  issuerUpdate(code: "BANKA", input: $input) { errors { field code message } }
}
"""


@pytest.fixture
def codes_above_one_point(mall_api: MallApi) -> Iterator[None]:
    """The demo bank asks a code by e-mail for any redemption, for this test only."""
    def set_threshold(points: int) -> None:
        answer = mall_api.data(ISSUER_UPDATE, {"input": {"confirmationThresholdPoints": points,
                                                         "confirmationChannel": "email"}}, mall_api.operator())
        assert answer["issuerUpdate"]["errors"] == []

    set_threshold(1)
    yield
    set_threshold(0)


def last_code(mall_api: MallApi) -> str:
    """The code of the newest confirmation e-mail the worker wrote."""
    codes = [found.group(1) for text in mall_api.deliver_mail()
             if (found := re.search(r"redeeming [\d,]+ points is (\d{6})\.", text))]
    return codes[-1]


async def test_a_large_redemption_asks_for_the_code_then_the_inbox_tells_of_the_order(
        visit, mall_api, codes_above_one_point):
    # given: a member with 100,000 points and a gift in the cart
    member = mall_api.member(points=100_000)
    wok = next(gift for gift in mall_api.gifts(search="wok") if gift.name == "Limited Edition Wok")
    page = await visit.open(f"/sign-in?next=/gift/{wok.slug}")
    await visit.sign_in(member.email, member.password)
    await page.get_by_role("button", name="Add to cart").click()
    await expect(page.get_by_role("link", name="Cart, 1 items")).to_be_visible()
    page = await visit.open("/checkout")
    for label, value in ADDRESS.items():
        await page.get_by_label(label, exact=True).fill(value)
    await page.get_by_role("button", name="Use this address").click()
    await page.get_by_label(re.compile("^Standard delivery")).check()

    # when: they redeem
    await page.get_by_role("button", name=f"Redeem for {wok.points:,} points").click()

    # then: the bank's code step, the code sent by e-mail
    await expect(page.get_by_role("heading", name="Confirm with a code")).to_be_visible()
    await expect(page.locator(".code-step")).to_contain_text("We sent a 6-digit code to your e-mail.")
    await visit.shot("code-step")

    # when: a wrong code, then the one from the e-mail
    code = last_code(mall_api)
    await page.get_by_label("Code", exact=True).fill("000000" if code != "000000" else "111111")
    await page.get_by_role("button", name="Confirm and redeem").click()
    await expect(page.get_by_role("alert")).to_contain_text("That is not the code we sent.")
    await page.get_by_label("Code", exact=True).fill(code)
    await page.get_by_role("button", name="Confirm and redeem").click()

    # then: the order is placed
    confirmation = page.get_by_role("status").filter(has_text="is placed and your points are redeemed")
    await expect(confirmation).to_be_visible()
    order_number = re.search(r"Order (\d+)", await confirmation.inner_text()).group(1)

    # and: once the worker has told the news, the bell counts three unread messages: the order placed, the
    # points redeemed, and the welcome points the member was given on joining
    mall_api.deliver_mail()
    page = await visit.open("/orders")
    await expect(page.get_by_role("link", name="Inbox, 3 unread")).to_be_visible()
    await page.get_by_role("link", name="Inbox, 3 unread").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Inbox")
    items = page.locator(".inbox-item.unread")
    await expect(items).to_have_count(3)
    await expect(page.locator(".inbox-title")).to_have_text([
        f"{wok.points:,} points redeemed for order {order_number}".replace(",", ""),
        f"Order {order_number} placed",
        "100 points credited"])
    await visit.shot("inbox-unread")

    # when: they mark everything read
    await page.get_by_role("button", name="Mark all read").click()

    # then
    await expect(page.locator(".inbox-item.unread")).to_have_count(0)
    await expect(page.get_by_role("link", name="Inbox, 0 unread")).to_be_visible()
    await visit.shot("inbox-read")

    # and: in Simplified Chinese the bell reads so too
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("消息中心")
    await expect(page.get_by_role("link", name="消息，0 条未读")).to_be_visible()
