"""What members and staff read: ways to earn with the caps left, tier and progress, members by state,
segment and tier (also as CSV)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from kernel import clock
from loyalty.activity import sign_in_streak
from loyalty.caps import CapLeft, caps_left
from loyalty.models import Award, EarningRule, MemberState, ProgrammeMember, RuleKind, TierLevel
from loyalty.programmes import ProgrammeOf
from loyalty.rules import is_in_force
from loyalty.tiers import qualifying_value
from mall import sql

MAX_EXPORT_ROWS = 100_000


@dataclass(frozen=True)
class WayToEarn:
    rule: EarningRule
    caps: list[CapLeft]
    done_today: bool  # a sign-in or birthday already booked for today

    @property
    def available(self) -> bool:
        return not self.done_today and all(cap.left > 0 for cap in self.caps)


async def ways_to_earn(programme: ProgrammeOf, member_id: int) -> list[WayToEarn]:
    """The programme's rules in force now, each with what is left of its caps for the member."""
    now = clock.now()
    local = now.astimezone(programme.zone)
    rules = [rule for rule in await EarningRule.filter(issuer_code=programme.code).order_by("id")
             if is_in_force(rule, now)]
    today_occasion = f"day:{local.date().isoformat()}"
    signed_today = await Award.filter(issuer_code=programme.code, member_id=member_id,
                                      occasion=today_occasion).exists()
    return [WayToEarn(rule, await caps_left(rule, member_id, local), rule.kind == RuleKind.SIGN_IN and signed_today)
            for rule in rules]


@dataclass(frozen=True)
class TierProgress:
    tier: TierLevel | None
    next_tier: TierLevel | None
    qualifying_value: int
    anniversary: date | None
    sign_in_streak: int

    @property
    def to_next_tier(self) -> int | None:
        return None if self.next_tier is None else max(self.next_tier.threshold - self.qualifying_value, 0)

    @property
    def to_retain(self) -> int | None:
        return None if self.tier is None else max(self.tier.threshold - self.qualifying_value, 0)


async def member_tier(programme: ProgrammeOf, member_id: int) -> TierLevel | None:
    """The member's tier: the one the tier job judged, or the entry tier everyone starts at (None: the
    programme has no tiers)."""
    standing = await ProgrammeMember.get_or_none(issuer_code=programme.code, member_id=member_id)
    tier_id = standing.tier_id if standing else None  # type: ignore[attr-defined]
    if tier_id:
        return await TierLevel.get_or_none(id=tier_id)
    return await TierLevel.filter(issuer_code=programme.code).order_by("rank").first()


async def tier_progress(programme: ProgrammeOf, member_id: int) -> TierProgress:
    """The member's tier, the value of their window, and what the next tier and retention need."""
    today = clock.today_in(programme.zone)
    standing = await ProgrammeMember.get_or_none(issuer_code=programme.code, member_id=member_id)
    tier = await member_tier(programme, member_id)
    levels = await TierLevel.filter(issuer_code=programme.code).order_by("rank")
    rank = tier.rank if tier else -1
    next_tier = next((level for level in levels if level.rank > rank), None)
    return TierProgress(tier, next_tier, await qualifying_value(programme, member_id, today),
                        standing.anniversary if standing else None,
                        await sign_in_streak(programme.code, member_id, today))


@dataclass(frozen=True)
class MemberFilter:
    state: MemberState | None = None
    segment: str | None = None
    tier_code: str | None = None


async def tier_id_of(issuer_code: str, code: str | None) -> int | None:
    if code is None:
        return None
    level = await TierLevel.get_or_none(issuer_code=issuer_code, code=code)
    return level.id if level else -1


async def members_of(issuer_code: str, chosen: MemberFilter) -> Any:
    """The programme's members matching the filter, as a queryset (paged by the API, targeted by campaigns)."""
    query = ProgrammeMember.filter(issuer_code=issuer_code)
    if chosen.state is not None:
        query = query.filter(state=chosen.state)
    if chosen.segment is not None:
        query = query.filter(segment=chosen.segment)
    tier_id = await tier_id_of(issuer_code, chosen.tier_code)
    if tier_id is not None:
        query = query.filter(tier_id=tier_id)
    return query


EXPORT = (
    "SELECT pm.member_id, u.email, t.code AS tier, pm.state, pm.segment, pm.recency_score, pm.frequency_score,"
    " pm.monetary_score, pm.last_activity_at FROM loyalty_programme_member pm"
    " JOIN account_user u ON u.id = pm.member_id LEFT JOIN loyalty_tier_level t ON t.id = pm.tier_id"
    " WHERE pm.issuer_code = $1 AND ($2::text IS NULL OR pm.state = $2) AND ($3::text IS NULL OR pm.segment = $3)"
    " AND ($4::bigint IS NULL OR pm.tier_id = $4) ORDER BY pm.member_id LIMIT $5"
)
EXPORT_COLUMNS = ("member_id", "email", "tier", "state", "segment", "recency_score", "frequency_score",
                  "monetary_score", "last_activity_at")


async def export_members_csv(issuer_code: str, chosen: MemberFilter) -> str:
    """The filtered members as CSV (header first), at most MAX_EXPORT_ROWS."""
    query = EXPORT if sql.is_postgres() else EXPORT.replace("::text", "").replace("::bigint", "")
    state = chosen.state.value if chosen.state else None
    rows = await sql.fetch(query, issuer_code, state, chosen.segment, await tier_id_of(issuer_code, chosen.tier_code),
                           MAX_EXPORT_ROWS)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        active = sql.as_datetime(row["last_activity_at"])
        cells = {**row, "last_activity_at": active.isoformat(timespec="seconds") if active else ""}
        writer.writerow(["" if cells[column] is None else cells[column] for column in EXPORT_COLUMNS])
    return out.getvalue()
