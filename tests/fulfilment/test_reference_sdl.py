"""The dashboard's fulfilment operations validate against our schema: Saleor's names, arguments, inputs,
payload fields and types, read from the reference SDL when the pack is present."""

from __future__ import annotations

from functools import cache

import pytest
from graphql import GraphQLInputObjectType, GraphQLObjectType, build_schema

from mall.graphql.schema import build_schema as build_our_schema
from tests.reference import SALEOR_SCHEMA

MUTATIONS = ["orderFulfill", "orderFulfillmentUpdateTracking", "orderFulfillmentCancel", "orderFulfillmentApprove"]
TYPES = ["Fulfillment", "FulfillmentLine", "OrderFulfill", "FulfillmentUpdateTracking", "FulfillmentCancel",
         "FulfillmentApprove"]
INPUTS = ["OrderFulfillInput", "OrderFulfillLineInput", "OrderFulfillStockInput", "FulfillmentUpdateTrackingInput",
          "FulfillmentCancelInput"]


@cache
def _reference() -> object:
    return build_schema(SALEOR_SCHEMA.read_text())


def _schemas() -> tuple[object, object]:
    if not SALEOR_SCHEMA.exists():
        pytest.skip("the Saleor reference schema is not available here")
    return _reference(), build_our_schema()._schema


@pytest.mark.parametrize("name", MUTATIONS)
def test_each_mutation_has_saleors_arguments_and_payload(name):
    # given
    reference, ours = _schemas()
    theirs, mine = reference.mutation_type.fields[name], ours.mutation_type.fields[name]

    # then
    assert str(mine.type) == str(theirs.type)
    assert {arg: str(value.type) for arg, value in mine.args.items()} == {
        arg: str(value.type) for arg, value in theirs.args.items()
    }


@pytest.mark.parametrize("name", TYPES)
def test_each_type_has_every_saleor_field_with_its_type(name):
    # given
    reference, ours = _schemas()
    theirs, mine = reference.type_map[name], ours.type_map[name]
    assert isinstance(mine, GraphQLObjectType)

    # then
    missing = {field: str(value.type) for field, value in theirs.fields.items()
               if field not in mine.fields or str(mine.fields[field].type) != str(value.type)}
    assert missing == {}


@pytest.mark.parametrize("name", INPUTS)
def test_each_input_has_saleors_fields(name):
    # given
    reference, ours = _schemas()
    theirs, mine = reference.type_map[name], ours.type_map[name]
    assert isinstance(mine, GraphQLInputObjectType)

    # then: Saleor's fields with Saleor's types; ours may add optional mall-only fields
    assert {f: str(v.type) for f, v in theirs.fields.items()} == {
        f: str(v.type) for f, v in mine.fields.items() if f in theirs.fields
    }
    assert all(not str(v.type).endswith("!") for f, v in mine.fields.items() if f not in theirs.fields)


def test_fulfillment_statuses_and_order_error_codes_are_saleors():
    # given
    reference, ours = _schemas()

    # then
    for enum in ("FulfillmentStatus", "OrderErrorCode"):
        assert set(ours.type_map[enum].values) == set(reference.type_map[enum].values)
    assert str(ours.type_map["Order"].fields["fulfillments"].type) == "[Fulfillment!]!"
