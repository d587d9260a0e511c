"""Collections per channel, content pages."""

from __future__ import annotations

import json
from datetime import datetime

from mall.graphql.ids import to_global_id
from tests.catalog.factories import make_collection, make_gift, make_page
from tests.factories import make_channel, make_staff, token_for

COLLECTION = """
query($slug: String!, $channel: String) {
  collection(slug: $slug, channel: $channel) {
    name channel
    products(first: 10) {
      totalCount edges { node { name channel pricing { priceRange { start { gross { amount currency } } } } } }
    }
  }
}
"""


async def test_a_collection_lists_its_visible_products_in_its_channel(api):
    # given
    bank_a = await make_channel("bank-a-mall")
    bank_b = await make_channel("bank-b-mall", issuer_code="BANKB", currency_code="BPT")
    wok = await make_gift(bank_a, "Iron Wok", 800)
    draft = await make_gift(bank_a, "Draft Pan", 500, published=False)
    b_only = await make_gift(bank_b, "Bank B Kettle", 300)
    await make_collection("Featured", [bank_a, bank_b], [wok, draft, b_only])

    # when
    data = await api.ok(COLLECTION, {"slug": "featured", "channel": "bank-a-mall"})

    # then
    assert data["collection"] == {
        "name": "Featured",
        "channel": "bank-a-mall",
        "products": {
            "totalCount": 1,
            "edges": [
                {
                    "node": {
                        "name": "Iron Wok",
                        "channel": "bank-a-mall",
                        "pricing": {"priceRange": {"start": {"gross": {"amount": 800.0, "currency": "PTS"}}}},
                    }
                }
            ],
        },
    }


async def test_an_unpublished_collection_is_for_staff(api, settings):
    # given
    channel = await make_channel()
    wok = await make_gift(channel, "Iron Wok", 800)
    await make_collection("Coming Soon", [channel], [wok], published=False)
    staff = await make_staff(permissions=["MANAGE_PRODUCTS"])
    query = '{ collections(first: 10, channel: "bank-a-mall") { totalCount edges { node { slug } } } }'

    # when
    as_member = await api.ok(COLLECTION, {"slug": "coming-soon", "channel": "bank-a-mall"})
    listed_for_member = await api.ok(query)
    as_staff = await api.ok(COLLECTION, {"slug": "coming-soon", "channel": "bank-a-mall"}, token_for(staff, settings))

    # then
    assert as_member == {"collection": None}
    assert listed_for_member == {"collections": {"totalCount": 0, "edges": []}}
    assert as_staff["collection"]["products"]["totalCount"] == 1


async def test_collections_of_a_product_are_those_published_in_the_channel(api):
    # given
    channel = await make_channel()
    wok = await make_gift(channel, "Iron Wok", 800)
    await make_collection("Featured", [channel], [wok])
    await make_collection("Secret", [channel], [wok], published=False)
    query = '{ product(slug: "iron-wok", channel: "bank-a-mall") { collections { slug } } }'

    # when
    data = await api.ok(query)

    # then
    assert data == {"product": {"collections": [{"slug": "featured"}]}}


PAGES = """
query($slugs: [String!]!) {
  pages(first: 20, channel: "bank-a-mall", where: {slug: {oneOf: $slugs}}) {
    edges { node { slug title isPublished pageType { slug } assignedAttributes { attribute { slug } } } }
  }
}
"""


async def test_pages_by_slug_hide_drafts_from_members(api, settings):
    # given
    await make_page("About the mall", "about")
    await make_page("Terms", "terms")
    await make_page("Draft FAQ", "faq", published=False)
    editor = await make_staff(permissions=["MANAGE_PAGES"])

    # when
    as_member = await api.ok(PAGES, {"slugs": ["about", "faq"]})
    as_editor = await api.ok(PAGES, {"slugs": ["about", "faq"]}, token_for(editor, settings))

    # then
    assert as_member["pages"]["edges"] == [
        {
            "node": {
                "slug": "about",
                "title": "About the mall",
                "isPublished": True,
                "pageType": {"slug": "content-page"},
                "assignedAttributes": [],
            }
        }
    ]
    assert [edge["node"]["slug"] for edge in as_editor["pages"]["edges"]] == ["about", "faq"]


async def test_a_page_by_slug_or_id(api):
    # given
    page = await make_page("Terms of redemption", "terms")
    await make_page("Draft FAQ", "faq", published=False)
    query = """query($id: ID, $slug: String) {
      page(id: $id, slug: $slug) { title content translation(languageCode: EN) { title } } }"""

    # when
    by_slug = await api.ok(query, {"slug": "terms"})
    by_id = await api.ok(query, {"id": to_global_id("Page", page.id)})
    draft = await api.ok(query, {"slug": "faq"})

    # then
    assert by_slug["page"]["title"] == "Terms of redemption"
    assert json.loads(by_slug["page"]["content"]) == {
        "blocks": [{"type": "paragraph", "data": {"text": "Terms of redemption."}}]
    }
    assert by_slug["page"]["translation"] is None
    assert by_id == by_slug
    assert draft == {"page": None}


async def test_a_page_scheduled_for_later_shows_from_its_date(api, set_clock):
    # given
    set_clock("2026-11-12T03:00:00+00:00")
    page = await make_page("New rules", "new-rules")
    page.published_at = datetime.fromisoformat("2026-12-01T00:00:00+00:00")
    await page.save()
    query = '{ page(slug: "new-rules") { title } pages(first: 5) { edges { node { slug } } } }'

    # when
    before = await api.ok(query)
    set_clock("2026-12-01T00:00:01+00:00")
    after = await api.ok(query)

    # then
    assert before == {"page": None, "pages": {"edges": []}}
    assert after == {"page": {"title": "New rules"}, "pages": {"edges": [{"node": {"slug": "new-rules"}}]}}
