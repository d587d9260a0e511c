"""Shared steps and checks for the ledger tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kernel.errors import DomainError
from ledger.models import Account, AccountKind, Lot, Transfer
from ledger.policy import NEVER_EXPIRE, ExpiryPolicy
from ledger.services import Request, SystemAccount, credit_points, hold_points, settle_points
from ledger.verify import verify_ledger
from mall import sql
from mall.accounts.models import User
from mall.channels.models import Channel

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
LEDGER_TABLES = ("ledger_account", "ledger_transfer", "ledger_hold", "ledger_lot", "ledger_lot_entry")


def request(key: str, **fields: str) -> Request:
    return Request(idempotency_key=key, actor=fields.pop("actor", "user:1"), **fields)


def codes(failure: pytest.ExceptionInfo[DomainError]) -> list[str]:
    return [detail.code for detail in failure.value.details]


async def credit(
    channel: Channel, member: User, points: int, key: str = "credit-1",
    policy: ExpiryPolicy = NEVER_EXPIRE, now: datetime = NOW,
) -> Transfer:
    return await credit_points(channel, member.id, points, request(key, reference="feed:1"), policy=policy, now=now)


async def hold(channel: Channel, member: User, points: int, key: str = "hold-1", now: datetime = NOW,
               minutes: int = 15) -> Transfer:
    return await hold_points(channel, member.id, points, request(key, reference="order:1"), now=now,
                             expires_at=now + timedelta(minutes=minutes))


async def wallet(channel: Channel, member: User) -> Account:
    return await Account.get(channel_id=channel.id, name=f"member:{member.id}")


async def balances(channel: Channel, member: User) -> tuple[int, int]:
    """(available, held) as stored on the wallet."""
    account = await wallet(channel, member)
    return account.points_available, account.points_held


async def lots_remaining(channel: Channel, member: User) -> list[int]:
    """Each lot's remaining points, in the order the lots were credited."""
    account = await wallet(channel, member)
    return [lot.points_remaining for lot in await Lot.filter(account_id=account.id).order_by("id")]


async def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every ledger table: equal snapshots mean nothing changed."""
    state = {}
    for table in LEDGER_TABLES:
        rows = await sql.fetch(f"SELECT * FROM {table} ORDER BY id")
        state[table] = [tuple(sorted((k, str(v)) for k, v in row.items())) for row in rows]
    return state


async def empty_ledger_tables(is_postgres: bool) -> None:
    """Forget every ledger row (members and channels stay), numbering ids from 1 again."""
    tables = ", ".join([*LEDGER_TABLES, "ledger_chain_head"])
    if is_postgres:
        await sql.connection().execute_script(f"TRUNCATE {tables} RESTART IDENTITY")
        return
    statements = [f'DELETE FROM "{table}"' for table in (*LEDGER_TABLES, "ledger_chain_head")]
    names = ", ".join(f"'{table}'" for table in (*LEDGER_TABLES, "ledger_chain_head"))
    statements.append(f"DELETE FROM sqlite_sequence WHERE name IN ({names})")
    await sql.connection().execute_script(
        "PRAGMA foreign_keys = OFF; " + "; ".join(statements) + "; PRAGMA foreign_keys = ON;"
    )


async def assert_ledger_consistent() -> None:
    report = await verify_ledger()
    assert report.ok, "\n".join(report.lines())


async def partner_settlement(channel: Channel, member: User, points: int = 8) -> Transfer:
    """A member's 10 points credited, then `points` settled from redemption clearing to partner ACME."""
    await credit(channel, member, 10)
    clearing = SystemAccount(AccountKind.REDEMPTION_CLEARING)
    partner = SystemAccount(AccountKind.PARTNER_PAYABLE, "ACME")
    return await settle_points(channel, clearing, partner, points, request("settle-1"), now=NOW)
