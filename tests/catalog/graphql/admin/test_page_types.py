"""Page types from the Dashboard's "Models" pages (catalog/graphql/admin/page_types.py): created, listed, edited,
assigned page attributes and deleted by the operator; partner and bank staff refused; every refusal writes
nothing. The documents are the Dashboard's operations (modelTypes/), written here with the fields they read."""

from __future__ import annotations

from catalog.models import (
    CONTENT_PAGE_TYPE_ID,
    AssignedPageAttributeValue,
    Attribute,
    AttributePage,
    AttributeType,
    AttributeValue,
    Page,
    PageType,
)
from mall.graphql.ids import to_global_id
from tests.catalog.factories import make_page
from tests.catalog.graphql.admin.conftest import BackOffice

PAGE_ERROR = "fragment PageError on PageError { code field message }"
DETAILS = """
fragment PageTypeDetails on PageType {
  id name hasPages
  metadata { key value } privateMetadata { key value }
  attributes { id name slug type visibleInStorefront filterableInDashboard filterableInStorefront unit inputType
               valueRequired }
}"""
CREATE = (
    """
mutation PageTypeCreate($input: PageTypeCreateInput!) {
  pageTypeCreate(input: $input) { errors { ...PageError } pageType { ...PageTypeDetails } }
}"""
    + PAGE_ERROR
    + DETAILS
)
UPDATE = (
    """
mutation PageTypeUpdate($id: ID!, $input: PageTypeUpdateInput!) {
  pageTypeUpdate(id: $id, input: $input) { errors { ...PageError } pageType { ...PageTypeDetails } }
}"""
    + PAGE_ERROR
    + DETAILS
)
DELETE = """
mutation PageTypeDelete($id: ID!) {
  pageTypeDelete(id: $id) { errors { code field message } pageType { id } }
}"""
BULK_DELETE = """
mutation PageTypeBulkDelete($ids: [ID!]!) { pageTypeBulkDelete(ids: $ids) { errors { code field message } } }"""
ASSIGN = (
    """
mutation AssignPageAttribute($id: ID!, $ids: [ID!]!) {
  pageAttributeAssign(pageTypeId: $id, attributeIds: $ids) { errors { ...PageError } pageType { ...PageTypeDetails } }
}"""
    + PAGE_ERROR
    + DETAILS
)
UNASSIGN = (
    """
mutation UnassignPageAttribute($id: ID!, $ids: [ID!]!) {
  pageAttributeUnassign(pageTypeId: $id, attributeIds: $ids) {
    errors { ...PageError } pageType { ...PageTypeDetails }
  }
}"""
    + PAGE_ERROR
    + DETAILS
)
REORDER = (
    """
mutation PageTypeAttributeReorder($move: ReorderInput!, $pageTypeId: ID!) {
  pageTypeReorderAttributes(moves: [$move], pageTypeId: $pageTypeId) {
    errors { ...PageError } pageType { ...PageTypeDetails }
  }
}"""
    + PAGE_ERROR
    + DETAILS
)
LIST = """
query PageTypeList($after: String, $before: String, $first: Int, $last: Int, $filter: PageTypeFilterInput,
                   $sort: PageTypeSortingInput) {
  pageTypes(after: $after, before: $before, first: $first, last: $last, filter: $filter, sortBy: $sort) {
    edges { node { id name hasPages } }
    pageInfo { endCursor hasNextPage hasPreviousPage startCursor }
    totalCount
  }
}"""
PAGE_TYPE_DETAILS = (
    """
query PageTypeDetails($id: ID!) { pageType(id: $id) { ...PageTypeDetails } }"""
    + DETAILS
)
AVAILABLE = """
query AvailablePageAttributes($id: ID!, $first: Int, $query: String) {
  pageType(id: $id) {
    availableAttributes(first: $first, where: {name: {oneOf: []}}, search: $query) { edges { node { slug } } }
  }
}"""
AVAILABLE_ALL = """
query AvailablePageAttributes($id: ID!, $first: Int) {
  pageType(id: $id) { availableAttributes(first: $first) { edges { node { slug } } totalCount } }
}"""


def gid(kind: str, pk: int) -> str:
    return to_global_id(kind, pk)


async def page_attribute(slug: str, **extra: object) -> Attribute:
    return await Attribute.create(name=slug.title(), slug=slug, type=AttributeType.PAGE_TYPE, **extra)


async def product_attribute(slug: str) -> Attribute:
    return await Attribute.create(name=slug.title(), slug=slug, type=AttributeType.PRODUCT_TYPE)


async def assigned_slugs(page_type: PageType) -> list[str]:
    links = await AttributePage.filter(page_type_id=page_type.id).order_by("sort_order").prefetch_related("attribute")
    return [link.attribute.slug for link in links]


async def test_the_operator_creates_a_page_type_with_page_attributes(api, back_office: BackOffice):
    # given
    topic = await page_attribute("topic")
    audience = await page_attribute("audience", value_required=True)

    # when
    data = await api.ok(
        CREATE,
        {
            "input": {
                "name": " Promotion ",
                "addAttributes": [gid("Attribute", audience.id), gid("Attribute", topic.id)],
            }
        },
        back_office.operator,
    )

    # then
    created = await PageType.get(slug="promotion")
    assert data["pageTypeCreate"]["errors"] == []
    assert data["pageTypeCreate"]["pageType"]["id"] == gid("PageType", created.id)
    assert data["pageTypeCreate"]["pageType"]["name"] == "Promotion"
    assert data["pageTypeCreate"]["pageType"]["hasPages"] is False
    assert [(a["slug"], a["type"], a["valueRequired"]) for a in data["pageTypeCreate"]["pageType"]["attributes"]] == [
        ("audience", "PAGE_TYPE", True),
        ("topic", "PAGE_TYPE", False),
    ]
    assert await assigned_slugs(created) == ["audience", "topic"]


async def test_a_product_attribute_cannot_go_on_a_page_type_and_nothing_is_saved(api, back_office: BackOffice):
    # given
    colour = await product_attribute("colour")
    topic = await page_attribute("topic")
    content = await PageType.get(id=CONTENT_PAGE_TYPE_ID)

    # when
    created = await api.ok(
        CREATE,
        {"input": {"name": "Promotion", "addAttributes": [gid("Attribute", topic.id), gid("Attribute", colour.id)]}},
        back_office.operator,
    )
    assigned = await api.ok(
        ASSIGN, {"id": gid("PageType", content.id), "ids": [gid("Attribute", colour.id)]}, back_office.operator
    )

    # then
    assert created["pageTypeCreate"] == {
        "errors": [
            {"code": "INVALID", "field": "addAttributes", "message": "Only page attributes can be assigned: colour."}
        ],
        "pageType": None,
    }
    assert assigned["pageAttributeAssign"] == {
        "errors": [
            {"code": "INVALID", "field": "attributeIds", "message": "Only page attributes can be assigned: colour."}
        ],
        "pageType": None,
    }
    assert await PageType.all().count() == 1
    assert await AttributePage.all().count() == 0


async def test_a_page_attribute_cannot_go_on_a_product_type(api, back_office: BackOffice):
    # given
    topic = await page_attribute("topic")
    assign = """mutation($id: ID!, $operations: [ProductAttributeAssignInput!]!) {
      productAttributeAssign(productTypeId: $id, operations: $operations) { errors { code field } } }"""

    # when
    data = await api.ok(
        assign,
        {
            "id": back_office.gid(back_office.product_type),
            "operations": [{"id": gid("Attribute", topic.id), "type": "PRODUCT"}],
        },
        back_office.operator,
    )

    # then
    assert data["productAttributeAssign"]["errors"] == [{"code": "ATTRIBUTE_CANNOT_BE_ASSIGNED", "field": "operations"}]


async def test_assigning_twice_is_refused_and_changes_nothing(api, back_office: BackOffice):
    # given
    topic = await page_attribute("topic")
    audience = await page_attribute("audience")
    page_type = await PageType.create(name="Promotion", slug="promotion")
    await AttributePage.create(page_type=page_type, attribute=topic, sort_order=0)

    # when
    data = await api.ok(
        ASSIGN,
        {"id": gid("PageType", page_type.id), "ids": [gid("Attribute", audience.id), gid("Attribute", topic.id)]},
        back_office.operator,
    )

    # then
    assert data["pageAttributeAssign"]["errors"] == [
        {
            "code": "ATTRIBUTE_ALREADY_ASSIGNED",
            "field": "attributeIds",
            "message": "topic is already assigned to this page type.",
        }
    ]
    assert await assigned_slugs(page_type) == ["topic"]


async def test_attributes_are_assigned_reordered_and_unassigned_with_their_values(api, back_office: BackOffice):
    # given
    topic = await page_attribute("topic")
    audience = await page_attribute("audience")
    page_type = await PageType.create(name="Promotion", slug="promotion")
    page = await Page.create(title="Spring", slug="spring", page_type=page_type)
    spring = await AttributeValue.create(attribute=topic, name="Seasonal", slug="seasonal")
    type_id = gid("PageType", page_type.id)

    # when
    assigned = await api.ok(
        ASSIGN,
        {"id": type_id, "ids": [gid("Attribute", topic.id), gid("Attribute", audience.id)]},
        back_office.operator,
    )
    await AssignedPageAttributeValue.create(page=page, value=spring)
    reordered = await api.ok(
        REORDER,
        {"pageTypeId": type_id, "move": {"id": gid("Attribute", audience.id), "sortOrder": -1}},
        back_office.operator,
    )
    unassigned = await api.ok(UNASSIGN, {"id": type_id, "ids": [gid("Attribute", topic.id)]}, back_office.operator)

    # then
    assert [a["slug"] for a in assigned["pageAttributeAssign"]["pageType"]["attributes"]] == ["topic", "audience"]
    assert [a["slug"] for a in reordered["pageTypeReorderAttributes"]["pageType"]["attributes"]] == [
        "audience",
        "topic",
    ]
    assert [a["slug"] for a in unassigned["pageAttributeUnassign"]["pageType"]["attributes"]] == ["audience"]
    assert await AssignedPageAttributeValue.filter(page_id=page.id).count() == 0
    assert await AttributeValue.filter(id=spring.id).exists()  # the choice stays on its attribute


async def test_reordering_an_attribute_the_type_lacks_is_refused(api, back_office: BackOffice):
    # given
    topic = await page_attribute("topic")
    page_type = await PageType.create(name="Promotion", slug="promotion")

    # when
    data = await api.ok(
        REORDER,
        {"pageTypeId": gid("PageType", page_type.id), "move": {"id": gid("Attribute", topic.id), "sortOrder": 1}},
        back_office.operator,
    )

    # then
    assert data["pageTypeReorderAttributes"]["errors"][0]["code"] == "NOT_FOUND"
    assert data["pageTypeReorderAttributes"]["pageType"] is None


async def test_the_operator_renames_a_page_type_and_swaps_attributes(api, back_office: BackOffice):
    # given
    topic = await page_attribute("topic")
    audience = await page_attribute("audience")
    page_type = await PageType.create(name="Promotion", slug="promotion")
    await AttributePage.create(page_type=page_type, attribute=topic)

    # when
    data = await api.ok(
        UPDATE,
        {
            "id": gid("PageType", page_type.id),
            "input": {
                "name": "Campaign",
                "slug": "campaign",
                "addAttributes": [gid("Attribute", audience.id)],
                "removeAttributes": [gid("Attribute", topic.id)],
            },
        },
        back_office.operator,
    )

    # then
    assert data["pageTypeUpdate"]["errors"] == []
    assert data["pageTypeUpdate"]["pageType"]["name"] == "Campaign"
    assert await PageType.get(id=page_type.id).values_list("name", "slug") == ("Campaign", "campaign")
    assert await assigned_slugs(page_type) == ["audience"]


async def test_an_update_to_a_taken_slug_or_blank_name_changes_nothing(api, back_office: BackOffice):
    # given
    page_type = await PageType.create(name="Promotion", slug="promotion")
    type_id = gid("PageType", page_type.id)

    # when
    taken = await api.ok(UPDATE, {"id": type_id, "input": {"slug": "content-page"}}, back_office.operator)
    blank = await api.ok(UPDATE, {"id": type_id, "input": {"name": "  "}}, back_office.operator)

    # then
    assert taken["pageTypeUpdate"]["errors"] == [
        {"code": "UNIQUE", "field": "slug", "message": "Page type with this Slug already exists."}
    ]
    assert blank["pageTypeUpdate"]["errors"] == [
        {"code": "REQUIRED", "field": "name", "message": "This field is required."}
    ]
    assert await PageType.get(id=page_type.id).values_list("name", "slug") == ("Promotion", "promotion")


async def test_page_types_are_listed_searched_and_sorted(api, back_office: BackOffice):
    # given
    await PageType.create(name="Promotion", slug="promo")
    await PageType.create(name="Answers", slug="faq")
    await make_page("About the programme", "about")

    # when
    by_name = await api.ok(LIST, {"first": 2, "sort": {"direction": "ASC", "field": "NAME"}}, back_office.operator)
    by_slug = await api.ok(LIST, {"first": 10, "sort": {"direction": "DESC", "field": "SLUG"}}, back_office.operator)
    searched = await api.ok(LIST, {"first": 10, "filter": {"search": "promo"}}, back_office.operator)
    slugs = await api.ok(LIST, {"first": 10, "filter": {"slugs": ["faq", "content-page"]}}, back_office.operator)
    next_page = await api.ok(
        LIST,
        {
            "first": 2,
            "after": by_name["pageTypes"]["pageInfo"]["endCursor"],
            "sort": {"direction": "ASC", "field": "NAME"},
        },
        back_office.operator,
    )

    # then
    def names(data: dict) -> list[tuple[str, bool]]:
        return [(edge["node"]["name"], edge["node"]["hasPages"]) for edge in data["pageTypes"]["edges"]]

    assert names(by_name) == [("Answers", False), ("Content page", True)]
    assert by_name["pageTypes"]["pageInfo"]["hasNextPage"] is True
    assert by_name["pageTypes"]["totalCount"] == 3
    assert names(next_page) == [("Promotion", False)]
    assert names(by_slug) == [("Promotion", False), ("Answers", False), ("Content page", True)]
    assert names(searched) == [("Promotion", False)]
    assert names(slugs) == [("Answers", False), ("Content page", True)]


async def test_a_page_type_shows_the_page_attributes_it_can_still_take(api, back_office: BackOffice):
    # given
    topic = await page_attribute("topic")
    await page_attribute("audience")
    await product_attribute("colour")
    page_type = await PageType.create(name="Promotion", slug="promotion")
    await AttributePage.create(page_type=page_type, attribute=topic)

    # when
    data = await api.ok(AVAILABLE_ALL, {"id": gid("PageType", page_type.id), "first": 10}, back_office.operator)
    details = await api.ok(PAGE_TYPE_DETAILS, {"id": gid("PageType", page_type.id)}, back_office.operator)

    # then
    assert [edge["node"]["slug"] for edge in data["pageType"]["availableAttributes"]["edges"]] == ["audience"]
    assert [a["slug"] for a in details["pageType"]["attributes"]] == ["topic"]


async def test_a_page_type_in_use_or_the_built_in_one_is_not_deleted(api, back_office: BackOffice):
    # given
    used = await PageType.create(name="Promotion", slug="promotion")
    unused = await PageType.create(name="Answers", slug="faq")
    await Page.create(title="Spring", slug="spring", page_type=used)

    # when
    in_use = await api.ok(DELETE, {"id": gid("PageType", used.id)}, back_office.operator)
    built_in = await api.ok(DELETE, {"id": gid("PageType", CONTENT_PAGE_TYPE_ID)}, back_office.operator)
    bulk = await api.ok(
        BULK_DELETE, {"ids": [gid("PageType", unused.id), gid("PageType", used.id)]}, back_office.operator
    )

    # then
    assert in_use["pageTypeDelete"] == {
        "errors": [{"code": "INVALID", "field": "id", "message": "1 page(s) use this page type: delete them first."}],
        "pageType": None,
    }
    assert built_in["pageTypeDelete"]["errors"][0]["code"] == "INVALID"
    assert bulk["pageTypeBulkDelete"]["errors"] == [
        {"code": "INVALID", "field": "ids", "message": "1 page(s) use this page type: delete them first."}
    ]
    assert await PageType.all().order_by("slug").values_list("slug", flat=True) == ["content-page", "faq", "promotion"]


async def test_unused_page_types_are_deleted(api, back_office: BackOffice):
    # given
    one = await PageType.create(name="Promotion", slug="promotion")
    two = await PageType.create(name="Answers", slug="faq")
    three = await PageType.create(name="Legal", slug="legal")

    # when
    single = await api.ok(DELETE, {"id": gid("PageType", one.id)}, back_office.operator)
    bulk = await api.ok(
        BULK_DELETE, {"ids": [gid("PageType", two.id), gid("PageType", three.id)]}, back_office.operator
    )

    # then
    assert single["pageTypeDelete"] == {"errors": [], "pageType": {"id": gid("PageType", one.id)}}
    assert bulk["pageTypeBulkDelete"] == {"errors": []}
    assert await PageType.all().values_list("slug", flat=True) == ["content-page"]


async def test_partner_and_bank_staff_cannot_change_page_types(api, back_office: BackOffice):
    # given
    topic = await page_attribute("topic")
    page_type = await PageType.create(name="Promotion", slug="promotion")
    await AttributePage.create(page_type=page_type, attribute=topic)
    type_id, topic_id = gid("PageType", page_type.id), gid("Attribute", topic.id)
    calls = [
        (CREATE, {"input": {"name": "Sneaky"}}),
        (UPDATE, {"id": type_id, "input": {"name": "Sneaky"}}),
        (DELETE, {"id": type_id}),
        (BULK_DELETE, {"ids": [type_id]}),
        (ASSIGN, {"id": type_id, "ids": [topic_id]}),
        (UNASSIGN, {"id": type_id, "ids": [topic_id]}),
        (REORDER, {"pageTypeId": type_id, "move": {"id": topic_id, "sortOrder": 1}}),
    ]

    # when
    codes = [
        (await api.post(query, variables, token)).error_codes
        for token in (back_office.acme, back_office.bank)
        for query, variables in calls
    ]

    # then
    assert codes == [["PermissionDenied"]] * 14
    assert await PageType.all().order_by("slug").values_list("slug", "name") == [
        ("content-page", "Content page"),
        ("promotion", "Promotion"),
    ]
    assert await assigned_slugs(page_type) == ["topic"]
