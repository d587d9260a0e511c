"""Member states and value segments, per programme.

States (thresholds per programme): active while the last activity is more recent than `sleeping_after_days`,
sleeping after that, lapsed after `lapsed_after_days`. Only the members whose state is wrong are moved (found
through the index on state and last activity), each time the worker runs. On PostgreSQL they are moved a
batch of STATE_BATCH at a time (LAPSES_BATCH, SLEEPS_BATCH, WAKES_BATCH, a short transaction each), so the
worst day (most of a million members moving at once) never holds one transaction over the whole programme;
SQLite runs the three programme-wide UPDATEs (LAPSES, SLEEPS, WAKES) that say the same.

Value segments (RFM): once a day per programme, every member gets a score of 1 to 5 for recency (last
activity), frequency (awards in the last 12 months) and monetary value (spend in the last 12 months): the
member's percent rank among the programme's members in fifths (equal figures, equal scores), and a named
segment from the three scores. Nothing is loaded into the worker, so its memory stays flat whatever the
programme's size. On PostgreSQL the ranking is read first, as the four cut values of each measure (CUTS:
the least figure whose percent rank reaches 0.2, 0.4, 0.6, 0.8), and members are then scored against them a
key range of ids at a time (SCORE_RANGE, a short transaction each), writing only those whose scores moved
(locked in ascending member id, as every path locks standings: mall.locking). The figures are the standing
row's own rolling month buckets (loyalty.figures, kept by every award and delivery), so both read one narrow
row per member and never the qualifying months: the same scores as ranking the whole programme in
one UPDATE (SQLite's SCORE_PROGRAMME), without one transaction holding a million rows.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tortoise.transactions import in_transaction

from kernel import clock
from loyalty.figures import AWARDS, SPEND, WINDOW_MONTHS, month_index, window_sum
from loyalty.models import Programme
from loyalty.programmes import find_programme
from mall import sql

RFM_MONTHS = WINDOW_MONTHS
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
FREQUENCY = window_sum("pm", AWARDS, "$2")
MONETARY = window_sum("pm", SPEND, "$2")
# $1 issuer, $2 this month's index (loyalty.figures.month_index): the figures are the standing row's own.
SCORE_PROGRAMME = (
    f"WITH figures AS (SELECT pm.id, pm.last_activity_at, {FREQUENCY} AS frequency, {MONETARY} AS monetary"
    " FROM loyalty_programme_member pm WHERE pm.issuer_code = $1),"
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
# PostgreSQL. Recency ranks members who never did anything first. Figures are exact numerics (a float would
# merge last activities a microsecond apart, which rank apart). One narrow read of the standing rows: no join.
FIGURES = (
    "SELECT pm.id, pm.member_id, pm.recency_score, pm.frequency_score, pm.monetary_score, pm.segment,"
    " COALESCE(EXTRACT(EPOCH FROM pm.last_activity_at), -1e15)::numeric AS recency,"
    f" {FREQUENCY}::numeric AS frequency, {MONETARY}::numeric AS monetary"
    " FROM loyalty_programme_member pm WHERE pm.issuer_code = $1 {range}"
)
CUT_RANKS = (0.2, 0.4, 0.6, 0.8)
MEASURES = ("recency", "frequency", "monetary")
CUTS = (
    "WITH figures AS (" + FIGURES.replace("{range}", "") + "), ranked AS (SELECT "
    + ", ".join(f"{measure}, PERCENT_RANK() OVER (ORDER BY {measure}) AS {measure}_rank" for measure in MEASURES)
    + " FROM figures) SELECT "
    + ", ".join(f"MIN({measure}) FILTER (WHERE {measure}_rank >= {cut}) AS {measure}_{n}"
                for measure in MEASURES for n, cut in enumerate(CUT_RANKS, start=1))
    + " FROM ranked"
)


def _score_against(measure: str, first: int) -> str:
    """1 + how many of the measure's cuts (parameters `first`.. `first + 3`) the figure reaches."""
    return "1 + " + " + ".join(f"(CASE WHEN {measure} >= ${first + n}::numeric THEN 1 ELSE 0 END)" for n in range(4))


SCORED_SEGMENT = SEGMENT_CASE.replace("scored.", "s.")
# $3, $4: the range of standing ids; $5.. the cuts, four per measure. Only the rows whose scores move are
# locked and written, in ascending member id (mall.locking: the order bulk awards lock standings in).
SCORE_RANGE = (
    "WITH figures AS (" + FIGURES.replace("{range}", "AND pm.id > $3 AND pm.id <= $4") + "),"
    f" s AS (SELECT id, member_id, recency_score, frequency_score, monetary_score, segment,"
    f" {_score_against('recency', 5)} AS r, {_score_against('frequency', 9)} AS f,"
    f" {_score_against('monetary', 13)} AS m FROM figures),"
    f" moved AS (SELECT s.id, s.r, s.f, s.m, {SCORED_SEGMENT} AS segment FROM s WHERE s.recency_score <> s.r"
    f" OR s.frequency_score <> s.f OR s.monetary_score <> s.m OR s.segment <> {SCORED_SEGMENT}),"
    " locked AS (SELECT pm.id FROM loyalty_programme_member pm WHERE pm.id IN (SELECT id FROM moved)"
    " AND pm.id > $3 AND pm.id <= $4 ORDER BY pm.member_id FOR UPDATE)"
    " UPDATE loyalty_programme_member SET recency_score = moved.r, frequency_score = moved.f,"
    " monetary_score = moved.m, segment = moved.segment FROM moved JOIN locked ON locked.id = moved.id"
    " WHERE loyalty_programme_member.id = moved.id"
    " AND loyalty_programme_member.id > $3 AND loyalty_programme_member.id <= $4 RETURNING moved.id"
)
RANGE_WIDTH = 20_000  # standing ids per range (and transaction)
SLEEPS = ("UPDATE loyalty_programme_member SET state = 'sleeping' WHERE issuer_code = $1 AND state = 'active'"
          " AND last_activity_at < $2 AND last_activity_at >= $3")
LAPSES = ("UPDATE loyalty_programme_member SET state = 'lapsed' WHERE issuer_code = $1 AND state <> 'lapsed'"
          " AND last_activity_at < $2")
WAKES = ("UPDATE loyalty_programme_member SET state = 'active' WHERE issuer_code = $1 AND state <> 'active'"
         " AND last_activity_at >= $2")


# PostgreSQL: LAPSES, SLEEPS and WAKES, each for at most `limit` members at a time (picked through the index on
# state and last activity: a pass with nothing to move reads nothing). The picked rows are locked in ascending
# member id (mall.locking: the order a bulk award upserts the same standings in, so the two never deadlock)
# and their condition read again under the lock, so an award committing meanwhile is not overwritten.
# $1 issuer, then the bounds, then the batch's size.
MOVE_BATCH = (
    "WITH picked AS MATERIALIZED (SELECT id FROM loyalty_programme_member WHERE issuer_code = $1 AND {picked}"
    " LIMIT {limit}),"
    " locked AS (SELECT pm.id FROM loyalty_programme_member pm WHERE pm.id IN (SELECT id FROM picked) AND {still}"
    " ORDER BY pm.member_id FOR UPDATE)"
    " UPDATE loyalty_programme_member pm SET state = '{state}' FROM locked WHERE pm.id = locked.id AND {still}"
    # RETURNING: a statement opening with WITH is counted by its rows (mall.sql.execute), not by its status.
    " RETURNING pm.id"
)
LAPSES_BATCH = MOVE_BATCH.format(
    picked="state IN ('active', 'sleeping') AND last_activity_at < $2", limit="$3", state="lapsed",
    still="pm.state <> 'lapsed' AND pm.last_activity_at < $2")
SLEEPS_BATCH = MOVE_BATCH.format(
    picked="state = 'active' AND last_activity_at < $2 AND last_activity_at >= $3", limit="$4", state="sleeping",
    still="pm.state = 'active' AND pm.last_activity_at < $2 AND pm.last_activity_at >= $3")
WAKES_BATCH = MOVE_BATCH.format(
    picked="state IN ('sleeping', 'lapsed') AND last_activity_at >= $2", limit="$3", state="active",
    still="pm.state <> 'active' AND pm.last_activity_at >= $2")
STATE_BATCH = 20_000  # members moved per statement (and transaction)


async def assign_states(issuer_code: str, now: datetime | None = None) -> int:
    """Move the programme's members whose state is out of date; returns how many moved."""
    programme = await find_programme(issuer_code)
    now = now or clock.now()
    sleeping_since = now - timedelta(days=programme.settings.sleeping_after_days)
    lapsed_since = now - timedelta(days=programme.settings.lapsed_after_days)
    if sql.is_postgres():
        return await _move_states_in_batches(issuer_code, lapsed_since, sleeping_since)
    moved = await sql.execute(LAPSES, issuer_code, lapsed_since)
    moved += await sql.execute(SLEEPS, issuer_code, sleeping_since, lapsed_since)
    moved += await sql.execute(WAKES, issuer_code, sleeping_since)
    return moved


async def _move_states_in_batches(issuer_code: str, lapsed_since: datetime, sleeping_since: datetime) -> int:
    """PostgreSQL: each of LAPSES, SLEEPS and WAKES a batch at a time until a batch moves no one."""
    moved = 0
    batches: list[tuple[str, tuple[datetime, ...]]] = [(LAPSES_BATCH, (lapsed_since,)),
                                                       (SLEEPS_BATCH, (sleeping_since, lapsed_since)),
                                                       (WAKES_BATCH, (sleeping_since,))]
    for statement, bounds in batches:
        while True:
            async with in_transaction():
                count = await sql.execute(statement, issuer_code, *bounds, STATE_BATCH)
            moved += count
            if count == 0:
                break
    return moved


async def score_segments(issuer_code: str, today: date | None = None) -> None:
    """Score every member of the programme (RFM) and name their segments; once a day is enough."""
    programme = await find_programme(issuer_code)
    today = today or clock.today_in(programme.zone)
    this_month = month_index(today)
    if sql.is_postgres():
        await _score_in_ranges(issuer_code, this_month)
    else:
        await sql.execute(SCORE_PROGRAMME, issuer_code, this_month)
    await Programme.filter(issuer_code=issuer_code).update(segments_scored_on=today)


async def _score_in_ranges(issuer_code: str, this_month: int) -> int:
    """PostgreSQL: the programme's cuts, then SCORE_RANGE a range of ids at a time; returns the members rescored.
    A member whose figures move between the two is scored against cuts a moment old: the next day puts it right."""
    bounds = await sql.fetch_one("SELECT MIN(id) AS low, MAX(id) AS high FROM loyalty_programme_member"
                                 " WHERE issuer_code = $1", issuer_code)
    if bounds is None or bounds["low"] is None:
        return 0
    async with in_transaction():
        await sql.execute("SET LOCAL jit = off")  # as the tier review: compiling costs more than it saves here
        row = await sql.fetch_one(CUTS, issuer_code, this_month)
    assert row is not None
    # A cut no figure reaches (a programme of one member, or all equal) is NULL, which no figure reaches.
    cuts = [row[f"{measure}_{n}"] for measure in MEASURES for n in range(1, 5)]
    scored = 0
    for after in range(int(bounds["low"]) - 1, int(bounds["high"]), RANGE_WIDTH):
        async with in_transaction():
            await sql.execute("SET LOCAL jit = off")
            scored += await sql.execute(SCORE_RANGE, issuer_code, this_month, after, after + RANGE_WIDTH, *cuts)
    return scored


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
