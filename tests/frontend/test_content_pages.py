"""The programme's pages (about, points rules, delivery and returns, privacy, FAQ) in the member mall: linked from
the footer on a desktop and from the account (or sign-in) page on a phone, shown in the member's language, a
clear "not found" for an unknown address, and rich text drawn without ever injecting the API's HTML."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

pytestmark = pytest.mark.slow

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
CHINESE = "zh-Hans"
LANGUAGES = [pytest.param("en", id="en"), pytest.param(CHINESE, id="zh")]
# The demo's pages in footer order (catalog/demo.py, catalog/demo_zh.py): the link's name, the page's h1 (the
# same), and a sentence of its text in that language.
PAGES = {
    "en": [
        ("about", "About the programme", "partner merchants"),
        ("points-rules", "Points rules", "Points expire at the end of the calendar year"),
        ("delivery-and-returns", "Delivery and returns", "within 7 days of delivery"),
        ("privacy", "Privacy", "never see your card details"),
        ("faq", "Frequently asked questions", "Why is a gift sold out?"),
    ],
    CHINESE: [
        ("about", "关于积分计划", "合作商户"),
        ("points-rules", "积分规则", "积分在获得当年的下一个自然年年底过期"),
        ("delivery-and-returns", "配送与退货", "签收后7天内"),
        ("privacy", "隐私政策", "商户看不到您的银行卡信息"),
        ("faq", "常见问题", "礼品为什么显示售罄？"),
    ],
}
SECTION_NAME = {"en": "About the programme", CHINESE: "积分计划说明"}
NOT_FOUND = {"en": ("Page not found", "There is no page at this address."), CHINESE: ("页面不存在", "此地址没有页面")}


async def in_language(visit, size: dict[str, int], language: str) -> list[str]:
    """The member's language set before the first page loads; returns the console's errors as they come."""
    await visit.page.set_viewport_size(size)
    await visit.page.add_init_script(f"window.localStorage.setItem('mall.language', '{language}')")
    errors: list[str] = []
    visit.page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


def footer_links(page):
    return page.locator("#site-footer").get_by_role("navigation")


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_desktop_footer_links_reach_every_programme_page_in_the_member_s_language(visit, language):
    # given
    console_errors = await in_language(visit, DESKTOP, language)
    page = await visit.open("/")
    links = footer_links(page).get_by_role("link")

    # then: the five pages, in the footer's order, named in the member's language
    await expect(links).to_have_text([name for _, name, _ in PAGES[language]])
    await expect(page.locator(".programme-section")).to_have_count(0)

    for slug, name, sentence in PAGES[language]:
        # when
        await footer_links(page).get_by_role("link", name=name, exact=True).click()

        # then
        await expect(page).to_have_url(f"{visit.base_url}/pages/{slug}")
        await expect(page.get_by_role("heading", level=1)).to_have_text(name)
        await expect(page.locator(".prose")).to_contain_text(sentence)
        await expect(footer_links(page).locator("[aria-current=page]")).to_have_text(name)
    await visit.shot(f"faq-{language}")
    assert await page.title() == f"{PAGES[language][-1][1]} · {'Points Mall' if language == 'en' else '积分商城'}"
    assert console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_phone_reaches_the_programme_pages_from_me_when_signed_out(visit, language):
    # given
    console_errors = await in_language(visit, PHONE, language)
    page = await visit.open("/")
    await expect(footer_links(page)).to_be_hidden()

    # when: "Me" leads a visitor to sign in, where the programme's pages are listed
    tabs = page.get_by_role("navigation", name="Tabs" if language == "en" else "标签栏")
    await tabs.locator("a[href='/account']").click()
    section = page.get_by_role("region", name=SECTION_NAME[language])
    await expect(section.get_by_role("link")).to_have_text([name for _, name, _ in PAGES[language]])
    _, rules, sentence = PAGES[language][1]
    await section.get_by_role("link", name=rules, exact=True).click()

    # then
    await expect(page.get_by_role("heading", level=1)).to_have_text(rules)
    await expect(page.locator(".prose")).to_contain_text(sentence)
    await visit.shot(f"points-rules-phone-{language}")
    assert console_errors == []


async def test_a_signed_in_member_s_account_page_lists_the_programme_pages_on_a_phone_in_both_languages(
    visit, mall_api
):
    # given
    member = mall_api.member(points=0)
    console_errors = await in_language(visit, PHONE, "en")
    page = await visit.open("/sign-in?next=/account")
    await visit.sign_in(member.email, member.password)
    section = page.get_by_role("region", name=SECTION_NAME["en"])
    await expect(section.get_by_role("link")).to_have_text([name for _, name, _ in PAGES["en"]])

    # when: the member switches to Chinese and opens the returns page
    await page.get_by_role("button", name="简体中文").click()
    section = page.get_by_role("region", name=SECTION_NAME[CHINESE])
    await expect(section.get_by_role("link")).to_have_text([name for _, name, _ in PAGES[CHINESE]])
    await section.get_by_role("link", name="配送与退货").click()

    # then: the Chinese page, with Chinese text
    await expect(page.get_by_role("heading", level=1)).to_have_text("配送与退货")
    await expect(page.locator(".prose")).to_contain_text("商户收到退货后，积分按原有效期退回您的账户。")
    await expect(page.locator(".prose h2")).to_have_text(["配送时间", "退货"])
    await expect(page.locator(".prose li")).to_have_count(4)
    assert console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")])
async def test_an_unknown_page_address_says_not_found(visit, size, language):
    # given
    console_errors = await in_language(visit, size, language)

    # when
    page = await visit.open("/pages/no-such-page")

    # then
    heading, sentence = NOT_FOUND[language]
    await expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    await expect(page.locator(".content-page-missing")).to_contain_text(sentence)
    await expect(page.locator(".content-page-missing a[href='/']")).to_be_visible()
    await visit.shot(f"not-found-{language}")
    assert console_errors == []


# Editor.js blocks whose texts carry HTML a page must never run or load: the renderer keeps their words and a
# few inline elements only.
HOSTILE_CONTENT = {
    "blocks": [
        {"type": "header", "data": {"text": "Rules <img src=x onerror=\"document.title='owned'\">", "level": 1}},
        {"type": "paragraph", "data": {"text": "Read <b>this</b> and <a href=\"javascript:alert(1)\">that</a>"
                                              " or <a href=\"/pages/faq\" onclick=\"alert(1)\">the FAQ</a>"
                                              "<script>document.title='owned'</script>"}},
        {"type": "list", "data": {"style": "ordered", "items": [
            {"content": "Earn <i>points</i>", "items": [{"content": "By card", "items": []}]}, "Spend them"]}},
        {"type": "raw", "data": {"html": "<iframe src='https://example.com'></iframe>"}},
    ]
}


async def test_rich_text_keeps_words_and_simple_formatting_but_never_the_api_s_markup(visit):
    # given
    page = await visit.open("/")

    # when
    drawn = await page.evaluate("""async (content) => {
      const { richText } = await import("/static/mall/rich-text.js");
      const holder = document.createElement("div");
      holder.append(...richText(JSON.stringify(content)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { html: holder.innerHTML, title: document.title };
    }""", HOSTILE_CONTENT)

    # then
    assert drawn["html"] == (
        "<h2>Rules </h2>"
        "<p>Read <b>this</b> and that or <a href=\"/pages/faq\">the FAQ</a></p>"
        "<ol><li>Earn <i>points</i><ul><li>By card</li></ul></li><li>Spend them</li></ol>"
    )
    assert drawn["title"] != "owned"
