"""What tiers and states are computed from: each member's qualifying months and last activity.

Every award, take-back and delivered purchase adds to the member's month (in the issuer's calendar) and
marks the member for review, so the tier job reads only members whose figures moved (plus those whose
anniversary came), never every member every day. Both writes are upserts that add to what is there:
concurrent awards of one member add up instead of overwriting each other. The same upsert keeps the
member's rolling RFM figures on the standing row (loyalty.figures: a ring of month buckets), which the
segment job reads instead of the months.
"""

from __future__ import annotations

from datetime import date, datetime

from kernel import clock
from loyalty.figures import COLUMNS as FIGURES
from loyalty.figures import first_values, merged, month_index
from mall import sql

ADD_TO_MONTH = (
    "INSERT INTO loyalty_qualifying_month (issuer_code, member_id, month, points_earned, spend, awards)"
    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (issuer_code, member_id, month) DO UPDATE SET"
    " points_earned = loyalty_qualifying_month.points_earned + EXCLUDED.points_earned,"
    " spend = loyalty_qualifying_month.spend + EXCLUDED.spend,"
    " awards = loyalty_qualifying_month.awards + EXCLUDED.awards"
)
# ADD_TO_MONTH with its month and figures as parameters 5 to 8, after MARK_FOR_REVIEW's four.
ADD_TO_MONTH_AFTER_REVIEW = ADD_TO_MONTH.replace("VALUES ($1, $2, $3, $4, $5, $6)", "VALUES ($1, $2, $5, $6, $7, $8)")
FIGURE_COLUMNS = ", ".join(FIGURES)
MERGE_FIGURES = merged("loyalty_programme_member")
# $1 issuer, $2 member, $3 the last activity, $4 now; the figures' month, awards and spend are parameters too
# (their numbers differ by statement: {month}, {awards}, {spend}).
MARK_FOR_REVIEW = (
    "INSERT INTO loyalty_programme_member (issuer_code, member_id, needs_review, last_activity_at, state,"
    f" recency_score, frequency_score, monetary_score, segment, updated_at, {FIGURE_COLUMNS})"
    " VALUES ($1, $2, TRUE, $3, 'active', 0, 0, 0, '', $4, {figures}) ON CONFLICT (issuer_code, member_id)"
    " DO UPDATE SET needs_review = TRUE, last_activity_at = {last_activity}, updated_at = EXCLUDED.updated_at,"
    f" {MERGE_FIGURES}"
)


def _figures(month: int, awards: int, spend: int) -> str:
    return ", ".join(first_values(f"CAST(${month} AS INTEGER)", f"CAST(${awards} AS INTEGER)",
                                  f"CAST(${spend} AS BIGINT)"))


# PostgreSQL: both upserts in one statement (an award's hot path); SQLite has no data-modifying CTEs.
BOTH = "WITH added AS ({month}) {review}"


def month_of(day: date) -> date:
    return day.replace(day=1)


async def record_activity(
    issuer_code: str, member_id: int, day: date, *, points_earned: int = 0, spend: int = 0, awards: int = 0,
    active_at: datetime | None = None,
) -> None:
    """Add to the member's figures for the month of `day` (signed: a take-back subtracts) and mark the
    member for the tier job. `active_at` (the member did something) moves the last activity on."""
    last_activity = "EXCLUDED.last_activity_at" if active_at else "loyalty_programme_member.last_activity_at"
    if sql.is_postgres():
        review = MARK_FOR_REVIEW.replace("{figures}", _figures(9, 8, 7)).replace("{last_activity}", last_activity)
        statement = BOTH.format(month=ADD_TO_MONTH_AFTER_REVIEW, review=review)
        await sql.execute(statement, issuer_code, member_id, active_at, clock.now(), month_of(day), points_earned,
                          spend, awards, month_index(day))
        return
    review = MARK_FOR_REVIEW.replace("{figures}", _figures(5, 6, 7)).replace("{last_activity}", last_activity)
    await sql.execute(ADD_TO_MONTH, issuer_code, member_id, month_of(day), points_earned, spend, awards)
    await sql.execute(review, issuer_code, member_id, active_at, clock.now(), month_index(day), awards, spend)


# PostgreSQL: many members' awards of one day in one statement (loyalty.bulk), the same two upserts.
ADD_TO_MONTHS = (
    "WITH added AS (INSERT INTO loyalty_qualifying_month (issuer_code, member_id, month, points_earned, spend, awards)"
    " SELECT $1, c.member_id, $4, c.points, 0, 1 FROM unnest($2::int[], $3::int[]) AS c (member_id, points)"
    " ORDER BY c.member_id ON CONFLICT (issuer_code, member_id, month) DO UPDATE SET"
    " points_earned = loyalty_qualifying_month.points_earned + EXCLUDED.points_earned,"
    " awards = loyalty_qualifying_month.awards + EXCLUDED.awards)"
    " INSERT INTO loyalty_programme_member (issuer_code, member_id, needs_review, last_activity_at, state,"
    f" recency_score, frequency_score, monetary_score, segment, updated_at, {FIGURE_COLUMNS})"
    " SELECT $1, m, TRUE, $5, 'active', 0, 0, 0, '', $5, " + _figures(6, 7, 8) + " FROM unnest($2::int[]) AS m"
    # Ascending member id: the lock order of standings (mall.locking).
    " ORDER BY m ON CONFLICT (issuer_code, member_id) DO UPDATE SET needs_review = TRUE,"
    f" last_activity_at = EXCLUDED.last_activity_at, updated_at = EXCLUDED.updated_at, {MERGE_FIGURES}"
)


async def record_activities(issuer_code: str, member_ids: list[int], points: list[int], day: date,
                            active_at: datetime) -> None:
    """PostgreSQL: `record_activity` of one award each (`points[i]` for `member_ids[i]`) on `day`."""
    await sql.execute(ADD_TO_MONTHS, issuer_code, member_ids, points, month_of(day), active_at, month_index(day),
                      1, 0)
