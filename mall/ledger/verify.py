"""`mall ledger verify`: recompute everything the ledger stores from its transfers, and check the chain.

Checks, each reported with the rows it concerns:
    units        every points unit (channel) sums to zero over its accounts' posted balances, and every
                 transfer moves points between two accounts of its own unit
    wallets      each member wallet's available and held columns equal what its transfers say, and
                 neither is negative
    holds        each hold's state (pending, captured, refunded) equals its resolving transfers
    lots         each lot's remaining points equal its credit plus its entries, and a wallet's lots add
                 up to its available points
    chain        sealed transfers form one unbroken hash chain from sequence 1 to the chain head;
                 unsealed transfers are counted (the worker seals them), not treated as a fault

Read-only; run it on a replica or during quiet hours on a large ledger (it reads every transfer).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mall.ledger import sql
from mall.ledger.sealing import GENESIS_HASH, transfer_hash

CHAIN_BATCH_SIZE = 5_000
MAX_PROBLEMS = 200  # a broken ledger can differ everywhere: report the first ones, count the rest
POSTED = "kind NOT IN ('hold', 'void')"


@dataclass
class VerifyReport:
    problems: list[str] = field(default_factory=list)
    problem_count: int = 0
    transfers: int = 0
    sealed: int = 0
    unsealed: int = 0
    oldest_unsealed_at: datetime | None = None
    units: int = 0
    wallets: int = 0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add(self, problem: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def lines(self) -> list[str]:
        """The report as a person reads it."""
        summary = [
            f"Checked {self.transfers} transfers in {self.units} points units, {self.wallets} member wallets.",
            f"Hash chain: {self.sealed} sealed, {self.unsealed} not sealed yet"
            + (f" (oldest written {self.oldest_unsealed_at.isoformat()})." if self.oldest_unsealed_at else "."),
        ]
        if self.ok:
            return [*summary, "OK: balances equal the transfers, every unit sums to zero, the chain is intact."]
        shown = len(self.problems)
        more = [f"... and {self.problem_count - shown} more."] if self.problem_count > shown else []
        return [*summary, f"FAILED: {self.problem_count} problem(s):", *(f"  - {p}" for p in self.problems), *more]


def _int(value: Any) -> int:
    return int(value or 0)


async def verify_ledger() -> VerifyReport:
    report = VerifyReport()
    await _check_units(report)
    await _check_wallets(report)
    await _check_holds(report)
    await _check_lots(report)
    await _check_chain(report)
    return report


async def _check_units(report: VerifyReport) -> None:
    rows = await sql.fetch(
        "SELECT a.channel_id AS channel_id, SUM(b.points) AS points FROM ("
        f" SELECT credit_account_id AS account_id, points FROM ledger_transfer WHERE {POSTED}"
        f" UNION ALL SELECT debit_account_id, -points FROM ledger_transfer WHERE {POSTED}"
        ") b JOIN ledger_account a ON a.id = b.account_id GROUP BY a.channel_id"
    )
    units = await sql.fetch(
        "SELECT c.id AS id, c.slug AS slug, c.currency_code AS unit FROM channel_channel c"
        " WHERE EXISTS (SELECT 1 FROM ledger_account a WHERE a.channel_id = c.id)"
    )
    names = {row["id"]: f"{row['unit']} (channel {row['slug']})" for row in units}
    report.units = len(units)
    for row in rows:
        if _int(row["points"]) != 0:
            report.add(f"unit {names.get(row['channel_id'], row['channel_id'])}: accounts sum to "
                       f"{_int(row['points'])} points, not 0")
    crossing = await sql.fetch(
        "SELECT t.id AS id FROM ledger_transfer t JOIN ledger_account d ON d.id = t.debit_account_id"
        " JOIN ledger_account c ON c.id = t.credit_account_id"
        " WHERE d.channel_id <> t.channel_id OR c.channel_id <> t.channel_id OR t.points <= 0"
        " OR t.debit_account_id = t.credit_account_id ORDER BY t.id"
    )
    for row in crossing:
        report.add(f"transfer {row['id']}: does not move a positive amount between two accounts of its unit")
    count = await sql.fetch_one("SELECT COUNT(*) AS n FROM ledger_transfer")
    report.transfers = _int(count["n"] if count else 0)


async def _sums(query: str) -> dict[int, int]:
    return {int(row["account_id"]): _int(row["points"]) for row in await sql.fetch(query)}


async def _check_wallets(report: VerifyReport) -> None:
    credits = await _sums(f"SELECT credit_account_id AS account_id, SUM(points) AS points FROM ledger_transfer"
                          f" WHERE {POSTED} GROUP BY credit_account_id")
    debits = await _sums(f"SELECT debit_account_id AS account_id, SUM(points) AS points FROM ledger_transfer"
                         f" WHERE {POSTED} GROUP BY debit_account_id")
    held = await _sums(
        "SELECT h.debit_account_id AS account_id, SUM(h.points) AS points FROM ledger_transfer h"
        " WHERE h.kind = 'hold' AND NOT EXISTS (SELECT 1 FROM ledger_transfer r WHERE r.pending_id = h.id)"
        " GROUP BY h.debit_account_id"
    )
    wallets = await sql.fetch(
        "SELECT id, name, points_available, points_held FROM ledger_account WHERE kind = 'member' ORDER BY id"
    )
    report.wallets = len(wallets)
    for wallet in wallets:
        account_id = int(wallet["id"])
        expected_held = held.get(account_id, 0)
        expected_available = credits.get(account_id, 0) - debits.get(account_id, 0) - expected_held
        stored = (_int(wallet["points_available"]), _int(wallet["points_held"]))
        label = f"wallet {account_id} ({wallet['name']})"
        if stored != (expected_available, expected_held):
            report.add(f"{label}: stores available {stored[0]}, held {stored[1]}; transfers say available "
                       f"{expected_available}, held {expected_held}")
        if expected_available < 0 or expected_held < 0:
            report.add(f"{label}: transfers leave it negative (available {expected_available}, held {expected_held})")
    for account_id in (set(held) | set(credits) | set(debits)) - {int(w["id"]) for w in wallets}:
        if account_id in held:
            report.add(f"account {account_id}: holds points but is not a member wallet")


async def _check_holds(report: VerifyReport) -> None:
    rows = await sql.fetch(
        "SELECT h.transfer_id AS hold_id, h.status AS status, h.points_held AS held, h.points_captured AS captured,"
        " h.points_refunded AS refunded, t.points AS hold_points, r.kind AS resolution, r.points AS resolved_points,"
        " (SELECT SUM(f.points) FROM ledger_transfer f WHERE f.reverses_id = r.id AND f.kind = 'refund') AS refunds"
        " FROM ledger_hold h JOIN ledger_transfer t ON t.id = h.transfer_id"
        " LEFT JOIN ledger_transfer r ON r.pending_id = h.transfer_id ORDER BY h.transfer_id"
    )
    for row in rows:
        expected = _expected_hold(row)
        stored = (row["status"], _int(row["held"]), _int(row["captured"]), _int(row["refunded"]))
        if stored != expected:
            report.add(f"hold {row['hold_id']}: stores {_hold_text(stored)}; transfers say {_hold_text(expected)}")


def _expected_hold(row: dict[str, Any]) -> tuple[str, int, int, int]:
    resolution = row["resolution"]
    status = {"capture": "captured", "void": "voided"}.get(resolution or "", "pending")
    captured = _int(row["resolved_points"]) if resolution == "capture" else 0
    return status, _int(row["hold_points"]), captured, _int(row["refunds"])


def _hold_text(state: tuple[str, int, int, int]) -> str:
    return f"{state[0]}, held {state[1]}, captured {state[2]}, refunded {state[3]}"


async def _check_lots(report: VerifyReport) -> None:
    lots = await sql.fetch(
        "SELECT l.id AS id, l.account_id AS account_id, l.points_credited AS credited,"
        " l.points_remaining AS remaining, t.points AS transfer_points, t.credit_account_id AS credited_account,"
        " (SELECT SUM(e.points) FROM ledger_lot_entry e WHERE e.lot_id = l.id) AS moved"
        " FROM ledger_lot l JOIN ledger_transfer t ON t.id = l.transfer_id ORDER BY l.id"
    )
    per_wallet: dict[int, int] = defaultdict(int)
    for lot in lots:
        credited, remaining = _int(lot["credited"]), _int(lot["remaining"])
        per_wallet[int(lot["account_id"])] += remaining
        if credited != _int(lot["transfer_points"]) or lot["credited_account"] != lot["account_id"]:
            report.add(f"lot {lot['id']}: does not match the credit transfer that opened it")
        expected = credited + _int(lot["moved"])
        if remaining != expected:
            report.add(f"lot {lot['id']}: stores {remaining} remaining; its entries say {expected}")
    wallets = await sql.fetch("SELECT id, points_available FROM ledger_account WHERE kind = 'member' ORDER BY id")
    for wallet in wallets:
        in_lots, available = per_wallet.get(int(wallet["id"]), 0), _int(wallet["points_available"])
        if in_lots != available:
            report.add(f"wallet {wallet['id']}: lots hold {in_lots} points, the wallet {available}")


async def _check_chain(report: VerifyReport) -> None:
    sequence, previous_hash = 0, GENESIS_HASH
    while True:
        rows = await sql.fetch(
            "SELECT * FROM ledger_transfer WHERE sequence > $1 ORDER BY sequence LIMIT $2", sequence, CHAIN_BATCH_SIZE
        )
        for row in rows:
            sequence += 1
            if int(row["sequence"]) != sequence:
                report.add(f"chain: sequence {sequence} is missing (the next sealed transfer, {row['id']},"
                           f" has sequence {row['sequence']})")
                sequence = int(row["sequence"])
            if transfer_hash(row, sequence, previous_hash) != row["hash"]:
                report.add(f"chain: transfer {row['id']} (sequence {sequence}) does not match its hash")
            previous_hash = str(row["hash"])
        report.sealed += len(rows)
        if len(rows) < CHAIN_BATCH_SIZE:
            break
    await _check_head(report, sequence, previous_hash)
    unsealed = await sql.fetch_one(
        "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM ledger_transfer WHERE sequence IS NULL"
    )
    report.unsealed = _int(unsealed["n"] if unsealed else 0)
    report.oldest_unsealed_at = sql.as_datetime(unsealed["oldest"]) if unsealed else None


async def _check_head(report: VerifyReport, sequence: int, last_hash: str) -> None:
    head = await sql.fetch_one("SELECT last_sequence, last_hash FROM ledger_chain_head WHERE id = 1")
    stored = (0, GENESIS_HASH) if head is None else (_int(head["last_sequence"]), str(head["last_hash"]))
    if stored != (sequence, last_hash):
        report.add(f"chain: the head says sequence {stored[0]}, the transfers end at sequence {sequence}"
                   " (sealed transfers were removed or the head was changed)")
