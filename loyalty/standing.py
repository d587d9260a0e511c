"""What tiers and states are computed from: each member's qualifying months and last activity.

Every award, take-back and delivered purchase adds to the member's month (in the issuer's calendar) and
marks the member for review, so the tier job reads only members whose figures moved (plus those whose
anniversary came), never every member every day. Both writes are upserts that add to what is there:
concurrent awards of one member add up instead of overwriting each other.
"""

from __future__ import annotations

from datetime import date, datetime

from kernel import clock
from mall import sql

ADD_TO_MONTH = (
    "INSERT INTO loyalty_qualifying_month (issuer_code, member_id, month, points_earned, spend, awards)"
    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (issuer_code, member_id, month) DO UPDATE SET"
    " points_earned = loyalty_qualifying_month.points_earned + EXCLUDED.points_earned,"
    " spend = loyalty_qualifying_month.spend + EXCLUDED.spend,"
    " awards = loyalty_qualifying_month.awards + EXCLUDED.awards"
)
MARK_FOR_REVIEW = (
    "INSERT INTO loyalty_programme_member (issuer_code, member_id, needs_review, last_activity_at, state,"
    " recency_score, frequency_score, monetary_score, segment, updated_at)"
    " VALUES ($1, $2, TRUE, $3, 'active', 0, 0, 0, '', $4) ON CONFLICT (issuer_code, member_id) DO UPDATE SET"
    " needs_review = TRUE, last_activity_at = {last_activity}, updated_at = EXCLUDED.updated_at"
)


def month_of(day: date) -> date:
    return day.replace(day=1)


async def record_activity(
    issuer_code: str, member_id: int, day: date, *, points_earned: int = 0, spend: int = 0, awards: int = 0,
    active_at: datetime | None = None,
) -> None:
    """Add to the member's figures for the month of `day` (signed: a take-back subtracts) and mark the
    member for the tier job. `active_at` (the member did something) moves the last activity on."""
    await sql.execute(ADD_TO_MONTH, issuer_code, member_id, month_of(day), points_earned, spend, awards)
    last_activity = "EXCLUDED.last_activity_at" if active_at else "loyalty_programme_member.last_activity_at"
    await sql.execute(MARK_FOR_REVIEW.format(last_activity=last_activity), issuer_code, member_id, active_at,
                      clock.now())
