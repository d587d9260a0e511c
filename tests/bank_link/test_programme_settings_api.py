"""A programme's points rules set by the bank's own desk (`issuerSettingsUpdate`): expiry policy and reminder
days for its own issuer; bad rules refused with nothing changed; another bank's and a partner's staff refused."""

from __future__ import annotations

from bank_link.issuers import IssuerData, create_issuer
from bank_link.models import Issuer
from mall.accounts.models import ScopeKind
from tests.factories import make_staff, token_for

SETTINGS = """mutation Settings($issuer: String!, $input: IssuerSettingsInput!) {
  issuerSettingsUpdate(issuer: $issuer, input: $input) {
    issuer { code pointsUnit expiryRule expiryCount reminderDays } errors { field code message } } }"""


async def two_banks() -> None:
    for code in ("BANKA", "BANKB"):
        await create_issuer(IssuerData(code=code, name=f"Bank {code[-1]}", points_unit="PTS", expiry_rule="fixed_days",
                                       expiry_count=730))


async def rules(code: str) -> tuple[str, int, int]:
    issuer = await Issuer.get(code=code)
    return issuer.expiry_rule, issuer.expiry_count, issuer.reminder_days


async def test_a_banks_desk_sets_its_programmes_expiry_and_reminders(api, settings):
    # given
    await two_banks()
    desk = await make_staff("desk@bank-a.example", ["MANAGE_POINTS"], scope=(ScopeKind.ISSUER, "BANKA"))

    # when
    answer = await api.ok(SETTINGS, {"issuer": "BANKA", "input": {"expiryRule": "END_OF_YEAR", "expiryCount": 2,
                                                                  "reminderDays": 45}}, token_for(desk, settings))

    # then: its own rules changed, the unit kept; the other bank's untouched
    assert answer["issuerSettingsUpdate"] == {"errors": [], "issuer": {
        "code": "BANKA", "pointsUnit": "PTS", "expiryRule": "END_OF_YEAR", "expiryCount": 2, "reminderDays": 45}}
    assert await rules("BANKA") == ("end_of_year", 2, 45)
    assert await rules("BANKB") == ("fixed_days", 730, 30)


async def test_bad_rules_are_refused_and_nothing_changes(api, settings):
    # given
    await two_banks()
    desk = await make_staff("desk@bank-a.example", ["MANAGE_POINTS"], scope=(ScopeKind.ISSUER, "BANKA"))

    # when
    answer = await api.ok(SETTINGS, {"issuer": "BANKA", "input": {"expiryRule": "FIXED_DAYS", "expiryCount": 0,
                                                                  "reminderDays": -1}}, token_for(desk, settings))

    # then
    assert [(error["field"], error["code"]) for error in answer["issuerSettingsUpdate"]["errors"]] == [
        ("reminderDays", "INVALID"), ("expiryCount", "INVALID")]
    assert await rules("BANKA") == ("fixed_days", 730, 30)


async def test_another_banks_desk_and_a_partner_are_refused_and_nothing_changes(api, settings):
    # given
    await two_banks()
    other = await make_staff("desk@bank-b.example", ["MANAGE_POINTS"], scope=(ScopeKind.ISSUER, "BANKB"))
    partner = await make_staff("desk@acme.example", ["MANAGE_POINTS"], scope=(ScopeKind.PARTNER, "ACME"))
    input_ = {"issuer": "BANKA", "input": {"reminderDays": 7}}

    # when
    answers = [await api.post(SETTINGS, input_, token_for(staff, settings)) for staff in (other, partner)]

    # then
    assert [answer.error_codes for answer in answers] == [["PermissionDenied"], ["PermissionDenied"]]
    assert await rules("BANKA") == ("fixed_days", 730, 30)


async def test_the_operator_sets_any_programmes_rules_and_an_unknown_issuer_is_not_found(api, settings):
    # given
    await two_banks()
    operator = token_for(await make_staff("ops@example.com", ["MANAGE_ISSUERS"]), settings)

    # when
    changed = await api.ok(SETTINGS, {"issuer": "BANKB", "input": {"expiryRule": "END_OF_MONTH", "expiryCount": 24}},
                           operator)
    unknown = await api.ok(SETTINGS, {"issuer": "NOPE", "input": {"reminderDays": 7}}, operator)

    # then
    assert changed["issuerSettingsUpdate"] == {"errors": [], "issuer": {
        "code": "BANKB", "pointsUnit": "PTS", "expiryRule": "END_OF_MONTH", "expiryCount": 24, "reminderDays": 30}}
    assert [(error["field"], error["code"]) for error in unknown["issuerSettingsUpdate"]["errors"]] == [
        ("issuer", "NOT_FOUND")]
