"""Activity awards: the member's daily sign-in and shares, and the awards a bank or the operator books for a
member (welcome, birthday, events).

Each names its occasion so that the same thing twice books once: a sign-in's occasion is the day in the
issuer's time zone, a share's the id of what was shared, a welcome is once ever, a birthday once a year,
an event once per event code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kernel import clock
from loyalty.awards import Booked, Occasion, RuleChanged, book_award
from loyalty.errors import LoyaltyErrorCode, refusal
from loyalty.models import Award, EarningRule, RuleKind
from loyalty.programmes import ProgrammeOf, programme_of_channel
from loyalty.rules import is_in_force, rules_of_kind
from mall.channels.models import Channel

MAX_STREAK_DAYS = 366
STAFF_KINDS = frozenset({RuleKind.WELCOME, RuleKind.BIRTHDAY, RuleKind.EVENT, RuleKind.SHARE})


@dataclass(frozen=True)
class SignedIn:
    booked: Booked
    streak: int  # consecutive days signed in, today included


async def rule_in_force(programme: ProgrammeOf, kind: RuleKind, *, fresh: bool = False) -> EarningRule:
    """The programme's rule of `kind` in force now (the oldest, if several), from the worker's cache unless
    `fresh`; a refusal always reads the rules again first (one may have been made since).

    Raises DomainError RULE_INACTIVE (the programme has no such rule, or none is in force now).
    """
    now = clock.now()
    rules = await rules_of_kind(programme.code, kind, fresh=fresh)
    rule = next((rule for rule in rules if is_in_force(rule, now)), None)
    if rule is None and not fresh:
        return await rule_in_force(programme, kind, fresh=True)
    if not rules:
        raise refusal(LoyaltyErrorCode.RULE_INACTIVE, "This programme gives no points for this.", "rule")
    if rule is None:
        raise refusal(LoyaltyErrorCode.RULE_INACTIVE, f"'{rules[0].name}' is not in force now.", "rule")
    return rule


async def _book_activity(programme: ProgrammeOf, kind: RuleKind, channel: Channel, member_id: int, occasion: str,
                         actor: str) -> Booked:
    """Book with the worker's cached rule; if another worker changed it meanwhile, once more with it read again."""
    rule = await rule_in_force(programme, kind)
    try:
        return await book_award(programme, Occasion(rule, channel, member_id, occasion, rule.points, actor))
    except RuleChanged:
        rule = await rule_in_force(programme, kind, fresh=True)
        return await book_award(programme, Occasion(rule, channel, member_id, occasion, rule.points, actor))


async def sign_in(channel: Channel, member_id: int, actor: str) -> SignedIn:
    """The member's sign-in for today (in the issuer's time zone): once a day, however often it is sent.

    Raises DomainError NOT_ELIGIBLE, RULE_INACTIVE, CAP_REACHED.
    """
    programme = await programme_of_channel(channel)
    today = clock.today_in(programme.zone)
    booked = await _book_activity(programme, RuleKind.SIGN_IN, channel, member_id, f"day:{today.isoformat()}", actor)
    return SignedIn(booked, await sign_in_streak(programme.code, member_id, today))


async def share(channel: Channel, member_id: int, shared: str, actor: str) -> Booked:
    """Points for sharing `shared` (a gift's slug, a page): once per thing shared, within the caps.

    Raises DomainError NOT_ELIGIBLE, RULE_INACTIVE, CAP_REACHED, INVALID.
    """
    programme = await programme_of_channel(channel)
    return await _book_activity(programme, RuleKind.SHARE, channel, member_id, f"share:{shared.strip()}", actor)


async def award_for_member(rule_id: int, channel: Channel, member_id: int, occasion: str, actor: str) -> Booked:
    """A bank's or the operator's award of a welcome, birthday, event or share rule.

    A welcome is once per member whatever `occasion` says, a birthday once per year (of today in the issuer's
    time zone), an event or share once per `occasion`. Raises DomainError NOT_FOUND, INVALID (a sign-in or spend
    rule: those are earned, not given), RULE_INACTIVE, NOT_ELIGIBLE, CAP_REACHED.
    """
    programme = await programme_of_channel(channel)
    rule = await EarningRule.get_or_none(id=rule_id, issuer_code=programme.code)
    if rule is None:
        raise refusal(LoyaltyErrorCode.NOT_FOUND, "The programme has no such rule.", "rule")
    kind = RuleKind(rule.kind)
    if kind not in STAFF_KINDS:
        raise refusal(LoyaltyErrorCode.INVALID, "Sign-in and spend points are earned by the member, not given.",
                      "rule")
    if kind == RuleKind.WELCOME:
        occasion = "welcome"
    elif kind == RuleKind.BIRTHDAY:
        occasion = f"birthday:{clock.today_in(programme.zone).year}"
    else:
        occasion = f"{kind.value}:{occasion.strip()}" if occasion.strip() else ""
    return await book_award(programme, Occasion(rule, channel, member_id, occasion, rule.points, actor))


async def sign_in_days(issuer_code: str, member_id: int, until: date) -> list[date]:
    """The days the member signed in, newest first, at most a year back from `until`."""
    since = until - timedelta(days=MAX_STREAK_DAYS)
    awards = await Award.filter(
        issuer_code=issuer_code, member_id=member_id, local_date__gte=since, local_date__lte=until,
        occasion__startswith="day:",
    ).order_by("-local_date").values_list("local_date", flat=True)
    return sorted(set(awards), reverse=True)  # type: ignore[arg-type]


async def sign_in_streak(issuer_code: str, member_id: int, today: date) -> int:
    """Consecutive days signed in, ending today (or yesterday, when today's sign-in is still to come)."""
    days = await sign_in_days(issuer_code, member_id, today)
    expected = today if days and days[0] == today else today - timedelta(days=1)
    streak = 0
    for day in days:
        if day != expected:
            break
        streak += 1
        expected -= timedelta(days=1)
    return streak
