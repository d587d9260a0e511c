"""Saleor's page mutations (catalog/graphql/mutations/pages.py): the operator writes the programme's pages."""

from __future__ import annotations

from catalog.models import Page, PageTranslation
from mall.accounts.models import ScopeKind
from mall.graphql.ids import to_global_id
from tests.catalog.factories import make_page
from tests.factories import make_staff, token_for

CONTENT_PAGE_TYPE = to_global_id("PageType", 1)
PARAGRAPH = {"blocks": [{"type": "paragraph", "data": {"text": "Points never expire before a year."}}]}

PAGE_CREATE = """
mutation($input: PageCreateInput!) {
  pageCreate(input: $input) {
    errors { field message code }
    page { title slug isPublished publishedAt seoTitle seoDescription content pageType { slug } }
  }
}
"""
PAGE_UPDATE = """
mutation($id: ID!, $input: PageInput!) {
  pageUpdate(id: $id, input: $input) {
    errors { field code }
    page { title slug isPublished publishedAt seoTitle }
  }
}
"""
PAGE_DELETE = "mutation($id: ID!) { pageDelete(id: $id) { errors { field code } page { slug } } }"
PAGE_BULK_DELETE = "mutation($ids: [ID!]!) { pageBulkDelete(ids: $ids) { count errors { field code } } }"
PAGE_BULK_PUBLISH = """
mutation($ids: [ID!]!, $isPublished: Boolean!) {
  pageBulkPublish(ids: $ids, isPublished: $isPublished) { count errors { field code } }
}
"""


async def operator_token(settings) -> str:
    return token_for(await make_staff("ops@mall.example", ["MANAGE_PAGES"]), settings)


async def page_rows() -> list[tuple[str, str, bool]]:
    return [(p.slug, p.title, p.is_published) for p in await Page.all().order_by("slug")]


async def test_an_operator_creates_a_page_with_a_slug_from_its_title(api, settings, set_clock):
    # given
    set_clock("2026-11-12T03:00:00+00:00")
    token = await operator_token(settings)
    given = {"title": " Points rules ", "content": '{"blocks": [{"type": "paragraph", "data": {"text": "Hi"}}]}',
             "pageType": CONTENT_PAGE_TYPE, "isPublished": True,
             "seo": {"title": "Rules", "description": "How points work."}}

    # when
    data = await api.ok(PAGE_CREATE, {"input": given}, token)

    # then
    page = data["pageCreate"]["page"]
    assert data["pageCreate"]["errors"] == []
    assert {k: v for k, v in page.items() if k != "publishedAt"} == {
        "title": "Points rules", "slug": "points-rules", "isPublished": True, "seoTitle": "Rules",
        "seoDescription": "How points work.",
        "content": '{"blocks": [{"type": "paragraph", "data": {"text": "Hi"}}]}', "pageType": {"slug": "content-page"},
    }
    assert page["publishedAt"].startswith("2026-11-12T03:00")
    assert await page_rows() == [("points-rules", "Points rules", True)]


async def test_a_page_created_with_a_future_date_keeps_it(api, settings):
    # given
    token = await operator_token(settings)
    given = {"title": "FAQ", "slug": "faq", "pageType": CONTENT_PAGE_TYPE, "isPublished": True,
             "publishedAt": "2027-01-01T00:00:00+00:00"}

    # when
    data = await api.ok(PAGE_CREATE, {"input": given}, token)

    # then
    assert data["pageCreate"]["page"]["publishedAt"] == "2027-01-01T00:00:00+00:00"


async def test_a_page_is_a_draft_unless_published(api, settings):
    # given
    token = await operator_token(settings)

    # when
    data = await api.ok(PAGE_CREATE, {"input": {"title": "Privacy", "pageType": CONTENT_PAGE_TYPE}}, token)

    # then
    assert data["pageCreate"]["page"]["isPublished"] is False
    assert data["pageCreate"]["page"]["publishedAt"] is None


async def test_a_page_without_a_title_is_refused_and_nothing_is_saved(api, settings):
    # given
    token = await operator_token(settings)

    # when
    data = await api.ok(PAGE_CREATE, {"input": {"title": "  ", "pageType": CONTENT_PAGE_TYPE}}, token)

    # then
    assert data["pageCreate"] == {
        "errors": [{"field": "title", "message": "This field is required.", "code": "REQUIRED"}], "page": None,
    }
    assert await page_rows() == []


async def test_a_taken_slug_is_refused_and_nothing_is_saved(api, settings):
    # given
    await make_page("About the mall", "about")
    token = await operator_token(settings)

    # when
    data = await api.ok(PAGE_CREATE, {"input": {"title": "About", "slug": "about", "pageType": CONTENT_PAGE_TYPE}},
                        token)

    # then
    assert data["pageCreate"]["errors"] == [
        {"field": "slug", "message": "Page with this Slug already exists.", "code": "UNIQUE"}
    ]
    assert await page_rows() == [("about", "About the mall", True)]


async def test_content_that_is_not_editor_js_is_refused(api, settings):
    # given
    token = await operator_token(settings)
    given = {"title": "FAQ", "content": '{"blocks": "text"}', "pageType": CONTENT_PAGE_TYPE}

    # when
    data = await api.ok(PAGE_CREATE, {"input": given}, token)

    # then
    assert data["pageCreate"]["errors"] == [
        {"field": "content", "message": "Content must be Editor.js JSON with a list of blocks.", "code": "INVALID"}
    ]
    assert await page_rows() == []


async def test_an_overlong_seo_title_is_refused(api, settings):
    # given
    token = await operator_token(settings)
    given = {"title": "FAQ", "pageType": CONTENT_PAGE_TYPE, "seo": {"title": "x" * 71}}

    # when
    data = await api.ok(PAGE_CREATE, {"input": given}, token)

    # then
    assert data["pageCreate"]["errors"] == [
        {"field": "seoTitle", "message": "Ensure this value has at most 70 characters (it has 71).", "code": "INVALID"}
    ]
    assert await page_rows() == []


async def test_an_unknown_page_type_is_refused(api, settings):
    # given
    token = await operator_token(settings)

    # when
    data = await api.ok(PAGE_CREATE, {"input": {"title": "FAQ", "pageType": to_global_id("PageType", 2)}}, token)

    # then
    assert [(e["field"], e["code"]) for e in data["pageCreate"]["errors"]] == [("pageType", "NOT_FOUND")]
    assert await page_rows() == []


async def test_an_update_changes_only_what_it_names(api, settings, set_clock):
    # given
    set_clock("2026-11-12T03:00:00+00:00")
    page = await make_page("Draft FAQ", "faq", published=False)
    token = await operator_token(settings)

    # when
    data = await api.ok(PAGE_UPDATE, {"id": to_global_id("Page", page.id),
                                      "input": {"isPublished": True, "seo": {"title": "FAQ"}}}, token)

    # then
    updated = data["pageUpdate"]["page"]
    assert (updated["title"], updated["slug"], updated["isPublished"], updated["seoTitle"]) == (
        "Draft FAQ", "faq", True, "FAQ")
    assert updated["publishedAt"].startswith("2026-11-12T03:00")


async def test_an_update_to_a_taken_slug_or_blank_title_changes_nothing(api, settings):
    # given
    await make_page("About the mall", "about")
    faq = await make_page("FAQ", "faq")
    token = await operator_token(settings)

    # when
    data = await api.ok(PAGE_UPDATE, {"id": to_global_id("Page", faq.id), "input": {"title": "", "slug": "about"}},
                        token)

    # then
    assert data["pageUpdate"]["errors"] == [{"field": "title", "code": "REQUIRED"}]
    assert await page_rows() == [("about", "About the mall", True), ("faq", "FAQ", True)]


async def test_deleting_a_page_deletes_its_translations(api, settings):
    # given
    page = await make_page("FAQ", "faq")
    await PageTranslation.create(page=page, language_code="ZH_HANS", title="常见问题")
    token = await operator_token(settings)

    # when
    data = await api.ok(PAGE_DELETE, {"id": to_global_id("Page", page.id)}, token)

    # then
    assert data["pageDelete"] == {"errors": [], "page": {"slug": "faq"}}
    assert await page_rows() == []
    assert await PageTranslation.all().count() == 0


async def test_a_bulk_delete_with_an_unknown_id_deletes_nothing(api, settings):
    # given
    about = await make_page("About", "about")
    token = await operator_token(settings)
    ids = [to_global_id("Page", about.id), to_global_id("Page", about.id + 100)]

    # when
    refused = await api.ok(PAGE_BULK_DELETE, {"ids": ids}, token)
    done = await api.ok(PAGE_BULK_DELETE, {"ids": ids[:1]}, token)

    # then
    assert refused["pageBulkDelete"] == {"count": 0, "errors": [{"field": "ids", "code": "NOT_FOUND"}]}
    assert done["pageBulkDelete"] == {"count": 1, "errors": []}
    assert await page_rows() == []


async def test_a_bulk_publish_hides_and_shows_pages(api, settings):
    # given
    about = await make_page("About", "about")
    faq = await make_page("FAQ", "faq", published=False)
    token = await operator_token(settings)
    ids = [to_global_id("Page", about.id), to_global_id("Page", faq.id)]

    # when
    hidden = await api.ok(PAGE_BULK_PUBLISH, {"ids": ids, "isPublished": False}, token)
    hidden_rows = await page_rows()
    shown = await api.ok(PAGE_BULK_PUBLISH, {"ids": ids[1:], "isPublished": True}, token)

    # then
    assert hidden["pageBulkPublish"] == {"count": 2, "errors": []}
    assert hidden_rows == [("about", "About", False), ("faq", "FAQ", False)]
    assert shown["pageBulkPublish"] == {"count": 1, "errors": []}
    assert await page_rows() == [("about", "About", False), ("faq", "FAQ", True)]


async def test_partner_and_bank_staff_cannot_write_pages(api, settings):
    # given
    partner = await make_staff("acme@partner.example", ["MANAGE_PAGES"], scope=(ScopeKind.PARTNER, "ACME"))
    bank = await make_staff("ops@bank.example", ["MANAGE_PAGES"], scope=(ScopeKind.ISSUER, "BANKA"))
    given = {"input": {"title": "About", "pageType": CONTENT_PAGE_TYPE}}

    # when
    answers = [await api.post(PAGE_CREATE, given, token_for(user, settings)) for user in (partner, bank)]

    # then
    refusal = ["Only the mall operator edits the programme's pages."]
    assert [answer.error_messages for answer in answers] == [refusal, refusal]
    assert await page_rows() == []
