"""Hold+capture pairs per second through ledger.services, on PostgreSQL.

    python bench/ledger_holds.py [--server postgres://postgres@127.0.0.1:5432/postgres]
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
import json
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

from tortoise.transactions import in_transaction

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from serving import admin

from ledger.models import Transfer
from ledger.sealing import GENESIS_HASH, seal_transfers
from ledger.services import Request, capture_hold, credit_points, hold_points
from ledger.verify import verify_ledger
from mall import sql
from mall.accounts.models import User
from mall.channels.models import Channel
from mall.db import close_database, migrate_database, open_database

SPREAD_MEMBERS = 10_000
POINTS_PER_HOLD = 100
FUNDING_POINTS = 10**9
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


@dataclass
class RunResult:
    pairs: int = 0
    refused: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    client_cpu_seconds: float = 0.0
    server_cpu_seconds: float | None = None  # the PostgreSQL backends serving this process's pool


def backend_cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) the given PostgreSQL backends have used, from /proc."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


async def pair_in_two_transactions(channel: Channel, member_id: int, tag: str) -> None:
    """Payment, then order completion: two use cases, two transactions."""
    async with in_transaction():
        held = await hold_points(channel, member_id, POINTS_PER_HOLD, Request(f"{tag}:hold", "bench", f"order:{tag}"))
    async with in_transaction():
        await capture_hold(held.id, Request(f"{tag}:capture", "bench", f"order:{tag}"))


async def pair_in_one_transaction(channel: Channel, member_id: int, tag: str) -> None:
    """An instant redemption (a voucher paid in points): one use case holds and captures at once."""
    async with in_transaction():
        held = await hold_points(channel, member_id, POINTS_PER_HOLD, Request(f"{tag}:hold", "bench", f"order:{tag}"))
        await capture_hold(held.id, Request(f"{tag}:capture", "bench", f"order:{tag}"))


# What-if: chaining each transfer as it is written instead of sealing later. One extra statement per
# transfer, the cheapest form there is (the hash computed by PostgreSQL), and a head row every transfer
# of the unit locks until its transaction commits. The bench clears these hashes before sealing.
INLINE_CHAIN = (
    "WITH head AS (UPDATE ledger_chain_head SET last_sequence = last_sequence + 1,"
    " last_hash = encode(sha256(convert_to(last_hash || $2, 'UTF8')), 'hex') WHERE id = 1"
    " RETURNING last_sequence, last_hash)"
    " UPDATE ledger_transfer SET sequence = head.last_sequence, hash = head.last_hash FROM head"
    " WHERE ledger_transfer.id = $1"
)


async def chain_inline(transfer: Transfer) -> None:
    content = json.dumps([transfer.id, transfer.kind.value, transfer.points, transfer.idempotency_key])
    await sql.execute(INLINE_CHAIN, transfer.id, content)


async def pair_with_inline_chain(channel: Channel, member_id: int, tag: str) -> None:
    """As pair_in_two_transactions, each transfer chained inline."""
    async with in_transaction():
        held = await hold_points(channel, member_id, POINTS_PER_HOLD, Request(f"{tag}:hold", "bench", f"order:{tag}"))
        await chain_inline(held)
    async with in_transaction():
        await chain_inline(await capture_hold(held.id, Request(f"{tag}:capture", "bench", f"order:{tag}")))


STYLE_LABELS = {"two": "two transactions", "one": "one transaction", "inline-chain": "inline chain"}
PAIRS = {"two": pair_in_two_transactions, "one": pair_in_one_transaction, "inline-chain": pair_with_inline_chain}


async def open_bench_database(url: str) -> None:
    await open_database(url)


async def client_loop(
    channel: Channel, members: list[int], deadline: float, prefix: str, result: RunResult, style: str
) -> None:
    counter, pair = 0, PAIRS[style]
    while time.perf_counter() < deadline:
        counter += 1
        started = time.perf_counter()
        try:
            await pair(channel, random.choice(members), f"{prefix}-{counter}")
        except Exception:  # a refusal or a failure: counted, never hidden
            result.refused += 1
            continue
        result.latencies_ms.append((time.perf_counter() - started) * 1000)
        result.pairs += 1


@dataclass(frozen=True)
class Workload:
    url: str
    members: list[int]
    seconds: float
    concurrency: int
    style: str


async def run_clients(workload: Workload, prefix: str, measure_server: bool) -> RunResult:
    """Run the pairs for the workload's duration; CPU is measured after a warm-up that opens the pool."""
    await open_bench_database(workload.url)
    try:
        channel = await Channel.get(slug="bench")
        warm_up = RunResult()
        await asyncio.gather(*(client_loop(channel, workload.members, time.perf_counter() + 0.5, f"{prefix}-w{i}",
                                           warm_up, workload.style) for i in range(workload.concurrency)))
        pids = [row["pid"] for row in await sql.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )] if measure_server else []
        result = RunResult()
        server_before, client_before = backend_cpu_seconds(pids), time.process_time()
        deadline = time.perf_counter() + workload.seconds
        await asyncio.gather(*(client_loop(channel, workload.members, deadline, f"{prefix}-{i}", result, workload.style)
                               for i in range(workload.concurrency)))
        result.client_cpu_seconds = time.process_time() - client_before
        if measure_server:
            result.server_cpu_seconds = backend_cpu_seconds(pids) - server_before
        return result
    finally:
        await close_database()


def process_main(workload: Workload, prefix: str, measure_server: bool = False) -> RunResult:
    return asyncio.run(run_clients(workload, prefix, measure_server))


def run_workload(workload: Workload, processes: int, name: str) -> tuple[RunResult, float]:
    started = time.perf_counter()
    if processes == 1:
        results = [process_main(workload, f"{name}-p0", measure_server=True)]
    else:
        context = multiprocessing.get_context("spawn")
        with context.Pool(processes) as pool:
            results = pool.starmap(process_main, [(workload, f"{name}-p{index}") for index in range(processes)])
    elapsed = time.perf_counter() - started
    total = RunResult()
    for result in results:
        total.pairs += result.pairs
        total.refused += result.refused
        total.latencies_ms += result.latencies_ms
        total.client_cpu_seconds += result.client_cpu_seconds
    total.server_cpu_seconds = results[0].server_cpu_seconds if processes == 1 else None
    return total, min(elapsed, workload.seconds + 1)


async def prepare(url: str) -> list[int]:
    """The channel, the members (bulk-inserted: signing up 10,000 members is not what we measure), their points."""
    await migrate_database(url)
    await close_database()
    await open_database(url)
    try:
        channel = await Channel.create(name="Bench", slug="bench", currency_code="PTS", issuer_code="BENCH")
        await sql.execute(
            "INSERT INTO ledger_chain_head (id, last_sequence, last_hash) VALUES (1, 0, $1)", GENESIS_HASH
        )
        members = [User(email=f"bench{i}@example.com") for i in range(SPREAD_MEMBERS + 1)]
        await User.bulk_create(members, batch_size=1000)
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
        await sql.execute("UPDATE ledger_transfer SET sequence = NULL, hash = NULL WHERE sequence IS NOT NULL")
        await sql.execute("UPDATE ledger_chain_head SET last_sequence = 0, last_hash = $1 WHERE id = 1", GENESIS_HASH)
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
    pairs = max(result.pairs, 1)
    server = ("" if result.server_cpu_seconds is None
              else f" + PostgreSQL {result.server_cpu_seconds / pairs * 1000:.2f} ms")
    return (f"{name:<36} {result.pairs / seconds:>6,.0f} pairs/s  p50 {p50:.0f} ms, p99 {p99:.0f} ms, "
            f"CPU per pair: client {result.client_cpu_seconds / pairs * 1000:.2f} ms{server}"
            f"  ({result.pairs} pairs, {result.refused} refused)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER))
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16, help="pairs in flight per process")
    parser.add_argument("--processes", type=int, default=1, help="client processes")
    parser.add_argument("--pool", type=int, default=8, help="PostgreSQL connections per process")
    parser.add_argument("--style", choices=sorted(PAIRS), action="append",
                        help="two: hold and capture in two transactions (default); one: in one transaction; "
                        "inline-chain: as two, with each transfer hash-chained as it is written (what-if)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="run every case this many times, interleaved, and report the median round "
                        "(on a shared machine the load moves between runs)")
    args = parser.parse_args()

    name = f"mall_bench_{uuid.uuid4().hex[:8]}"
    base = args.server.rsplit("/", 1)[0]
    url = f"{base}/{name}?minsize=1&maxsize={args.pool}"
    asyncio.run(admin(args.server, f'CREATE DATABASE "{name}"'))  # kept apart: each client process joins it
    try:
        members = asyncio.run(prepare(url))
        print(f"# {platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
              f"{args.processes} process(es) x {args.concurrency} pairs in flight, pool {args.pool}"
              f", {args.seconds:.0f} s per run, median of {args.rounds}, "
              f"load average {os.getloadavg()[0]:.2f} before")
        cases = [(style, label, chosen) for style in args.style or ["two"]
                 for label, chosen in (("1 hot member", members[:1]), (f"{SPREAD_MEMBERS:,} members", members[1:]))]
        runs: dict[int, list[tuple[RunResult, float]]] = {index: [] for index in range(len(cases))}
        for round_number in range(args.rounds):
            for index, (style, _, chosen) in enumerate(cases):
                workload = Workload(url, chosen, args.seconds, args.concurrency, style)
                runs[index].append(run_workload(workload, args.processes, f"r{round_number}-{style}-{len(chosen)}"))
        for index, (style, label, _) in enumerate(cases):
            result, seconds = sorted(runs[index], key=lambda run: run[0].pairs / run[1])[len(runs[index]) // 2]
            print(describe(f"{label}, {STYLE_LABELS[style]}", result, seconds))
        print(f"# load average {os.getloadavg()[0]:.2f} after")
        for line in asyncio.run(seal_and_verify(url)):
            print(line)
    finally:
        asyncio.run(admin(args.server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
