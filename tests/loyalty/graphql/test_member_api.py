"""A member's loyalty in the API: the daily sign-in with its streak, shares, ways to earn with the caps left,
`User.tier` and `User.tierProgress`, and the points history naming the rule."""

from __future__ import annotations

from decimal import Decimal

from tortoise.transactions import in_transaction

from loyalty.models import RuleKind
from loyalty.tiers import LevelTerms, review_tiers, set_tier_levels
from tests.factories import make_staff, token_for
from tests.loyalty.helpers import make_programme, make_rule

SIGN_IN = """
mutation SignIn($channel: String!) { loyaltySignIn(channel: $channel) {
  award { points ruleName ruleVersion occasion } replayed streak errors { field code message } } }
"""
SHARE = """
mutation Share($channel: String!, $shared: String!) { loyaltyShare(channel: $channel, shared: $shared) {
  award { points ruleName } replayed errors { field code } } }
"""
WAYS = """
query Ways($channel: String!) { loyaltyWaysToEarn(channel: $channel) {
  rule { code name kind points } available caps { period cap used left } } }
"""
ME = """
query Me($channel: String!) { me {
  tier(channel: $channel) { code name earnMultiplier freeDelivery }
  tierProgress(channel: $channel) { tier { code } nextTier { code } qualifyingValue toNextTier toRetain
                                    anniversary signInStreak }
  pointsTransfers(channel: $channel, first: 5) { edges { node { points reason } } } } }
"""


async def a_programme(settings):
    programme = await make_programme(settings)
    await make_rule("daily", RuleKind.SIGN_IN, points=1, day_cap=1, year_cap=365, name="Daily sign-in")
    await make_rule("share", RuleKind.SHARE, points=2, year_cap=192, name="Share a gift")
    return programme, Tokens(programme.member, settings)


class Tokens:
    """A fresh access token each time, issued at the clock's time (tests move the clock by days)."""

    def __init__(self, user, settings) -> None:
        self.user, self.settings = user, settings

    def __call__(self) -> str:
        return token_for(self.user, self.settings)


async def test_a_member_signs_in_on_three_days_and_sees_the_streak(api, settings, set_clock):
    # given
    _, token = await a_programme(settings)
    answers = []

    # when: the 5th and 6th, then twice on the 7th
    for when in ("2026-12-05T08:00:00+08:00", "2026-12-06T08:00:00+08:00", "2026-12-07T08:00:00+08:00",
                 "2026-12-07T20:00:00+08:00"):
        set_clock(when)
        answers.append((await api.ok(SIGN_IN, {"channel": "banka-mall"}, token()))["loyaltySignIn"])

    # then
    assert [(a["streak"], a["replayed"], a["award"]["occasion"]) for a in answers] == [
        (1, False, "day:2026-12-05"), (2, False, "day:2026-12-06"), (3, False, "day:2026-12-07"),
        (3, True, "day:2026-12-07")]
    assert answers[0]["award"] | {"occasion": None} == {"points": 1, "ruleName": "Daily sign-in", "ruleVersion": 1,
                                                        "occasion": None}
    assert [a["errors"] for a in answers] == [[]] * 4


async def test_ways_to_earn_show_what_is_left_of_each_cap(api, settings, set_clock):
    # given: signed in and shared once today
    _, token = await a_programme(settings)
    set_clock("2026-12-07T08:00:00+08:00")
    await api.ok(SIGN_IN, {"channel": "banka-mall"}, token())
    shared = (await api.ok(SHARE, {"channel": "banka-mall", "shared": "kettle"}, token()))["loyaltyShare"]

    # when
    ways = (await api.ok(WAYS, {"channel": "banka-mall"}, token()))["loyaltyWaysToEarn"]

    # then
    assert shared == {"award": {"points": 2, "ruleName": "Share a gift"}, "replayed": False, "errors": []}
    assert ways == [
        {"rule": {"code": "daily", "name": "Daily sign-in", "kind": "SIGN_IN", "points": 1}, "available": False,
         "caps": [{"period": "DAY", "cap": 1, "used": 1, "left": 0},
                  {"period": "YEAR", "cap": 365, "used": 1, "left": 364}]},
        {"rule": {"code": "share", "name": "Share a gift", "kind": "SHARE", "points": 2}, "available": True,
         "caps": [{"period": "YEAR", "cap": 192, "used": 1, "left": 191}]},
    ]


async def test_tier_and_progress_and_a_history_that_names_the_rule(api, settings, set_clock):
    # given: tiers silver (0) and gold (3 points); the member signs in twice and the tier job runs
    _, token = await a_programme(settings)
    async with in_transaction():
        await set_tier_levels("BANKA", [LevelTerms("silver", "Silver", 0),
                                        LevelTerms("gold", "Gold", 3, earn_multiplier=Decimal(2), free_delivery=True)])
    for day in ("06", "07"):
        set_clock(f"2026-12-{day}T08:00:00+08:00")
        await api.ok(SIGN_IN, {"channel": "banka-mall"}, token())
    await review_tiers("BANKA")

    # when
    me = (await api.ok(ME, {"channel": "banka-mall"}, token()))["me"]

    # then
    assert me["tier"] == {"code": "silver", "name": "Silver", "earnMultiplier": 1.0, "freeDelivery": False}
    assert me["tierProgress"] == {"tier": {"code": "silver"}, "nextTier": {"code": "gold"}, "qualifyingValue": 2,
                                  "toNextTier": 1, "toRetain": 0, "anniversary": "2027-12-07", "signInStreak": 2}
    assert [edge["node"] for edge in me["pointsTransfers"]["edges"]] == [
        {"points": 1, "reason": "Daily sign-in"}, {"points": 1, "reason": "Daily sign-in"}]


async def test_staff_accounts_earn_nothing_and_anonymous_callers_are_refused(api, settings, set_clock):
    # given
    await a_programme(settings)
    set_clock("2026-12-07T08:00:00+08:00")
    staff = token_for(await make_staff(permissions=["MANAGE_POINTS"]), settings)

    # when
    staff_answer = (await api.ok(SIGN_IN, {"channel": "banka-mall"}, staff))["loyaltySignIn"]
    anonymous = await api.post(SIGN_IN, {"channel": "banka-mall"})

    # then
    assert staff_answer["errors"] == [{"field": "user", "code": "NOT_ELIGIBLE",
                                       "message": "Staff accounts do not earn points."}]
    assert anonymous.error_codes == ["PermissionDenied"]
