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
    subject      each sealed transfer's subject columns name the record its reference names: the chain
                 covers the reference, and reports (settlement's lines per order) read the subject

Read-only; run it on a replica or during quiet hours on a large ledger (it reads every transfer).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ledger.sealing import GENESIS_HASH, transfer_hash
from ledger.transfers import Subject, subject_of
from mall import sql

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


# Each query below returns only the rows that disagree, so the database does the counting however large
# the ledger is, and the report names each disagreeing row.
WALLET_MISMATCHES = (
    "SELECT a.id AS id, a.name AS name, a.points_available AS available, a.points_held AS held,"
    " COALESCE(c.points, 0) - COALESCE(d.points, 0) - COALESCE(h.points, 0) AS expected_available,"
    " COALESCE(h.points, 0) AS expected_held FROM ledger_account a"
    f" LEFT JOIN (SELECT credit_account_id AS id, SUM(points) AS points FROM ledger_transfer WHERE {POSTED}"
    "  GROUP BY credit_account_id) c ON c.id = a.id"
    f" LEFT JOIN (SELECT debit_account_id AS id, SUM(points) AS points FROM ledger_transfer WHERE {POSTED}"
    "  GROUP BY debit_account_id) d ON d.id = a.id"
    " LEFT JOIN (SELECT p.debit_account_id AS id, SUM(p.points) AS points FROM ledger_transfer p"
    "  WHERE p.kind = 'hold' AND NOT EXISTS (SELECT 1 FROM ledger_transfer r WHERE r.pending_id = p.id)"
    "  GROUP BY p.debit_account_id) h ON h.id = a.id"
    " WHERE a.kind = 'member' AND (a.points_available <> COALESCE(c.points, 0) - COALESCE(d.points, 0)"
    " - COALESCE(h.points, 0) OR a.points_held <> COALESCE(h.points, 0)"
    " OR COALESCE(c.points, 0) - COALESCE(d.points, 0) - COALESCE(h.points, 0) < 0)"
    " ORDER BY a.id"
)
HOLDS_ON_OTHER_ACCOUNTS = (
    "SELECT DISTINCT p.debit_account_id AS id FROM ledger_transfer p JOIN ledger_account a ON a.id = p.debit_account_id"
    " WHERE p.kind = 'hold' AND a.kind <> 'member' ORDER BY p.debit_account_id"
)
HOLD_MISMATCHES = (
    "SELECT * FROM (SELECT h.transfer_id AS hold_id, h.status AS status, h.points_held AS held,"
    " h.points_captured AS captured, h.points_refunded AS refunded,"
    " CASE r.kind WHEN 'capture' THEN 'captured' WHEN 'void' THEN 'voided' ELSE 'pending' END AS expected_status,"
    " t.points AS expected_held, CASE WHEN r.kind = 'capture' THEN r.points ELSE 0 END AS expected_captured,"
    " COALESCE(f.points, 0) AS expected_refunded"
    " FROM ledger_hold h JOIN ledger_transfer t ON t.id = h.transfer_id"
    " LEFT JOIN ledger_transfer r ON r.pending_id = h.transfer_id"
    " LEFT JOIN (SELECT reverses_id, SUM(points) AS points FROM ledger_transfer WHERE kind = 'refund'"
    "  GROUP BY reverses_id) f ON f.reverses_id = r.id) x"
    " WHERE status <> expected_status OR held <> expected_held OR captured <> expected_captured"
    " OR refunded <> expected_refunded ORDER BY hold_id"
)
LOT_MISMATCHES = (
    "SELECT l.id AS id, l.points_remaining AS remaining, l.points_credited + COALESCE(m.points, 0) AS expected,"
    " l.points_credited <> t.points OR l.account_id <> t.credit_account_id AS foreign_credit"
    " FROM ledger_lot l JOIN ledger_transfer t ON t.id = l.transfer_id"
    " LEFT JOIN (SELECT lot_id, SUM(points) AS points FROM ledger_lot_entry GROUP BY lot_id) m ON m.lot_id = l.id"
    " WHERE l.points_remaining <> l.points_credited + COALESCE(m.points, 0)"
    " OR l.points_credited <> t.points OR l.account_id <> t.credit_account_id ORDER BY l.id"
)
LOTS_AGAINST_WALLETS = (
    "SELECT a.id AS id, a.points_available AS available, COALESCE(s.points, 0) AS in_lots FROM ledger_account a"
    " LEFT JOIN (SELECT account_id, SUM(points_remaining) AS points FROM ledger_lot GROUP BY account_id) s"
    " ON s.account_id = a.id WHERE a.kind = 'member' AND a.points_available <> COALESCE(s.points, 0) ORDER BY a.id"
)


async def _check_wallets(report: VerifyReport) -> None:
    count = await sql.fetch_one("SELECT COUNT(*) AS n FROM ledger_account WHERE kind = 'member'")
    report.wallets = _int(count["n"] if count else 0)
    for row in await sql.fetch(WALLET_MISMATCHES):
        label = f"wallet {row['id']} ({row['name']})"
        stored = (_int(row["available"]), _int(row["held"]))
        expected = (_int(row["expected_available"]), _int(row["expected_held"]))
        if stored != expected:
            report.add(f"{label}: stores available {stored[0]}, held {stored[1]}; transfers say available "
                       f"{expected[0]}, held {expected[1]}")
        if expected[0] < 0:
            report.add(f"{label}: transfers leave it negative (available {expected[0]}, held {expected[1]})")
    for row in await sql.fetch(HOLDS_ON_OTHER_ACCOUNTS):
        report.add(f"account {row['id']}: holds points but is not a member wallet")


async def _check_holds(report: VerifyReport) -> None:
    for row in await sql.fetch(HOLD_MISMATCHES):
        stored = (row["status"], _int(row["held"]), _int(row["captured"]), _int(row["refunded"]))
        expected = (row["expected_status"], _int(row["expected_held"]), _int(row["expected_captured"]),
                    _int(row["expected_refunded"]))
        report.add(f"hold {row['hold_id']}: stores {_hold_text(stored)}; transfers say {_hold_text(expected)}")


def _hold_text(state: tuple[str, int, int, int]) -> str:
    return f"{state[0]}, held {state[1]}, captured {state[2]}, refunded {state[3]}"


async def _check_lots(report: VerifyReport) -> None:
    for lot in await sql.fetch(LOT_MISMATCHES):
        if lot["foreign_credit"]:
            report.add(f"lot {lot['id']}: does not match the credit transfer that opened it")
        if _int(lot["remaining"]) != _int(lot["expected"]):
            report.add(f"lot {lot['id']}: stores {_int(lot['remaining'])} remaining; its entries say "
                       f"{_int(lot['expected'])}")
    for wallet in await sql.fetch(LOTS_AGAINST_WALLETS):
        report.add(f"wallet {wallet['id']}: lots hold {_int(wallet['in_lots'])} points, the wallet "
                   f"{_int(wallet['available'])}")


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
            _check_subject(report, row)
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


def _check_subject(report: VerifyReport, row: dict[str, Any]) -> None:
    stored = Subject(row["subject_kind"], row["subject_id"])
    if stored != subject_of(str(row["reference"])):
        report.add(f"subject: transfer {row['id']} is for {stored.kind}:{stored.id}, its reference says"
                   f" '{row['reference']}'")


async def _check_head(report: VerifyReport, sequence: int, last_hash: str) -> None:
    head = await sql.fetch_one("SELECT last_sequence, last_hash FROM ledger_chain_head WHERE id = 1")
    stored = (0, GENESIS_HASH) if head is None else (_int(head["last_sequence"]), str(head["last_hash"]))
    if stored != (sequence, last_hash):
        report.add(f"chain: the head says sequence {stored[0]}, the transfers end at sequence {sequence}"
                   " (sealed transfers were removed or the head was changed)")
