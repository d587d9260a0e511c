"""Values pages carry for their page type's attributes (pageCreate/pageUpdate `attributes`, checked as gifts'
are), read as `attributes`, `attribute(slug)` and Saleor's newer `assignedAttribute(s)` (also on products and
variants), filtered by `pages(where: {attributes})`; and the attribute list's `where` by category, collection and
metadata. The documents follow the Dashboard's (modeling/), written here with the fields they read."""

from __future__ import annotations

from catalog.models import (
    AssignedPageAttributeValue,
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeInputType,
    AttributePage,
    AttributeProduct,
    AttributeType,
    AttributeValue,
    AttributeVariant,
    Page,
    PageType,
)
from mall.graphql.ids import to_global_id
from tests.catalog.factories import make_collection
from tests.catalog.graphql.admin.conftest import BackOffice

SELECTED = "attributes { attribute { slug inputType } values { name slug plainText boolean date } }"
ASSIGNED = """
  assignedAttributes(limit: 10) {
    __typename attribute { slug }
    ... on AssignedSingleChoiceAttribute { choice: value { name slug } }
    ... on AssignedMultiChoiceAttribute { choices: value { name slug } }
    ... on AssignedPlainTextAttribute { text: value }
    ... on AssignedBooleanAttribute { flag: value }
    ... on AssignedNumericAttribute { number: value }
    ... on AssignedDateAttribute { day: value }
    ... on AssignedSwatchAttribute { swatch: value { name hexColor } }
  }"""
CREATE = f"""
mutation PageCreate($input: PageCreateInput!) {{
  pageCreate(input: $input) {{
    errors {{ code field message attributes }}
    page {{ id title pageType {{ id name }} {SELECTED} {ASSIGNED} }}
  }}
}}"""
UPDATE = f"""
mutation PageUpdate($id: ID!, $input: PageInput!) {{
  pageUpdate(id: $id, input: $input) {{ errors {{ code field message }} page {{ {SELECTED} }} }}
}}"""
PAGE = f"""
query PageDetails($id: ID!) {{
  page(id: $id) {{
    title pageType {{ id name }}
    attribute(slug: "topic") {{ values {{ name }} }}
    one: assignedAttribute(slug: "audience") {{ attribute {{ slug }}
      ... on AssignedMultiChoiceAttribute {{ value {{ slug }} }} }}
    {SELECTED} {ASSIGNED}
  }}
}}"""
MODELS_OF_TYPE = """
query ModelsOfType($pageTypeId: ID!) {
  pages(first: 100, where: {pageType: {eq: $pageTypeId}}) { edges { node { id title } } }
}"""
PAGES_WHERE = """
query Pages($where: PageWhereInput, $filter: PageFilterInput) {
  pages(first: 10, where: $where, filter: $filter) { edges { node { slug } } totalCount }
}"""
PAGE_COUNT = """query PageCount($filter: PageFilterInput) { pages(filter: $filter) { totalCount } }"""
ATTRIBUTES_WHERE = """
query SearchAttributes($where: AttributeWhereInput, $first: Int) {
  attributes(first: $first, where: $where) { edges { node { slug } } }
}"""


def gid(kind: str, pk: int) -> str:
    return to_global_id(kind, pk)


async def promotion_type() -> tuple[PageType, dict[str, Attribute]]:
    """A page type with a single-choice topic, a required multi-choice audience, a text, a yes-no and a date."""
    page_type = await PageType.create(name="Promotion", slug="promotion")
    kinds = {
        "topic": AttributeInputType.DROPDOWN,
        "audience": AttributeInputType.MULTISELECT,
        "summary": AttributeInputType.PLAIN_TEXT,
        "featured": AttributeInputType.BOOLEAN,
        "starts": AttributeInputType.DATE,
    }
    attributes = {}
    for position, (slug, kind) in enumerate(kinds.items()):
        attributes[slug] = await Attribute.create(
            name=slug.title(),
            slug=slug,
            type=AttributeType.PAGE_TYPE,
            input_type=kind,
            value_required=slug == "audience",
        )
        await AttributePage.create(page_type=page_type, attribute=attributes[slug], sort_order=position)
    for name in ("Seasonal", "Partners"):
        await AttributeValue.create(attribute=attributes["topic"], name=name, slug=name.lower())
    for position, name in enumerate(("Members", "Staff")):
        await AttributeValue.create(attribute=attributes["audience"], name=name, slug=name.lower(), sort_order=position)
    return page_type, attributes


def values_input(attributes: dict[str, Attribute], topic: str = "seasonal") -> list[dict]:
    return [
        {"id": gid("Attribute", attributes["topic"].id), "dropdown": {"value": topic}},
        {"id": gid("Attribute", attributes["audience"].id), "multiselect": [{"value": "members"}, {"value": "staff"}]},
        {"id": gid("Attribute", attributes["summary"].id), "plainText": "Double points in spring"},
        {"id": gid("Attribute", attributes["featured"].id), "boolean": True},
        {"id": gid("Attribute", attributes["starts"].id), "date": "2027-03-01"},
    ]


async def test_a_page_is_created_with_its_types_attribute_values(api, back_office: BackOffice):
    # given
    page_type, attributes = await promotion_type()

    # when
    data = await api.ok(
        CREATE,
        {
            "input": {
                "title": "Spring",
                "pageType": gid("PageType", page_type.id),
                "attributes": values_input(attributes),
            }
        },
        back_office.operator,
    )

    # then
    page = data["pageCreate"]["page"]
    assert data["pageCreate"]["errors"] == []
    assert page["pageType"] == {"id": gid("PageType", page_type.id), "name": "Promotion"}
    assert [(a["attribute"]["slug"], [v["name"] for v in a["values"]]) for a in page["attributes"]] == [
        ("topic", ["Seasonal"]),
        ("audience", ["Members", "Staff"]),
        ("summary", ["Double points in spring"]),
        ("featured", ["Featured: Yes"]),
        ("starts", ["2027-03-01"]),
    ]
    assert page["assignedAttributes"] == [
        {
            "__typename": "AssignedSingleChoiceAttribute",
            "attribute": {"slug": "topic"},
            "choice": {"name": "Seasonal", "slug": "seasonal"},
        },
        {
            "__typename": "AssignedMultiChoiceAttribute",
            "attribute": {"slug": "audience"},
            "choices": [{"name": "Members", "slug": "members"}, {"name": "Staff", "slug": "staff"}],
        },
        {
            "__typename": "AssignedPlainTextAttribute",
            "attribute": {"slug": "summary"},
            "text": "Double points in spring",
        },
        {"__typename": "AssignedBooleanAttribute", "attribute": {"slug": "featured"}, "flag": True},
        {"__typename": "AssignedDateAttribute", "attribute": {"slug": "starts"}, "day": "2027-03-01"},
    ]


async def test_a_page_without_a_required_value_or_with_a_foreign_attribute_is_not_saved(api, back_office: BackOffice):
    # given
    page_type, attributes = await promotion_type()
    colour = await Attribute.create(name="Colour", slug="colour", type=AttributeType.PRODUCT_TYPE)
    type_id = gid("PageType", page_type.id)

    # when
    missing = await api.ok(
        CREATE,
        {
            "input": {
                "title": "Spring",
                "pageType": type_id,
                "attributes": [{"id": gid("Attribute", attributes["topic"].id), "dropdown": {"value": "seasonal"}}],
            }
        },
        back_office.operator,
    )
    foreign = await api.ok(
        CREATE,
        {
            "input": {
                "title": "Spring",
                "pageType": type_id,
                "attributes": [*values_input(attributes), {"id": gid("Attribute", colour.id), "values": ["red"]}],
            }
        },
        back_office.operator,
    )
    unknown_choice = await api.ok(
        CREATE,
        {"input": {"title": "Spring", "pageType": type_id, "attributes": values_input(attributes, topic="nope")}},
        back_office.operator,
    )

    # then
    assert missing["pageCreate"]["errors"] == [
        {"code": "REQUIRED", "field": "attributes", "attributes": None, "message": "Values are required for: audience."}
    ]
    assert foreign["pageCreate"]["errors"][0]["code"] == "NOT_FOUND"
    assert unknown_choice["pageCreate"]["errors"] == [
        {
            "code": "INVALID",
            "field": "attributes",
            "attributes": None,
            "message": "topic: 'nope' is not one of its choices.",
        }
    ]
    assert await Page.all().count() == 0
    assert await AssignedPageAttributeValue.all().count() == 0


async def test_an_update_replaces_the_values_it_names_and_keeps_the_others(api, back_office: BackOffice):
    # given
    page_type, attributes = await promotion_type()
    created = await api.ok(
        CREATE,
        {
            "input": {
                "title": "Spring",
                "pageType": gid("PageType", page_type.id),
                "attributes": values_input(attributes),
            }
        },
        back_office.operator,
    )
    page_id = created["pageCreate"]["page"]["id"]

    # when
    data = await api.ok(
        UPDATE,
        {
            "id": page_id,
            "input": {
                "attributes": [{"id": gid("Attribute", attributes["topic"].id), "dropdown": {"value": "partners"}}]
            },
        },
        back_office.operator,
    )
    refused = await api.ok(
        UPDATE,
        {
            "id": page_id,
            "input": {
                "title": "Changed",
                "attributes": [{"id": gid("Attribute", attributes["audience"].id), "multiselect": []}],
            },
        },
        back_office.operator,
    )

    # then
    shown = {a["attribute"]["slug"]: [v["slug"] for v in a["values"]] for a in data["pageUpdate"]["page"]["attributes"]}
    assert shown["topic"] == ["partners"]
    assert shown["audience"] == ["members", "staff"]
    assert refused["pageUpdate"]["errors"] == [
        {"code": "REQUIRED", "field": "attributes", "message": "audience requires a value."}
    ]
    assert await Page.filter(title="Spring").count() == 1


async def test_a_page_reads_its_values_and_pages_are_filtered_by_them(api, back_office: BackOffice):
    # given
    page_type, attributes = await promotion_type()
    type_id = gid("PageType", page_type.id)
    spring = await api.ok(
        CREATE,
        {
            "input": {
                "title": "Spring",
                "pageType": type_id,
                "isPublished": True,
                "attributes": values_input(attributes),
            }
        },
        back_office.operator,
    )
    await api.ok(
        CREATE,
        {
            "input": {
                "title": "Autumn",
                "pageType": type_id,
                "isPublished": True,
                "attributes": values_input(attributes, topic="partners"),
            }
        },
        back_office.operator,
    )
    await Page.create(title="About", slug="about")

    # when
    page = await api.ok(PAGE, {"id": spring["pageCreate"]["page"]["id"]}, back_office.operator)
    of_type = await api.ok(MODELS_OF_TYPE, {"pageTypeId": type_id}, back_office.operator)
    by_topic = await api.ok(
        PAGES_WHERE,
        {"where": {"attributes": [{"slug": "topic", "value": {"slug": {"eq": "seasonal"}}}]}},
        back_office.operator,
    )
    by_flag = await api.ok(
        PAGES_WHERE, {"where": {"attributes": [{"slug": "featured", "value": {"boolean": True}}]}}, back_office.operator
    )
    by_type = await api.ok(PAGE_COUNT, {"filter": {"pageTypes": [type_id]}}, back_office.operator)

    # then
    assert page["page"]["attribute"] == {"values": [{"name": "Seasonal"}]}
    assert page["page"]["one"] == {"attribute": {"slug": "audience"}, "value": [{"slug": "members"}, {"slug": "staff"}]}
    assert [edge["node"]["title"] for edge in of_type["pages"]["edges"]] == ["Autumn", "Spring"]
    assert [edge["node"]["slug"] for edge in by_topic["pages"]["edges"]] == ["spring"]
    assert [edge["node"]["slug"] for edge in by_flag["pages"]["edges"]] == ["autumn", "spring"]
    assert by_type["pages"]["totalCount"] == 2


async def test_gifts_and_variants_answer_their_assigned_attributes(api, back_office: BackOffice):
    # given
    material = await Attribute.create(
        name="Material", slug="material", type=AttributeType.PRODUCT_TYPE, input_type=AttributeInputType.DROPDOWN
    )
    volume = await Attribute.create(
        name="Volume", slug="volume", type=AttributeType.PRODUCT_TYPE, input_type=AttributeInputType.NUMERIC
    )
    steel = await AttributeValue.create(attribute=material, name="Steel", slug="steel")
    litres = await AttributeValue.create(attribute=volume, name="1.5", slug="variant-1", numeric=1.5)
    await AttributeProduct.create(product_type=back_office.product_type, attribute=material)
    await AttributeVariant.create(product_type=back_office.product_type, attribute=volume)
    await AssignedProductAttributeValue.create(product=back_office.acme_gift, value=steel)
    await AssignedVariantAttributeValue.create(variant=back_office.acme_sizes[0], value=litres)
    query = f"""query($id: ID!) {{ product(id: $id) {{
      one: assignedAttribute(slug: "material") {{ ... on AssignedSingleChoiceAttribute {{ value {{ name }} }} }}
      none: assignedAttribute(slug: "nothing") {{ attribute {{ slug }} }}
      {ASSIGNED}
      variants {{ {ASSIGNED} }} }} }}"""

    # when
    data = await api.ok(query, {"id": back_office.gid(back_office.acme_gift)}, back_office.operator)

    # then
    product = data["product"]
    assert product["one"] == {"value": {"name": "Steel"}}
    assert product["none"] is None
    assert product["assignedAttributes"] == [
        {
            "__typename": "AssignedSingleChoiceAttribute",
            "attribute": {"slug": "material"},
            "choice": {"name": "Steel", "slug": "steel"},
        }
    ]
    assert product["variants"][0]["assignedAttributes"] == [
        {"__typename": "AssignedNumericAttribute", "attribute": {"slug": "volume"}, "number": 1.5}
    ]
    assert product["variants"][1]["assignedAttributes"] == [
        {"__typename": "AssignedNumericAttribute", "attribute": {"slug": "volume"}, "number": None}
    ]


async def test_the_attribute_list_where_applies_category_collection_and_metadata(api, back_office: BackOffice):
    # given: the kettle (Kitchen) has material, the scarf (in a collection) has a type assigning fabric
    material = await Attribute.create(
        name="Material", slug="material", type=AttributeType.PRODUCT_TYPE, metadata={"group": "physical"}
    )
    await Attribute.create(name="Fabric", slug="fabric", type=AttributeType.PRODUCT_TYPE)
    await Attribute.create(name="Topic", slug="topic", type=AttributeType.PAGE_TYPE, metadata={"group": "content"})
    await AttributeProduct.create(product_type=back_office.product_type, attribute=material)
    scarf_type = await back_office.beta_gift.product_type
    if scarf_type.id == back_office.product_type.id:
        scarf_type = await type(scarf_type).create(name="Textiles", slug="textiles")
        back_office.beta_gift.product_type = scarf_type
        await back_office.beta_gift.save()
    await AttributeProduct.create(product_type=scarf_type, attribute=await Attribute.get(slug="fabric"))
    winter = await make_collection("Winter", [back_office.channel], [back_office.beta_gift])
    kitchen_id = to_global_id("Category", back_office.acme_gift.category_id)  # type: ignore[attr-defined]

    # when
    in_category = await api.ok(
        ATTRIBUTES_WHERE, {"first": 10, "where": {"inCategory": kitchen_id}}, back_office.operator
    )
    in_collection = await api.ok(
        ATTRIBUTES_WHERE, {"first": 10, "where": {"inCollection": gid("Collection", winter.id)}}, back_office.operator
    )
    by_metadata = await api.ok(
        ATTRIBUTES_WHERE,
        {"first": 10, "where": {"metadata": [{"key": "group", "value": "content"}]}},
        back_office.operator,
    )
    any_group = await api.ok(
        ATTRIBUTES_WHERE, {"first": 10, "where": {"metadata": [{"key": "group"}]}}, back_office.operator
    )

    # then
    def slugs(data: dict) -> list[str]:
        return [edge["node"]["slug"] for edge in data["attributes"]["edges"]]

    assert slugs(in_category) == ["material"]
    assert slugs(in_collection) == ["fabric"]
    assert slugs(by_metadata) == ["topic"]
    assert slugs(any_group) == ["material", "topic"]
