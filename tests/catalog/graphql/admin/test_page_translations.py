"""Content pages in another language: the operator's `pageTranslate`, and `Page.translation(languageCode:)` in
the storefront and the Dashboard's translatable content. Partners and banks do not translate the mall's pages."""

from __future__ import annotations

import json

from catalog.models import Page, PageTranslation
from mall.graphql.ids import to_global_id
from tests.catalog.graphql.admin.conftest import BackOffice

PAGE_TRANSLATE = """
mutation PageTranslate($id: ID!, $input: PageTranslationInput!, $language: LanguageCodeEnum!) {
  pageTranslate(id: $id, input: $input, languageCode: $language) {
    errors { code field message }
    page { page { id title } translation(languageCode: $language) { title seoTitle language { code } } }
  }
}"""
STOREFRONT_PAGE = """
query Page($slug: String!, $language: LanguageCodeEnum!) {
  page(slug: $slug) { title content translation(languageCode: $language) { title content slug } }
}"""
CONTENT = json.dumps({"time": 1, "blocks": [{"id": "a", "type": "paragraph", "data": {"text": "下单即扣积分。"}}],
                      "version": "2.24.3"})


async def terms() -> Page:
    return await Page.create(title="Terms of redemption", slug="terms", content={"blocks": []})


async def test_the_operator_translates_a_page_and_the_storefront_shows_it(api, back_office: BackOffice):
    # given
    page = await terms()

    # when
    saved = await api.ok(PAGE_TRANSLATE, {"id": to_global_id("Page", page.id), "language": "ZH_HANS",
                                          "input": {"title": "兑换条款", "content": CONTENT}}, back_office.operator)
    chinese = await api.ok(STOREFRONT_PAGE, {"slug": "terms", "language": "ZH_HANS"})
    english = await api.ok(STOREFRONT_PAGE, {"slug": "terms", "language": "EN"})

    # then
    assert saved["pageTranslate"] == {"errors": [], "page": {
        "page": {"id": to_global_id("Page", page.id), "title": "Terms of redemption"},
        "translation": {"title": "兑换条款", "seoTitle": None, "language": {"code": "ZH_HANS"}},
    }}
    assert chinese["page"]["title"] == "Terms of redemption"
    assert chinese["page"]["translation"]["title"] == "兑换条款"
    assert json.loads(chinese["page"]["translation"]["content"])["blocks"][0]["data"]["text"] == "下单即扣积分。"
    assert english["page"]["translation"] is None


async def test_saving_one_field_of_a_page_keeps_the_others(api, back_office: BackOffice):
    # given
    page = await terms()
    page_id = to_global_id("Page", page.id)
    await api.ok(PAGE_TRANSLATE, {"id": page_id, "language": "ZH_HANS", "input": {"title": "兑换条款"}},
                 back_office.operator)

    # when
    data = await api.ok(PAGE_TRANSLATE, {"id": page_id, "language": "ZH_HANS", "input": {"seoTitle": "条款"}},
                        back_office.operator)

    # then
    assert data["pageTranslate"]["page"]["translation"] == {"title": "兑换条款", "seoTitle": "条款",
                                                            "language": {"code": "ZH_HANS"}}
    assert await PageTranslation.filter(page_id=page.id).count() == 1


async def test_a_too_long_page_title_is_refused_and_nothing_is_saved(api, back_office: BackOffice):
    # given
    page = await terms()

    # when
    data = await api.ok(PAGE_TRANSLATE, {"id": to_global_id("Page", page.id), "language": "ZH_HANS",
                                         "input": {"title": "长" * 251}}, back_office.operator)

    # then
    assert data["pageTranslate"] == {"errors": [{
        "code": "INVALID", "field": "title", "message": "Ensure this value has at most 250 characters (it has 251).",
    }], "page": None}
    assert await PageTranslation.all().count() == 0


async def test_partners_and_banks_do_not_translate_the_malls_pages(api, back_office: BackOffice):
    # given
    page = await terms()
    variables = {"id": to_global_id("Page", page.id), "language": "ZH_HANS", "input": {"title": "兑换条款"}}

    # when
    answers = [await api.post(PAGE_TRANSLATE, variables, token) for token in (back_office.acme, back_office.bank)]

    # then
    assert [answer.error_codes for answer in answers] == [["PermissionDenied"], ["PermissionDenied"]]
    assert await PageTranslation.all().count() == 0
