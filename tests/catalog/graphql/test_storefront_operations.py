"""The storefront's catalogue operations (their shapes, written here) against the demo catalogue."""

from __future__ import annotations

import pytest

from catalog.demo import load_catalog_demo
from catalog.models import ProductVariant
from tests.factories import make_channel

PRODUCT_LIST_ITEM = """
fragment ProductListItem on Product {
  id name slug created
  translation(languageCode: $languageCode) { name slug }
  pricing {
    priceRange { start { gross { amount currency } } stop { gross { amount currency } } }
    priceRangeUndiscounted { start { gross { amount currency } } stop { gross { amount currency } } }
  }
  category { id name slug translation(languageCode: $languageCode) { name slug } backgroundImage { url alt } }
  thumbnail(size: 1024, format: WEBP) { url alt }
  bestseller: assignedAttribute(slug: "bestseller") { ... on AssignedBooleanAttribute { value } }
  productVariants(first: 50) {
    totalCount
    edges { node { id
      selectionAttributes: attributes(variantSelection: VARIANT_SELECTION) {
        attribute { slug name inputType translation(languageCode: $languageCode) { name } }
        values { name slug value translation(languageCode: $languageCode) { name } file { url } }
      } } }
  }
}
"""
PRODUCT_LIST_PAGINATED = (
    """
query ProductListPaginated($first: Int, $after: String, $last: Int, $before: String, $channel: String!,
    $languageCode: LanguageCodeEnum!, $sortBy: ProductOrder, $filter: ProductFilterInput, $where: ProductWhereInput) {
  products(first: $first, after: $after, last: $last, before: $before, channel: $channel, sortBy: $sortBy,
      filter: $filter, where: $where) {
    totalCount
    edges { node { ...ProductListItem } cursor }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
    + PRODUCT_LIST_ITEM
)
PRODUCT_LIST_BY_CATEGORY = (
    """
query ProductListByCategory($slug: String!, $channel: String!, $languageCode: LanguageCodeEnum!, $first: Int) {
  category(slug: $slug) {
    id name slug description seoDescription seoTitle
    translation(languageCode: $languageCode) { name description slug }
    slugEN: translation(languageCode: EN) { slug }
    backgroundImage { url alt }
    products(first: $first, channel: $channel) {
      edges { node { ...ProductListItem } cursor } pageInfo { hasNextPage endCursor } totalCount
    }
  }
}
"""
    + PRODUCT_LIST_ITEM
)
PRODUCT_LIST_BY_COLLECTION = (
    """
query ProductListByCollection($slug: String!, $channel: String!, $languageCode: LanguageCodeEnum!, $first: Int) {
  collection(slug: $slug, channel: $channel) {
    id name slug description seoTitle translation(languageCode: $languageCode) { name }
    backgroundImage { url alt }
    products(first: $first) { edges { node { ...ProductListItem } } totalCount }
  }
}
"""
    + PRODUCT_LIST_ITEM
)
SEARCH_PRODUCTS = (
    """
query SearchProducts($search: String!, $sortBy: ProductOrderField!, $sortDirection: OrderDirection!, $first: Int,
    $channel: String!, $languageCode: LanguageCodeEnum!) {
  products(first: $first, channel: $channel, sortBy: {field: $sortBy, direction: $sortDirection},
      filter: {search: $search}) {
    totalCount edges { node { ...ProductListItem } cursor } pageInfo { hasNextPage endCursor }
  }
}
"""
    + PRODUCT_LIST_ITEM
)
PRODUCT_DETAILS = """
query ProductDetails($slug: String!, $channel: String!, $languageCode: LanguageCodeEnum!) {
  product(slug: $slug, channel: $channel) {
    id name slug description seoTitle seoDescription isAvailable
    translation(languageCode: $languageCode) { name description seoTitle seoDescription slug }
    slugPL: translation(languageCode: PL) { slug }
    thumbnail(size: 2048, format: WEBP) { url alt }
    media { url(size: 2048, format: WEBP) alt type }
    category { id name slug translation(languageCode: $languageCode) { name slug } }
    productType { slug }
    productVariants(first: 1) { totalCount }
    assignedAttributes(limit: 50) {
      attribute { name slug translation(languageCode: $languageCode) { name } }
      ... on AssignedPlainTextAttribute {
        plainText: value plainTextTranslation: translation(languageCode: $languageCode)
      }
      ... on AssignedSingleChoiceAttribute { choice: value { name slug translation(languageCode: $languageCode) } }
    }
    pricing { priceRange { start { gross { amount currency } } stop { gross { amount currency } } } }
  }
}
"""
VARIANT_DETAILS = """
fragment VariantDetails on ProductVariant {
  id name sku quantityAvailable
  translation(languageCode: $languageCode) { name }
  selectionAttributes: attributes(variantSelection: VARIANT_SELECTION) { values { name } attribute { slug } }
  nonSelectionAttributes: attributes(variantSelection: NOT_VARIANT_SELECTION) { values { name } attribute { slug } }
  media { url(size: 2048, format: WEBP) alt type }
  pricing { price { gross { currency amount } } priceUndiscounted { gross { currency amount } } }
}
"""
PRODUCT_VARIANTS_FOR_PDP = (
    """
query ProductVariantsForPdp($slug: String!, $channel: String!, $languageCode: LanguageCodeEnum!, $first: Int!,
    $after: String) {
  product(slug: $slug, channel: $channel) {
    id productVariants(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { ...VariantDetails } }
    }
  }
}
"""
    + VARIANT_DETAILS
)
PRODUCT_VARIANT_FOR_PDP = (
    """
query ProductVariantForPdp($sku: String, $channel: String!, $languageCode: LanguageCodeEnum!) {
  productVariant(sku: $sku, channel: $channel) { ...VariantDetails product { id slug } }
}
"""
    + VARIANT_DETAILS
)
CATEGORIES_BY_SLUG = """
query CategoriesBySlug($slugs: [String!]!, $first: Int = 20) {
  categories(filter: {slugs: $slugs}, first: $first) { edges { node { id slug name } } }
}
"""
MENU_GET_BY_SLUG = """
fragment MenuItem on MenuItem {
  id name level translation(languageCode: $languageCode) { name }
  category { id slug name translation(languageCode: $languageCode) { name slug } }
  collection { id name slug } page { id title slug } url
}
query MenuGetBySlug($slug: String!, $channel: String!, $languageCode: LanguageCodeEnum!) {
  menu(slug: $slug, channel: $channel) { items { ...MenuItem children { ...MenuItem children { ...MenuItem } } } }
}
"""
CONTENT_PAGES = """
query StorefrontContentPages($channel: String!, $slugs: [String!]!, $languageCode: LanguageCodeEnum!) {
  pages(channel: $channel, where: {slug: {oneOf: $slugs}}, first: 20) {
    edges { node { slug isPublished pageType { slug }
      assignedAttributes { attribute { slug } ... on AssignedPlainTextAttribute {
        plainText: value plainTextTranslation: translation(languageCode: $languageCode) } } } }
  }
}
"""
PAGE_GET_BY_SLUG = """
query PageGetBySlug($slug: String!, $languageCode: LanguageCodeEnum!) {
  page(slug: $slug) { id slug title seoTitle seoDescription content translation(languageCode: $languageCode) { title } }
}
"""
A = {"channel": "bank-a-mall", "languageCode": "EN"}


@pytest.fixture
async def demo(settings):
    await make_channel("bank-a-mall")
    await make_channel("bank-b-mall", issuer_code="BANKB", currency_code="BPT")
    return await load_catalog_demo(settings=settings)


async def test_browsing_the_demo_mall_like_the_storefront(api, demo):
    # when
    first = await api.ok(PRODUCT_LIST_PAGINATED, A | {"first": 20, "sortBy": {"field": "PRICE", "direction": "ASC"}})
    second = await api.ok(
        PRODUCT_LIST_PAGINATED,
        A
        | {
            "first": 20,
            "after": first["products"]["pageInfo"]["endCursor"],
            "sortBy": {"field": "PRICE", "direction": "ASC"},
        },
    )
    category = await api.ok(PRODUCT_LIST_BY_CATEGORY, A | {"slug": "electronics", "first": 12})
    featured = await api.ok(PRODUCT_LIST_BY_COLLECTION, A | {"slug": "featured", "first": 12})
    search = await api.ok(SEARCH_PRODUCTS, A | {"search": "tea", "sortBy": "NAME", "sortDirection": "ASC", "first": 5})

    # then
    assert first["products"]["totalCount"] == 208
    prices = [
        edge["node"]["pricing"]["priceRange"]["start"]["gross"]["amount"]
        for page in (first, second)
        for edge in page["products"]["edges"]
    ]
    assert prices == sorted(prices)
    node = first["products"]["edges"][0]["node"]
    assert node["thumbnail"]["url"].startswith("http://testserver/media/demo/products/")
    assert node["pricing"]["priceRange"]["start"]["gross"]["currency"] == "PTS"
    assert node["productVariants"]["totalCount"] >= 1
    assert category["category"]["products"]["totalCount"] == 26
    assert featured["collection"]["products"]["totalCount"] == 12
    assert search["products"]["totalCount"] > 0


async def test_a_product_page_like_the_storefront(api, demo):
    # given
    listing = await api.ok(PRODUCT_LIST_PAGINATED, A | {"first": 1, "filter": {"search": "earbuds"}})
    slug = listing["products"]["edges"][0]["node"]["slug"]

    # when
    details = await api.ok(PRODUCT_DETAILS, A | {"slug": slug})
    variants = await api.ok(PRODUCT_VARIANTS_FOR_PDP, A | {"slug": slug, "first": 10})
    sku = variants["product"]["productVariants"]["edges"][0]["node"]["sku"]
    variant = await api.ok(PRODUCT_VARIANT_FOR_PDP, A | {"sku": sku})

    # then
    assert details["product"]["isAvailable"] is True
    assert details["product"]["productType"] == {"slug": "physical-gift"}
    assert details["product"]["media"][0]["type"] == "IMAGE"
    assigned = details["product"]["assignedAttributes"]  # the demo's colour (a choice) and capacity (a number)
    assert [item["attribute"]["slug"] for item in assigned] == ["colour", "capacity"]
    assert assigned[0]["choice"] == {"name": "Black", "slug": "black", "translation": None}
    assert variants["product"]["productVariants"]["totalCount"] == len(variants["product"]["productVariants"]["edges"])
    assert variant["productVariant"]["product"]["slug"] == slug
    assert variant["productVariant"]["pricing"]["price"]["gross"]["currency"] == "PTS"
    assert variant["productVariant"]["quantityAvailable"] >= 0


async def test_navigation_and_content_like_the_storefront(api, demo):
    # when
    categories = await api.ok(CATEGORIES_BY_SLUG, {"slugs": ["audio", "travel"]})
    menu = await api.ok(MENU_GET_BY_SLUG, A | {"slug": "navbar"})
    pages = await api.ok(CONTENT_PAGES, A | {"slugs": ["about", "faq"]})
    page = await api.ok(PAGE_GET_BY_SLUG, {"slug": "points-rules", "languageCode": "ZH_HANS"})
    footer = await api.ok(MENU_GET_BY_SLUG, A | {"slug": "footer", "languageCode": "ZH_HANS"})

    # then
    assert [edge["node"]["slug"] for edge in categories["categories"]["edges"]] == ["audio", "travel"]
    assert len(menu["menu"]["items"]) == 8
    assert all(len(item["children"]) == 2 for item in menu["menu"]["items"])
    assert [edge["node"]["slug"] for edge in pages["pages"]["edges"]] == ["about", "faq"]
    assert (page["page"]["title"], page["page"]["translation"]["title"]) == ("Points rules", "积分规则")
    assert [(item["page"]["slug"], item["translation"]["name"]) for item in footer["menu"]["items"]] == [
        ("about", "关于积分计划"),
        ("points-rules", "积分规则"),
        ("delivery-and-returns", "配送与退货"),
        ("privacy", "隐私政策"),
        ("faq", "常见问题"),
    ]


async def test_a_gift_page_reads_every_variant_s_limit_per_member(api, demo):
    # given
    listing = await api.ok(PRODUCT_LIST_PAGINATED, A | {"first": 1, "filter": {"search": "earbuds"}})
    slug = listing["products"]["edges"][0]["node"]["slug"]

    # when
    gift = await api.ok(
        "query Gift($slug: String!, $channel: String!) { product(slug: $slug, channel: $channel) {"
        " variants { sku quantityAvailable quantityLimitPerCustomer } } }",
        {"slug": slug, "channel": A["channel"]},
    )

    # then
    stored = await ProductVariant.filter(product__slug=slug).order_by("sort_order", "id").values_list(
        "sku", "quantity_limit_per_customer"
    )
    assert [(v["sku"], v["quantityLimitPerCustomer"]) for v in gift["product"]["variants"]] == stored
