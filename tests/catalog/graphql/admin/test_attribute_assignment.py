"""Attributes on product types and the values gifts and variants carry (assignment_mutations.py,
attribute_inputs.py): assigned by the operator, set by whoever edits the gift, checked against the product
type (nothing saved on refusal), shown as Saleor's `attributes`, and filtered on."""

from __future__ import annotations

from catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeInputType,
    AttributeProduct,
    AttributeType,
    AttributeValue,
    AttributeVariant,
    Product,
)
from mall.graphql.ids import to_global_id
from tests.catalog.graphql.admin.conftest import BackOffice

ERRORS = "errors { code field message }"
ASSIGN = f"""
mutation AssignProductAttribute($id: ID!, $operations: [ProductAttributeAssignInput!]!) {{
  productAttributeAssign(productTypeId: $id, operations: $operations) {{
    productType {{
      productAttributes {{ slug }}
      assignedVariantAttributes {{ attribute {{ slug }} variantSelection }}
    }}
    {ERRORS}
  }}
}}"""
UNASSIGN = f"""
mutation UnassignProductAttribute($id: ID!, $ids: [ID!]!) {{
  productAttributeUnassign(productTypeId: $id, attributeIds: $ids) {{ productType {{ productAttributes {{ slug }} }}
  {ERRORS} }}
}}"""
REORDER = f"""
mutation ProductTypeAttributeReorder($move: ReorderInput!, $productTypeId: ID!, $type: ProductAttributeType!) {{
  productTypeReorderAttributes(moves: [$move], productTypeId: $productTypeId, type: $type) {{
    productType {{ productAttributes {{ slug }} }} {ERRORS}
  }}
}}"""
PRODUCT_UPDATE = f"""
mutation ProductUpdate($id: ID!, $input: ProductInput!) {{
  productUpdate(id: $id, input: $input) {{
    product {{ attributes {{ attribute {{ slug }} values {{ name slug plainText boolean }} }} }}
    {ERRORS}
  }}
}}"""
VARIANT_UPDATE = f"""
mutation VariantUpdate($id: ID!, $input: ProductVariantInput!) {{
  productVariantUpdate(id: $id, input: $input) {{
    productVariant {{ attributes {{ attribute {{ slug }} values {{ name }} }} }}
    {ERRORS}
  }}
}}"""
PRODUCTS = """
query Products($channel: String, $filter: ProductFilterInput, $where: ProductWhereInput) {
  products(first: 10, channel: $channel, filter: $filter, where: $where) { edges { node { name } } }
}"""
PRODUCT = """
query Product($id: ID!, $channel: String) {
  product(id: $id, channel: $channel) { attributes { attribute { slug } values { name } } }
}"""
AVAILABLE = """
query AvailableProductAttributes($id: ID!) {
  productType(id: $id) { availableAttributes(first: 10) { edges { node { id slug } } } }
}"""


def gid(row: object) -> str:
    return to_global_id(type(row).__name__, row.id)  # type: ignore[attr-defined]


async def colour(required: bool = False) -> Attribute:
    attribute = await Attribute.create(name="Colour", slug="colour", type=AttributeType.PRODUCT_TYPE,
                                       value_required=required)
    for position, name in enumerate(("Red", "Blue")):
        await AttributeValue.create(attribute=attribute, name=name, slug=name.lower(), sort_order=position)
    return attribute


async def capacity() -> Attribute:
    return await Attribute.create(name="Capacity", slug="capacity", type=AttributeType.PRODUCT_TYPE,
                                  input_type=AttributeInputType.NUMERIC, unit="LITER")


async def assigned(back_office: BackOffice, *attributes: Attribute) -> None:
    for position, attribute in enumerate(attributes):
        await AttributeProduct.create(product_type=back_office.product_type, attribute=attribute, sort_order=position)


async def test_the_operator_assigns_product_and_variant_attributes(api, back_office: BackOffice):
    # given
    shade, litres = await colour(), await capacity()

    # when
    data = await api.ok(ASSIGN, {"id": gid(back_office.product_type), "operations": [
        {"id": gid(litres), "type": "PRODUCT"},
        {"id": gid(shade), "type": "VARIANT", "variantSelection": True},
    ]}, back_office.operator)
    again = await api.ok(ASSIGN, {"id": gid(back_office.product_type), "operations": [
        {"id": gid(litres), "type": "VARIANT"},
    ]}, back_office.operator)

    # then
    assert data["productAttributeAssign"] == {"errors": [], "productType": {
        "productAttributes": [{"slug": "capacity"}],
        "assignedVariantAttributes": [{"attribute": {"slug": "colour"}, "variantSelection": True}],
    }}
    assert again["productAttributeAssign"]["errors"] == [{
        "code": "ATTRIBUTE_ALREADY_ASSIGNED", "field": "operations",
        "message": "capacity is already assigned to this product type.",
    }]
    assert await AttributeVariant.filter(attribute_id=litres.id).exists() is False


async def test_a_partner_may_not_assign_attributes(api, back_office: BackOffice):
    # given
    shade = await colour()

    # when
    response = await api.post(ASSIGN, {"id": gid(back_office.product_type), "operations": [
        {"id": gid(shade), "type": "PRODUCT"}]}, back_office.acme)

    # then
    assert response.error_codes == ["PermissionDenied"]
    assert await AttributeProduct.all().count() == 0


async def test_unassigning_takes_the_values_off_the_gifts(api, back_office: BackOffice):
    # given
    shade = await colour()
    await assigned(back_office, shade)
    red = await AttributeValue.get(slug="red")
    await AssignedProductAttributeValue.create(product=back_office.acme_gift, value=red)

    # when
    data = await api.ok(UNASSIGN, {"id": gid(back_office.product_type), "ids": [gid(shade)]}, back_office.operator)

    # then
    assert data["productAttributeUnassign"] == {"errors": [], "productType": {"productAttributes": []}}
    assert await AssignedProductAttributeValue.all().count() == 0
    assert await AttributeValue.filter(id=red.id).exists() is True


async def test_the_operator_reorders_a_product_types_attributes(api, back_office: BackOffice):
    # given
    shade, litres = await colour(), await capacity()
    await assigned(back_office, shade, litres)

    # when
    data = await api.ok(REORDER, {"productTypeId": gid(back_office.product_type), "type": "PRODUCT",
                                  "move": {"id": gid(litres), "sortOrder": -1}}, back_office.operator)

    # then
    assert data["productTypeReorderAttributes"] == {"errors": [], "productType": {
        "productAttributes": [{"slug": "capacity"}, {"slug": "colour"}]
    }}


async def test_a_partner_sets_its_gifts_values_and_members_see_them(api, back_office: BackOffice):
    # given
    shade, litres = await colour(), await capacity()
    await assigned(back_office, shade, litres)
    blue = await AttributeValue.get(slug="blue")

    # when
    data = await api.ok(PRODUCT_UPDATE, {"id": gid(back_office.acme_gift), "input": {"attributes": [
        {"id": gid(shade), "dropdown": {"id": gid(blue)}},
        {"id": gid(litres), "numeric": "1.5"},
    ]}}, back_office.acme)
    shown = await api.ok(PRODUCT, {"id": gid(back_office.acme_gift), "channel": back_office.channel.slug})

    # then
    assert data["productUpdate"]["errors"] == []
    assert shown["product"]["attributes"] == [
        {"attribute": {"slug": "colour"}, "values": [{"name": "Blue"}]},
        {"attribute": {"slug": "capacity"}, "values": [{"name": "1.5"}]},
    ]


async def test_values_the_product_type_does_not_allow_are_refused_and_nothing_is_saved(api, back_office: BackOffice):
    # given
    shade, litres = await colour(required=True), await capacity()
    await assigned(back_office, shade)  # capacity is not assigned
    gift = back_office.acme_gift

    # when
    unassigned = await api.ok(PRODUCT_UPDATE, {"id": gid(gift), "input": {"name": "Renamed", "attributes": [
        {"id": gid(shade), "dropdown": {"value": "red"}}, {"id": gid(litres), "numeric": "2"},
    ]}}, back_office.operator)
    unknown = await api.ok(PRODUCT_UPDATE, {"id": gid(gift), "input": {"attributes": [
        {"id": gid(shade), "dropdown": {"value": "purple"}},
    ]}}, back_office.operator)
    missing = await api.ok(PRODUCT_UPDATE, {"id": gid(gift), "input": {"attributes": [
        {"id": gid(shade), "values": []},
    ]}}, back_office.operator)

    # then
    assert unassigned["productUpdate"]["errors"] == [{
        "code": "NOT_FOUND", "field": "attributes",
        "message": "Only attributes assigned to the product type can be given values.",
    }]
    assert unknown["productUpdate"]["errors"] == [
        {"code": "INVALID", "field": "attributes", "message": "colour: 'purple' is not one of its choices."}
    ]
    assert missing["productUpdate"]["errors"] == [
        {"code": "REQUIRED", "field": "attributes", "message": "colour requires a value."}
    ]
    assert (await Product.get(id=gift.id)).name == "Acme Kettle"
    assert await AssignedProductAttributeValue.all().count() == 0
    assert await AttributeValue.all().count() == 2


async def test_a_variant_carries_its_own_values(api, back_office: BackOffice):
    # given
    shade = await colour()
    await AttributeVariant.create(product_type=back_office.product_type, attribute=shade, variant_selection=True)
    large = back_office.acme_sizes[-1]

    # when
    data = await api.ok(VARIANT_UPDATE, {"id": gid(large), "input": {"attributes": [
        {"id": gid(shade), "values": ["Red"]}]}}, back_office.acme)

    # then
    assert data["productVariantUpdate"] == {"errors": [], "productVariant": {
        "attributes": [{"attribute": {"slug": "colour"}, "values": [{"name": "Red"}]}]
    }}
    assert await AssignedVariantAttributeValue.filter(variant_id=large.id).count() == 1


async def test_products_are_filtered_by_the_values_they_carry(api, back_office: BackOffice):
    # given
    shade, litres = await colour(), await capacity()
    await assigned(back_office, shade, litres)
    red = await AttributeValue.get(slug="red")
    await AssignedProductAttributeValue.create(product=back_office.acme_gift, value=red)
    two_litres = await AttributeValue.create(attribute=litres, name="2", slug="beta-2", numeric=2.0)
    await AssignedProductAttributeValue.create(product=back_office.beta_gift, value=two_litres)
    channel = back_office.channel.slug

    # when
    reds = await api.ok(PRODUCTS, {"channel": channel, "filter": {"attributes": [
        {"slug": "colour", "values": ["red"]}]}})
    blues = await api.ok(PRODUCTS, {"channel": channel, "filter": {"attributes": [
        {"slug": "colour", "values": ["blue"]}]}})
    large = await api.ok(PRODUCTS, {"channel": channel, "where": {"attributes": [
        {"slug": "capacity", "value": {"numeric": {"range": {"gte": 1.5}}}}]}})

    # then
    assert [edge["node"]["name"] for edge in reds["products"]["edges"]] == ["Acme Kettle"]
    assert blues["products"]["edges"] == []
    assert [edge["node"]["name"] for edge in large["products"]["edges"]] == ["Beta Scarf"]


async def test_the_product_type_offers_the_product_attributes_it_does_not_assign_yet(api, back_office: BackOffice):
    # given
    shade, litres = await colour(), await capacity()
    await Attribute.create(name="Topic", slug="topic", type=AttributeType.PAGE_TYPE)
    await assigned(back_office, shade)

    # when
    data = await api.ok(AVAILABLE, {"id": gid(back_office.product_type)}, back_office.operator)

    # then
    assert data["productType"]["availableAttributes"]["edges"] == [{"node": {"id": gid(litres), "slug": "capacity"}}]
