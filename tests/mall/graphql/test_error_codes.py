"""Domain codes reach clients only through explicit maps: every code a mutation declares is mapped into its
Saleor enum, and a code with no mapping is a loud failure, never a quiet INVALID."""

from __future__ import annotations

import importlib
from enum import StrEnum
from pathlib import Path

import pytest
import strawberry

from kernel.errors import DomainError, ErrorDetail
from mall.channels import services as channel_services
from mall.channels.errors import ChannelsErrorCode
from mall.channels.models import Channel
from mall.graphql.boundary import _payload_types
from mall.graphql.error_codes import (
    ApiErrorCode,
    ErrorCodes,
    UnmappedErrorCode,
    all_but,
    declared_error_codes,
    same_names,
)
from mall.graphql.mutations import refused, to_error
from tests.factories import make_channel, make_staff, token_for

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = ("mall", "ledger", "partners", "bank_link", "catalog", "orders", "fulfilment", "settlement")


def graphql_modules() -> list[object]:
    """Every module of a `graphql` package: where mutations and their ErrorCodes live."""
    names = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for package in PACKAGES for path in (ROOT / package).rglob("*.py")
        if "graphql" in path.relative_to(ROOT).parts and path.name != "__init__.py"
    )
    return [importlib.import_module(name) for name in names]


DECLARED = declared_error_codes(graphql_modules())


class FruitErrorCode(StrEnum):
    """A stand-in domain: its codes are mapped, or not, below."""

    REQUIRED = "REQUIRED"
    ROTTEN = "ROTTEN"
    BRUISED = "BRUISED"


@strawberry.type
class FruitError:
    field: str | None
    message: str | None
    code: str


def test_error_codes_are_found_in_every_domain_that_has_mutations():
    # then: the discovery below is not vacuous
    names = {name.rsplit(".", 1)[1] for name, _ in DECLARED}
    assert {"ACCOUNT_ERRORS", "CHANNEL_ERRORS", "POINTS_ERRORS", "PARTNER_ERRORS", "ISSUER_ERRORS",
            "POINTS_CREDIT_ERRORS", "PRODUCT_ERRORS", "CHECKOUT_ERRORS", "ORDER_ERRORS", "SHIPMENT_ERRORS",
            "RETURN_ERRORS", "SETTLEMENT_ERRORS"} <= names


@pytest.mark.parametrize(("name", "codes"), DECLARED, ids=[name for name, _ in DECLARED])
def test_every_declared_code_is_mapped_into_the_mutations_enum(name, codes):
    # then: each member of each declared domain enum has an entry (or is declared unreachable), and each
    # entry is a member of the Saleor enum the mutations answer with
    assert codes.problems() == []


def test_every_mutation_answers_through_declared_error_codes():
    # given
    from mall.graphql.schema import Mutation

    declared_enums = {codes.api_enum for _, codes in DECLARED}

    # when
    undeclared = [
        field.graphql_name or strawberry.utils.str_converters.to_camel_case(field.python_name)
        for field in Mutation.__strawberry_definition__.fields
        if _payload_types(field)[2] not in declared_enums
    ]

    # then
    assert undeclared == []


def test_the_check_names_an_unmapped_code_and_a_value_outside_the_enum():
    # given: ROTTEN has no entry, BRUISED is mapped to a code of another enum
    codes = ErrorCodes(
        ApiErrorCode,
        same_names(FruitErrorCode, ApiErrorCode, renames={FruitErrorCode.BRUISED: ChannelsErrorCode.INVALID}),
    )

    # when
    problems = codes.problems()

    # then
    assert problems == [
        "FruitErrorCode.ROTTEN is not mapped",
        "FruitErrorCode.BRUISED -> <ChannelsErrorCode.INVALID: 'INVALID'> is not a member of ApiErrorCode",
    ]


def test_codes_and_field_names_are_translated():
    # given
    codes = ErrorCodes(
        ApiErrorCode,
        same_names(FruitErrorCode, ApiErrorCode, renames={
            FruitErrorCode.ROTTEN: ApiErrorCode.INVALID, FruitErrorCode.BRUISED: ApiErrorCode.INVALID,
        }),
        fields={"variety": "fruitKind"},
    )

    # when
    errors = [
        to_error(FruitError, codes, ErrorDetail("ripe_on", "Too late.", FruitErrorCode.ROTTEN)),
        to_error(FruitError, codes, ErrorDetail("variety", "Unknown.", FruitErrorCode.REQUIRED)),
        to_error(FruitError, codes, ErrorDetail(None, "Malformed.", ApiErrorCode.GRAPHQL_ERROR)),
    ]

    # then
    assert [(e.field, e.code) for e in errors] == [
        ("ripeOn", ApiErrorCode.INVALID),
        ("fruitKind", ApiErrorCode.REQUIRED),
        (None, ApiErrorCode.GRAPHQL_ERROR),
    ]


@pytest.mark.parametrize("code", [FruitErrorCode.ROTTEN, FruitErrorCode.BRUISED, ChannelsErrorCode.UNIQUE])
def test_an_unmapped_code_raises_instead_of_becoming_invalid(code):
    # given: ROTTEN has no entry, BRUISED is declared unreachable, ChannelsErrorCode is not declared at all
    codes = ErrorCodes(ApiErrorCode, same_names(FruitErrorCode, ApiErrorCode, unreachable={FruitErrorCode.BRUISED}))

    # when / then
    with pytest.raises(UnmappedErrorCode, match=f"{type(code).__name__}.{code.name} has no ApiErrorCode mapping"):
        refused(dict, FruitError, codes, DomainError.single("ripe_on", "Too late.", code))


def test_all_but_leaves_only_the_codes_named():
    # then
    assert all_but(FruitErrorCode, FruitErrorCode.REQUIRED) == {FruitErrorCode.ROTTEN, FruitErrorCode.BRUISED}


async def test_a_mutation_meeting_an_unmapped_code_fails_loudly_and_writes_nothing(api, settings, monkeypatch):
    # given: the channel service raises a code channelCreate declares unreachable
    await make_channel("bank-a-mall")
    operator = await make_staff(permissions=["MANAGE_CHANNELS"])

    async def refuse(*_):
        raise DomainError.single("channel", "Several channels exist.", ChannelsErrorCode.MISSING_CHANNEL_SLUG)

    monkeypatch.setattr(channel_services, "create_channel", refuse)

    # when
    response = await api.post(
        "mutation($input: ChannelCreateInput!) { channelCreate(input: $input) { errors { field code } } }",
        {"input": {"name": "Bank C Mall", "slug": "bank-c-mall", "currencyCode": "CPT", "defaultCountry": "CN"}},
        token_for(operator, settings),
    )

    # then: a server error, not a payload error with some fallback code
    assert response.data == {"channelCreate": None}
    assert response.errors[0]["extensions"] == {"exception": {"code": "UnmappedErrorCode"}}
    assert await Channel.all().values_list("slug", flat=True) == ["bank-a-mall"]


def test_a_bare_string_code_is_refused_where_it_is_written():
    # when / then
    with pytest.raises(TypeError, match="error code 'INVALID' is not a member of an error enum"):
        ErrorDetail("name", "Bad.", "INVALID")  # type: ignore[arg-type]
