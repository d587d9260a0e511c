"""The catalogue's reuse policy is an allow-list that classifies every field of every type it names.

A field added to a reused type (say a Product field that reads stock or the clock) fails here until its
author lists it as reusable or not: it can never be reused because nobody thought about it.
"""

from __future__ import annotations

from graphql import GraphQLObjectType, GraphQLSchema

from catalog.graphql.reuse import PRODUCT_RENDER_POLICY
from mall.graphql.planned.reuse import ReusePolicy, TypeReuse
from mall.graphql.schema import build_schema


def unclassified_fields(schema: GraphQLSchema, policy: ReusePolicy) -> list[str]:
    """`Type.field` for each field of a type the policy names that it lists neither as reusable nor not."""
    return [
        f"{name}.{field_name}"
        for name, classified in policy.items()
        if isinstance(object_type := schema.get_type(name), GraphQLObjectType)
        for field_name in object_type.fields
        if field_name not in classified.reusable | classified.not_reusable
    ]


def test_every_field_of_every_reused_type_is_classified() -> None:
    # given: the schema as served, introspected
    schema = build_schema()._schema

    # then
    assert unclassified_fields(schema, PRODUCT_RENDER_POLICY) == []


def test_no_field_is_classified_both_ways() -> None:
    assert {name: sorted(classified.reusable & classified.not_reusable)
            for name, classified in PRODUCT_RENDER_POLICY.items()
            if classified.reusable & classified.not_reusable} == {}


def test_a_new_field_on_a_reused_type_is_reported_until_someone_classifies_it() -> None:
    # given: a policy that does not list two of Product's fields, as if they had just been added to the schema
    schema = build_schema()._schema
    product = PRODUCT_RENDER_POLICY["Product"]
    policy = {"Product": TypeReuse(product.reusable - {"name"}, product.not_reusable - {"isAvailable"})}

    # then
    assert unclassified_fields(schema, policy) == ["Product.name", "Product.isAvailable"]
