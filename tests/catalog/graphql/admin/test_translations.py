"""The Dashboard's translation pages for products, variants, categories and collections: lists, details and
the translate mutations, and the storefront's `translation(languageCode:)` showing what was saved (the
Chinese catalogue of a bank programme)."""

from __future__ import annotations

import asyncio
import json

from catalog.models import Category, Collection, Translation
from tests.catalog.factories import make_collection
from tests.catalog.graphql.admin.conftest import BackOffice

PAGE_INFO = "fragment PageInfo on PageInfo { endCursor hasNextPage hasPreviousPage startCursor }"
ATTRIBUTE_VALUE_TRANSLATABLE = """
fragment AttributeValueTranslatable on AttributeValueTranslatableContent {
  id name plainText richText attributeValue { id inputType } attribute { id name }
  translation(languageCode: $language) { id name plainText richText language { code language } }
}
"""
PRODUCT_TRANSLATION = """
fragment ProductTranslation on ProductTranslatableContent {
  product { id name description slug seoDescription seoTitle }
  translation(languageCode: $language) {
    id slug seoTitle seoDescription name description language { code language }
  }
  attributeValues { ...AttributeValueTranslatable }
}
""" + ATTRIBUTE_VALUE_TRANSLATABLE
PRODUCT_TRANSLATIONS = """
query ProductTranslations($language: LanguageCodeEnum!, $first: Int, $after: String, $last: Int, $before: String) {
  translations(kind: PRODUCT, before: $before, after: $after, first: $first, last: $last) {
    edges { node { ...ProductTranslation } }
    pageInfo { ...PageInfo }
  }
}
""" + PRODUCT_TRANSLATION + PAGE_INFO
PRODUCT_TRANSLATION_DETAILS = """
query ProductTranslationDetails($id: ID!, $language: LanguageCodeEnum!) {
  translation(kind: PRODUCT, id: $id) { ...ProductTranslation }
}
""" + PRODUCT_TRANSLATION
UPDATE_PRODUCT_TRANSLATIONS = """
mutation UpdateProductTranslations($id: ID!, $input: TranslationInput!, $language: LanguageCodeEnum!) {
  productTranslate(id: $id, input: $input, languageCode: $language) {
    errors { ...ProductTranslateErrorFragment }
    product {
      id name description seoDescription seoTitle slug
      translation(languageCode: $language) {
        id description language { code language } name seoDescription seoTitle slug
      }
    }
  }
}
fragment ProductTranslateErrorFragment on TranslationError { code field message }
"""
UPDATE_VARIANT_TRANSLATIONS = """
mutation UpdateProductVariantTranslations($id: ID!, $input: NameTranslationInput!, $language: LanguageCodeEnum!) {
  productVariantTranslate(id: $id, input: $input, languageCode: $language) {
    errors { ...ProductVariantTranslateErrorFragment }
    productVariant { id name translation(languageCode: $language) { id name language { code language } } }
  }
}
fragment ProductVariantTranslateErrorFragment on TranslationError { code field message }
"""
VARIANT_TRANSLATION_DETAILS = """
query ProductVariantTranslationDetails($id: ID!, $language: LanguageCodeEnum!) {
  translation(kind: VARIANT, id: $id) { ...ProductVariantTranslation }
}
fragment ProductVariantTranslation on ProductVariantTranslatableContent {
  productVariant { id }
  name
  translation(languageCode: $language) { id name language { code language } }
  attributeValues { ...AttributeValueTranslatable }
}
""" + ATTRIBUTE_VALUE_TRANSLATABLE
CATEGORY_TRANSLATIONS = """
query CategoryTranslations($language: LanguageCodeEnum!, $first: Int, $after: String, $last: Int, $before: String) {
  translations(kind: CATEGORY, before: $before, after: $after, first: $first, last: $last) {
    edges { node { ...CategoryTranslation } }
    pageInfo { ...PageInfo }
  }
}
fragment CategoryTranslation on CategoryTranslatableContent {
  translation(languageCode: $language) { id description language { language } name slug seoDescription seoTitle }
  category { id name description slug seoDescription seoTitle }
}
""" + PAGE_INFO
UPDATE_CATEGORY_TRANSLATIONS = """
mutation UpdateCategoryTranslations($id: ID!, $input: TranslationInput!, $language: LanguageCodeEnum!) {
  categoryTranslate(id: $id, input: $input, languageCode: $language) {
    errors { ...CategoryTranslateErrorFragment }
    category {
      id name description seoDescription seoTitle slug
      translation(languageCode: $language) {
        id description language { language } name seoDescription seoTitle slug
      }
    }
  }
}
fragment CategoryTranslateErrorFragment on TranslationError { code field message }
"""
UPDATE_COLLECTION_TRANSLATIONS = """
mutation UpdateCollectionTranslations($id: ID!, $input: TranslationInput!, $language: LanguageCodeEnum!) {
  collectionTranslate(id: $id, input: $input, languageCode: $language) {
    errors { ...CollectionTranslateErrorFragment }
    collection {
      id name description seoDescription seoTitle
      translation(languageCode: $language) { id description language { language } name seoDescription seoTitle }
    }
  }
}
fragment CollectionTranslateErrorFragment on TranslationError { code field message }
"""
MENU_ITEM_TRANSLATIONS = """
query MenuItemTranslations($language: LanguageCodeEnum!, $first: Int) {
  translations(kind: MENU_ITEM, first: $first) {
    edges { node { ... on MenuItemTranslatableContent { translation(languageCode: $language) { id name } } } }
  }
}
"""
STOREFRONT_PRODUCT = """
query($slug: String!, $locale: LanguageCodeEnum!) {
  product(slug: $slug, channel: "bank-a-mall") {
    name translation(languageCode: $locale) { name description }
    category { translation(languageCode: $locale) { name } }
    variants { name translation(languageCode: $locale) { name } }
  }
}
"""
# The Dashboard's rich-text editor sends EditorJS JSON as a string
DESCRIPTION = json.dumps({"time": 1, "blocks": [{"id": "a", "type": "paragraph", "data": {"text": "不锈钢电水壶"}}],
                          "version": "2.24.3"})


async def test_the_operator_translates_a_gift_and_the_storefront_shows_it(api, back_office: BackOffice):
    # given
    kettle = back_office.gid(back_office.acme_gift)

    # when
    saved = await api.ok(UPDATE_PRODUCT_TRANSLATIONS, {"id": kettle, "language": "ZH_HANS",
                                                       "input": {"name": "电水壶", "description": DESCRIPTION}},
                         back_office.operator)
    shown = await api.ok(STOREFRONT_PRODUCT, {"slug": "acme-kettle", "locale": "ZH_HANS"})

    # then
    translation = saved["productTranslate"]["product"]["translation"]
    assert saved["productTranslate"]["errors"] == []
    assert translation["name"] == "电水壶"
    assert translation["language"] == {"code": "ZH_HANS", "language": "Chinese (Simplified)"}
    assert json.loads(translation["description"])["blocks"][0]["data"]["text"] == "不锈钢电水壶"
    assert shown["product"]["name"] == "Acme Kettle"
    assert shown["product"]["translation"]["name"] == "电水壶"
    assert shown["product"]["category"]["translation"] is None


async def test_saving_one_field_keeps_the_others(api, back_office: BackOffice):
    # given
    kettle = back_office.gid(back_office.acme_gift)
    await api.ok(UPDATE_PRODUCT_TRANSLATIONS, {"id": kettle, "language": "ZH_HANS", "input": {"name": "电水壶"}},
                 back_office.acme)

    # when: the Dashboard saves the SEO title field alone
    data = await api.ok(UPDATE_PRODUCT_TRANSLATIONS, {"id": kettle, "language": "ZH_HANS",
                                                      "input": {"seoTitle": "电水壶 | 积分商城"}}, back_office.acme)

    # then
    translation = data["productTranslate"]["product"]["translation"]
    assert (translation["name"], translation["seoTitle"]) == ("电水壶", "电水壶 | 积分商城")
    assert await Translation.filter(product_id=back_office.acme_gift.id).count() == 1


async def test_a_partner_lists_and_translates_only_its_own_gifts(api, back_office: BackOffice):
    # when
    listed = await api.ok(PRODUCT_TRANSLATIONS, {"language": "ZH_HANS", "first": 20}, back_office.acme)
    other = await api.ok(UPDATE_PRODUCT_TRANSLATIONS, {"id": back_office.gid(back_office.beta_gift),
                                                       "language": "ZH_HANS", "input": {"name": "围巾"}},
                         back_office.acme)
    details = await api.ok(PRODUCT_TRANSLATION_DETAILS, {"id": back_office.gid(back_office.beta_gift),
                                                         "language": "ZH_HANS"}, back_office.acme)

    # then
    assert [edge["node"]["product"]["name"] for edge in listed["translations"]["edges"]] == ["Acme Kettle"]
    assert other["productTranslate"]["errors"][0]["code"] == "NOT_FOUND"
    assert details == {"translation": None}
    assert await Translation.all().count() == 0


async def test_too_long_a_name_is_refused_and_nothing_is_saved(api, back_office: BackOffice):
    # when
    data = await api.ok(UPDATE_PRODUCT_TRANSLATIONS, {"id": back_office.gid(back_office.acme_gift),
                                                      "language": "ZH_HANS", "input": {"seoTitle": "长" * 71}},
                        back_office.operator)

    # then
    assert data["productTranslate"] == {"errors": [{
        "code": "INVALID", "field": "seoTitle", "message": "Ensure this value has at most 70 characters.",
    }], "product": None}
    assert await Translation.all().count() == 0


async def test_a_variant_is_translated_and_its_details_show_it(api, back_office: BackOffice):
    # given
    large = back_office.gid(back_office.acme_sizes[1])

    # when
    saved = await api.ok(UPDATE_VARIANT_TRANSLATIONS, {"id": large, "language": "ZH_HANS", "input": {"name": "大号"}},
                         back_office.acme)
    details = await api.ok(VARIANT_TRANSLATION_DETAILS, {"id": large, "language": "ZH_HANS"}, back_office.acme)

    # then
    assert saved["productVariantTranslate"]["productVariant"]["translation"]["name"] == "大号"
    assert details["translation"]["name"] == "Large"
    assert details["translation"]["translation"]["name"] == "大号"
    assert details["translation"]["attributeValues"] == []


async def test_categories_and_collections_are_translated_by_the_operator(api, back_office: BackOffice):
    # given
    kitchen = await Category.get(slug="kitchen")
    featured = await make_collection("Featured", [back_office.channel], [back_office.acme_gift])

    # when
    category = await api.ok(UPDATE_CATEGORY_TRANSLATIONS, {"id": back_office.gid(kitchen), "language": "ZH_HANS",
                                                           "input": {"name": "厨房", "slug": "chufang"}},
                            back_office.operator)
    collection = await api.ok(UPDATE_COLLECTION_TRANSLATIONS, {"id": back_office.gid(featured),
                                                               "language": "ZH_HANS", "input": {"name": "精选"}},
                              back_office.operator)
    refused = await api.post(UPDATE_CATEGORY_TRANSLATIONS, {"id": back_office.gid(kitchen), "language": "EN",
                                                            "input": {"name": "Cooking"}}, back_office.acme)
    listed = await api.ok(CATEGORY_TRANSLATIONS, {"language": "ZH_HANS", "first": 10}, back_office.acme)

    # then
    assert category["categoryTranslate"]["category"]["translation"]["slug"] == "chufang"
    assert collection["collectionTranslate"]["collection"]["translation"]["name"] == "精选"
    assert refused.error_codes == ["PermissionDenied"]
    assert listed["translations"]["edges"][0]["node"]["translation"]["name"] == "厨房"
    assert await Translation.filter(language_code="EN").count() == 0
    assert await Collection.all().count() == 1


async def test_kinds_the_mall_does_not_store_list_nothing(api, back_office: BackOffice):
    # when
    data = await api.ok(MENU_ITEM_TRANSLATIONS, {"language": "ZH_HANS", "first": 10}, back_office.operator)

    # then
    assert data == {"translations": {"edges": []}}


async def test_a_bank_does_not_translate_the_catalogue(api, back_office: BackOffice):
    # when
    response = await api.post(PRODUCT_TRANSLATIONS, {"language": "ZH_HANS", "first": 20}, back_office.bank)

    # then
    assert response.error_codes == ["PermissionDenied"]


async def test_concurrent_saves_of_one_translation_keep_one_row(api, back_office: BackOffice):
    # given: twelve editors save the same gift's Chinese name at once (concurrent transactions on PostgreSQL)
    kettle = back_office.gid(back_office.acme_gift)
    names = [f"电水壶 {n}" for n in range(12)]

    # when
    answers = await asyncio.gather(*(
        api.ok(UPDATE_PRODUCT_TRANSLATIONS, {"id": kettle, "language": "ZH_HANS", "input": {"name": name}},
               back_office.operator)
        for name in names
    ))

    # then
    assert [answer["productTranslate"]["errors"] for answer in answers] == [[]] * 12
    rows = await Translation.filter(product_id=back_office.acme_gift.id)
    assert len(rows) == 1
    assert rows[0].name in names


SHIPPING_METHOD_TRANSLATION = """
fragment ShippingMethodTranslation on ShippingMethodTranslatableContent {
  id name description shippingMethodId shippingMethod { id }
  translation(languageCode: $language) { id language { code language } name description }
}
"""
SHIPPING_METHOD_TRANSLATIONS = """
query ShippingMethodTranslations($language: LanguageCodeEnum!, $first: Int, $after: String, $last: Int,
                                 $before: String) {
  translations(kind: SHIPPING_METHOD, before: $before, after: $after, first: $first, last: $last) {
    edges { node { ...ShippingMethodTranslation } }
    pageInfo { ...PageInfo }
  }
}
""" + SHIPPING_METHOD_TRANSLATION + PAGE_INFO
SHIPPING_METHOD_TRANSLATION_DETAILS = """
query ShippingMethodTranslationDetails($id: ID!, $language: LanguageCodeEnum!) {
  translation(kind: SHIPPING_METHOD, id: $id) { ...ShippingMethodTranslation }
}
""" + SHIPPING_METHOD_TRANSLATION
UPDATE_SHIPPING_METHOD_TRANSLATIONS = """
mutation UpdateShippingMethodTranslations($id: ID!, $input: ShippingPriceTranslationInput!,
                                          $language: LanguageCodeEnum!) {
  shippingPriceTranslate(id: $id, input: $input, languageCode: $language) {
    errors { code field message }
    shippingMethod { id name }
  }
}
"""


async def test_shipping_methods_have_nothing_to_translate_and_translating_one_writes_nothing(
    api, back_office: BackOffice
):
    # given
    unknown = "U2hpcHBpbmdNZXRob2RUeXBlOjE="  # ShippingMethodType:1: a points mall has no shipping zones' methods
    before = await Translation.all().count()

    # when
    listed = await api.ok(SHIPPING_METHOD_TRANSLATIONS, {"language": "ZH_HANS", "first": 20}, back_office.operator)
    details = await api.ok(SHIPPING_METHOD_TRANSLATION_DETAILS, {"id": unknown, "language": "ZH_HANS"},
                           back_office.operator)
    variables = {"id": unknown, "language": "ZH_HANS", "input": {"name": "标准快递"}}
    translated = await api.ok(UPDATE_SHIPPING_METHOD_TRANSLATIONS, variables, back_office.operator)

    # then
    assert listed["translations"]["edges"] == []
    assert details == {"translation": None}
    assert translated == {"shippingPriceTranslate": {"shippingMethod": None, "errors": [
        {"code": "NOT_FOUND", "field": None,
         "message": "A points mall has no shipping zones: `shippingPriceTranslate` is not available."}]}}
    assert await Translation.all().count() == before
