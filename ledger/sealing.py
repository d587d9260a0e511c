"""Tamper evidence: transfers are sealed into one hash chain, in batches, by `mall worker`.

Each sealed transfer gets the next `sequence` and `hash = sha256(sequence, previous hash, content)`.
Changing a sealed transfer breaks its hash, removing one leaves a gap in the sequence, removing the last
ones disagrees with the head row; `mall ledger verify` recomputes all of it. (Someone able to rewrite
every row and the head could recompute the whole chain: publishing the head hash outside the database,
e.g. in the daily statement to the issuer, closes that; it is not done yet.)

Why sealing after the fact rather than hashing each transfer as it is written: a chain has one head,
and writing the head inline makes every transfer of the chain wait for the one before it to commit; the
hot path would also pay one more statement per transfer. Measured with bench/ledger_holds.py (README there):
chaining inline cost 31% of the hold+capture throughput for 10,000 members, and its single head row
caps a unit's transfers at one commit at a time however many cores there are. Sealed afterwards, a
transfer touches only its member's own rows.

The sealer, holding the head row's lock, seals unsealed transfers in id order a batch at a time (about
8,000 a second here, far more than are written). A transfer that commits late, after higher ids were
sealed, is sealed in the next batch with the next sequence: the chain orders transfers by sealing, not
by id. Until sealed, a transfer is covered by the balance checks of `verify` only; verify reports how
many are unsealed and how old the oldest is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC
from hashlib import sha256
from typing import Any

from mall import sql

GENESIS_HASH = "0" * 64
SEAL_BATCH_SIZE = 1_000
HASHED_COLUMNS = (
    "id", "channel_id", "debit_account_id", "credit_account_id", "member_account_id", "points", "kind",
    "reference", "actor", "reason", "idempotency_key", "pending_id", "reverses_id",
)


def transfer_hash(row: Mapping[str, Any], sequence: int, previous_hash: str) -> str:
    """The hash of one transfer row (as read from the database) at `sequence` after `previous_hash`."""
    created_at = sql.as_datetime(row["created_at"])
    assert created_at is not None
    content = [sequence, previous_hash, *(row[column] for column in HASHED_COLUMNS),
               created_at.astimezone(UTC).isoformat(timespec="microseconds")]
    return sha256(json.dumps(content, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest()


async def _lock_head() -> tuple[int, str]:
    await sql.execute(
        "INSERT INTO ledger_chain_head (id, last_sequence, last_hash) VALUES (1, 0, $1) ON CONFLICT (id) DO NOTHING",
        GENESIS_HASH,
    )
    lock = " FOR UPDATE" if sql.is_postgres() else ""
    row = await sql.fetch_one(f"SELECT last_sequence, last_hash FROM ledger_chain_head WHERE id = 1{lock}")
    assert row is not None
    return int(row["last_sequence"]), str(row["last_hash"])


async def last_sealed_sequence() -> int:
    """The sequence of the last sealed transfer (0 before the first seal).

    Sequences follow commit order, which ids do not (PostgreSQL hands an id out at insert time, so a
    transaction open for a while commits a lower id after higher ones are visible): a transfer is sealed
    only once committed, so every transfer sealed up to this value is visible to whoever read it, and any
    transfer committed later gets a higher sequence. Readers use it as a watermark.
    """
    row = await sql.fetch_one("SELECT last_sequence FROM ledger_chain_head WHERE id = 1")
    return int(row["last_sequence"]) if row else 0


async def seal_transfers(limit: int = SEAL_BATCH_SIZE) -> int:
    """Seal up to `limit` unsealed transfers, lowest id first; returns how many. Run it in a transaction:
    the head row's lock keeps two sealers from chaining the same rows."""
    sequence, previous_hash = await _lock_head()
    rows = await sql.fetch("SELECT * FROM ledger_transfer WHERE sequence IS NULL ORDER BY id LIMIT $1", limit)
    seals = []
    for row in rows:
        sequence += 1
        previous_hash = transfer_hash(row, sequence, previous_hash)
        seals.append([sequence, previous_hash, row["id"]])
    if not seals:
        return 0
    await sql.execute_many(
        "UPDATE ledger_transfer SET sequence = $1, hash = $2 WHERE id = $3 AND sequence IS NULL", seals
    )
    await sql.execute(
        "UPDATE ledger_chain_head SET last_sequence = $1, last_hash = $2 WHERE id = 1", sequence, previous_hash
    )
    return len(seals)
