"""`slugLanguageCode`: `product`, `category`, `collection` and `page` look the slug up among the object's
translations in that language (catalog/graphql/translated_slugs.py)."""

from __future__ import annotations

import pytest

from catalog.models import PageTranslation, Translation
from tests.catalog.factories import make_category, make_collection, make_gift, make_page
from tests.factories import make_channel

CHANNEL = "bank-a-mall"
LOOKUPS = {
    "product": 'product(slug: $slug, slugLanguageCode: $language, channel: "bank-a-mall") { name }',
    "category": "category(slug: $slug, slugLanguageCode: $language) { name }",
    "collection": 'collection(slug: $slug, slugLanguageCode: $language, channel: "bank-a-mall") { name }',
    "page": "page(slug: $slug, slugLanguageCode: $language) { name: title }",
}


def lookup(field: str) -> str:
    return f"query($slug: String!, $language: LanguageCodeEnum) {{ found: {LOOKUPS[field]} }}"


@pytest.fixture
async def translated() -> None:
    """A kettle product, category, collection and page, each with a Chinese slug and an English one."""
    channel = await make_channel()
    product = await make_gift(channel, "Kettle", 100)
    category = await make_category("Kettle")
    collection = await make_collection("Kettle", [channel], [product])
    page = await make_page("Kettle", "kettle")
    await Translation.create(product=product, language_code="ZH_HANS", name="电水壶", slug="dian-shui-hu")
    await Translation.create(product=product, language_code="EN_GB", name="Kettle (GB)", slug="kettle-gb")
    await Translation.create(category=category, language_code="ZH_HANS", name="电水壶", slug="dian-shui-hu")
    await Translation.create(collection=collection, language_code="ZH_HANS", name="电水壶", slug="dian-shui-hu")
    await PageTranslation.create(page=page, language_code="ZH_HANS", title="电水壶", slug="dian-shui-hu")


@pytest.mark.parametrize("field", LOOKUPS)
async def test_a_translated_slug_finds_its_object_in_that_language(api, translated, field):
    # when
    data = await api.ok(lookup(field), {"slug": "dian-shui-hu", "language": "ZH_HANS"})

    # then
    assert data == {"found": {"name": "Kettle"}}


@pytest.mark.parametrize("field", LOOKUPS)
async def test_a_translated_slug_is_not_found_in_another_language(api, translated, field):
    # when
    data = await api.ok(lookup(field), {"slug": "dian-shui-hu", "language": "EN_GB"})

    # then
    assert data == {"found": None}


@pytest.mark.parametrize("field", LOOKUPS)
async def test_the_primary_slug_is_not_a_translated_slug(api, translated, field):
    # when
    data = await api.ok(lookup(field), {"slug": "kettle", "language": "ZH_HANS"})

    # then
    assert data == {"found": None}


@pytest.mark.parametrize("field", LOOKUPS)
async def test_without_a_language_the_primary_slug_is_looked_up(api, translated, field):
    # when
    data = await api.ok(lookup(field), {"slug": "kettle"})

    # then
    assert data == {"found": {"name": "Kettle"}}
