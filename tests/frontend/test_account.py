"""Accounts and language: sign up, a wrong password, "forgot my password" through the real e-mail link,
and English / Simplified Chinese chosen by the member and kept."""

from __future__ import annotations

import email
import re
import uuid
from email import policy

import pytest
from playwright.async_api import expect

pytestmark = pytest.mark.slow
NEW_PASSWORD = "river-lantern-2027"


def reset_link(mails: list[str], address: str) -> str:
    for raw in mails:
        message = email.message_from_string(raw, policy=policy.default)
        if message["To"] == address:
            return re.search(r"https?://\S+", message.get_content()).group(0)
    raise AssertionError(f"no mail to {address}")


async def test_a_visitor_signs_up_then_resets_a_forgotten_password(visit, mall_api):
    # given
    address = f"visitor-{uuid.uuid4().hex[:8]}@example.com"
    page = await visit.open("/sign-up")

    # when: they create an account
    await page.get_by_label("First name").fill("Lei")
    await page.get_by_label("Last name").fill("Wang")
    await page.get_by_label("E-mail").fill(address)
    await page.get_by_label("Password").fill("first-password-2026")
    await visit.shot("sign-up")
    await page.get_by_role("button", name="Create an account").click()

    # then: signed in, with no points yet
    await expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Lei")
    await expect(page.locator(".balance-chip")).to_have_text("0 points")

    # when: they sign out and get the password wrong
    await page.get_by_role("button", name="Sign out").click()
    await page.get_by_role("link", name="Sign in").first.click()
    await visit.sign_in(address, "not-the-password")
    await expect(page.get_by_role("alert")).to_have_text("The e-mail or password is wrong.")
    await visit.shot("sign-in-refused")

    # and: ask for a reset link, and open it from the e-mail
    await page.get_by_role("link", name="Forgot your password?").click()
    await page.get_by_label("E-mail").fill(address)
    await page.get_by_role("button", name="Send the link").click()
    await expect(page.get_by_role("status").filter(has_text="a link is on its way")).to_be_visible()
    await visit.shot("forgot-password")
    link = reset_link(mall_api.deliver_mail(), address)
    assert link.startswith(f"{visit.base_url}/reset-password?")
    await page.goto(link)
    await expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    await page.get_by_label("Password").fill(NEW_PASSWORD)
    await visit.shot("reset-password")
    await page.get_by_role("button", name="Save and sign in").click()

    # then: signed in again, and the new password is the one that works
    await expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Lei")
    assert mall_api.token(address, NEW_PASSWORD)


async def test_the_member_switches_to_chinese_and_the_choice_is_kept(visit):
    # given
    page = await visit.open("/gifts")

    # when
    await page.get_by_role("button", name="简体中文").click()

    # then
    await expect(page.get_by_role("heading", level=1)).to_have_text("全部礼品")
    await expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    await expect(page.get_by_role("button", name="简体中文")).to_have_attribute("aria-pressed", "true")
    await expect(page.get_by_role("link", name="我的积分")).to_be_visible()
    await visit.shot("gifts-chinese")

    # when: the page is loaded again, and another page opened
    await page.reload()
    await expect(page.get_by_role("heading", level=1)).to_have_text("全部礼品")
    await page.locator(".gift-card-link").first.click()
    await expect(page.get_by_role("link", name="登录后兑换")).to_be_visible()
    await visit.shot("gift-chinese")

    # then: back to English on request
    await page.get_by_role("button", name="English").click()
    await expect(page.get_by_role("link", name="Sign in to redeem")).to_be_visible()
    await expect(page.locator("html")).to_have_attribute("lang", "en")
