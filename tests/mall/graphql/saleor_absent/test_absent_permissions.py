"""Every generated stand-in mutation asks Saleor's permission first: an anonymous caller or a member gets
Saleor's PermissionDenied (as from Saleor itself), not a refusal that tells them what staff may try; staff
holding the permission get the refusal. Documents are built from Saleor's SDL, with the smallest valid
variables for each mutation's required arguments."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    build_schema,
)
from graphql.pyutils import Undefined

from mall.accounts.permissions import ALL_PERMISSIONS
from mall.graphql.saleor_absent.generated import SALEORABSENTMUTATIONS
from tests.factories import make_member, make_staff, token_for
from tests.reference import SALEOR_SCHEMA
from tests.security.probe import database_state

pytestmark = pytest.mark.skipif(not SALEOR_SCHEMA.exists(), reason="Saleor's reference pack is not on this machine")

SCALAR_SAMPLES: dict[str, Any] = {
    "ID": base64.b64encode(b"Thing:1").decode(), "String": "x", "Int": 1, "Float": 1.0, "Boolean": False,
    "Decimal": "1", "PositiveDecimal": "1", "PositiveInt": 1, "DateTime": "2026-01-01T00:00:00+00:00",
    "Date": "2026-01-01", "UUID": "00000000-0000-4000-8000-000000000000", "JSONString": "{}", "JSON": {},
    "Metadata": {}, "Upload": "file", "WeightScalar": 1, "GenericScalar": {}, "Minute": 1, "Hour": 1, "Day": 1,
}


def sample(kind: Any) -> Any:
    """The smallest value of a Saleor input type: required fields only, one element per list."""
    if isinstance(kind, GraphQLNonNull):
        return sample(kind.of_type)
    if isinstance(kind, GraphQLList):
        return [sample(kind.of_type)]
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))
    if isinstance(kind, GraphQLScalarType):
        return SCALAR_SAMPLES[kind.name]
    assert isinstance(kind, GraphQLInputObjectType)
    return {name: sample(field.type) for name, field in kind.fields.items()
            if isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined}


def document(saleor: Any, name: str) -> tuple[str, dict[str, Any]]:
    """`mutation($a: T!) { name(a: $a) { __typename } }` with the required arguments' samples."""
    field = saleor.mutation_type.fields[name]
    required = {arg: spec for arg, spec in field.args.items() if isinstance(spec.type, GraphQLNonNull)}
    declared = ", ".join(f"${arg}: {spec.type}" for arg, spec in required.items())
    passed = ", ".join(f"{arg}: ${arg}" for arg in required)
    head = f"mutation Absent({declared})" if declared else "mutation Absent"
    call = f"{name}({passed})" if passed else name
    return f"{head} {{ {call} {{ __typename }} }}", {arg: sample(spec.type) for arg, spec in required.items()}


@pytest.fixture(scope="module")
def saleor() -> Any:
    return build_schema(SALEOR_SCHEMA.read_text())


@pytest.mark.parametrize("caller", ["anonymous", "member"])
async def test_every_generated_mutation_refuses_callers_without_saleors_permission(api, settings, saleor, caller):
    # given
    token = token_for(await make_member(settings), settings) if caller == "member" else None
    before = await database_state()

    # when
    answers = {}
    for name in SALEORABSENTMUTATIONS:
        query, variables = document(saleor, name)
        response = await api.post(query, variables, token=token)
        answers[name] = (response.data, response.error_codes)

    # then
    assert len(answers) == 86  # 95 before vouchers became real (nine voucher mutations)
    assert {name: answer for name, answer in answers.items()
            if answer != ({name: None}, ["PermissionDenied"])} == {}
    assert await database_state() == before


async def test_staff_with_the_permission_get_the_refusal_itself(api, settings, saleor):
    # given
    operator = token_for(await make_staff("ops@example.com", list(ALL_PERMISSIONS)), settings)
    query, variables = document(saleor, "giftCardBulkDelete")

    # when
    answer = await api.ok(query.replace("__typename", "__typename errors { code message }"), variables,
                          token=operator)

    # then
    assert answer == {"giftCardBulkDelete": {"__typename": "GiftCardBulkDelete", "errors": [
        {"code": "NOT_FOUND", "message": "A points mall has no gift cards: `giftCardBulkDelete` is not available."}]}}


async def test_staff_without_the_permission_are_refused_like_everyone_else(api, settings, saleor):
    # given: a partner's staff manage orders, not gift cards
    clerk = token_for(await make_staff("clerk@example.com", ["MANAGE_ORDERS"]), settings)
    query, variables = document(saleor, "giftCardBulkDelete")

    # when
    response = await api.post(query, variables, token=clerk)

    # then
    assert (response.data, response.error_codes) == ({"giftCardBulkDelete": None}, ["PermissionDenied"])
    assert response.error_messages == ["To access this path, you need one of the following permissions: "
                                       "MANAGE_GIFT_CARD"]
