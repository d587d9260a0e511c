"""Channels: public lookup, staff-only fields, issuer scope, and create/update refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from graphql import GraphQLError

from bank_link.issuers import IssuerData, create_issuer, update_issuer
from mall.accounts.models import ScopeKind
from mall.accounts.services import create_app
from mall.channels.models import Channel
from mall.channels.services import default_channel_for_query
from mall.graphql.ids import to_global_id
from tests.factories import make_channel, make_member, make_staff, token_for

CHANNEL_BY_SLUG = "query($slug: String) { channel(slug: $slug) { slug currencyCode } }"
CHANNELS = "{ channels { slug name isActive currencyCode issuerCode } }"
CREATE = """
mutation($input: ChannelCreateInput!) {
  channelCreate(input: $input) { channel { slug currencyCode issuerCode } errors { field code message } }
}
"""
UPDATE = """
mutation($id: ID!, $input: ChannelUpdateInput!) {
  channelUpdate(id: $id, input: $input) { channel { name } errors { field code message } }
}
"""


def create_input(**overrides):
    return {
        "name": "Bank C Mall",
        "slug": "bank-c-mall",
        "currencyCode": "CPT",
        "defaultCountry": "CN",
        "issuerCode": "BANKC",
    } | overrides


async def test_anyone_reads_a_channel_slug_but_only_staff_its_currency(api, settings):
    # given
    await make_channel("bank-a-mall")
    staff = await make_staff(permissions=["MANAGE_PRODUCTS"])

    # when
    anonymous = await api.post(CHANNEL_BY_SLUG, {"slug": "bank-a-mall"})
    as_staff = await api.ok(CHANNEL_BY_SLUG, {"slug": "bank-a-mall"}, token_for(staff, settings))

    # then
    assert anonymous.data == {"channel": None}
    assert anonymous.error_codes == ["PermissionDenied"]
    assert as_staff == {"channel": {"slug": "bank-a-mall", "currencyCode": "PTS"}}


async def test_unknown_channel_is_null(api):
    assert await api.ok('{ channel(slug: "nope") { slug } }') == {"channel": None}


async def test_channels_list_is_for_staff_and_apps(api, settings):
    # given
    await make_channel("bank-a-mall")
    member = await make_member(settings)
    _, app_token = await create_app("storefront", [])

    # when
    as_member = await api.post(CHANNELS, token=token_for(member, settings))
    as_app = await api.ok(CHANNELS, token=app_token)

    # then
    assert as_member.error_codes == ["PermissionDenied"]
    assert as_app == {
        "channels": [
            {
                "slug": "bank-a-mall",
                "name": "Bank A Mall",
                "isActive": True,
                "currencyCode": "PTS",
                "issuerCode": "BANKA",
            }
        ]
    }


async def test_issuer_scoped_staff_see_only_their_issuers_channels(api, settings):
    # given
    await make_channel("bank-a-mall", issuer_code="BANKA")
    await make_channel("bank-b-mall", issuer_code="BANKB")
    bank_b_staff = await make_staff(permissions=["MANAGE_CHANNELS"], scope=(ScopeKind.ISSUER, "BANKB"))

    # when
    data = await api.ok("{ channels { slug } }", token=token_for(bank_b_staff, settings))

    # then
    assert data == {"channels": [{"slug": "bank-b-mall"}]}


async def test_channel_create_by_operator(api, settings):
    # given: Bank C's points are worth 0.005 HKD each
    await create_issuer(IssuerData(code="BANKC", name="Bank C", points_unit="CPT",
                                   cash_value_per_point=Decimal("0.005"), cash_currency="HKD"))
    operator = await make_staff(permissions=["MANAGE_CHANNELS"])

    # when
    data = await api.ok(CREATE, {"input": create_input()}, token_for(operator, settings))

    # then
    assert data == {
        "channelCreate": {
            "channel": {"slug": "bank-c-mall", "currencyCode": "CPT", "issuerCode": "BANKC"},
            "errors": [],
        }
    }
    # one rate everywhere: members see points at the rate the bank settles at
    assert await Channel.filter(slug="bank-c-mall").values_list("points_cash_value", "cash_currency") == [
        (Decimal("0.005"), "HKD")]


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        (
            {"slug": "bank-a-mall"},
            {"field": "slug", "code": "UNIQUE", "message": "Channel with this Slug already exists."},
        ),
        (
            {"slug": "Bank C"},
            {"field": "slug", "code": "INVALID", "message": "Use lowercase letters, digits and hyphens."},
        ),
        (
            {"currencyCode": "pts"},
            {"field": "currencyCode", "code": "INVALID", "message": "Use an upper-case code such as PTS."},
        ),
        ({"name": ""}, {"field": "name", "code": "REQUIRED", "message": "This field is required."}),
        (
            {"issuerCode": "NOPE"},
            {"field": "issuerCode", "code": "NOT_FOUND", "message": "Issuer 'NOPE' does not exist."},
        ),
    ],
)
async def test_channel_create_refusals_write_nothing(api, settings, overrides, error):
    # given
    await make_channel("bank-a-mall")
    operator = await make_staff(permissions=["MANAGE_CHANNELS"])

    # when
    data = await api.ok(CREATE, {"input": create_input(**overrides)}, token_for(operator, settings))

    # then
    assert data == {"channelCreate": {"channel": None, "errors": [error]}}
    assert await Channel.all().values_list("slug", flat=True) == ["bank-a-mall"]


async def test_channel_create_needs_manage_channels(api, settings):
    # given
    staff = await make_staff(permissions=["MANAGE_PRODUCTS"])

    # when
    response = await api.post(CREATE, {"input": create_input()}, token_for(staff, settings))

    # then
    assert response.data == {"channelCreate": None}
    assert response.error_messages == [
        "To access this path, you need one of the following permissions: MANAGE_CHANNELS"
    ]
    assert await Channel.all().count() == 0


async def test_issuer_staff_create_channels_for_their_issuer_only(api, settings):
    # given
    await create_issuer(IssuerData(code="BANKB", name="Bank B", points_unit="BPT"))
    bank_b_staff = await make_staff(permissions=["MANAGE_CHANNELS"], scope=(ScopeKind.ISSUER, "BANKB"))
    token = token_for(bank_b_staff, settings)

    # when
    foreign = await api.post(CREATE, {"input": create_input(issuerCode="BANKA")}, token)
    own = await api.ok(CREATE, {"input": create_input(issuerCode=None)}, token)

    # then
    assert foreign.error_codes == ["PermissionDenied"]
    assert foreign.error_messages == ["You do not have access to this issuer's data."]
    assert own["channelCreate"]["channel"]["issuerCode"] == "BANKB"
    assert await Channel.all().values_list("issuer_code", flat=True) == ["BANKB"]


async def test_channel_update_outside_scope_is_denied_and_changes_nothing(api, settings):
    # given
    channel = await make_channel("bank-a-mall", issuer_code="BANKA")
    bank_b_staff = await make_staff(permissions=["MANAGE_CHANNELS"], scope=(ScopeKind.ISSUER, "BANKB"))

    # when
    response = await api.post(
        UPDATE,
        {"id": to_global_id("Channel", channel.id), "input": {"name": "Taken"}},
        token_for(bank_b_staff, settings),
    )

    # then
    assert response.data == {"channelUpdate": None}
    assert response.error_codes == ["PermissionDenied"]
    assert (await Channel.get(id=channel.id)).name == "Bank A Mall"


async def test_channel_update_renames(api, settings):
    # given
    channel = await make_channel("bank-a-mall")
    operator = await make_staff(permissions=["MANAGE_CHANNELS"])

    # when
    data = await api.ok(
        UPDATE, {"id": to_global_id("Channel", channel.id), "input": {"name": "Renamed"}}, token_for(operator, settings)
    )

    # then
    assert data == {"channelUpdate": {"channel": {"name": "Renamed"}, "errors": []}}


async def test_channel_update_with_bad_or_unknown_id(api, settings):
    # given
    operator = await make_staff(permissions=["MANAGE_CHANNELS"])
    token = token_for(operator, settings)
    unknown = to_global_id("Channel", 404)

    # when
    bad = await api.ok(UPDATE, {"id": "bogus", "input": {"name": "x"}}, token)
    missing = await api.ok(UPDATE, {"id": unknown, "input": {"name": "x"}}, token)

    # then
    assert bad["channelUpdate"]["errors"] == [
        {"field": "id", "code": "GRAPHQL_ERROR", "message": "Invalid ID: bogus. Expected: Channel."}
    ]
    assert missing["channelUpdate"]["errors"] == [
        {"field": "id", "code": "NOT_FOUND", "message": f"Couldn't resolve to a node: {unknown}"}
    ]


async def test_default_channel_is_the_only_active_one():
    # given
    await make_channel("bank-a-mall")
    await make_channel("old-mall", is_active=False)

    # when
    channel = await default_channel_for_query()

    # then
    assert channel.slug == "bank-a-mall"


async def test_default_channel_refuses_when_several_or_none_exist():
    # given: none
    with pytest.raises(GraphQLError) as none:
        await default_channel_for_query()
    await make_channel("bank-a-mall")
    await make_channel("bank-b-mall")

    # when
    with pytest.raises(GraphQLError) as several:
        await default_channel_for_query()

    # then
    assert none.value.message == "A default channel does not exist."
    assert several.value.message == "More than one channel exists. Specify which channel to use."


async def test_shop_tells_the_storefront_about_the_mall(api):
    # when
    data = await api.ok(
        "{ shop { name domain { host sslEnabled url } defaultCountry { code country } "
        "languages { code language } version } }"
    )

    # then
    assert data == {
        "shop": {
            "name": "Points Mall",
            "domain": {"host": "testserver", "sslEnabled": False, "url": "http://testserver"},
            "defaultCountry": {"code": "CN", "country": "China"},
            "languages": [
                {"code": "EN", "language": "English"},
                {"code": "ZH_HANS", "language": "Chinese (Simplified)"},
            ],
            "version": "3.24",
        }
    }


async def test_mutation_channel_rule_without_a_slug():
    # given: no channel yet
    from kernel.errors import DomainError
    from mall.channels.services import channel_for_mutation

    none_yet = await channel_for_mutation(None)
    await make_channel("bank-a-mall")
    only = await channel_for_mutation(None)
    await make_channel("bank-b-mall")

    # when
    with pytest.raises(DomainError) as several:
        await channel_for_mutation(None)

    # then
    assert none_yet is None
    assert only is not None
    assert only.slug == "bank-a-mall"
    assert [(d.field, d.code) for d in several.value.details] == [("channel", "MISSING_CHANNEL_SLUG")]


async def test_an_issuers_new_rate_reaches_its_channels_and_no_others(settings):
    # given
    issuer = await create_issuer(IssuerData(code="BANKA", name="Bank A", points_unit="PTS"))
    await make_channel("bank-a-mall", issuer_code="BANKA")
    await make_channel("bank-b-mall", issuer_code="BANKB")

    # when
    await update_issuer(issuer, IssuerData(cash_value_per_point=Decimal("0.02"), cash_currency="USD"))

    # then
    assert await Channel.all().order_by("slug").values_list("slug", "points_cash_value", "cash_currency") == [
        ("bank-a-mall", Decimal("0.02"), "USD"), ("bank-b-mall", Decimal("0.01"), "CNY")]
