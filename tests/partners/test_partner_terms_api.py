"""`partnerTermsUpdate`: the operator records a partner's new service fee from a month on, with who and when;
the fee in force this month is unchanged by a change from a later month; refusals record nothing."""

from __future__ import annotations

import pytest

from mall.accounts.models import ScopeKind
from partners.models import PartnerTerms
from partners.services import PartnerData, create_partner
from tests.factories import make_staff, token_for

UPDATE = """mutation($code: String!, $input: PartnerTermsInput!) {
  partnerTermsUpdate(code: $code, input: $input) {
    partner { code serviceFeePercent } termsChange { effectiveFrom serviceFeePercent note changedBy }
    errors { field code }
  }
}"""
TERMS = "{ partners { code serviceFeePercent termsHistory { effectiveFrom serviceFeePercent note changedBy } } }"


@pytest.fixture
async def operator_token(settings, set_clock):
    """It is 20 November 2026 in Shanghai (tokens are made after the clock is set, or they would not be valid
    yet); ACME was created with a 5 % fee."""
    set_clock("2026-11-20T12:00:00+08:00")
    await create_partner(PartnerData(code="ACME", name="Acme Trading"))
    return token_for(await make_staff("ops@example.com", permissions=["MANAGE_PARTNERS"]), settings)


async def test_a_change_from_next_month_is_recorded_and_this_month_keeps_its_fee(api, settings, operator_token):
    # when
    answer = (await api.ok(UPDATE, {"code": "ACME", "input": {"serviceFeePercent": 8.5, "effectiveFrom": "2026-12",
                                                             "note": "Volume discount ends"}},
                           operator_token))["partnerTermsUpdate"]
    partner_staff = token_for(await make_staff("acme@example.com", ["MANAGE_ORDERS"],
                                               scope=(ScopeKind.PARTNER, "ACME")), settings)
    seen_by_partner = (await api.ok(TERMS, {}, partner_staff))["partners"]

    # then
    change = {"effectiveFrom": "2026-12", "serviceFeePercent": 8.5, "note": "Volume discount ends",
              "changedBy": "ops@example.com"}
    assert answer == {"partner": {"code": "ACME", "serviceFeePercent": 5.0}, "termsChange": change, "errors": []}
    assert seen_by_partner == [{"code": "ACME", "serviceFeePercent": 5.0, "termsHistory": [change]}]


async def test_a_change_from_this_month_is_in_force_at_once(api, operator_token):
    # when
    answer = (await api.ok(UPDATE, {"code": "ACME", "input": {"serviceFeePercent": 6}},
                           operator_token))["partnerTermsUpdate"]

    # then
    assert (answer["partner"]["serviceFeePercent"], answer["termsChange"]["effectiveFrom"]) == (6.0, "2026-11")


@pytest.mark.parametrize(("code", "fields", "errors"), [
    ("ACME", {"serviceFeePercent": 60}, [{"field": "serviceFeePercent", "code": "INVALID"}]),
    ("ACME", {"serviceFeePercent": 5.125}, [{"field": "serviceFeePercent", "code": "INVALID"}]),
    ("ACME", {"serviceFeePercent": 6, "effectiveFrom": "2026-10"}, [{"field": "effectiveFrom", "code": "INVALID"}]),
    ("ACME", {"serviceFeePercent": 6, "effectiveFrom": "next month"}, [{"field": "effectiveFrom", "code": "INVALID"}]),
    ("NOBODY", {"serviceFeePercent": 6}, [{"field": "code", "code": "NOT_FOUND"}]),
])
async def test_refused_changes_record_nothing(api, operator_token, code, fields, errors):
    # when
    answer = (await api.ok(UPDATE, {"code": code, "input": fields}, operator_token))["partnerTermsUpdate"]

    # then
    assert (answer["termsChange"], answer["errors"]) == (None, errors)
    assert await PartnerTerms.all().count() == 0


async def test_a_partners_own_staff_cannot_change_its_terms(api, settings, operator_token):
    # given
    manager = token_for(await make_staff("boss@acme.example", ["MANAGE_PARTNERS", "MANAGE_STAFF"],
                                         scope=(ScopeKind.PARTNER, "ACME")), settings)

    # when
    answer = await api.post(UPDATE, {"code": "ACME", "input": {"serviceFeePercent": 1}}, token=manager)

    # then
    assert (answer.data, answer.error_codes) == ({"partnerTermsUpdate": None}, ["PermissionDenied"])
    assert await PartnerTerms.all().count() == 0


CONTRACT = "{ partners { code serviceFeePercent termsEffectiveFrom termsHistory { effectiveFrom note } } }"


async def test_a_partners_staff_read_the_month_their_terms_took_effect_and_their_history(api, settings,
                                                                                        operator_token):
    # given: ACME's fee changed from this month, and again from next month; ZETA has its own partner
    await api.ok(UPDATE, {"code": "ACME", "input": {"serviceFeePercent": 6, "note": "Renewal"}}, operator_token)
    await api.ok(UPDATE, {"code": "ACME", "input": {"serviceFeePercent": 7, "effectiveFrom": "2027-01",
                                                    "note": "Second year"}}, operator_token)
    await create_partner(PartnerData(code="ZETA", name="Zeta Goods"))
    acme = token_for(await make_staff("desk@acme.example", ["MANAGE_ORDERS"], scope=(ScopeKind.PARTNER, "ACME")),
                     settings)
    zeta = token_for(await make_staff("desk@zeta.example", ["MANAGE_ORDERS"], scope=(ScopeKind.PARTNER, "ZETA")),
                     settings)

    # when
    seen_by_acme = (await api.ok(CONTRACT, {}, acme))["partners"]
    seen_by_zeta = (await api.ok(CONTRACT, {}, zeta))["partners"]

    # then: each reads its own contract only; ZETA's terms are those it was created with, from its first month
    assert seen_by_acme == [{"code": "ACME", "serviceFeePercent": 6.0, "termsEffectiveFrom": "2026-11",
                             "termsHistory": [{"effectiveFrom": "2027-01", "note": "Second year"},
                                              {"effectiveFrom": "2026-11", "note": "Renewal"}]}]
    assert seen_by_zeta == [{"code": "ZETA", "serviceFeePercent": 5.0, "termsEffectiveFrom": "2026-11",
                             "termsHistory": []}]
