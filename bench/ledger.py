"""Hold+capture pairs per second through mall.ledger.services, on PostgreSQL.

    python bench/ledger.py [--server postgres://postgres@127.0.0.1:5432/postgres]
                           [--seconds 10] [--concurrency 16] [--processes 1] [--pool 8]

It creates its own database (mall_bench_<hex>), migrates it with mall.db.migrate_database, and drops it
at the end. Two workloads, each for --seconds:

    hot      every pair reserves and redeems points of the same member (one wallet row for everything)
    spread   each pair picks one of 10,000 members at random

A pair is what a redemption does: one transaction holds points (payment), a second captures them (order
completion), as two separate use cases would. --concurrency pairs run at once in each of --processes
client processes. After the runs it seals every transfer (as `mall worker` does) and runs the verifier,
and prints how long each took.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import platform
import random
import statistics
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
from tortoise.transactions import in_transaction

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mall.accounts.models import User  # noqa: E402
from mall.channels.models import Channel  # noqa: E402
from mall.db import close_database, migrate_database, open_database  # noqa: E402
from mall.ledger.sealing import seal_transfers  # noqa: E402
from mall.ledger.services import Request, capture_hold, credit_points, hold_points  # noqa: E402
from mall.ledger.verify import verify_ledger  # noqa: E402

SPREAD_MEMBERS = 10_000
POINTS_PER_HOLD = 100
FUNDING_POINTS = 10**9
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


@dataclass
class RunResult:
    pairs: int = 0
    refused: int = 0
    latencies_ms: list[float] = field(default_factory=list)


async def one_pair(channel: Channel, member_id: int, tag: str) -> None:
    async with in_transaction():
        held = await hold_points(channel, member_id, POINTS_PER_HOLD, Request(f"{tag}:hold", "bench", f"order:{tag}"))
    async with in_transaction():
        await capture_hold(held.id, Request(f"{tag}:capture", "bench", f"order:{tag}"))


async def client_loop(channel: Channel, members: list[int], deadline: float, prefix: str, result: RunResult) -> None:
    counter = 0
    while time.perf_counter() < deadline:
        counter += 1
        started = time.perf_counter()
        try:
            await one_pair(channel, random.choice(members), f"{prefix}-{counter}")
        except Exception:  # a refusal or a failure: counted, never hidden
            result.refused += 1
            continue
        result.latencies_ms.append((time.perf_counter() - started) * 1000)
        result.pairs += 1


async def run_clients(url: str, members: list[int], seconds: float, concurrency: int, prefix: str) -> RunResult:
    await open_database(url)
    try:
        channel = await Channel.get(slug="bench")
        result = RunResult()
        deadline = time.perf_counter() + seconds
        await asyncio.gather(*(client_loop(channel, members, deadline, f"{prefix}-{i}", result)
                               for i in range(concurrency)))
        return result
    finally:
        await close_database()


def process_main(url: str, members: list[int], seconds: float, concurrency: int, prefix: str) -> RunResult:
    return asyncio.run(run_clients(url, members, seconds, concurrency, prefix))


def run_workload(url: str, members: list[int], args: argparse.Namespace, name: str) -> tuple[RunResult, float]:
    started = time.perf_counter()
    if args.processes == 1:
        results = [process_main(url, members, args.seconds, args.concurrency, f"{name}-p0")]
    else:
        context = multiprocessing.get_context("spawn")
        with context.Pool(args.processes) as pool:
            results = pool.starmap(process_main, [(url, members, args.seconds, args.concurrency, f"{name}-p{index}")
                                                  for index in range(args.processes)])
    elapsed = time.perf_counter() - started
    total = RunResult()
    for result in results:
        total.pairs += result.pairs
        total.refused += result.refused
        total.latencies_ms += result.latencies_ms
    return total, min(elapsed, args.seconds + 1)


async def prepare(url: str) -> list[int]:
    """The channel, the members (bulk-inserted: signing up 10,000 members is not what we measure), their points."""
    await migrate_database(url)
    await close_database()
    await open_database(url)
    try:
        channel = await Channel.create(name="Bench", slug="bench", currency_code="PTS", issuer_code="BENCH")
        await User.bulk_create([User(email=f"bench{i}@example.com") for i in range(SPREAD_MEMBERS + 1)], batch_size=1000)
        member_ids = sorted(await User.all().values_list("id", flat=True))
        for start in range(0, len(member_ids), 500):
            async with in_transaction():
                for member_id in member_ids[start:start + 500]:
                    await credit_points(channel, member_id, FUNDING_POINTS, Request(f"fund:{member_id}", "bench"))
        return member_ids
    finally:
        await close_database()


async def seal_and_verify(url: str) -> list[str]:
    await open_database(url)
    try:
        started, sealed = time.perf_counter(), 0
        while True:
            async with in_transaction():
                batch = await seal_transfers(limit=5_000)
            sealed += batch
            if not batch:
                break
        seal_seconds = time.perf_counter() - started
        started = time.perf_counter()
        report = await verify_ledger()
        verify_seconds = time.perf_counter() - started
        return [
            f"sealing: {sealed} transfers in {seal_seconds:.1f} s ({sealed / seal_seconds:,.0f} transfers/s)",
            f"verify:  {report.transfers} transfers in {verify_seconds:.1f} s, {'OK' if report.ok else 'FAILED'}",
            *([] if report.ok else report.lines()),
        ]
    finally:
        await close_database()


def describe(name: str, result: RunResult, seconds: float) -> str:
    latencies = sorted(result.latencies_ms) or [0.0]
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return (f"{name:<28} {result.pairs / seconds:>8,.0f} pairs/s   ({result.pairs} pairs, {result.refused} refused, "
            f"pair latency p50 {p50:.1f} ms, p99 {p99:.1f} ms)")


async def admin(server: str, statement: str) -> None:
    connection = await asyncpg.connect(server.replace("postgres://", "postgresql://", 1))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER))
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16, help="pairs in flight per process")
    parser.add_argument("--processes", type=int, default=1, help="client processes")
    parser.add_argument("--pool", type=int, default=8, help="PostgreSQL connections per process")
    args = parser.parse_args()

    name = f"mall_bench_{uuid.uuid4().hex[:8]}"
    base = args.server.rsplit("/", 1)[0]
    url = f"{base}/{name}?minsize=1&maxsize={args.pool}"
    asyncio.run(admin(args.server, f'CREATE DATABASE "{name}"'))
    try:
        members = asyncio.run(prepare(url))
        print(f"# {platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
              f"{args.processes} process(es) x {args.concurrency} pairs in flight, pool {args.pool}, {args.seconds:.0f} s")
        hot, hot_seconds = run_workload(url, members[:1], args, "hot")
        print(describe("1 hot member", hot, hot_seconds))
        spread, spread_seconds = run_workload(url, members[1:], args, "spread")
        print(describe(f"{SPREAD_MEMBERS:,} members", spread, spread_seconds))
        for line in asyncio.run(seal_and_verify(url)):
            print(line)
    finally:
        asyncio.run(admin(args.server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
