"""The programme's management in the API: a bank's staff makes and changes its own rules (each change a new
version), sets tiers and settings, gives awards, lists and exports members; another bank is refused."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from kernel.global_ids import to_global_id
from loyalty.models import EarningRule, EarningRuleVersion, RuleKind
from loyalty.states import assign_states, score_segments
from mall.accounts.models import ScopeKind
from tests.factories import make_staff, token_for
from tests.loyalty.helpers import make_programme, make_rule
from tests.settlement.helpers import make_issuer

CREATE = """
mutation Create($input: LoyaltyRuleCreateInput!) { loyaltyRuleCreate(input: $input) {
  rule { id code name kind version points dayCap yearCap capUnit fundingPartner } errors { field code } } }
"""
UPDATE = """
mutation Update($id: ID!, $input: LoyaltyRuleUpdateInput!) { loyaltyRuleUpdate(id: $id, input: $input) {
  rule { version points dayCap yearCap } errors { field code } } }
"""
PROGRAMME = """
query Programme($issuer: String) { loyaltyProgramme(issuer: $issuer) {
  issuer tierWindowMonths rules { code version } tiers { code threshold earnMultiplier } } }
"""
TIERS = """
mutation Tiers($tiers: [LoyaltyTierInput!]!) { loyaltyTiersSet(tiers: $tiers) {
  programme { tiers { code rank threshold } } errors { field code } } }
"""
GIVE = """
mutation Give($rule: ID!, $user: ID!) { loyaltyAwardGive(rule: $rule, user: $user, channel: "banka-mall",
  occasion: "marathon") { award { points ruleName occasion } replayed errors { field code } } }
"""
MEMBERS = """
query Members($state: LoyaltyMemberStateEnum) { loyaltyMembers(state: $state, first: 10) {
  totalCount edges { node { state segment tier } } } }
"""
CSV = "query { loyaltyMembersCsv }"


async def bank_staff(settings, code: str = "BANKA") -> str:
    staff = await make_staff(f"staff@{code.lower()}.example", ["MANAGE_POINTS"], scope=(ScopeKind.ISSUER, code))
    return token_for(staff, settings)


async def test_a_bank_makes_a_rule_and_each_change_is_a_new_version(api, settings, set_clock):
    # given
    set_clock("2026-12-07T09:00:00+08:00")
    await make_programme(settings)
    token = await bank_staff(settings)

    # when
    created = (await api.ok(CREATE, {"input": {"code": "daily", "name": "Daily sign-in", "kind": "SIGN_IN",
                                               "points": 1, "dayCap": 1, "yearCap": 365}}, token))["loyaltyRuleCreate"]
    rule_id = created["rule"]["id"]
    changed = (await api.ok(UPDATE, {"id": rule_id, "input": {"points": 2, "yearCap": None}}, token))
    unchanged = (await api.ok(UPDATE, {"id": rule_id, "input": {"points": 2}}, token))
    programme = (await api.ok(PROGRAMME, {}, token))["loyaltyProgramme"]

    # then
    assert created == {"rule": {"id": rule_id, "code": "daily", "name": "Daily sign-in", "kind": "SIGN_IN",
                                "version": 1, "points": 1, "dayCap": 1, "yearCap": 365, "capUnit": "AWARDS",
                                "fundingPartner": None}, "errors": []}
    assert changed["loyaltyRuleUpdate"] == {"rule": {"version": 2, "points": 2, "dayCap": 1, "yearCap": None},
                                            "errors": []}
    assert unchanged["loyaltyRuleUpdate"]["rule"]["version"] == 2
    assert [(v.version, v.terms["points"], v.terms["year_cap"]) for v in
            await EarningRuleVersion.all().order_by("version")] == [(1, 1, 365), (2, 2, None)]
    assert programme == {"issuer": "BANKA", "tierWindowMonths": 12, "rules": [{"code": "daily", "version": 2}],
                         "tiers": []}


async def test_invalid_rules_are_refused_and_nothing_is_written(api, settings):
    # given
    await make_programme(settings)
    token = await bank_staff(settings)
    base = {"code": "share", "name": "Share", "kind": "SHARE", "points": 2}

    # when
    answers = [(await api.ok(CREATE, {"input": base | changes}, token))["loyaltyRuleCreate"]["errors"]
               for changes in ({"points": 0}, {"dayCap": 0}, {"code": "Bad Code"}, {"fundingPartner": "NOPE"},
                               {"startsAt": "2027-01-02T00:00:00Z", "endsAt": "2027-01-01T00:00:00Z"})]

    # then
    assert answers == [[{"field": "points", "code": "INVALID"}], [{"field": "dayCap", "code": "INVALID"}],
                       [{"field": "code", "code": "INVALID"}], [{"field": "fundingPartner", "code": "NOT_FOUND"}],
                       [{"field": "endsAt", "code": "INVALID"}]]
    assert await EarningRule.all().count() == 0


async def test_another_bank_can_neither_read_nor_change_the_programme(api, settings):
    # given
    await make_programme(settings)
    await make_issuer("BANKB")
    rule = await make_rule("daily", RuleKind.SIGN_IN, points=1)
    other = await bank_staff(settings, "BANKB")
    rule_id = to_global_id("LoyaltyRule", rule.id)

    # when
    read = await api.post(PROGRAMME, {"issuer": "BANKA"}, other)
    change = await api.post(UPDATE, {"id": rule_id, "input": {"points": 9}}, other)

    # then
    assert read.error_codes == change.error_codes == ["PermissionDenied"]
    assert (await EarningRule.get(id=rule.id)).points == 1


async def test_tiers_awards_and_members_by_state_and_as_csv(api, settings, set_clock):
    # given
    set_clock("2026-12-07T09:00:00+08:00")
    programme = await make_programme(settings)
    token = await bank_staff(settings)
    rule = await make_rule("events", RuleKind.EVENT, points=50, name="Marathon")
    rule_id, user_id = to_global_id("LoyaltyRule", rule.id), to_global_id("User", programme.member.id)

    # when
    tiers = (await api.ok(TIERS, {"tiers": [{"code": "silver", "name": "Silver", "threshold": 0},
                                            {"code": "gold", "name": "Gold", "threshold": 100}]}, token))
    given = [(await api.ok(GIVE, {"rule": rule_id, "user": user_id}, token))["loyaltyAwardGive"] for _ in range(2)]
    async with in_transaction():
        await assign_states("BANKA")
        await score_segments("BANKA")
    members = (await api.ok(MEMBERS, {"state": "ACTIVE"}, token))["loyaltyMembers"]
    csv = (await api.ok(CSV, {}, token))["loyaltyMembersCsv"]

    # then: one member ranks lowest on every score (percent rank 0), so hibernating; no tier until the job runs
    assert tiers["loyaltyTiersSet"] == {"programme": {"tiers": [{"code": "silver", "rank": 0, "threshold": 0},
                                                                {"code": "gold", "rank": 1, "threshold": 100}]},
                                        "errors": []}
    assert [(g["award"], g["replayed"]) for g in given] == [
        ({"points": 50, "ruleName": "Marathon", "occasion": "event:marathon"}, False),
        ({"points": 50, "ruleName": "Marathon", "occasion": "event:marathon"}, True)]
    assert members == {"totalCount": 1, "edges": [{"node": {"state": "ACTIVE", "segment": "hibernating",
                                                              "tier": None}}]}
    header, row = csv.splitlines()
    assert header == "member_id,email,tier,state,segment,recency_score,frequency_score,monetary_score,last_activity_at"
    assert row.startswith(f"{programme.member.id},mei@banka.example,,active,hibernating,1,1,1,2026-12-07T01:00:")
