"""Attribute and attribute value names in Chinese (attributeTranslate, attributeValueTranslate): the
Dashboard's translation pages list them, the storefront reads them with `translation(languageCode:)`."""

from __future__ import annotations

from catalog.models import Attribute, AttributeProduct, AttributeTranslation, AttributeType, AttributeValue
from mall.graphql.ids import to_global_id
from tests.catalog.graphql.admin.conftest import BackOffice

ERRORS = "errors { code field message }"
TRANSLATE = f"""
mutation UpdateAttributeTranslations($id: ID!, $input: NameTranslationInput!, $language: LanguageCodeEnum!) {{
  attributeTranslate(id: $id, input: $input, languageCode: $language) {{
    attribute {{ id name translation(languageCode: $language) {{ id name }} }} {ERRORS}
  }}
}}"""
TRANSLATE_VALUE = f"""
mutation UpdateAttributeValueTranslations($id: ID!, $input: AttributeValueTranslationInput!,
                                          $language: LanguageCodeEnum!) {{
  attributeValueTranslate(id: $id, input: $input, languageCode: $language) {{
    attributeValue {{ name translation(languageCode: $language) {{ name language {{ code }} }} }} {ERRORS}
  }}
}}"""
ATTRIBUTE_TRANSLATIONS = """
query AttributeTranslations($language: LanguageCodeEnum!, $first: Int) {
  translations(kind: ATTRIBUTE, first: $first) {
    edges { node { ... on AttributeTranslatableContent {
      id name translation(languageCode: $language) { name } attribute { id name inputType }
    } } }
  }
}"""
STOREFRONT_PRODUCT = """
query($id: ID!, $channel: String) {
  product(id: $id, channel: $channel) {
    attributes {
      attribute { name translation(languageCode: ZH_HANS) { name } }
      values { name translation(languageCode: ZH_HANS) { name } }
    }
  }
}"""


def gid(row: object) -> str:
    return to_global_id(type(row).__name__, row.id)  # type: ignore[attr-defined]


async def colour() -> tuple[Attribute, AttributeValue]:
    attribute = await Attribute.create(name="Colour", slug="colour", type=AttributeType.PRODUCT_TYPE)
    return attribute, await AttributeValue.create(attribute=attribute, name="Red", slug="red")


async def test_the_operator_translates_an_attribute_and_its_value(api, back_office: BackOffice):
    # given
    attribute, red = await colour()

    # when
    named = await api.ok(TRANSLATE, {"id": gid(attribute), "input": {"name": "颜色"}, "language": "ZH_HANS"},
                         back_office.operator)
    valued = await api.ok(TRANSLATE_VALUE, {"id": gid(red), "input": {"name": "红色"}, "language": "ZH_HANS"},
                          back_office.operator)
    listed = await api.ok(ATTRIBUTE_TRANSLATIONS, {"language": "ZH_HANS", "first": 10}, back_office.operator)

    # then
    row = await AttributeTranslation.get(attribute_id=attribute.id)
    assert named["attributeTranslate"] == {"errors": [], "attribute": {
        "id": gid(attribute), "name": "Colour",
        "translation": {"id": to_global_id("AttributeTranslation", row.id), "name": "颜色"},
    }}
    assert valued["attributeValueTranslate"] == {"errors": [], "attributeValue": {
        "name": "Red", "translation": {"name": "红色", "language": {"code": "ZH_HANS"}},
    }}
    assert listed["translations"]["edges"] == [{"node": {
        "id": gid(attribute), "name": "Colour", "translation": {"name": "颜色"},
        "attribute": {"id": gid(attribute), "name": "Colour", "inputType": "DROPDOWN"},
    }}]


async def test_a_partner_may_not_translate_a_shared_attribute(api, back_office: BackOffice):
    # given
    attribute, _ = await colour()

    # when
    response = await api.post(TRANSLATE, {"id": gid(attribute), "input": {"name": "颜色"}, "language": "ZH_HANS"},
                              back_office.acme)

    # then
    assert response.error_codes == ["PermissionDenied"]
    assert await AttributeTranslation.all().count() == 0


async def test_the_storefront_reads_attributes_in_chinese_and_falls_back_to_the_original(
    api, back_office: BackOffice
):
    # given
    attribute, red = await colour()
    await AttributeProduct.create(product_type=back_office.product_type, attribute=attribute)
    await back_office.acme_gift.attribute_values.create(value=red)  # type: ignore[attr-defined]
    await AttributeTranslation.create(attribute=attribute, language_code="ZH_HANS", name="颜色")

    # when
    data = await api.ok(STOREFRONT_PRODUCT, {"id": gid(back_office.acme_gift), "channel": back_office.channel.slug})

    # then
    assert data["product"]["attributes"] == [{
        "attribute": {"name": "Colour", "translation": {"name": "颜色"}},
        "values": [{"name": "Red", "translation": None}],
    }]
