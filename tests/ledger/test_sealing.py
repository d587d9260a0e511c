"""Sealing: transfers are chained by hash in batches, in id order, each exactly once."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from ledger.models import ChainHead, Transfer
from ledger.sealing import GENESIS_HASH, seal_transfers, transfer_hash
from mall import sql
from tests.ledger.helpers import credit, hold


async def seal(limit: int = 1_000) -> int:
    async with in_transaction():
        return await seal_transfers(limit)


async def test_sealing_chains_unsealed_transfers_in_id_order(channel, member):
    # given
    await credit(channel, member, 100)
    await hold(channel, member, 10)

    # when
    sealed = await seal()

    # then
    rows = await sql.fetch("SELECT * FROM ledger_transfer ORDER BY id")
    head = await ChainHead.get(id=1)
    assert sealed == 2
    assert [row["sequence"] for row in rows] == [1, 2]
    assert rows[0]["hash"] == transfer_hash(rows[0], 1, GENESIS_HASH)
    assert rows[1]["hash"] == transfer_hash(rows[1], 2, rows[0]["hash"])
    assert (head.last_sequence, head.last_hash) == (2, rows[1]["hash"])


async def test_sealing_continues_the_chain_in_batches(channel, member):
    # given
    await credit(channel, member, 100, key="c1")
    await credit(channel, member, 100, key="c2")
    await credit(channel, member, 100, key="c3")

    # when
    first = await seal(limit=2)
    second = await seal(limit=2)
    third = await seal(limit=2)

    # then
    rows = await sql.fetch("SELECT * FROM ledger_transfer ORDER BY id")
    assert (first, second, third) == (2, 1, 0)
    assert rows[2]["hash"] == transfer_hash(rows[2], 3, rows[1]["hash"])


async def test_the_hash_covers_the_transfers_content(channel, member):
    # given
    await credit(channel, member, 100)
    await seal()
    row = (await sql.fetch("SELECT * FROM ledger_transfer"))[0]

    # when
    changed = transfer_hash({**row, "points": 101}, 1, GENESIS_HASH)

    # then
    assert changed != row["hash"]
    assert (await Transfer.get(id=row["id"])).hash == row["hash"]
