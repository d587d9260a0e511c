"""The input boundary: hostile strings and IDs are refused before any resolver runs, never answered with
"Internal Server Error" (issue #16, defect 7)."""

from __future__ import annotations

import json

import pytest

from catalog.models import Category, Collection, Page, Product, ProductMedia, ProductType
from mall.accounts.models import Address
from mall.graphql.ids import to_global_id
from tests.catalog.factories import make_category, make_collection, make_page, make_product_type
from tests.catalog.services.builders import gift
from tests.factories import make_channel, make_member, make_staff, token_for

SEARCH = 'query($text: String) { products(first: 5, channel: "bank-a-mall", search: $text) { totalCount } }'
PRODUCT = "query($id: ID!) { product(id: $id) { name } }"
NODE = "query($id: ID!) { node(id: $id) { id } }"
PRODUCT_UPDATE = """
mutation($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) { product { name } errors { field code message } }
}
"""
ADDRESS_CREATE = """
mutation($input: AddressInput!) {
  accountAddressCreate(input: $input) { address { id } errors { field code message } }
}
"""
MEDIA_CREATE = (
    "mutation($input: ProductMediaCreateInput!) { productMediaCreate(input: $input) { errors { field code } } }"
)
TOO_BIG = "99999999999999999999999"


def an_address(**fields: str) -> dict[str, str]:
    return {
        "firstName": "Mei",
        "lastName": "Li",
        "streetAddress1": "1 Century Avenue",
        "city": "Shanghai",
        "postalCode": "200120",
        "country": "CN",
        **fields,
    }


@pytest.fixture
async def operator(settings) -> str:
    staff = await make_staff("ops@mall.example", ["MANAGE_PRODUCTS", "MANAGE_USERS", "MANAGE_ORDERS"])
    return token_for(staff, settings)


async def test_a_nul_byte_in_a_search_is_a_graphql_error_not_a_crash(api):
    # given
    await make_channel()

    # when
    response = await api.post(SEARCH, {"text": "tea\x00set"})

    # then
    assert response.status_code == 400
    assert response.body == {
        "errors": [
            {
                "message": 'Invalid value for "search": Null characters are not allowed.',
                "extensions": {"exception": {"code": "GraphQLError"}},
            }
        ]
    }


async def test_a_nul_byte_written_in_the_document_is_refused_like_a_variable(api):
    # given
    await make_channel()

    # when
    response = await api.post('{ products(first: 5, channel: "bank-a-mall", search: "tea\\u0000set") { totalCount } }')

    # then
    assert response.status_code == 400
    assert response.error_messages == ['Invalid value for "search": Null characters are not allowed.']


async def test_a_nul_byte_in_a_product_name_is_a_payload_error_and_changes_nothing(api, operator):
    # given
    product = await gift(name="Tea Set")

    # when
    data = await api.ok(
        PRODUCT_UPDATE, {"id": to_global_id("Product", product.id), "input": {"name": "Tea\x00Set"}}, operator
    )

    # then
    assert data["productUpdate"] == {
        "product": None,
        "errors": [{"field": "name", "code": "INVALID", "message": "Null characters are not allowed."}],
    }
    assert (await Product.get(id=product.id)).name == "Tea Set"


async def test_a_control_character_in_an_address_is_a_payload_error_and_stores_nothing(api, settings):
    # given
    member = await make_member(settings)

    # when
    data = await api.ok(ADDRESS_CREATE, {"input": an_address(city="Shang\x1bhai")}, token_for(member, settings))

    # then
    assert data["accountAddressCreate"] == {
        "address": None,
        "errors": [{"field": "city", "code": "INVALID", "message": "Control characters are not allowed."}],
    }
    assert await Address.all().count() == 0


@pytest.mark.parametrize(
    ("street", "length"), [("x" * 10_000, 10_000), ("\N{GRINNING FACE}" * 300, 300)], ids=["10000-letters", "300-emoji"]
)
async def test_an_address_field_longer_than_its_column_is_a_field_error(api, settings, street, length):
    # given
    member = await make_member(settings)

    # when
    data = await api.ok(ADDRESS_CREATE, {"input": an_address(streetAddress1=street)}, token_for(member, settings))

    # then
    assert data["accountAddressCreate"] == {
        "address": None,
        "errors": [
            {
                "field": "streetAddress1",
                "code": "INVALID",
                "message": f"Ensure this value has at most 256 characters (it has {length}).",
            }
        ],
    }
    assert await Address.all().count() == 0


async def test_an_address_at_its_columns_limits_is_stored(api, settings):
    # given
    member = await make_member(settings)
    longest = an_address(streetAddress1="\N{GRINNING FACE}" * 256, cityArea="a" * 128)

    # when
    data = await api.ok(ADDRESS_CREATE, {"input": longest}, token_for(member, settings))

    # then
    assert data["accountAddressCreate"]["errors"] == []
    stored = await Address.get()
    assert (stored.street_address_1, stored.city_area) == ("\N{GRINNING FACE}" * 256, "a" * 128)


@pytest.mark.parametrize("pk", [TOO_BIG, "2147483648", "\N{ARABIC-INDIC DIGIT THREE}"], ids=["int8", "int4", "arabic"])
async def test_a_product_id_no_column_holds_is_an_invalid_id(api, operator, pk):
    # given
    await gift()
    product_id = to_global_id("Product", pk)

    # when
    response = await api.post(PRODUCT, {"id": product_id}, operator)

    # then
    assert response.status_code == 200
    assert response.data == {"product": None}
    assert response.error_messages == [f"Invalid ID: {product_id}. Expected: Product."]


async def test_an_out_of_range_id_in_a_mutation_is_a_payload_error(api, operator):
    # given
    product_id = to_global_id("Product", TOO_BIG)

    # when
    data = await api.ok(PRODUCT_UPDATE, {"id": product_id, "input": {"name": "Kettle"}}, operator)

    # then
    assert data["productUpdate"] == {
        "product": None,
        "errors": [
            {"field": "id", "code": "GRAPHQL_ERROR", "message": f"Invalid ID: {product_id}. Expected: Product."}
        ],
    }


@pytest.mark.parametrize(
    ("pk", "messages"),
    [
        (TOO_BIG, [f"Invalid ID: {to_global_id('User', TOO_BIG)}."]),
        ("2147483648", []),  # a well-formed key no row has: not found, as a missing user is
    ],
)
async def test_node_with_an_out_of_range_id_never_crashes(api, operator, pk, messages):
    # when
    response = await api.post(NODE, {"id": to_global_id("User", pk)}, operator)

    # then
    assert response.status_code == 200
    assert response.data == {"node": None}
    assert response.error_messages == messages


async def test_a_description_carrying_an_escaped_nul_is_refused(api, operator):
    # given: the JSON text is clean, its decoded content is not (PostgreSQL's JSON refuses \u0000)
    product = await gift(name="Tea Set")
    description = json.dumps({"blocks": [{"type": "paragraph", "data": {"text": "tea\x00set"}}]})

    # when
    data = await api.ok(
        PRODUCT_UPDATE, {"id": to_global_id("Product", product.id), "input": {"description": description}}, operator
    )

    # then
    assert data["productUpdate"]["errors"] == [
        {"field": "description", "code": "INVALID", "message": "Null characters are not allowed."}
    ]


async def test_input_nested_deeper_than_the_limit_is_refused_before_anything_recurses(api):
    # given
    await make_channel()
    where: dict[str, object] = {"name": {"eq": "Tea"}}
    for _ in range(40):
        where = {"AND": [where]}

    # when
    response = await api.post(
        'query($where: ProductWhereInput) { products(first: 1, channel: "bank-a-mall", where: $where) { totalCount } }',
        {"where": where},
    )

    # then
    assert response.status_code == 400
    assert response.error_messages == ['Invalid value for "AND": The input is nested too deeply.']


async def test_only_the_mutation_with_refused_input_is_refused(api, operator):
    # given
    product = await gift(name="Tea Set")
    product_id = to_global_id("Product", product.id)
    both = """
    mutation($id: ID!) {
      bad: productUpdate(id: $id, input: {name: "Tea\\u0000Set"}) { errors { field code } }
      good: productUpdate(id: $id, input: {seo: {title: "Tea"}}) { product { name } errors { field code } }
    }
    """

    # when
    data = await api.ok(both, {"id": product_id}, operator)

    # then
    assert data == {
        "bad": {"errors": [{"field": "name", "code": "INVALID"}]},
        "good": {"product": {"name": "Tea Set"}, "errors": []},
    }


async def test_a_multipart_map_naming_an_absent_path_is_a_bad_request(http, operator, settings):
    # given
    product = await gift()
    operations = {
        "query": MEDIA_CREATE,
        "variables": {"input": {"product": to_global_id("Product", product.id), "image": None}},
    }

    # when
    reply = await http.post(
        "/graphql/",
        headers={"Authorization": f"Bearer {operator}"},
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.input.nothing.here"]})},
        files={"0": ("kettle.png", b"\x89PNG\r\n\x1a\n", "image/png")},
    )

    # then
    assert reply.status_code == 400
    assert reply.json()["errors"][0]["message"] == (
        "Invalid multipart request: 'variables.input.nothing.here' names nothing in operations."
    )
    assert await ProductMedia.all().count() == 0


@pytest.mark.parametrize(
    "file_map",
    [
        '["variables.input.image"]',
        '{"0": "variables.input.image"}',
        '{"0": ["variables.input.alt"]}',
        '{"0": ["0.variables.input.image"]}',
    ],
)
async def test_malformed_multipart_maps_are_bad_requests(http, operator, file_map):
    # given
    product = await gift()
    operations = {
        "query": MEDIA_CREATE,
        "variables": {"input": {"product": to_global_id("Product", product.id), "image": None, "alt": "Kettle"}},
    }

    # when
    reply = await http.post(
        "/graphql/",
        headers={"Authorization": f"Bearer {operator}"},
        data={"operations": json.dumps(operations), "map": file_map},
        files={"0": ("kettle.png", b"\x89PNG\r\n\x1a\n", "image/png")},
    )

    # then
    assert reply.status_code == 400
    assert reply.json()["errors"][0]["message"].startswith("Invalid multipart request: ")
    assert await ProductMedia.all().count() == 0


async def test_a_filter_value_longer_than_its_column_is_refused_before_the_lookup(api, settings):
    # given: tortoise checks a lookup value against the column's length too, and answered that with a crash
    operator = token_for(await make_staff("ops@mall.example", is_superuser=True), settings)
    query = "query($period: String) { settlementStatements(first: 5, filter: {period: $period}) { totalCount } }"

    # when
    response = await api.post(query, {"period": "2026-11" * 30}, operator)

    # then
    assert response.status_code == 400
    assert response.error_messages == [
        'Invalid value for "period": Ensure this value has at most 7 characters (it has 210).'
    ]


async def test_a_weight_heavier_than_its_column_holds_is_refused(api, operator):
    # given: weights are stored as whole grams in a 32-bit column
    product = await gift()
    query = (
        "mutation($id: ID!, $weight: WeightScalar) "
        "{ productUpdate(id: $id, input: {weight: $weight}) { errors { field } } }"
    )

    # when
    response = await api.post(query, {"id": to_global_id("Product", product.id), "weight": 1e30}, operator)

    # then
    assert response.status_code == 400
    assert response.error_messages == [
        "Variable '$weight' has invalid value: Expected value of type 'WeightScalar', but encountered error "
        "'Weights can be at most 2147483647 grams.'; found: 1e+30."
    ]
    assert (await Product.get(id=product.id)).weight_grams is None


SEO_MUTATIONS = {
    "productCreate": 'productCreate(input: {{productType: "{type}", name: "Kettle", seo: $seo}})',
    "productUpdate": 'productUpdate(id: "{product}", input: {{seo: $seo}})',
    "categoryCreate": 'categoryCreate(input: {{name: "Kitchen", seo: $seo}})',
    "categoryUpdate": 'categoryUpdate(id: "{category}", input: {{seo: $seo}})',
    "collectionUpdate": 'collectionUpdate(id: "{collection}", input: {{seo: $seo}})',
    "pageCreate": 'pageCreate(input: {{title: "Rules", pageType: "{page_type}", seo: $seo}})',
    "pageUpdate": 'pageUpdate(id: "{page}", input: {{seo: $seo}})',
}


@pytest.mark.parametrize(
    ("seo", "field", "limit"),
    [({"title": "T" * 71}, "seoTitle", 70), ({"description": "D" * 301}, "seoDescription", 300)],
)
@pytest.mark.parametrize("mutation", SEO_MUTATIONS)
async def test_an_over_long_seo_text_is_refused_naming_the_seo_field_as_saleor(
    api, settings, mutation, seo, field, limit
):
    # given
    staff = await make_staff("catalogue@mall.example", ["MANAGE_PRODUCTS", "MANAGE_PAGES"])
    product_type = await make_product_type()
    product = await gift(name="Tea Set")
    category = await make_category("Tea")
    collection = await make_collection("Gifts", [], [])
    page = await make_page("Terms", "terms")
    ids = {
        "type": to_global_id("ProductType", product_type.id),
        "product": to_global_id("Product", product.id),
        "category": to_global_id("Category", category.id),
        "collection": to_global_id("Collection", collection.id),
        "page": to_global_id("Page", page.id),
        "page_type": to_global_id("PageType", 1),
    }
    field_call = SEO_MUTATIONS[mutation].format(**ids)
    document = f"mutation($seo: SeoInput) {{ {field_call} {{ errors {{ field code message }} }} }}"
    counts = [await model.all().count() for model in (Product, Category, Collection, Page, ProductType)]

    # when
    data = await api.ok(document, {"seo": seo}, token_for(staff, settings))

    # then
    length = limit + 1
    assert data[mutation]["errors"] == [
        {
            "field": field,
            "code": "INVALID",
            "message": f"Ensure this value has at most {limit} characters (it has {length}).",
        }
    ]
    assert [await model.all().count() for model in (Product, Category, Collection, Page, ProductType)] == counts
    assert (await Product.get(id=product.id)).seo_title == product.seo_title
    assert (await Page.get(id=page.id)).seo_title == page.seo_title
