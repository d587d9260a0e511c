"""Caps per member per day, month and year, counted in the issuer's time zone.

Each capped period has one counter row per (rule, member, period). An award raises all of the rule's counters
with one statement: an upsert per period row whose update is conditional (`ON CONFLICT DO UPDATE ... WHERE
used + this <= cap`), so the database opens, checks and counts at once, concurrent awards wait for each other
on the row and never pass the cap together (a read-then-write would, on PostgreSQL). The statement reports
how many counters it raised: fewer than the rule's caps means one of them is reached, and the caller's
transaction rolls the others back. Rows are written day, month, year in that order, so two awards never lock
them crosswise. A refused award rolls back with its transaction, counters included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from loyalty.errors import LoyaltyErrorCode, refusal
from loyalty.models import CapPeriod, CapUnit, EarningRule
from mall import sql

PERIOD_WORDS = {CapPeriod.DAY: "today", CapPeriod.MONTH: "this month", CapPeriod.YEAR: "this year"}

# Parameters: $1 rule, $2 member, $3 points; then per period row its period, key and cap.
RAISE_COUNTERS = (
    "INSERT INTO loyalty_cap_usage AS u (rule_id, member_id, period, period_key, awards, points) VALUES {rows}"
    " ON CONFLICT (rule_id, member_id, period, period_key) DO UPDATE SET awards = u.awards + 1,"
    " points = u.points + EXCLUDED.points WHERE u.{used} + {this} <= CASE u.period {caps} END RETURNING period"
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


def raise_counters_statement(count: int, by_points: bool) -> str:
    """RAISE_COUNTERS for `count` capped periods (rows from parameter 4 on, three each)."""
    rows = ", ".join(f"($1, $2, ${4 + 3 * i}, ${5 + 3 * i}, 1, $3)" for i in range(count))
    caps = " ".join(f"WHEN ${4 + 3 * i} THEN CAST(${6 + 3 * i} AS BIGINT)" for i in range(count))
    return RAISE_COUNTERS.format(rows=rows, used="points" if by_points else "awards", this="$3" if by_points else "1",
                                 caps=caps)


async def use_caps(rule: EarningRule, member_id: int, points: int, local: datetime) -> None:
    """Count one award of `points` against each of the rule's caps, in one statement. Raises DomainError
    CAP_REACHED (the caller's transaction must roll back: other counters may have been raised)."""
    caps = caps_of(rule)
    if not caps:
        return
    by_points = rule.cap_unit == CapUnit.POINTS
    this = points if by_points else 1
    # A cap smaller than one award: refused before any row (a new counter row would start above it).
    reached = next(((period, cap) for period, cap in caps if this > cap), None)
    parameters = [value for period, cap in caps for value in (period.value, period_key(period, local), cap)]
    if reached is None:
        raised = {row["period"] for row in await sql.fetch(raise_counters_statement(len(caps), by_points), rule.id,
                                                           member_id, points, *parameters)}
        if len(raised) == len(caps):
            return
        reached = next((period, cap) for period, cap in caps if period.value not in raised)
    period, cap = reached
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
