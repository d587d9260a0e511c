"""Every field and argument of Saleor's catalogue types exists here, with Saleor's types."""

from __future__ import annotations

from functools import cache

import pytest
from graphql import GraphQLObjectType, build_schema

from mall.graphql.schema import build_schema as build_our_schema
from tests.reference import SALEOR_SCHEMA

REFERENCE = SALEOR_SCHEMA
STOREFRONT_QUERIES = [
    "products",
    "product",
    "productVariant",
    "productVariants",
    "categories",
    "category",
    "collections",
    "collection",
    "pages",
    "page",
    "menu",
]


@cache
def _parsed_reference() -> object:
    return build_schema(REFERENCE.read_text())


def _types() -> tuple[object, object]:
    if not REFERENCE.exists():
        pytest.skip("the Saleor reference schema is not available here")
    return _parsed_reference(), build_our_schema()._schema


@pytest.mark.parametrize(
    "type_name",
    [
        "Product",
        "ProductVariant",
        "Category",
        "Collection",
        "ProductMedia",
        "ProductChannelListing",
        "ProductVariantChannelListing",
        "ProductPricingInfo",
        "VariantPricingInfo",
        "Page",
        "Menu",
        "MenuItem",
    ],
)
def test_catalogue_types_have_every_saleor_field_and_argument(type_name):
    # given
    reference, ours = _types()
    theirs: GraphQLObjectType = reference.type_map[type_name]  # type: ignore[attr-defined]
    mine: GraphQLObjectType = ours.type_map[type_name]  # type: ignore[attr-defined]

    # then
    for name, field in theirs.fields.items():
        assert name in mine.fields, f"{type_name}.{name} is missing"
        assert str(mine.fields[name].type) == str(field.type), f"{type_name}.{name} has another type"
        assert set(field.args) <= set(mine.fields[name].args), f"{type_name}.{name} lacks arguments"


def test_storefront_root_queries_take_saleors_arguments():
    # given
    reference, ours = _types()

    # then
    for name in STOREFRONT_QUERIES:
        theirs = reference.query_type.fields[name]  # type: ignore[attr-defined]
        mine = ours.query_type.fields[name]  # type: ignore[attr-defined]
        assert str(mine.type) == str(theirs.type)
        for argument, definition in theirs.args.items():
            assert str(mine.args[argument].type) == str(definition.type), f"{name}({argument})"


def test_mall_extensions_are_described():
    # given
    _, ours = _types()
    pricing = ours.type_map["VariantPricingInfo"]  # type: ignore[attr-defined]

    # then
    assert "cash value" in pricing.fields["pointsCashValue"].description
    assert "reference retail price" in pricing.fields["referenceRetailPrice"].description


def test_arguments_storefronts_still_send_survive_the_standard_introspection():
    # given
    from graphql import build_client_schema, get_introspection_query, graphql_sync

    schema = build_our_schema()._schema

    # when
    introspected = graphql_sync(schema, get_introspection_query(descriptions=False))
    client = build_client_schema(introspected.data)  # type: ignore[arg-type]

    # then
    assert "filter" in client.query_type.fields["products"].args  # type: ignore[union-attr]
    assert "filter" in client.get_type("Category").fields["products"].args  # type: ignore[union-attr]
    assert "channel" in client.get_type("ProductFilterInput").fields  # type: ignore[union-attr]
