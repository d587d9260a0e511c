"""Caps per member per day, month and year, counted in the issuer's time zone.

Each capped period has one counter row per (rule, member, period). An award raises every counter with one
conditional UPDATE (`... WHERE used + this <= cap`): the database checks and counts in one statement, so
concurrent awards wait for each other on the row and never pass the cap together (a read-then-write would,
on PostgreSQL). Counters are raised day, month, year in that order, so two awards never lock them crosswise.
A refused award rolls back with its transaction, counters included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from loyalty.errors import LoyaltyErrorCode, refusal
from loyalty.models import CapPeriod, CapUnit, EarningRule
from mall import sql

PERIOD_WORDS = {CapPeriod.DAY: "today", CapPeriod.MONTH: "this month", CapPeriod.YEAR: "this year"}

OPEN_COUNTER = (
    "INSERT INTO loyalty_cap_usage (rule_id, member_id, period, period_key, awards, points)"
    " VALUES ($1, $2, $3, $4, 0, 0) ON CONFLICT (rule_id, member_id, period, period_key) DO NOTHING"
)
RAISE_COUNTER = (
    "UPDATE loyalty_cap_usage SET awards = awards + 1, points = points + $5"
    " WHERE rule_id = $1 AND member_id = $2 AND period = $3 AND period_key = $4 AND {used} + {this} <= $6"
)


def period_key(period: CapPeriod, local: datetime) -> str:
    """The counter's key for the period `local` (a time in the issuer's zone) falls in."""
    if period == CapPeriod.DAY:
        return local.strftime("%Y-%m-%d")
    if period == CapPeriod.MONTH:
        return local.strftime("%Y-%m")
    return local.strftime("%Y")


def caps_of(rule: EarningRule) -> list[tuple[CapPeriod, int]]:
    """The rule's caps, day first."""
    caps = ((CapPeriod.DAY, rule.day_cap), (CapPeriod.MONTH, rule.month_cap), (CapPeriod.YEAR, rule.year_cap))
    return [(period, cap) for period, cap in caps if cap is not None]


async def use_caps(rule: EarningRule, member_id: int, points: int, local: datetime) -> None:
    """Count one award of `points` against each of the rule's caps. Raises DomainError CAP_REACHED."""
    by_points = rule.cap_unit == CapUnit.POINTS
    statement = RAISE_COUNTER.format(used="points" if by_points else "awards", this="$5" if by_points else "1")
    for period, cap in caps_of(rule):
        key = period_key(period, local)
        await sql.execute(OPEN_COUNTER, rule.id, member_id, period.value, key)
        if await sql.execute(statement, rule.id, member_id, period.value, key, points, cap) != 1:
            unit = "points" if by_points else ("time" if cap == 1 else "times")
            raise refusal(LoyaltyErrorCode.CAP_REACHED, f"'{rule.name}' gives at most {cap} {unit} a "
                          f"{period.value}: the cap for {PERIOD_WORDS[period]} is reached.", "rule")


@dataclass(frozen=True)
class CapLeft:
    period: CapPeriod
    cap: int
    used: int

    @property
    def left(self) -> int:
        return max(self.cap - self.used, 0)


async def caps_left(rule: EarningRule, member_id: int, local: datetime) -> list[CapLeft]:
    """What the member has used of each of the rule's caps in the periods `local` falls in."""
    caps = caps_of(rule)
    if not caps:
        return []
    used_column = "points" if rule.cap_unit == CapUnit.POINTS else "awards"
    rows = await sql.fetch(
        f"SELECT period, period_key, {used_column} AS used FROM loyalty_cap_usage WHERE rule_id = $1 AND member_id = $2"
        " AND ((period = 'day' AND period_key = $3) OR (period = 'month' AND period_key = $4)"
        " OR (period = 'year' AND period_key = $5))",
        rule.id, member_id, *(period_key(period, local) for period in CapPeriod),
    )
    used = {row["period"]: int(row["used"]) for row in rows}
    return [CapLeft(period, cap, used.get(period.value, 0)) for period, cap in caps]
