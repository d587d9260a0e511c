"""Settling a period of one million ledger transfers, on PostgreSQL: how long it takes, how much memory.

    python bench/settle.py [--server postgres://postgres@127.0.0.1:5432/postgres] [--members 100000]
                           [--orders 300000] [--voided 90000] [--refunds 20000] [--verify] [--keep]

It creates its own database (mall_bench_<hex>), migrates it, and writes one issuer's October 2026 (Asia/
Shanghai) straight into the tables with set-based SQL (setup speed), consistent with the ledger's
invariants: every member gets two accruals (two lots), each order a hold and a full capture, some holds
are voided, some captures refunded (back into the lot the hold took from), wallets and lots carry what
their transfers say, holds their resolution. With the defaults that is

    200,000 accruals + 300,000 holds + 300,000 captures + 90,000 holds + 90,000 voids + 20,000 refunds
    = 1,000,000 transfers, and 300,000 orders

Then a fresh process runs `settle_period(..., issuer_code=...)` as `mall settle --period 2026-10 --issuer
BENCH` does (statement, 300,000 lines and 320,000 entries aggregated in SQL, reconciliation, the ledger
settlement transfer, CSV + JSON + manifest streamed to a local folder) and reports its wall time and its
peak resident memory (ru_maxrss). `--verify` also runs the ledger verifier on the seeded data first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mall.db import close_database, migrate_database, open_database

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
PERIOD = "2026-10"  # a closed period: settlement refuses one that has not ended
START = "2026-09-30 16:00:00+00"  # October 2026 in Asia/Shanghai
PERIOD_SECONDS = 31 * 24 * 3600
ISSUER = "BENCH"
FILLERS = {"character varying": "''", "text": "''", "integer": "0", "bigint": "0", "numeric": "0",
           "boolean": "false", "jsonb": "'{}'", "json": "'{}'", "timestamp with time zone": "now()",
           "uuid": "gen_random_uuid()"}


async def fill_insert(connection: asyncpg.Connection, table: str, values: dict[str, str], source: str) -> None:
    """INSERT ... SELECT with `values` (column -> SQL expression); other NOT NULL columns get a filler."""
    rows = await connection.fetch(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1"
        " AND is_nullable = 'NO' AND column_default IS NULL", table)
    columns = dict(values)
    for row in rows:
        columns.setdefault(row["column_name"], FILLERS[row["data_type"]])
    await connection.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns.values())}"
                             f" FROM {source}")


def at(fraction_sql: str) -> str:
    """A time within the period: `fraction_sql` in [0, 1)."""
    return f"(timestamptz '{START}' + ({fraction_sql}) * interval '{PERIOD_SECONDS} seconds')"


async def seed_accounts(connection: asyncpg.Connection, members: int) -> None:
    await connection.execute(
        "INSERT INTO bank_link_issuer (code, name, points_unit, cash_value_per_point, cash_currency,"
        " points_cash_allowed, max_cash_share_percent, expiry_rule, expiry_count, settlement_cycle, time_zone,"
        " storage_location, sso_public_key_pem, reminder_days, is_active, created_at, updated_at)"
        " VALUES ($1, 'Bench Bank', 'PTS', 0.01, 'CNY', false, 0, 'never', 0, 'monthly', 'Asia/Shanghai', '', '',"
        " 30, true, now(), now())", ISSUER)
    await fill_insert(connection, "channel_channel", {"id": "1", "name": "'Bench'", "slug": "'bench'",
                      "currency_code": "'PTS'", "issuer_code": f"'{ISSUER}'", "points_cash_value": "0.01",
                      "cash_currency": "'CNY'", "default_country": "'CN'", "is_active": "true",
                      "metadata": "'{}'"}, "(SELECT 1) one")
    await fill_insert(connection, "account_user", {"id": "g", "email": "'m' || g || '@bench.example'",
                      "permissions": "'[]'", "jwt_token_key": "md5(g::text)", "language_code": "'EN'",
                      "is_active": "true", "is_confirmed": "true"}, f"generate_series(1, {members}) g")
    # System accounts are 1-5, the wallet of member g is 10 + g.
    await connection.execute(
        "INSERT INTO ledger_account (id, channel_id, kind, name, points_available, points_held, created_at) VALUES"
        " (1, 1, 'redemption_clearing', 'redemption_clearing', 0, 0, now()),"
        " (2, 1, 'operator_fee', 'operator_fee', 0, 0, now()), (3, 1, 'expired', 'expired', 0, 0, now()),"
        " (4, 1, 'adjustments', 'adjustments', 0, 0, now()),"
        f" (5, 1, 'issuer_liability', 'issuer:{ISSUER}', 0, 0, now())")
    await connection.execute(
        "INSERT INTO ledger_account (id, channel_id, kind, name, member_id, points_available, points_held, created_at)"
        f" SELECT 10 + g, 1, 'member', 'member:' || g, g, 0, 0, now() FROM generate_series(1, {members}) g")


TRANSFER = ("INSERT INTO ledger_transfer (id, channel_id, debit_account_id, credit_account_id, member_account_id,"
            " points, kind, reference, actor, reason, idempotency_key, pending_id, reverses_id, created_at) ")


async def seed_transfers(connection: asyncpg.Connection, members: int, orders: int, voided: int,
                         refunds: int) -> int:
    """Transfer ids: accruals 1..2M, order holds, captures, voided holds, voids, refunds in that order."""
    accruals = 2 * members
    holds, captures = accruals, accruals + orders
    void_holds, voids, refunds_at = captures + orders, captures + orders + voided, captures + orders + 2 * voided
    member = f"10 + 1 + (g % {members})"
    points = "(100 + (g % 50) * 10)"
    await connection.execute(
        TRANSFER + f"SELECT g, 1, 5, 10 + 1 + ((g - 1) % {members}), 10 + 1 + ((g - 1) % {members}), 100000,"
        f" 'accrual', 'feed:bench', 'system:bench', '', 'accrual:' || g, NULL, NULL, {at('0')} + g * interval '1 ms'"
        f" FROM generate_series(1, {accruals}) g")
    order_time = at(f"g::float8 / {orders} * 0.98 + 0.01")
    await connection.execute(
        TRANSFER + f"SELECT {holds} + g, 1, {member}, 1, {member}, {points}, 'hold',"
        f" 'checkout:' || g, 'system:bench', 'redemption', 'hold:' || g, NULL, NULL, {order_time} - interval '1 minute'"
        f" FROM generate_series(1, {orders}) g")
    await connection.execute(
        TRANSFER + f"SELECT {captures} + g, 1, {member}, 1, {member}, {points}, 'capture',"
        f" 'order:' || md5('order' || g)::uuid, 'system:bench', 'redemption', 'capture:' || g, {holds} + g, NULL,"
        f" {order_time} FROM generate_series(1, {orders}) g")
    await connection.execute(
        TRANSFER + f"SELECT {void_holds} + g, 1, {member}, 1, {member}, 50, 'hold', 'checkout:v' || g,"
        f" 'system:bench', 'redemption', 'vhold:' || g, NULL, NULL, {at(f'g::float8 / {voided} * 0.9')}"
        f" FROM generate_series(1, {voided}) g")
    await connection.execute(
        TRANSFER + f"SELECT {voids} + g, 1, {member}, 1, {member}, 50, 'void', 'checkout:v' || g,"
        f" 'system:worker', 'expired', 'void:' || g, {void_holds} + g, NULL,"
        f" {at(f'g::float8 / {voided} * 0.9')} + interval '30 minutes' FROM generate_series(1, {voided}) g")
    step = orders // refunds
    await connection.execute(
        TRANSFER + f"SELECT {refunds_at} + g, 1, 1, {member.replace('g', '(g * ' + str(step) + ')')},"
        f" {member.replace('g', '(g * ' + str(step) + ')')}, {points.replace('g', '(g * ' + str(step) + ')')},"
        f" 'refund', 'order:' || md5('order' || (g * {step}))::uuid, 'system:bench', 'canceled', 'refund:' || g,"
        f" NULL, {captures} + g * {step}, {at(f'(g * {step})::float8 / {orders} * 0.98 + 0.01')} + interval '1 hour'"
        f" FROM generate_series(1, {refunds}) g")
    total = refunds_at + refunds
    # The record each reference names, as the ledger stores it when it writes a transfer (ledger 0003).
    await connection.execute(
        "UPDATE ledger_transfer SET subject_kind = SPLIT_PART(reference, ':', 1),"
        " subject_id = SUBSTR(reference, STRPOS(reference, ':') + 1) WHERE STRPOS(reference, ':') > 0")
    await connection.execute(f"SELECT setval(pg_get_serial_sequence('ledger_transfer', 'id'), {total})")
    return total


async def seed_holds_lots_and_orders(connection: asyncpg.Connection, members: int, orders: int, voided: int,
                                     refunds: int) -> None:
    accruals = 2 * members
    await connection.execute(
        "INSERT INTO ledger_hold (channel_id, transfer_id, account_id, clearing_account_id, status, points_held,"
        " points_captured, points_refunded, expires_at, resolved_at) SELECT 1, h.id, h.debit_account_id, 1,"
        " CASE WHEN r.kind = 'capture' THEN 'captured' ELSE 'voided' END, h.points,"
        " CASE WHEN r.kind = 'capture' THEN h.points ELSE 0 END, COALESCE(f.points, 0),"
        " h.created_at + interval '30 minutes', r.created_at FROM ledger_transfer h"
        " JOIN ledger_transfer r ON r.pending_id = h.id"
        " LEFT JOIN ledger_transfer f ON f.reverses_id = r.id AND f.kind = 'refund' WHERE h.kind = 'hold'")
    # Each member's first accrual (transfers 1..members) opens the lot every hold takes from.
    await connection.execute(
        "INSERT INTO ledger_lot (id, account_id, transfer_id, points_credited, points_remaining, expires_at,"
        " created_at) SELECT id, credit_account_id, id, points, points, NULL, created_at FROM ledger_transfer"
        f" WHERE kind = 'accrual' AND id <= {accruals}")
    await connection.execute(
        "INSERT INTO ledger_lot_entry (lot_id, transfer_id, origin_id, points)"
        " SELECT h.member_account_id - 10, h.id, h.id, -h.points FROM ledger_transfer h WHERE h.kind = 'hold'"
        " UNION ALL SELECT v.member_account_id - 10, v.id, v.pending_id, v.points FROM ledger_transfer v"
        " WHERE v.kind = 'void' UNION ALL SELECT f.member_account_id - 10, f.id, c.pending_id, f.points"
        " FROM ledger_transfer f JOIN ledger_transfer c ON c.id = f.reverses_id WHERE f.kind = 'refund'")
    await connection.execute(
        "UPDATE ledger_lot l SET points_remaining = l.points_credited + e.points FROM"
        " (SELECT lot_id, SUM(points) AS points FROM ledger_lot_entry GROUP BY lot_id) e WHERE e.lot_id = l.id")
    await connection.execute(
        "UPDATE ledger_account a SET points_available = b.points FROM (SELECT account_id, SUM(points) AS points FROM"
        " (SELECT credit_account_id AS account_id, points FROM ledger_transfer WHERE kind NOT IN ('hold', 'void')"
        " UNION ALL SELECT debit_account_id, -points FROM ledger_transfer WHERE kind NOT IN ('hold', 'void')) m"
        " GROUP BY account_id) b WHERE b.account_id = a.id AND a.kind = 'member'")
    await fill_insert(connection, "orders_order", {
        "id": "md5('order' || g)::uuid", "number": "g", "channel_id": "1", "user_id": f"1 + (g % {members})",
        "status": "'unfulfilled'", "total_points": "100 + (g % 50) * 10", "points_charged": "100 + (g % 50) * 10",
        "cash_currency": "'CNY'", "language_code": "'EN'", "metadata": "'{}'", "private_metadata": "'{}'",
        "created_at": "now()", "updated_at": "now()"}, f"generate_series(1, {orders}) g")
    await connection.execute("VACUUM ANALYZE")


async def seed(url: str, arguments: argparse.Namespace) -> int:
    await migrate_database(url)
    await close_database()
    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        await seed_accounts(connection, arguments.members)
        total = await seed_transfers(connection, arguments.members, arguments.orders, arguments.voided,
                                     arguments.refunds)
        await seed_holds_lots_and_orders(connection, arguments.members, arguments.orders, arguments.voided,
                                         arguments.refunds)
        return total
    finally:
        await connection.close()


async def verify(url: str) -> list[str]:
    from ledger.verify import verify_ledger

    await open_database(url)
    try:
        return (await verify_ledger()).lines()
    finally:
        await close_database()


async def settle_only(url: str, var_dir: str) -> dict[str, object]:
    """Runs in a fresh process: open, settle, close; the numbers the parent prints."""
    from mall.settings import Settings
    from settlement.settle import settle_period

    settings = Settings(database_url=url, public_url="http://127.0.0.1:8000", var_dir=Path(var_dir),
                        storage_dir=Path(var_dir) / "storage", mail_dir=Path(var_dir) / "mail",
                        jwt_private_key_pem="", secret_key="bench")
    await open_database(url)
    try:
        started = time.perf_counter()
        outcome = await settle_period(PERIOD, "system:bench", settings, issuer_code=ISSUER)
        seconds = time.perf_counter() - started
    finally:
        await close_database()
    statement = outcome.issued[0] if outcome.issued else None
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                                                                 / 1024, 1),
            "status": str(outcome.run.status), "differences": outcome.differences[:5],
            "lines": statement.line_count if statement else 0,
            "amount_due": str(statement.amount_due) if statement else None,
            "files_mb": files_megabytes(Path(var_dir))}


def files_megabytes(folder: Path) -> float:
    return round(sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20, 1)


def run_child(url: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="settle-bench-") as var_dir:
        child = subprocess.run([sys.executable, __file__, "--settle-only", url, "--var-dir", var_dir],
                               capture_output=True, text=True, check=True)
    return json.loads(child.stdout.strip().splitlines()[-1])


async def with_database(server: str, keep: bool, work) -> None:  # type: ignore[no-untyped-def]
    admin = server.replace("postgres://", "postgresql://", 1)
    name = f"mall_bench_{uuid.uuid4().hex[:10]}"
    connection = await asyncpg.connect(admin)
    await connection.execute(f'CREATE DATABASE "{name}"')
    await connection.close()
    try:
        await work(f"{server.rpartition('/')[0]}/{name}")
    finally:
        if not keep:
            connection = await asyncpg.connect(admin)
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER))
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=300_000)
    parser.add_argument("--voided", type=int, default=90_000)
    parser.add_argument("--refunds", type=int, default=20_000)
    parser.add_argument("--verify", action="store_true", help="Run the ledger verifier on the seeded data.")
    parser.add_argument("--keep", action="store_true", help="Keep the bench database.")
    parser.add_argument("--settle-only", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--var-dir", default=None, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.settle_only:
        print(json.dumps(asyncio.run(settle_only(arguments.settle_only, arguments.var_dir))))
        return

    async def work(url: str) -> None:
        started = time.perf_counter()
        total = await seed(url, arguments)
        print(f"seeded {total:,} transfers and {arguments.orders:,} orders in {time.perf_counter() - started:.1f} s")
        if arguments.verify:
            started = time.perf_counter()
            for line in await verify(url):
                print(f"  verify: {line}")
            print(f"  verify took {time.perf_counter() - started:.1f} s")
        result = run_child(url)
        print(f"settle {PERIOD} --issuer {ISSUER}: {result['seconds']} s, peak RSS {result['peak_rss_mb']} MB, "
              f"status {result['status']}, {result['lines']:,} lines, amount due {result['amount_due']} CNY, "
              f"files {result['files_mb']} MB")
        for difference in result["differences"]:
            print(f"  difference: {difference}")
        print(f"machine: {platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
              f"load average {os.getloadavg()[0]:.1f}")

    asyncio.run(with_database(arguments.server, arguments.keep, work))


if __name__ == "__main__":
    main()
