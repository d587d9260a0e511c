"""Accepting delivery and return facts: numbering them in commit order, once they are committed.

A delivery is stamped with the carrier's time (`Shipment.delivered_at`) and a return with the time the
partner received it (`ReturnRequest.received_at`), but either can be recorded, or committed, long after that
time: a carrier reports on 2 December a delivery of 30 November, or the transaction recording a receipt is
still open when settlement runs. Readers that closed a period must be able to find such facts later
without rereading every fact ever recorded, so each fact gets an `accepted_sequence` that follows commit
order, and a reader keeps the last sequence it saw as its watermark.

Why not the id, or a time stamped when the fact is written (`now()`, `clock_timestamp()`): both are
handed out inside the writing transaction, before it commits. On PostgreSQL a transaction that stays open
commits a lower id, or an earlier time, after a reader has already seen higher ones, so "everything up to
what I saw" would skip it for good. Here a fact is numbered only by a later transaction that can see it,
i.e. after it committed, holding the head row's lock (numberings run one at a time), so:

    every fact numbered up to a sequence read from the head is committed and visible to the reader, and
    any fact committed later is unnumbered (NULL) or gets a higher sequence.

Readers treat unnumbered facts as above every watermark, so `mall worker` numbering them late (or not at
all) never hides a fact, it only widens what the reader looks at. The same scheme as the ledger's sealing
sequence (ledger.sealing), which issuer settlement uses the same way.
"""

from __future__ import annotations

from mall import sql

ACCEPT_BATCH_SIZE = 1_000
DELIVERIES_TO_NUMBER = (
    "SELECT id FROM fulfilment_shipment WHERE delivered_at IS NOT NULL AND accepted_sequence IS NULL"
    " ORDER BY id LIMIT $1"
)
RECEIPTS_TO_NUMBER = (
    "SELECT id FROM fulfilment_return WHERE status = 'received' AND received_at IS NOT NULL"
    " AND accepted_sequence IS NULL ORDER BY id LIMIT $1"
)


async def _lock_head() -> int:
    await sql.execute(
        "INSERT INTO fulfilment_acceptance_head (id, last_sequence) VALUES (1, 0) ON CONFLICT (id) DO NOTHING"
    )
    lock = " FOR UPDATE" if sql.is_postgres() else ""  # SQLite has one writer at a time anyway
    row = await sql.fetch_one(f"SELECT last_sequence FROM fulfilment_acceptance_head WHERE id = 1{lock}")
    assert row is not None
    return int(row["last_sequence"])


async def last_accepted_sequence() -> int:
    """The sequence of the last accepted fact (0 before the first): every fact numbered up to it is committed
    and visible to whoever read it, and any fact committed later is unnumbered or numbered above it."""
    row = await sql.fetch_one("SELECT last_sequence FROM fulfilment_acceptance_head WHERE id = 1")
    return int(row["last_sequence"]) if row else 0


async def _number(table: str, ids: list[int], after: int) -> int:
    numbered = [[after + offset, fact_id] for offset, fact_id in enumerate(ids, start=1)]
    if numbered:
        await sql.execute_many(
            f"UPDATE {table} SET accepted_sequence = $1 WHERE id = $2 AND accepted_sequence IS NULL", numbered
        )
    return after + len(numbered)


async def accept_facts(limit: int = ACCEPT_BATCH_SIZE) -> int:
    """Number up to `limit` committed, unnumbered deliveries and received returns (deliveries first, each
    lowest id first); returns how many. Run it in a transaction of its own: the head row's lock is held
    until it commits, which keeps numbers in commit order."""
    first = await _lock_head()
    deliveries = [int(row["id"]) for row in await sql.fetch(DELIVERIES_TO_NUMBER, limit)]
    receipts = [int(row["id"]) for row in await sql.fetch(RECEIPTS_TO_NUMBER, limit - len(deliveries))]
    last = await _number("fulfilment_return", receipts, await _number("fulfilment_shipment", deliveries, first))
    if last != first:
        await sql.execute("UPDATE fulfilment_acceptance_head SET last_sequence = $1 WHERE id = 1", last)
    return last - first
