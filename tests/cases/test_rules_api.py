"""The operator sets a programme's customer service rules through the API; bad rules are refused and nothing
is written."""

from __future__ import annotations

from cases.models import CaseDeadlineRule, CaseProgramme
from mall.accounts.models import ScopeKind
from tests.cases.api import OPEN, staff_token
from tests.cases.world import build_mall
from tests.factories import token_for
from tests.security.probe import database_state

PROGRAMME = """mutation($input: ServiceProgrammeInput!) { serviceProgrammeUpdate(input: $input) {
  ok errors { field code } } }"""
DEADLINE = """mutation($category: ServiceCaseCategory) {
  serviceDeadlineSet(issuer: "BANKA", category: $category, firstAnswerHours: 2, resolveHours: 8) {
    ok errors { field code } } }"""


async def test_the_operator_routes_a_programmes_cases_to_the_bank_within_its_working_hours(api, settings, set_clock):
    # given
    mall = await build_mall(settings)
    operator = await staff_token(settings, "ops@example.com")
    rules = {"issuer": "BANKA", "nonPartnerAssignee": "ISSUER", "workDays": [1, 2, 3, 4, 5], "workStartHour": 9,
             "workEndHour": 17, "holidays": ["2026-11-03"], "reopenDays": 7}

    # when: rules set; on Monday at 16:00 a member complains about expired points
    updated = (await api.ok(PROGRAMME, {"input": rules}, operator))["serviceProgrammeUpdate"]
    deadline = (await api.ok(DEADLINE, {"category": "POINTS_EXPIRY"}, operator))["serviceDeadlineSet"]
    set_clock("2026-11-02T16:00:00+08:00")
    member = token_for(mall.shop.bank.member, settings)
    points_case = {"subject": "POINTS", "category": "POINTS_EXPIRY", "description": "My points vanished",
                   "channel": mall.shop.bank.channel.slug}
    opened = (await api.ok(OPEN, {"input": points_case}, member))["serviceCaseOpen"]["serviceCase"]

    # then: the bank answers; 1 hour on Monday, Tuesday is a holiday, 1 more on Wednesday
    assert (updated, deadline) == ({"ok": True, "errors": []}, {"ok": True, "errors": []})
    assert opened["assignee"] == "ISSUER"
    assert opened["dueAt"].startswith("2026-11-04T02:00")  # 10:00 in Shanghai (the clock runs on from 16:00)


async def test_bad_rules_are_refused_and_nothing_is_written(api, settings):
    # given
    operator = await staff_token(settings, "ops@example.com")
    before = await database_state()

    # when
    answers = [
        (await api.ok(PROGRAMME, {"input": {"issuer": "BANKA", "timeZone": "Mars/Olympus"}}, operator)),
        (await api.ok(PROGRAMME, {"input": {"issuer": "BANKA", "nonPartnerAssignee": "PARTNER"}}, operator)),
        (await api.ok(PROGRAMME, {"input": {"issuer": "BANKA", "workStartHour": 18, "workEndHour": 9}}, operator)),
        (await api.ok(PROGRAMME, {"input": {"issuer": "BANKA", "workDays": [0]}}, operator)),
    ]

    # then
    assert [[(e["field"], e["code"]) for e in answer["serviceProgrammeUpdate"]["errors"]] for answer in answers] == [
        [("timeZone", "INVALID")], [("nonPartnerAssignee", "INVALID")], [("workStartHour", "INVALID")],
        [("workDays", "INVALID")]]
    assert await database_state() == before
    assert (await CaseProgramme.all().count(), await CaseDeadlineRule.all().count()) == (0, 0)


async def test_a_partner_cannot_set_rules(api, settings):
    # given
    acme = await staff_token(settings, "desk@acme.example", (ScopeKind.PARTNER, "ACME"))

    # when
    answer = await api.post(DEADLINE, {"category": None}, acme)

    # then
    assert answer.error_codes == ["PermissionDenied"]
    assert await CaseDeadlineRule.all().count() == 0
