"""Locks are taken in one order: ascending primary key."""

from __future__ import annotations

import pytest

from ledger.locking import in_lock_order, lock_rows
from tests.ledger.helpers import credit, wallet


def test_lock_order_is_ascending_and_without_repeats():
    # when
    order = in_lock_order([7, 3, 7, 1])

    # then
    assert order == [1, 3, 7]


async def test_lock_rows_returns_the_rows_that_exist(channel, member):
    # given
    await credit(channel, member, 1)
    account = await wallet(channel, member)

    # when
    locked = await lock_rows("ledger_account", [4242, account.id])

    # then
    assert locked == [account.id]


async def test_lock_rows_only_locks_ledger_tables():
    # when
    with pytest.raises(ValueError, match="account_user is not a lockable ledger table"):
        await lock_rows("account_user", [1])
