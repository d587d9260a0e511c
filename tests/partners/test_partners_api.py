from __future__ import annotations

import pytest

from mall.accounts.models import ScopeKind
from partners.models import Partner, PartnerStatus
from tests.factories import make_staff, token_for

CREATE = """
mutation($input: PartnerCreateInput!) {
  partnerCreate(input: $input) { partner { code name status serviceFeePercent settlementCurrency }
                                 errors { field code message } }
}
"""
ACTIVATE = """
mutation($code: String!) { partnerStatusUpdate(code: $code, status: ACTIVE) { partner { status } errors { code } } }
"""


@pytest.fixture
async def operator_token(settings):
    return token_for(await make_staff(permissions=["MANAGE_PARTNERS"]), settings)


async def test_operator_onboards_a_partner(api, operator_token):
    # when
    created = await api.ok(
        CREATE, {"input": {"code": "ACME", "name": "Acme Trading", "serviceFeePercent": 7.5}}, operator_token
    )
    activated = await api.ok(ACTIVATE, {"code": "ACME"}, operator_token)

    # then
    assert created["partnerCreate"] == {
        "partner": {
            "code": "ACME",
            "name": "Acme Trading",
            "status": "PENDING",
            "serviceFeePercent": 7.5,
            "settlementCurrency": "CNY",
        },
        "errors": [],
    }
    assert activated["partnerStatusUpdate"] == {"partner": {"status": "ACTIVE"}, "errors": []}
    assert (await Partner.get(code="ACME")).status == PartnerStatus.ACTIVE


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        (
            {"code": "acme"},
            {"field": "code", "code": "INVALID", "message": "Use 2-64 upper-case letters, digits, '-' or '_'."},
        ),
        (
            {"serviceFeePercent": 60},
            {
                "field": "serviceFeePercent",
                "code": "INVALID",
                "message": "The service fee must be between 0 and 50 percent.",
            },
        ),
        (
            {"settlementCurrency": "yuan"},
            {"field": "settlementCurrency", "code": "INVALID", "message": "Use a three-letter ISO currency code."},
        ),
    ],
)
async def test_bad_partner_input_is_refused_and_nothing_written(api, operator_token, fields, error):
    # when
    data = await api.ok(CREATE, {"input": {"code": "ACME", "name": "Acme"} | fields}, operator_token)

    # then
    assert data["partnerCreate"] == {"partner": None, "errors": [error]}
    assert await Partner.all().count() == 0


async def test_duplicate_partner_code_is_refused(api, operator_token):
    # given
    await api.ok(CREATE, {"input": {"code": "ACME", "name": "Acme"}}, operator_token)

    # when
    data = await api.ok(CREATE, {"input": {"code": "ACME", "name": "Acme Again"}}, operator_token)

    # then
    assert data["partnerCreate"]["errors"] == [
        {"field": "code", "code": "UNIQUE", "message": "Partner with this code already exists."}
    ]
    assert await Partner.all().values_list("name", flat=True) == ["Acme"]


async def test_partner_staff_cannot_create_partners_and_see_only_their_own(api, settings, operator_token):
    # given
    await api.ok(CREATE, {"input": {"code": "ACME", "name": "Acme"}}, operator_token)
    await api.ok(CREATE, {"input": {"code": "BETA", "name": "Beta"}}, operator_token)
    acme_staff = await make_staff("acme@partner.example", ["MANAGE_PARTNERS"], scope=(ScopeKind.PARTNER, "ACME"))
    token = token_for(acme_staff, settings)

    # when
    refused = await api.post(CREATE, {"input": {"code": "GAMMA", "name": "Gamma"}}, token)
    visible = await api.ok("{ partners { code } }", token=token)

    # then
    assert refused.error_codes == ["PermissionDenied"]
    assert visible == {"partners": [{"code": "ACME"}]}
    assert await Partner.all().count() == 2
