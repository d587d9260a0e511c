"""The Dashboard's attribute pages (catalog/graphql/admin/attribute_mutations.py, attribute_lists.py): the
operator creates, lists, edits and deletes attributes and their values; a partner's staff may not (an
attribute is shared by every partner's gifts); refusals change nothing."""

from __future__ import annotations

from catalog.models import Attribute, AttributeInputType, AttributeType, AttributeValue
from mall.graphql.ids import to_global_id
from tests.catalog.graphql.admin.conftest import BackOffice

ATTRIBUTE_FIELDS = "id name slug type visibleInStorefront filterableInDashboard filterableInStorefront unit inputType"
ERRORS = "errors { code field message }"
ATTRIBUTE_CREATE = f"""
mutation AttributeCreate($input: AttributeCreateInput!) {{
  attributeCreate(input: $input) {{ attribute {{ id }} {ERRORS} }}
}}"""
ATTRIBUTE_LIST = f"""
query AttributeList($filter: AttributeFilterInput, $first: Int, $after: String, $sort: AttributeSortingInput) {{
  attributes(filter: $filter, first: $first, after: $after, sortBy: $sort) {{
    edges {{ node {{ {ATTRIBUTE_FIELDS} }} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}"""
ATTRIBUTE_DETAILS = f"""
query AttributeDetails($id: ID!, $firstValues: Int) {{
  attribute(id: $id) {{
    {ATTRIBUTE_FIELDS} availableInGrid storefrontSearchPosition valueRequired
    choices(first: $firstValues) {{ edges {{ node {{ id name slug inputType }} }} }}
    productTypes(first: 100) {{ edges {{ node {{ id name }} }} }}
  }}
}}"""
ATTRIBUTE_UPDATE = f"""
mutation AttributeUpdate($id: ID!, $input: AttributeUpdateInput!) {{
  attributeUpdate(id: $id, input: $input) {{
    attribute {{ name choices(first: 10) {{ edges {{ node {{ name }} }} }} }} {ERRORS}
  }}
}}"""
VALUE_CREATE = f"""
mutation AttributeValueCreate($id: ID!, $input: AttributeValueCreateInput!) {{
  attributeValueCreate(attribute: $id, input: $input) {{
    attribute {{ choices(first: 10) {{ edges {{ node {{ name slug }} }} }} }} {ERRORS}
  }}
}}"""
VALUE_UPDATE = f"""
mutation AttributeValueUpdate($id: ID!, $input: AttributeValueUpdateInput!) {{
  attributeValueUpdate(id: $id, input: $input) {{ attributeValue {{ name slug }} {ERRORS} }}
}}"""
VALUE_DELETE = f"""
mutation AttributeValueDelete($id: ID!) {{ attributeValueDelete(id: $id) {{ attributeValue {{ name }} {ERRORS} }} }}
"""
VALUE_REORDER = f"""
mutation AttributeValueReorder($id: ID!, $move: ReorderInput!) {{
  attributeReorderValues(attributeId: $id, moves: [$move]) {{
    attribute {{ choices(first: 10) {{ edges {{ node {{ name }} }} }} }} {ERRORS}
  }}
}}"""
BULK_DELETE = f"""
mutation AttributeBulkDelete($ids: [ID!]!) {{ attributeBulkDelete(ids: $ids) {{ count {ERRORS} }} }}
"""


async def colour() -> Attribute:
    attribute = await Attribute.create(name="Colour", slug="colour", type=AttributeType.PRODUCT_TYPE)
    for position, name in enumerate(("Red", "Blue")):
        await AttributeValue.create(attribute=attribute, name=name, slug=name.lower(), sort_order=position)
    return attribute


def gid(row: Attribute | AttributeValue) -> str:
    return to_global_id(type(row).__name__, row.id)


async def choice_names(attribute: Attribute) -> list[str]:
    return [value.name for value in await AttributeValue.filter(attribute_id=attribute.id).order_by("sort_order")]


async def test_the_operator_creates_a_dropdown_attribute_with_its_values(api, back_office: BackOffice):
    # when
    data = await api.ok(ATTRIBUTE_CREATE, {"input": {
        "name": "Colour", "type": "PRODUCT_TYPE", "inputType": "DROPDOWN", "valueRequired": True,
        "values": [{"name": "Red"}, {"name": "Sky Blue"}],
    }}, back_office.operator)

    # then
    created = data["attributeCreate"]
    assert created["errors"] == []
    details = await api.ok(ATTRIBUTE_DETAILS, {"id": created["attribute"]["id"], "firstValues": 10},
                           back_office.operator)
    assert details["attribute"] == {
        "id": created["attribute"]["id"], "name": "Colour", "slug": "colour", "type": "PRODUCT_TYPE",
        "visibleInStorefront": True, "filterableInDashboard": True, "filterableInStorefront": True, "unit": None,
        "inputType": "DROPDOWN", "availableInGrid": True, "storefrontSearchPosition": 0, "valueRequired": True,
        "choices": {"edges": [
            {"node": {"id": details["attribute"]["choices"]["edges"][0]["node"]["id"], "name": "Red", "slug": "red",
                      "inputType": "DROPDOWN"}},
            {"node": {"id": details["attribute"]["choices"]["edges"][1]["node"]["id"], "name": "Sky Blue",
                      "slug": "sky-blue", "inputType": "DROPDOWN"}},
        ]},
        "productTypes": {"edges": []},
    }


async def test_a_numeric_attribute_keeps_its_unit_and_takes_no_values(api, back_office: BackOffice):
    # when
    created = await api.ok(ATTRIBUTE_CREATE, {"input": {
        "name": "Capacity", "type": "PRODUCT_TYPE", "inputType": "NUMERIC", "unit": "LITER",
    }}, back_office.operator)
    refused = await api.ok(ATTRIBUTE_CREATE, {"input": {
        "name": "Weight", "type": "PRODUCT_TYPE", "inputType": "NUMERIC", "values": [{"name": "1"}],
    }}, back_office.operator)

    # then
    assert created["attributeCreate"]["errors"] == []
    capacity = await Attribute.get(slug="capacity")
    assert (capacity.input_type, capacity.unit) == (AttributeInputType.NUMERIC, "LITER")
    assert refused["attributeCreate"]["errors"] == [
        {"code": "INVALID", "field": "values", "message": "Values cannot be used with input type NUMERIC."}
    ]
    assert await Attribute.filter(slug="weight").exists() is False


async def test_a_taken_slug_and_values_named_alike_are_refused_and_nothing_is_created(api, back_office: BackOffice):
    # given
    await colour()

    # when
    taken = await api.ok(ATTRIBUTE_CREATE, {"input": {"name": "Colour", "type": "PRODUCT_TYPE"}}, back_office.operator)
    twice = await api.ok(ATTRIBUTE_CREATE, {"input": {
        "name": "Size", "type": "PRODUCT_TYPE", "values": [{"name": "Large"}, {"name": "large"}],
    }}, back_office.operator)

    # then
    assert taken["attributeCreate"]["errors"] == [
        {"code": "UNIQUE", "field": "slug", "message": "Attribute with this Slug already exists."}
    ]
    assert twice["attributeCreate"]["errors"] == [
        {"code": "ALREADY_EXISTS", "field": "values", "message": "Provided values are not unique."}
    ]
    assert await Attribute.all().count() == 1
    assert await AttributeValue.all().count() == 2


async def test_a_customer_attribute_is_refused_and_listing_that_type_finds_none(api, back_office: BackOffice):
    # given
    await colour()

    # when
    created = await api.ok(ATTRIBUTE_CREATE, {"input": {"name": "Hobby", "type": "CUSTOMER_TYPE"}},
                           back_office.operator)
    listed = await api.ok(ATTRIBUTE_LIST, {"first": 10, "filter": {"type": "CUSTOMER_TYPE"}}, back_office.operator)

    # then
    assert created["attributeCreate"]["errors"] == [{
        "code": "INVALID", "field": "type",
        "message": "The points mall stores attributes of gifts and content pages only.",
    }]
    assert listed["attributes"]["edges"] == []
    assert await Attribute.all().count() == 1


async def test_a_partner_may_not_create_or_change_attributes(api, back_office: BackOffice):
    # given
    attribute = await colour()

    # when
    created = await api.post(ATTRIBUTE_CREATE, {"input": {"name": "Rogue", "type": "PRODUCT_TYPE"}}, back_office.acme)
    renamed = await api.post(ATTRIBUTE_UPDATE, {"id": gid(attribute), "input": {"name": "Hue"}}, back_office.acme)

    # then
    assert created.error_codes == ["PermissionDenied"]
    assert renamed.error_codes == ["PermissionDenied"]
    assert await Attribute.filter(slug="rogue").exists() is False
    assert (await Attribute.get(id=attribute.id)).name == "Colour"


async def test_the_operator_renames_adds_and_removes_values_at_once(api, back_office: BackOffice):
    # given
    attribute = await colour()
    red = await AttributeValue.get(slug="red")

    # when
    data = await api.ok(ATTRIBUTE_UPDATE, {"id": gid(attribute), "input": {
        "name": "Shade", "addValues": [{"name": "Green"}], "removeValues": [gid(red)],
    }}, back_office.operator)

    # then
    assert data["attributeUpdate"] == {"errors": [], "attribute": {
        "name": "Shade", "choices": {"edges": [{"node": {"name": "Blue"}}, {"node": {"name": "Green"}}]},
    }}


async def test_removing_a_value_of_another_attribute_is_refused_and_nothing_changes(api, back_office: BackOffice):
    # given
    attribute = await colour()
    other = await Attribute.create(name="Size", slug="size", type=AttributeType.PRODUCT_TYPE)
    large = await AttributeValue.create(attribute=other, name="Large", slug="large")

    # when
    data = await api.ok(ATTRIBUTE_UPDATE, {"id": gid(attribute), "input": {
        "name": "Shade", "addValues": [{"name": "Green"}], "removeValues": [gid(large)],
    }}, back_office.operator)

    # then
    assert data["attributeUpdate"]["errors"] == [
        {"code": "NOT_FOUND", "field": "removeValues", "message": "Value does not belong to this attribute."}
    ]
    assert (await Attribute.get(id=attribute.id)).name == "Colour"
    assert await choice_names(attribute) == ["Red", "Blue"]
    assert await AttributeValue.filter(id=large.id).exists() is True


async def test_values_are_created_renamed_reordered_and_deleted(api, back_office: BackOffice):
    # given
    attribute = await colour()
    blue = await AttributeValue.get(slug="blue")

    # when
    created = await api.ok(VALUE_CREATE, {"id": gid(attribute), "input": {"name": "Gold"}}, back_office.operator)
    clash = await api.ok(VALUE_CREATE, {"id": gid(attribute), "input": {"name": "Red"}}, back_office.operator)
    renamed = await api.ok(VALUE_UPDATE, {"id": gid(blue), "input": {"name": "Navy"}}, back_office.operator)
    moved = await api.ok(VALUE_REORDER, {"id": gid(attribute), "move": {"id": gid(blue), "sortOrder": -1}},
                         back_office.operator)
    deleted = await api.ok(VALUE_DELETE, {"id": gid(blue)}, back_office.operator)

    # then
    assert created["attributeValueCreate"]["attribute"]["choices"]["edges"][-1] == {
        "node": {"name": "Gold", "slug": "gold"}
    }
    assert clash["attributeValueCreate"]["errors"] == [
        {"code": "UNIQUE", "field": "name", "message": "Attribute value with this slug already exists."}
    ]
    assert renamed["attributeValueUpdate"] == {"errors": [], "attributeValue": {"name": "Navy", "slug": "navy"}}
    assert [edge["node"]["name"] for edge in moved["attributeReorderValues"]["attribute"]["choices"]["edges"]] == [
        "Navy", "Red", "Gold"
    ]
    assert deleted["attributeValueDelete"] == {"errors": [], "attributeValue": {"name": "Navy"}}
    assert await choice_names(attribute) == ["Red", "Gold"]


async def test_bulk_delete_is_all_or_nothing(api, back_office: BackOffice):
    # given
    attribute = await colour()
    missing = to_global_id("Attribute", attribute.id + 100)

    # when
    refused = await api.ok(BULK_DELETE, {"ids": [gid(attribute), missing]}, back_office.operator)
    deleted = await api.ok(BULK_DELETE, {"ids": [gid(attribute)]}, back_office.operator)

    # then
    assert refused["attributeBulkDelete"] == {"count": 0, "errors": [
        {"code": "NOT_FOUND", "field": "ids", "message": f"Couldn't resolve to a node: {missing}"}
    ]}
    assert deleted["attributeBulkDelete"] == {"count": 1, "errors": []}
    assert await Attribute.all().count() == 0
    assert await AttributeValue.all().count() == 0


async def test_the_list_filters_searches_and_sorts_and_hides_invisible_attributes_from_visitors(
    api, back_office: BackOffice
):
    # given
    await colour()
    await Attribute.create(name="Capacity", slug="capacity", type=AttributeType.PRODUCT_TYPE,
                           input_type=AttributeInputType.NUMERIC)
    await Attribute.create(name="Supplier code", slug="supplier-code", type=AttributeType.PRODUCT_TYPE,
                           input_type=AttributeInputType.PLAIN_TEXT, visible_in_storefront=False)
    await Attribute.create(name="Topic", slug="topic", type=AttributeType.PAGE_TYPE)

    # when
    by_name = await api.ok(ATTRIBUTE_LIST, {"first": 10, "filter": {"type": "PRODUCT_TYPE"},
                                            "sort": {"field": "NAME", "direction": "DESC"}}, back_office.operator)
    searched = await api.ok(ATTRIBUTE_LIST, {"first": 10, "filter": {"search": "CAPA"}}, back_office.operator)
    visitors = await api.ok(ATTRIBUTE_LIST, {"first": 10, "filter": {"type": "PRODUCT_TYPE"}})
    first_page = await api.ok(ATTRIBUTE_LIST, {"first": 1, "sort": {"field": "VISIBLE_IN_STOREFRONT",
                                                                     "direction": "ASC"}}, back_office.operator)
    next_page = await api.ok(ATTRIBUTE_LIST, {"first": 1, "after": first_page["attributes"]["pageInfo"]["endCursor"],
                                              "sort": {"field": "VISIBLE_IN_STOREFRONT", "direction": "ASC"}},
                             back_office.operator)

    # then
    assert [edge["node"]["slug"] for edge in by_name["attributes"]["edges"]] == [
        "supplier-code", "colour", "capacity"
    ]
    assert [edge["node"]["slug"] for edge in searched["attributes"]["edges"]] == ["capacity"]
    assert [edge["node"]["slug"] for edge in visitors["attributes"]["edges"]] == ["capacity", "colour"]
    assert [edge["node"]["slug"] for edge in first_page["attributes"]["edges"]] == ["supplier-code"]
    assert [edge["node"]["visibleInStorefront"] for edge in next_page["attributes"]["edges"]] == [True]


ATTRIBUTE_WHERE = """
query AttributesWhere($where: AttributeWhereInput) {
  attributes(first: 10, where: $where, sortBy: {field: SLUG, direction: ASC}) { edges { node { slug } } }
}"""


async def test_where_applies_its_nested_and_and_or_lists(api, back_office: BackOffice):
    # given
    await colour()
    await Attribute.create(name="Capacity", slug="capacity", type=AttributeType.PRODUCT_TYPE,
                           input_type=AttributeInputType.NUMERIC, unit="LITER")
    await Attribute.create(name="Engraving", slug="engraving", type=AttributeType.PRODUCT_TYPE,
                           input_type=AttributeInputType.PLAIN_TEXT)

    async def slugs(where: dict) -> list[str]:
        data = await api.ok(ATTRIBUTE_WHERE, {"where": where}, back_office.operator)
        return [edge["node"]["slug"] for edge in data["attributes"]["edges"]]

    # when
    either = await slugs({"OR": [{"slug": {"eq": "colour"}}, {"inputType": {"eq": "NUMERIC"}}]})
    both = await slugs({"AND": [{"withChoices": False}, {"slug": {"oneOf": ["capacity", "colour"]}}]})
    by_unit = await slugs({"unit": {"eq": "LITER"}})
    references = await slugs({"entityType": {"eq": "PRODUCT"}})

    # then
    assert either == ["capacity", "colour"]
    assert both == ["capacity"]
    assert by_unit == ["capacity"]
    assert references == []
