"""Member states and value segments, per programme.

States (thresholds per programme): active while the last activity is more recent than `sleeping_after_days`,
sleeping after that, lapsed after `lapsed_after_days`. Three set-based UPDATEs move only the members whose
state is wrong (through the index on state and last activity), each time the worker runs.

Value segments (RFM): once a day per programme, every member gets a score of 1 to 5 for recency (last
activity), frequency (awards in the last 12 months) and monetary value (spend in the last 12 months): the
member's percent rank among the programme's members in fifths (equal figures, equal scores), and a named
segment from the three scores. One statement scores the whole programme in the database, writing only the
members whose scores moved; nothing is loaded into the worker, so its memory stays flat whatever the
programme's size.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from kernel import clock
from loyalty.models import Programme
from loyalty.programmes import find_programme
from loyalty.tiers import window_start
from mall import sql

RFM_MONTHS = 12
# Named segments, first match wins (scores are 1 to 5, 5 best; r, f, m are the scored row's).
SEGMENTS = (
    ("champions", "scored.r >= 4 AND scored.f >= 4 AND scored.m >= 4"),
    ("loyal", "scored.r >= 3 AND scored.f >= 4"),
    ("promising", "scored.r >= 4"),
    ("big_spenders", "scored.m >= 4"),
    ("at_risk", "scored.r <= 2 AND scored.f >= 3"),
    ("hibernating", "scored.r <= 2"),
)
OTHER_SEGMENT = "needs_attention"
SEGMENT_NAMES = (*(name for name, _ in SEGMENTS), OTHER_SEGMENT)


def _score(column: str) -> str:
    return (f"CASE WHEN {column} < 0.2 THEN 1 WHEN {column} < 0.4 THEN 2 WHEN {column} < 0.6 THEN 3"
            f" WHEN {column} < 0.8 THEN 4 ELSE 5 END")


SEGMENT_CASE = ("CASE " + " ".join(f"WHEN {rule} THEN '{name}'" for name, rule in SEGMENTS)
                + f" ELSE '{OTHER_SEGMENT}' END")
SCORE_PROGRAMME = (
    "WITH figures AS ("
    " SELECT pm.id, pm.last_activity_at, COALESCE(SUM(q.awards), 0) AS frequency, COALESCE(SUM(q.spend), 0) AS monetary"
    " FROM loyalty_programme_member pm LEFT JOIN loyalty_qualifying_month q ON q.issuer_code = pm.issuer_code"
    " AND q.member_id = pm.member_id AND q.month >= $2 WHERE pm.issuer_code = $1"
    " GROUP BY pm.id, pm.last_activity_at),"
    " ranked AS (SELECT id,"
    " PERCENT_RANK() OVER (ORDER BY CASE WHEN last_activity_at IS NULL THEN 0 ELSE 1 END, last_activity_at) AS rr,"
    " PERCENT_RANK() OVER (ORDER BY frequency) AS fr, PERCENT_RANK() OVER (ORDER BY monetary) AS mr FROM figures),"
    f" scored AS (SELECT id, {_score('rr')} AS r, {_score('fr')} AS f, {_score('mr')} AS m FROM ranked)"
    " UPDATE loyalty_programme_member SET recency_score = scored.r, frequency_score = scored.f,"
    f" monetary_score = scored.m, segment = {SEGMENT_CASE}"
    " FROM scored WHERE loyalty_programme_member.id = scored.id"
    # Only rows whose scores move are written: on most days that is a small share of the programme.
    " AND (loyalty_programme_member.recency_score <> scored.r OR loyalty_programme_member.frequency_score <> scored.f"
    " OR loyalty_programme_member.monetary_score <> scored.m"
    f" OR loyalty_programme_member.segment <> {SEGMENT_CASE})"
)
SLEEPS = ("UPDATE loyalty_programme_member SET state = 'sleeping' WHERE issuer_code = $1 AND state = 'active'"
          " AND last_activity_at < $2 AND last_activity_at >= $3")
LAPSES = ("UPDATE loyalty_programme_member SET state = 'lapsed' WHERE issuer_code = $1 AND state <> 'lapsed'"
          " AND last_activity_at < $2")
WAKES = ("UPDATE loyalty_programme_member SET state = 'active' WHERE issuer_code = $1 AND state <> 'active'"
         " AND last_activity_at >= $2")


async def assign_states(issuer_code: str, now: datetime | None = None) -> int:
    """Move the programme's members whose state is out of date; returns how many moved."""
    programme = await find_programme(issuer_code)
    now = now or clock.now()
    sleeping_since = now - timedelta(days=programme.settings.sleeping_after_days)
    lapsed_since = now - timedelta(days=programme.settings.lapsed_after_days)
    moved = await sql.execute(LAPSES, issuer_code, lapsed_since)
    moved += await sql.execute(SLEEPS, issuer_code, sleeping_since, lapsed_since)
    moved += await sql.execute(WAKES, issuer_code, sleeping_since)
    return moved


async def score_segments(issuer_code: str, today: date | None = None) -> None:
    """Score every member of the programme (RFM) and name their segments; once a day is enough."""
    programme = await find_programme(issuer_code)
    today = today or clock.today_in(programme.zone)
    await sql.execute(SCORE_PROGRAMME, issuer_code, window_start(today, RFM_MONTHS))
    await Programme.filter(issuer_code=issuer_code).update(segments_scored_on=today)


async def assign_all_states() -> int:
    """The worker's pass: states of every programme at each run, segments once a day per programme."""
    moved = 0
    codes = await sql.fetch("SELECT DISTINCT issuer_code FROM loyalty_programme_member ORDER BY issuer_code")
    for row in codes:
        code = str(row["issuer_code"])
        moved += await assign_states(code)
        programme = await find_programme(code)
        today = clock.today_in(programme.zone)
        if programme.settings.segments_scored_on != today:
            await Programme.get_or_create(issuer_code=code)  # the defaults' row, to remember the day in
            await score_segments(code, today)
    return moved
