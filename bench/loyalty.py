"""The loyalty engine on PostgreSQL: sign-in awards per second, and the tier + segment pass over a million members.

    python bench/loyalty.py [--server postgres://postgres@127.0.0.1:5432/postgres]
                            [--awards 100000] [--batch 1000] [--concurrency 2]
                            [--single 2000] [--single-concurrency 16] [--members 1000000]

It creates its own database (mall_bench_<hex>), migrates it, and drops it at the end.

    single   --single members each sign in once, then once more the next day (loyalty.activity.sign_in, one
             transaction each, as the API runs it: caps, ledger credit, qualifying month), --single-concurrency
             at a time in one process: the statements one award costs, first sign-in and later ones
    awards   --awards members sign in for today through the bulk path (loyalty.bulk.sign_in_members: the same
             claim, caps, ledger transfer, lot and key per member), --batch members a transaction,
             --concurrency batches at a time
    pass     --members programme members with 3 qualifying months each, every one of them due (the worst
             day: all marked for review), then the tier review (loyalty.tiers.review_tiers, batches of 5,000
             due members), the states (loyalty.states.assign_states, batches of 20,000 moved) and the RFM
             segments (loyalty.states.score_segments, ranges of 20,000 ids), each committing batch by batch as
             the worker runs them

Members are seeded with set-based SQL (generate_series), not timed. It prints wall time, the process's CPU time,
its peak resident memory (ru_maxrss) before and after each phase (a flat peak means the pass streams), and the
statements the process sent (BEGIN and COMMIT included): CPU time and statements do not depend on how busy the
machine is, wall time does.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import resource
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
from tortoise.transactions import in_transaction

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from serving import scratch_database

from bank_link.models import Issuer
from kernel import clock
from ledger.verify import verify_ledger
from loyalty.activity import sign_in
from loyalty.bulk import sign_in_members
from loyalty.models import ProgrammeMember, RuleKind, TierChange
from loyalty.rules import RuleTerms, create_rule
from loyalty.states import assign_states, score_segments
from loyalty.tiers import LevelTerms, review_tiers, set_tier_levels
from mall import sql
from mall.channels.models import Channel
from mall.db import close_database, migrate_database, open_database
from mall.notifications.services import EVENT_TOPIC
from mall.outbox.models import OutboxMessage

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
ISSUER = "BANKA"
SEED_USERS = (
    "INSERT INTO account_user (email, first_name, last_name, is_active, is_confirmed, is_staff, is_superuser,"
    " permissions, jwt_token_key, language_code, metadata, private_metadata, date_joined, updated_at)"
    " SELECT 'm' || n || '@bench.example', '', '', TRUE, TRUE, FALSE, FALSE, '[]', md5(n::text), 'EN', '{}', '{}',"
    " now(), now() FROM generate_series($1::int, $2::int) AS n"
)
SEED_STANDINGS = (
    "INSERT INTO loyalty_programme_member (issuer_code, member_id, needs_review, last_activity_at, state,"
    " recency_score, frequency_score, monetary_score, segment, updated_at)"
    " SELECT $1::text, u.id, TRUE, now() - (u.id % 500) * interval '1 day', 'active', 0, 0, 0, '', now()"
    " FROM account_user u WHERE u.email LIKE '%@bench.example' AND u.id > $2"
)
FILL_FIGURES = importlib.import_module("loyalty.migrations.0003_rolling_figures")._fill_statement(
    importlib.import_module("loyalty.migrations.0003_rolling_figures").POSTGRES_INDEX)
SEED_MONTHS = (
    "INSERT INTO loyalty_qualifying_month (issuer_code, member_id, month, points_earned, spend, awards)"
    " SELECT $1::text, pm.member_id, date_trunc('month', now())::date - (k * interval '1 month')::interval,"
    " (pm.member_id * 37 + k * 11) % 3000, (pm.member_id * 13) % 9000, 1 + (pm.member_id + k) % 20"
    " FROM loyalty_programme_member pm CROSS JOIN generate_series(0, 2) AS k WHERE pm.issuer_code = $1::text"
    " AND pm.member_id > $2"
)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


STATEMENTS = [0]
# --profile: wall seconds and count per statement (its first 60 characters), to see where a phase waits.
PROFILE: dict[str, list[float]] = {}


def count_statements(profile: bool) -> None:
    """Count every statement the driver sends (a bench's figure that does not depend on the machine's load)."""
    for name in ("execute", "executemany", "fetch", "fetchrow", "fetchval"):
        method = getattr(asyncpg.connection.Connection, name)

        async def counted(self: object, query: str, *args: object, _method=method, **kwargs: object):  # type: ignore[no-untyped-def]
            STATEMENTS[0] += 1
            started = time.perf_counter()
            try:
                return await _method(self, query, *args, **kwargs)
            finally:
                if profile:
                    entry = PROFILE.setdefault(" ".join(str(query).split())[:60], [0.0, 0])
                    entry[0] += time.perf_counter() - started
                    entry[1] += 1

        setattr(asyncpg.connection.Connection, name, counted)


def print_profile() -> None:
    for text, (seconds, count) in sorted(PROFILE.items(), key=lambda item: -item[1][0])[:15]:
        print(f"  {seconds:8.2f} s {int(count):8,}x  {text}", flush=True)
    PROFILE.clear()


class Phase:
    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> Phase:
        self.wall, self.cpu, self.peak_before = time.perf_counter(), cpu_seconds(), peak_mb()
        self.statements_before = STATEMENTS[0]
        PROFILE.clear()
        return self

    def __exit__(self, *_: object) -> None:
        self.seconds = time.perf_counter() - self.wall
        self.cpu_used = cpu_seconds() - self.cpu
        self.statements = STATEMENTS[0] - self.statements_before
        print(f"{self.name}: {self.seconds:.1f} s wall, {self.cpu_used:.1f} s CPU (client), {self.statements:,}"
              f" statements, peak RSS {self.peak_before:.0f} -> {peak_mb():.0f} MB", flush=True)
        if PROFILE:
            print_profile()


async def seed_members(count: int) -> int:
    """`count` bench members; returns the highest user id before them."""
    row = await sql.fetch_one("SELECT COALESCE(MAX(id), 0) AS top FROM account_user")
    before = int(row["top"]) if row else 0
    step = 200_000
    for start in range(1, count + 1, step):
        await sql.execute(SEED_USERS, before + start, before + min(start + step - 1, count))
    return before


async def programme() -> Channel:
    await Issuer.create(code=ISSUER, name="Bank A", points_unit="PTS", time_zone="Asia/Shanghai")
    channel = await Channel.create(name="Bank A", slug="bank-a", currency_code="PTS", default_country="CN",
                                   issuer_code=ISSUER)
    await create_rule(ISSUER, "daily", RuleTerms("Daily sign-in", RuleKind.SIGN_IN, points=1, day_cap=1,
                                                 year_cap=365), "bench")
    await set_tier_levels(ISSUER, [LevelTerms("silver", "Silver", 0), LevelTerms("gold", "Gold", 2_000),
                                   LevelTerms("platinum", "Platinum", 6_000), LevelTerms("diamond", "Diamond", 8_000)])
    return channel


async def single_awards(channel: Channel, count: int, concurrency: int) -> None:
    """The API's path, one sign-in a transaction: a first sign-in (the wallet opened), then the next day's."""
    first = await seed_members(count)
    for day in ("first", "next day's"):
        queue: asyncio.Queue[int] = asyncio.Queue()
        for member_id in range(first + 1, first + count + 1):
            queue.put_nowait(member_id)

        async def worker(queue: asyncio.Queue[int] = queue) -> None:
            while not queue.empty():
                member_id = queue.get_nowait()
                async with in_transaction():
                    await sign_in(channel, member_id, "bench")

        with Phase(f"single: {count:,} {day} sign-ins, {concurrency} at a time") as phase:
            await asyncio.gather(*(worker() for _ in range(concurrency)))
        print(f"  {count / phase.seconds:,.0f} awards/s wall, {phase.cpu_used * 1000 / count:.2f} ms client CPU and "
              f"{phase.statements / count:.1f} statements per award", flush=True)
        clock.set_now(clock.now() + timedelta(days=1))
    clock.reset()


async def bulk_awards(channel: Channel, count: int, batch: int, concurrency: int) -> None:
    """The bulk path: `batch` members a transaction, `concurrency` transactions at a time."""
    first = await seed_members(count)
    queue: asyncio.Queue[list[int]] = asyncio.Queue()
    for start in range(first + 1, first + count + 1, batch):
        queue.put_nowait(list(range(start, min(start + batch, first + count + 1))))
    booked = [0]

    async def worker() -> None:
        while not queue.empty():
            members = queue.get_nowait()
            async with in_transaction():
                result = await sign_in_members(channel, members, "bench")
            booked[0] += len(result.booked)

    with Phase(f"bulk: {count:,} sign-ins, {batch:,} a transaction, {concurrency} at a time") as phase:
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    print(f"  {booked[0]:,} booked: {count / phase.seconds:,.0f} awards/s wall, "
          f"{phase.cpu_used * 1000 / count:.3f} ms client CPU and {phase.statements / count:.3f} statements per award",
          flush=True)


async def tier_and_segment_pass(members: int, review: bool, segments: bool) -> None:
    await sql.execute("UPDATE loyalty_programme_member SET needs_review = FALSE")  # the awards phase's members
    top = await seed_members(members)
    await sql.execute(SEED_STANDINGS, ISSUER, top)
    await sql.execute(SEED_MONTHS, ISSUER, top)
    # The standings' rolling figures, as awards would have kept them: loyalty migration 0003's fill.
    await sql.execute(FILL_FIGURES)
    await sql.execute("VACUUM ANALYZE loyalty_programme_member")
    await sql.execute("VACUUM ANALYZE loyalty_qualifying_month")
    total = await ProgrammeMember.filter(issuer_code=ISSUER).count()
    print(f"pass over {total:,} programme members ({members:,} due)", flush=True)
    if review:
        with Phase("  tier review") as tiers:
            judged = await review_tiers(ISSUER)
        told = await OutboxMessage.filter(topic=EVENT_TOPIC).count()
        print(f"  {judged:,} judged, {judged / tiers.seconds:,.0f}/s, {await TierChange.all().count():,} changes,"
              f" {told:,} members to be told (outbox rows)", flush=True)
    # As the worker runs them: no transaction around the jobs, which commit a batch or a range at a time.
    with Phase("  states"):
        moved = await assign_states(ISSUER)
    print(f"  {moved:,} states moved", flush=True)
    if segments:
        await rfm_segments()
    print("the next run, nothing changed since (what the worker does on most passes)", flush=True)
    with Phase("  tier review, states and segments again"):
        judged = await review_tiers(ISSUER) if review else 0
        moved = await assign_states(ISSUER)
        if segments:
            await score_segments(ISSUER)
    print(f"  {judged:,} judged, {moved:,} states moved", flush=True)


async def rfm_segments() -> None:
    with Phase("  RFM segments"):
        await score_segments(ISSUER)
    rows = await sql.fetch("SELECT segment, COUNT(*) AS n FROM loyalty_programme_member GROUP BY segment "
                           "ORDER BY segment")
    print("  segments: " + ", ".join(f"{row['segment']} {int(row['n']):,}" for row in rows), flush=True)


async def run(server: str, args: argparse.Namespace) -> None:
    async with scratch_database(server) as url:
        await migrate_database(url)
        await close_database()
        await open_database(url)
        try:
            print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, PostgreSQL, peak RSS at start {peak_mb():.0f} MB",
                  flush=True)
            channel = await programme()
            if args.single:
                await single_awards(channel, args.single, args.single_concurrency)
            if args.awards:
                await bulk_awards(channel, args.awards, args.batch, args.concurrency)
            if args.members:
                await tier_and_segment_pass(args.members, not args.no_tiers, not args.no_segments)
            with Phase("ledger verify"):
                report = await verify_ledger()
            print(f"  {'OK' if report.ok else 'FAILED'}: {report.transfers:,} transfers", flush=True)
        finally:
            await close_database()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--awards", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--single", type=int, default=2_000)
    parser.add_argument("--single-concurrency", type=int, default=16)
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--no-tiers", action="store_true", help="the pass without the tier review (states and"
                        " segments only)")
    parser.add_argument("--no-segments", action="store_true", help="the pass without the RFM segments")
    parser.add_argument("--profile", action="store_true", help="print each phase's slowest statements")
    args = parser.parse_args()
    count_statements(args.profile)
    asyncio.run(run(args.server, args))


if __name__ == "__main__":
    main()
