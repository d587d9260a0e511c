"""Tiers: a programme's levels, and the job that keeps each member's level up to date.

Qualification: the programme's measure (points earned by its rules, or spend) summed over the member's
qualifying months in a rolling window of 12 or 24 months, the current month included.

    upgrade     at once, as soon as the value reaches a higher level's threshold (to the highest reached)
    retention   judged at the anniversary (a year after the level was reached or last judged): the value
                still reaches the level's threshold, so the member keeps it for another year
    downgrade   judged at the anniversary when not retained: one level down, judged again a year later

The job is incremental: it reads the members marked for review (their months moved: loyalty.standing) and
those whose anniversary came, a batch at a time in id order, found through indexes (a partial index holds
only the marked members); it never scans every member every day. On PostgreSQL the database judges: one
statement per batch of due members sums the windows, places each member among the levels, saves the
standings and records the changes (JUDGE_DUE), so nothing per member crosses into the worker and each batch
is a short transaction; the batch's level changes are told with one more statement (outbox rows, told to
the members by `mall worker`).
Every outcome (joined, upgrade, retained, downgrade) is a TierChange row with the value it was judged on.
A member's row is locked while judged, so an award committing meanwhile marks the member again (for the
next run) instead of being lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any

from tortoise.transactions import in_transaction

from kernel import clock
from loyalty.errors import LoyaltyErrorCode, refusal
from loyalty.models import ProgrammeMember, TierChangeReason, TierLevel, TierMeasure
from loyalty.programmes import ProgrammeOf, find_programme
from loyalty.rules import CODE_PATTERN
from mall import sql
from mall.channels.models import Channel
from mall.notifications.services import News, notify_many_later
from mall.notifications.templates import NotificationKind

REVIEW_BATCH = 1_000
# PostgreSQL: due members per JUDGE_DUE statement (and transaction): a short lock, a bounded result.
JUDGE_BATCH = 5_000
MAX_LEVELS = 10
MAX_THRESHOLD = 10**12
MAX_MULTIPLIER = Decimal(10)
ANNIVERSARY_MONTHS = 12


@dataclass(frozen=True)
class LevelTerms:
    code: str
    name: str
    threshold: int
    earn_multiplier: Decimal = Decimal(1)
    points_discount_percent: Decimal = Decimal(0)
    free_delivery: bool = False
    exclusive_products: tuple[str, ...] = ()


def _check_levels(levels: list[LevelTerms]) -> None:
    """Raises DomainError INVALID, UNIQUE."""
    if not 1 <= len(levels) <= MAX_LEVELS:
        raise refusal(LoyaltyErrorCode.INVALID, f"A programme has 1 to {MAX_LEVELS} tiers.", "levels")
    if levels[0].threshold != 0:
        raise refusal(LoyaltyErrorCode.INVALID, "The first tier is the entry level: its threshold is 0.", "levels")
    for before, after in pairwise(levels):
        if after.threshold <= before.threshold:
            raise refusal(LoyaltyErrorCode.INVALID, "Each tier needs a higher threshold than the one before.",
                          "levels")
    if len({level.code for level in levels}) != len(levels):
        raise refusal(LoyaltyErrorCode.UNIQUE, "Each tier needs its own code.", "levels")
    for level in levels:
        if not CODE_PATTERN.match(level.code) or not level.name.strip() or len(level.name) > 100:
            raise refusal(LoyaltyErrorCode.INVALID, "A tier has a code (lower-case letters, digits, '-', '_') and "
                          "a name of at most 100 characters.", "levels")
        if not (0 <= level.threshold <= MAX_THRESHOLD and Decimal(1) <= level.earn_multiplier <= MAX_MULTIPLIER
                and Decimal(0) <= level.points_discount_percent <= Decimal(100)):
            raise refusal(LoyaltyErrorCode.INVALID, f"Thresholds are 0 to {MAX_THRESHOLD}, multipliers 1 to "
                          f"{MAX_MULTIPLIER}, discounts 0 to 100 percent.", "levels")


async def set_tier_levels(issuer_code: str, levels: list[LevelTerms]) -> list[TierLevel]:
    """Replace the programme's levels (lowest first). A level members hold cannot be removed.

    Raises DomainError NOT_FOUND, INVALID, UNIQUE.
    """
    await find_programme(issuer_code)
    _check_levels(levels)
    existing = {level.code: level for level in await TierLevel.filter(issuer_code=issuer_code)}
    removed = [level.id for code, level in existing.items() if code not in {new.code for new in levels}]
    if removed and await ProgrammeMember.exists(tier_id__in=removed):
        raise refusal(LoyaltyErrorCode.INVALID, "Members hold a tier that is missing: keep it.", "levels")
    await TierLevel.filter(id__in=removed).delete()
    # Ranks move: park the kept levels on negative ranks first, so unique (issuer, rank) holds at each statement.
    kept = [stored for stored in existing.values() if stored.id not in removed]
    for parked, stored in enumerate(kept, start=1):
        await TierLevel.filter(id=stored.id).update(rank=-parked)
    for rank, level in enumerate(levels):
        values: dict[str, Any] = {
            "name": level.name, "rank": rank, "threshold": level.threshold, "earn_multiplier": level.earn_multiplier,
            "points_discount_percent": level.points_discount_percent, "free_delivery": level.free_delivery,
            "exclusive_products": list(level.exclusive_products),
        }
        if level.code in existing:
            await TierLevel.filter(id=existing[level.code].id).update(**values)
        else:
            await TierLevel.create(issuer_code=issuer_code, code=level.code, **values)
    return await TierLevel.filter(issuer_code=issuer_code).order_by("rank")


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def window_start(today: date, months: int) -> date:
    """The first month of a rolling window of `months` ending with today's month."""
    return add_months(today.replace(day=1), 1 - months)


async def qualifying_value(programme: ProgrammeOf, member_id: int, today: date) -> int:
    column = "spend" if programme.settings.tier_measure == TierMeasure.SPEND else "points_earned"
    row = await sql.fetch_one(
        f"SELECT COALESCE(SUM({column}), 0) AS value FROM loyalty_qualifying_month"
        " WHERE issuer_code = $1 AND member_id = $2 AND month >= $3",
        programme.code, member_id, window_start(today, programme.settings.tier_window_months),
    )
    return int(row["value"]) if row else 0


@dataclass(frozen=True)
class Judged:
    """What the job decided for one member: the new level (id), its dates, and the change to record."""

    tier_id: int
    tier_since: date
    anniversary: date
    reason: TierChangeReason | None
    from_code: str | None
    to_code: str


def judge(levels: list[TierLevel], current: TierLevel | None, since: date | None, anniversary: date | None,
          value: int, today: date) -> Judged:
    """One member's level today, given the value of their window (`levels` lowest first)."""
    reached = max((level for level in levels if level.threshold <= value), key=lambda level: level.rank)
    if current is None:
        return Judged(reached.id, today, add_months(today, ANNIVERSARY_MONTHS), TierChangeReason.JOINED, None,
                      reached.code)
    if reached.rank > current.rank:
        return Judged(reached.id, today, add_months(today, ANNIVERSARY_MONTHS), TierChangeReason.UPGRADE,
                      current.code, reached.code)
    if anniversary is None or anniversary > today:
        return Judged(current.id, since or today, anniversary or add_months(today, ANNIVERSARY_MONTHS), None,
                      current.code, current.code)
    next_anniversary = add_months(anniversary, ANNIVERSARY_MONTHS)
    if value >= current.threshold or current.rank == 0:
        return Judged(current.id, since or today, next_anniversary, TierChangeReason.RETAINED, current.code,
                      current.code)
    lower = next(level for level in levels if level.rank == current.rank - 1)
    return Judged(lower.id, anniversary, next_anniversary, TierChangeReason.DOWNGRADE, current.code, lower.code)


DUE_FOR_REVIEW = (
    "SELECT id FROM loyalty_programme_member WHERE issuer_code = $1 AND id > $2"
    " AND (needs_review OR anniversary <= $3) ORDER BY id LIMIT $4"
)
VALUES_OF = (
    "SELECT pm.id, pm.member_id, pm.tier_id, pm.tier_since, pm.anniversary, COALESCE(SUM(q.{column}), 0) AS value"
    " FROM loyalty_programme_member pm LEFT JOIN loyalty_qualifying_month q ON q.issuer_code = pm.issuer_code"
    " AND q.member_id = pm.member_id AND q.month >= $1 WHERE pm.id IN ({ids})"
    " GROUP BY pm.id, pm.member_id, pm.tier_id, pm.tier_since, pm.anniversary ORDER BY pm.id"
)
SAVE_STANDING = (
    "UPDATE loyalty_programme_member SET tier_id = $2, tier_since = $3, anniversary = $4, needs_review = FALSE"
    " WHERE id = $1"
)
# PostgreSQL: a batch's standings in one statement, its changes in another (arrays, one per column), instead of
# a thousand pipelined ones: the review's time was the database's per-statement work.
SAVE_STANDINGS = (
    "UPDATE loyalty_programme_member AS pm SET tier_id = s.tier_id, tier_since = s.tier_since,"
    " anniversary = s.anniversary, needs_review = FALSE"
    " FROM unnest($1::bigint[], $2::int[], $3::date[], $4::date[]) AS s(id, tier_id, tier_since, anniversary)"
    " WHERE pm.id = s.id"
)
RECORD_CHANGES = (
    "INSERT INTO loyalty_tier_change (issuer_code, member_id, from_tier, to_tier, reason, qualifying_value,"
    " happened_on, created_at) SELECT $1, c.member_id, c.from_tier, c.to_tier, c.reason, c.qualifying_value, $7, $8"
    " FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[])"
    " AS c(member_id, from_tier, to_tier, reason, qualifying_value)"
)
# PostgreSQL: the next (up to $4) members due for review after standing id $2, in id order, each found through
# an index (the partial index of members marked for review, loyalty migration 0002, and the anniversary's), so
# a day with few members due reads few rows instead of walking the programme's ids.
NEXT_DUE = (
    "SELECT id FROM ((SELECT id FROM loyalty_programme_member WHERE issuer_code = $1 AND needs_review AND id > $2"
    " ORDER BY id LIMIT $4) UNION (SELECT id FROM loyalty_programme_member WHERE issuer_code = $1"
    # `id + 0`: read through the anniversary's index and sort the few it finds; ordered by the key itself, the
    # planner walks the primary key from $2 and filters, which reads the rest of the programme on every batch.
    " AND anniversary <= $3::date AND id > $2 ORDER BY id + 0 LIMIT $4)) AS due ORDER BY id LIMIT $4"
)
# PostgreSQL: `judge` as one statement over due members ($2: their standing ids, from NEXT_DUE), the same cases
# in the same order. $3 today, $4 the window's first month, $5 a year from today, $6 now.
# Rows are locked (FOR UPDATE) and their due condition read again while judged, so an award committing meanwhile
# waits and then marks the member again for the next run. `interval '12 months'` keeps the day or takes the
# month's last, as add_months does.
JUDGE_DUE = (
    "WITH due AS (SELECT pm.id, pm.member_id, pm.tier_id, pm.tier_since, pm.anniversary"
    " FROM loyalty_programme_member pm WHERE pm.id = ANY($2::bigint[]) AND pm.issuer_code = $1"
    # Locked in ascending member id (mall.locking), the order bulk awards and the state job lock standings in.
    " AND (pm.needs_review OR pm.anniversary <= $3::date) ORDER BY pm.member_id FOR UPDATE),"
    " valued AS (SELECT d.*, COALESCE((SELECT SUM(q.{column}) FROM loyalty_qualifying_month q"
    " WHERE q.issuer_code = $1 AND q.member_id = d.member_id AND q.month >= $4::date), 0) AS value FROM due d),"
    " placed AS (SELECT v.*, cur.rank AS cur_rank, cur.threshold AS cur_threshold, cur.code AS cur_code,"
    " reached.id AS reached_id, reached.rank AS reached_rank, reached.code AS reached_code FROM valued v"
    " LEFT JOIN loyalty_tier_level cur ON cur.id = v.tier_id"
    # The highest level the value reaches (the entry level when a take-back left the value below zero).
    " CROSS JOIN LATERAL (SELECT l.id, l.rank, l.code FROM loyalty_tier_level l WHERE l.issuer_code = $1"
    " ORDER BY (l.threshold <= v.value OR l.rank = 0) DESC, l.rank DESC LIMIT 1) reached),"
    " decided AS (SELECT p.*, CASE WHEN p.cur_rank IS NULL THEN 'joined'"
    " WHEN p.reached_rank > p.cur_rank THEN 'upgrade'"
    " WHEN p.anniversary IS NULL OR p.anniversary > $3::date THEN NULL"
    " WHEN p.value >= p.cur_threshold OR p.cur_rank = 0 THEN 'retained' ELSE 'downgrade' END AS reason FROM placed p),"
    " judged AS (SELECT d.id, d.member_id, d.value, d.reason, d.cur_code,"
    " CASE d.reason WHEN 'joined' THEN d.reached_id WHEN 'upgrade' THEN d.reached_id"
    " WHEN 'downgrade' THEN below.id ELSE d.tier_id END AS tier_id,"
    " CASE d.reason WHEN 'joined' THEN d.reached_code WHEN 'upgrade' THEN d.reached_code"
    " WHEN 'downgrade' THEN below.code ELSE d.cur_code END AS code,"
    " CASE d.reason WHEN 'joined' THEN $3::date WHEN 'upgrade' THEN $3::date WHEN 'downgrade' THEN d.anniversary"
    " ELSE COALESCE(d.tier_since, $3::date) END AS tier_since,"
    " CASE WHEN d.reason IN ('joined', 'upgrade') THEN $5::date WHEN d.reason IS NULL THEN COALESCE(d.anniversary,"
    " $5::date) ELSE (d.anniversary + interval '12 months')::date END AS anniversary"
    " FROM decided d LEFT JOIN loyalty_tier_level below ON below.issuer_code = $1 AND below.rank = d.cur_rank - 1"
    " AND d.reason = 'downgrade'),"
    " saved AS (UPDATE loyalty_programme_member pm SET tier_id = j.tier_id, tier_since = j.tier_since,"
    " anniversary = j.anniversary, needs_review = FALSE FROM judged j WHERE pm.id = j.id"
    # The ids again: without them the planner hashes the whole table to join one batch's rows.
    " AND pm.id = ANY($2::bigint[]) RETURNING pm.id),"
    " recorded AS (INSERT INTO loyalty_tier_change (issuer_code, member_id, from_tier, to_tier, reason,"
    " qualifying_value, happened_on, created_at) SELECT $1, j.member_id, CASE WHEN j.reason = 'joined' THEN NULL"
    " ELSE j.cur_code END, j.code, j.reason, j.value, $3::date, $6 FROM judged j WHERE j.reason IS NOT NULL"
    " RETURNING member_id, from_tier, to_tier)"
    # The changes come back as three parallel arrays so the members can be told in the same transaction.
    " SELECT (SELECT COUNT(*) FROM saved) AS judged, (SELECT array_agg(member_id) FROM recorded) AS members,"
    " (SELECT array_agg(from_tier) FROM recorded) AS froms, (SELECT array_agg(to_tier) FROM recorded) AS tos"
)
RECORD_CHANGE = (
    "INSERT INTO loyalty_tier_change (issuer_code, member_id, from_tier, to_tier, reason, qualifying_value,"
    " happened_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
)


async def review_tiers(issuer_code: str, today: date | None = None, batch: int = REVIEW_BATCH) -> int:
    """Judge every member of the programme due for review; returns how many were judged."""
    programme = await find_programme(issuer_code)
    levels = list(await TierLevel.filter(issuer_code=issuer_code).order_by("rank"))
    if not levels:
        return 0
    today = today or clock.today_in(programme.zone)
    if sql.is_postgres():
        return await _review_in_database(programme, levels, today, JUDGE_BATCH)
    judged, after = 0, 0
    while True:
        async with in_transaction():
            ids = await _lock_due(programme, after, today, batch)
            if not ids:
                return judged
            await _review_batch(programme, levels, ids, today)
        judged += len(ids)
        after = ids[-1]


async def _lock_due(programme: ProgrammeOf, after: int, today: date, batch: int) -> list[int]:
    query = DUE_FOR_REVIEW + (" FOR UPDATE" if sql.is_postgres() else "")
    return [int(row["id"]) for row in await sql.fetch(query, programme.code, after, today, batch)]


async def _review_batch(programme: ProgrammeOf, levels: list[TierLevel], ids: list[int], today: date) -> None:
    column = "spend" if programme.settings.tier_measure == TierMeasure.SPEND else "points_earned"
    query = VALUES_OF.format(column=column, ids=sql.placeholders(len(ids), first=2))
    rows = await sql.fetch(query, window_start(today, programme.settings.tier_window_months), *ids)
    by_id = {level.id: level for level in levels}
    standings: list[tuple[Any, ...]] = []
    changes: list[tuple[Any, ...]] = []
    now = clock.now()
    for row in rows:
        current = by_id.get(row["tier_id"]) if row["tier_id"] is not None else None
        value = int(row["value"])
        outcome = judge(levels, current, _day(row["tier_since"]), _day(row["anniversary"]), value, today)
        standings.append((row["id"], outcome.tier_id, outcome.tier_since, outcome.anniversary))
        if outcome.reason is not None:
            changes.append((programme.code, row["member_id"], outcome.from_code, outcome.to_code, outcome.reason.value,
                            value, today, now))
    await _save(standings, changes)
    if changes:
        await _tell_changes(programme, levels, changes, await _channel_of(programme))


async def _save(standings: list[tuple[Any, ...]], changes: list[tuple[Any, ...]]) -> None:
    if not sql.is_postgres():
        await sql.execute_many(SAVE_STANDING, standings)
        if changes:
            await sql.execute_many(RECORD_CHANGE, changes)
        return
    if standings:
        await sql.execute(SAVE_STANDINGS, *(list(column) for column in zip(*standings, strict=True)))
    if changes:
        columns = [list(column) for column in zip(*changes, strict=True)]
        issuer_code, happened_on, created_at = changes[0][0], changes[0][6], changes[0][7]
        await sql.execute(RECORD_CHANGES, issuer_code, *columns[1:6], happened_on, created_at)


async def _review_in_database(programme: ProgrammeOf, levels: list[TierLevel], today: date, width: int) -> int:
    """PostgreSQL: JUDGE_DUE over the next `width` members due (NEXT_DUE), one short transaction each, until
    none is left; the changes of each batch are told with one statement (`_tell_changes`)."""
    column = "spend" if programme.settings.tier_measure == TierMeasure.SPEND else "points_earned"
    statement = JUDGE_DUE.format(column=column)
    window = window_start(today, programme.settings.tier_window_months)
    a_year_on, now = add_months(today, ANNIVERSARY_MONTHS), clock.now()
    channel_id = await _channel_of(programme)
    judged, after = 0, 0
    while True:
        rows = await sql.fetch(NEXT_DUE, programme.code, after, today, width)
        if not rows:
            return judged
        ids = [int(row["id"]) for row in rows]
        async with in_transaction():
            # The statement's estimated cost switches JIT compilation on, which took 2.5 s of a 3.1 s range.
            await sql.execute("SET LOCAL jit = off")
            row = await sql.fetch_one(statement, programme.code, ids, today, window, a_year_on, now)
            if row is not None and row["members"]:
                await _tell_changes(programme, levels, _changes_of(programme.code, row, today, now), channel_id)
        judged += int(row["judged"]) if row else 0
        after = ids[-1]


def _changes_of(issuer_code: str, row: Any, today: date, now: Any) -> list[tuple[Any, ...]]:
    """JUDGE_DUE's arrays as the change tuples _save records (value and reason are not needed to tell)."""
    return [(issuer_code, member_id, from_code, to_code, None, None, today, now)
            for member_id, from_code, to_code in zip(row["members"], row["froms"], row["tos"], strict=True)]


async def _channel_of(programme: ProgrammeOf) -> int | None:
    """The programme's first channel: where its members are told (their inbox link, the contact's programme)."""
    channel = await Channel.filter(issuer_code=programme.code).order_by("id").first()
    return channel.id if channel else None


async def _tell_changes(programme: ProgrammeOf, levels: list[TierLevel], changes: list[tuple[Any, ...]],
                        channel_id: int | None) -> None:
    """Members whose level moved hear of it (mall/notifications), told by the worker from one outbox row
    each, all written by one statement: a batch of a million-member review writes thousands at once, which
    one `notify` per member (a dozen statements each) made the review's pace. A retained level is no news,
    and neither is joining at the entry level (every member starts there); joining higher up is."""
    names = {level.code: level.name for level in levels}
    entry = min(levels, key=lambda level: level.rank).code
    news = [News(member_id, {"tier": names.get(to_code, to_code),
                             "previous": names.get(from_code, "-") if from_code else "-"},
                 f"tier:{programme.code}:{today}:{to_code}")
            for _, member_id, from_code, to_code, _, _, today, _ in changes
            if not (from_code == to_code or to_code is None or (from_code is None and to_code == entry))]
    await notify_many_later(NotificationKind.TIER_CHANGED, news, channel_id=channel_id, link="/rewards")


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


async def review_all_tiers(today: date | None = None) -> int:
    """The tier job of `mall worker`: every programme with tiers."""
    rows = await sql.fetch("SELECT DISTINCT issuer_code FROM loyalty_tier_level ORDER BY issuer_code")
    total = 0
    for code in (str(row["issuer_code"]) for row in rows):
        total += await review_tiers(str(code), today)
    return total
