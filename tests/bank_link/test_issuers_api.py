"""Issuers in the API: the operator manages them, a bank's staff read their own."""

from __future__ import annotations

import pytest

from bank_link.demo import load_bank_demo
from bank_link.issuers import IssuerData, create_issuer
from bank_link.models import Issuer
from mall.accounts.models import ScopeKind
from tests.bank_link.helpers import snapshot
from tests.factories import make_staff, token_for

CREATE = """
mutation Create($input: IssuerCreateInput!) {
  issuerCreate(input: $input) {
    issuer { code name pointsUnit cashValuePerPoint cashCurrency expiryRule expiryCount reminderDays timeZone
             ssoEnabled isActive }
    errors { field code message }
  }
}
"""
UPDATE = """
mutation Update($code: String!, $input: IssuerInput!) {
  issuerUpdate(code: $code, input: $input) { issuer { code expiryRule expiryCount } errors { field code message } }
}
"""
ISSUERS = "{ issuers { code } }"
ISSUER = 'query One($code: String!) { issuer(code: $code) { code name } }'


@pytest.fixture
async def operator():
    return await make_staff("ops@example.com", ["MANAGE_ISSUERS"])


async def test_the_operator_creates_an_issuer(api, settings, operator):
    # when
    data = await api.ok(CREATE, {"input": {"code": "BANKA", "name": "Bank A", "pointsUnit": "PTS",
                                           "cashValuePerPoint": 0.005, "expiryRule": "FIXED_DAYS",
                                           "expiryCount": 730}}, token=token_for(operator, settings))

    # then
    assert data["issuerCreate"] == {"errors": [], "issuer": {
        "code": "BANKA", "name": "Bank A", "pointsUnit": "PTS", "cashValuePerPoint": 0.005, "cashCurrency": "CNY",
        "expiryRule": "FIXED_DAYS", "expiryCount": 730, "reminderDays": 30, "timeZone": "Asia/Shanghai",
        "ssoEnabled": False, "isActive": True}}


async def test_bad_input_is_refused_with_every_problem_and_nothing_created(api, settings, operator):
    # given
    before = await snapshot()

    # when
    data = await api.ok(CREATE, {"input": {"code": "bank a", "name": " ", "pointsUnit": "pts", "timeZone": "Mars/Base",
                                           "expiryRule": "FIXED_DAYS", "expiryCount": 0,
                                           "ssoPublicKeyPem": "not a key"}}, token=token_for(operator, settings))

    # then
    assert data["issuerCreate"]["errors"] == [
        {"field": "name", "code": "REQUIRED", "message": "This field is required."},
        {"field": "code", "code": "INVALID", "message": "Use 2-64 upper-case letters, digits, '-' or '_'."},
        {"field": "pointsUnit", "code": "INVALID", "message": "Use an upper-case code such as PTS."},
        {"field": "timeZone", "code": "INVALID", "message": "Use an IANA time zone such as Asia/Shanghai."},
        {"field": "ssoPublicKeyPem", "code": "INVALID", "message": "Use a PEM RSA or EC public key."},
        {"field": "expiryCount", "code": "INVALID", "message": "Expiry count must be between 1 and 36600."},
    ]
    assert await snapshot() == before


async def test_a_taken_code_is_refused(api, settings, operator, issuer):
    # when
    data = await api.ok(CREATE, {"input": {"code": "BANKA", "name": "Again", "pointsUnit": "PTS"}},
                        token=token_for(operator, settings))

    # then
    assert data["issuerCreate"]["errors"] == [
        {"field": "code", "code": "UNIQUE", "message": "Issuer with code 'BANKA' already exists."}]


async def test_the_operator_changes_the_expiry_policy(api, settings, operator, issuer):
    # when
    data = await api.ok(UPDATE, {"code": "BANKA", "input": {"expiryRule": "END_OF_MONTH", "expiryCount": 24}},
                        token=token_for(operator, settings))
    missing = await api.ok(UPDATE, {"code": "NOBANK", "input": {}}, token=token_for(operator, settings))

    # then
    assert data["issuerUpdate"] == {"errors": [], "issuer": {"code": "BANKA", "expiryRule": "END_OF_MONTH",
                                                             "expiryCount": 24}}
    assert missing["issuerUpdate"]["errors"] == [
        {"field": "code", "code": "NOT_FOUND", "message": "Issuer 'NOBANK' does not exist."}]


async def test_bank_staff_cannot_manage_issuers(api, settings, issuer):
    # given
    staff = await make_staff("boss@banka.example", ["MANAGE_ISSUERS"], scope=(ScopeKind.ISSUER, "BANKA"))

    # when
    response = await api.post(UPDATE, {"code": "BANKA", "input": {"expiryCount": 2}}, token=token_for(staff, settings))

    # then
    assert response.error_codes == ["PermissionDenied"]
    assert (await Issuer.get(code="BANKA")).expiry_count == 1


async def test_each_caller_sees_the_issuers_it_may(api, settings, operator, issuer):
    # given
    await create_issuer(IssuerData(code="BANKB", name="Bank B", points_unit="BPT"))
    bank_staff = await make_staff("analyst@banka.example", ["VIEW_REPORTS"], scope=(ScopeKind.ISSUER, "BANKA"))
    partner_staff = await make_staff("shop@acme.example", ["MANAGE_PRODUCTS"], scope=(ScopeKind.PARTNER, "ACME"))

    # when
    everyone = await api.ok(ISSUERS, token=token_for(operator, settings))
    own = await api.ok(ISSUERS, token=token_for(bank_staff, settings))
    other = await api.ok(ISSUER, {"code": "BANKB"}, token=token_for(bank_staff, settings))
    partner = await api.ok(ISSUERS, token=token_for(partner_staff, settings))

    # then
    assert everyone["issuers"] == [{"code": "BANKA"}, {"code": "BANKB"}]
    assert own["issuers"] == [{"code": "BANKA"}]
    assert other["issuer"] is None
    assert partner["issuers"] == []


async def test_anonymous_callers_are_refused(api):
    # when
    response = await api.post(ISSUERS)

    # then
    assert response.error_codes == ["PermissionDenied"]


async def test_the_demo_issuers_load_once():
    # when
    first = await load_bank_demo([("BANKA", "PTS"), ("BANKB", "BPT")], lambda _: None)
    second = await load_bank_demo([("BANKA", "PTS"), ("BANKB", "BPT")], lambda _: None)

    # then
    assert (first, second) == (2, 0)
    assert await Issuer.all().order_by("code").values_list("code", "points_unit", "expiry_rule") == [
        ("BANKA", "PTS", "end_of_year"), ("BANKB", "BPT", "end_of_year")]
