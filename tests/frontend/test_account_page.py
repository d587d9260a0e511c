"""The member's account page ("Me") at 360x740 and 1280x800, in English and Simplified Chinese: profile, saved
addresses, password and language, each saved through Saleor's account mutations with refusals shown beside the
field they concern, and nothing saved on a refusal."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.frontend.pages import assert_fits_the_screen

pytestmark = pytest.mark.slow

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SIZES_AND_LANGUAGES = [
    pytest.param(PHONE, "en", id="phone-en"),
    pytest.param(PHONE, "zh-Hans", id="phone-zh"),
    pytest.param(DESKTOP, "en", id="desktop-en"),
    pytest.param(DESKTOP, "zh-Hans", id="desktop-zh"),
]
WORDS = {
    "en": {
        "title": "My account",
        "saveProfile": "Save profile",
        "saved": "Saved.",
        "badPhone": "Enter a mobile number of 6 to 15 digits, optionally starting with +.",
        "add": "Add an address",
        "saveAddress": "Save address",
        "makeDefault": "Make default",
        "default": "Default",
        "edit": "Edit",
        "delete": "Delete",
        "deleteYes": "Yes, delete it",
        "none": "No saved addresses yet.",
        "changePassword": "Change password",
        "wrongPassword": "The current password is wrong.",
        "saveLanguage": "Save language",
        "signOut": "Sign out",
        "signIn": "Sign in",
    },
    "zh-Hans": {
        "title": "我的账户",
        "saveProfile": "保存资料",
        "saved": "已保存。",
        "badPhone": "请输入 6 到 15 位数字的手机号码，可以 + 开头。",
        "add": "新增地址",
        "saveAddress": "保存地址",
        "makeDefault": "设为默认",
        "default": "默认",
        "edit": "编辑",
        "delete": "删除",
        "deleteYes": "确定删除",
        "none": "还没有保存的地址。",
        "changePassword": "修改密码",
        "wrongPassword": "当前密码不正确。",
        "saveLanguage": "保存语言",
        "signOut": "退出",
        "signIn": "登录",
    },
}
NEW_PASSWORD = "harbour-lantern-2027"
ADDRESS = {
    "firstName": "Mei",
    "lastName": "Lin",
    "phone": "+8613900000000",
    "countryArea": "浙江省",
    "city": "杭州市",
    "cityArea": "西湖区",
    "streetAddress1": "文三路 90 号",
    "postalCode": "310012",
}


async def open_account(visit, mall_api, size: dict[str, int], language: str):
    member = mall_api.member(points=0)
    await visit.page.set_viewport_size(size)
    await visit.page.add_init_script(
        f"if (!sessionStorage.getItem('seeded')) {{ localStorage.setItem('mall.language', '{language}');"
        " sessionStorage.setItem('seeded', '1'); }"
    )
    page = await visit.open("/sign-in?next=/account")
    await sign_in(page, member.email, member.password)
    await expect(page.get_by_role("heading", level=1)).to_have_text(WORDS[language]["title"])
    await visit.settled()
    return page, member


async def sign_in(page, email: str, password: str) -> None:
    await page.locator("input[name=email]").fill(email)
    await page.locator("input[name=password]").fill(password)
    await page.locator("main button[type=submit]").click()


@pytest.mark.parametrize(("size", "language"), SIZES_AND_LANGUAGES)
async def test_the_member_keeps_a_profile_phone_and_is_refused_a_wrong_one(visit, mall_api, size, language):
    # given
    page, _ = await open_account(visit, mall_api, size, language)
    words = WORDS[language]
    profile = page.locator(".profile-form")
    phone = profile.locator("input[name=phone]")

    # when: a phone that is no phone number
    await phone.fill("12ab")
    await profile.get_by_role("button", name=words["saveProfile"]).click()

    # then: refused beside the field, and nothing kept
    await expect(profile.locator(".field-error")).to_have_text(words["badPhone"])
    await expect(phone).to_have_attribute("aria-invalid", "true")
    await visit.shot(f"profile-refused-{language}")
    await page.reload()
    await expect(page.locator(".profile-form input[name=phone]")).to_have_value("")

    # when: a real one, and another name
    await page.locator(".profile-form input[name=phone]").fill("+86 138 0013 8000")
    await page.locator(".profile-form input[name=firstName]").fill("Wei")
    await page.locator(".profile-form").get_by_role("button", name=words["saveProfile"]).click()

    # then
    await expect(page.locator(".profile-form").get_by_role("status")).to_have_text(words["saved"])
    await page.reload()
    await expect(page.locator(".profile-form input[name=phone]")).to_have_value("+8613800138000")
    await expect(page.locator(".profile-form input[name=firstName]")).to_have_value("Wei")
    await assert_fits_the_screen(page, size["width"])


@pytest.mark.parametrize(("size", "language"), SIZES_AND_LANGUAGES)
async def test_the_member_adds_changes_makes_default_and_deletes_an_address(visit, mall_api, size, language):
    # given
    page, _ = await open_account(visit, mall_api, size, language)
    words = WORDS[language]
    await expect(page.get_by_text(words["none"])).to_be_visible()

    # when: an address without its street
    await page.get_by_role("button", name=words["add"]).click()
    editor = page.locator(".address-editor")
    for name, value in ADDRESS.items():
        if name != "streetAddress1":
            await editor.locator(f"input[name={name}]").fill(value)
    await editor.get_by_role("button", name=words["saveAddress"]).click()

    # then: refused beside the street, nothing saved
    await expect(editor.locator("input[name=streetAddress1]")).to_have_attribute("aria-invalid", "true")
    await expect(page.locator(".address-card")).to_have_count(0)
    await visit.shot(f"address-refused-{language}")

    # when: with its street
    await editor.locator("input[name=streetAddress1]").fill(ADDRESS["streetAddress1"])
    await editor.get_by_role("button", name=words["saveAddress"]).click()

    # then
    card = page.locator(".address-card")
    await expect(card).to_have_count(1)
    await expect(card).to_contain_text("文三路 90 号")
    await expect(card.locator(".badge-default")).to_have_count(0)

    # when: made the default, then changed
    await card.get_by_role("button", name=words["makeDefault"]).click()
    await expect(page.locator(".address-card .badge-default")).to_have_text(words["default"])
    await page.locator(".address-card").get_by_role("button", name=words["edit"]).click()
    await page.locator(".address-editor input[name=streetAddress1]").fill("文二路 12 号")
    await page.locator(".address-editor").get_by_role("button", name=words["saveAddress"]).click()

    # then
    await expect(page.locator(".address-card")).to_contain_text("文二路 12 号")
    await expect(page.locator(".address-card")).not_to_contain_text("文三路 90 号")
    await assert_fits_the_screen(page, size["width"])
    await visit.shot(f"addresses-{language}")

    # when: deleted, after saying yes
    await page.locator(".address-card").get_by_role("button", name=words["delete"], exact=True).click()
    await page.locator(".address-card").get_by_role("button", name=words["deleteYes"]).click()

    # then
    await expect(page.locator(".address-card")).to_have_count(0)
    await expect(page.get_by_text(words["none"])).to_be_visible()


@pytest.mark.parametrize(("size", "language"), SIZES_AND_LANGUAGES)
async def test_the_member_changes_the_password_after_a_wrong_current_one(visit, mall_api, size, language):
    # given
    page, member = await open_account(visit, mall_api, size, language)
    words = WORDS[language]
    form = page.locator(".password-form")

    # when: the current password is wrong
    await form.locator("input[name=oldPassword]").fill("not-my-password")
    await form.locator("input[name=newPassword]").fill(NEW_PASSWORD)
    await form.get_by_role("button", name=words["changePassword"]).click()

    # then: refused beside it, and the old password still works
    await expect(form.locator(".field-error")).to_have_text(words["wrongPassword"])
    assert mall_api.token(member.email, member.password)
    await visit.shot(f"password-refused-{language}")

    # when: right
    await form.locator("input[name=oldPassword]").fill(member.password)
    await form.locator("input[name=newPassword]").fill(NEW_PASSWORD)
    await form.get_by_role("button", name=words["changePassword"]).click()

    # then
    await expect(form.get_by_role("status")).to_have_text(words["saved"])
    await expect(form.locator(".field-error")).to_have_count(0)
    assert mall_api.token(member.email, NEW_PASSWORD)


@pytest.mark.parametrize(("size", "language"), SIZES_AND_LANGUAGES)
async def test_the_language_chosen_on_the_account_follows_the_member_to_a_new_browser(visit, mall_api, size, language):
    # given
    page, member = await open_account(visit, mall_api, size, language)
    other = "zh-Hans" if language == "en" else "en"
    other_code = "ZH_HANS" if other == "zh-Hans" else "EN"

    # when: the member saves the other language on their account
    await page.locator(f"input[name=languageCode][value={other_code}]").check()
    await page.get_by_role("button", name=WORDS[language]["saveLanguage"]).click()

    # then: the mall speaks it at once
    await expect(page.get_by_role("heading", level=1)).to_have_text(WORDS[other]["title"])
    await expect(page.locator("html")).to_have_attribute("lang", other)
    await visit.shot(f"language-{other}")

    # and when they sign in again from a browser that remembers no language
    await page.get_by_role("button", name=WORDS[other]["signOut"]).first.click()
    await page.evaluate("localStorage.clear()")
    await page.goto(f"{visit.base_url}/sign-in?next=/account")
    await sign_in(page, member.email, member.password)

    # then: the account's language is the mall's
    await expect(page.get_by_role("heading", level=1)).to_have_text(WORDS[other]["title"])
    await expect(page.locator("html")).to_have_attribute("lang", other)
