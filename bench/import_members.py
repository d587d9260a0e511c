"""Member roster import throughput on PostgreSQL: `mall bank import-members` on a generated file.

    python bench/import_members.py [--server postgres://postgres@127.0.0.1:5432/postgres] [--rows 1000000]
                                   [--batch-size 2000]

It creates its own database (mall_bench_<hex>), migrates it, creates an issuer, writes a CSV of --rows
members (one in a thousand deliberately bad, one in three with a phone and no e-mail) to a temporary
folder, imports it through bank_link.member_import.import_members (the command's code path, without the
progress bar), then imports the same file again (every row unchanged). It prints rows per second and the
process's peak resident memory for each run, and drops the database at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from serving import scratch_database

from bank_link.issuers import IssuerData, create_issuer
from bank_link.member_import import BATCH_SIZE, import_members
from mall.db import close_database, migrate_database, open_database

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
BAD_ROW_EVERY = 1000


def write_roster(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as roster:
        roster.write("customer_reference,name,email,phone,status\n")
        for number in range(rows):
            if number % BAD_ROW_EVERY == BAD_ROW_EVERY - 1:
                roster.write(f"C{number:08d},Bad Row,not-an-email,,active\n")
            elif number % 3 == 0:
                roster.write(f"C{number:08d},Member {number},,+86 138{number:08d},active\n")
            else:
                roster.write(f"C{number:08d},Member {number},member{number}@bank.example,,active\n")


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


async def run(server: str, rows: int, batch_size: int, folder: Path) -> None:
    async with scratch_database(server) as url:
        try:
            await measure(url, rows, batch_size, folder)
        finally:
            await close_database()


async def measure(url: str, rows: int, batch_size: int, folder: Path) -> None:
    await migrate_database(url)
    await close_database()
    await open_database(url)
    await create_issuer(IssuerData(code="BENCH", name="Bench Bank", points_unit="PTS"))
    roster = folder / "roster.csv"
    started = time.perf_counter()
    write_roster(roster, rows)
    print(f"wrote {rows:,} rows ({roster.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
    for label in ("first import", "same file again"):
        started = time.perf_counter()
        summary = await import_members("BENCH", str(roster), batch_size=batch_size)
        seconds = time.perf_counter() - started
        print(f"{label}: {summary.line()}")
        print(f"  {seconds:.1f} s, {rows / seconds:,.0f} rows/s, peak memory {peak_memory_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    arguments = parser.parse_args()
    print(f"{platform.node()}: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(run(arguments.server, arguments.rows, arguments.batch_size, Path(folder)))


if __name__ == "__main__":
    main()
