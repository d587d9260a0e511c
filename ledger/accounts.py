"""Ledger accounts: their names within a points unit, and opening them on first use.

Every points unit (channel) has one issuer liability account (named after Channel.issuer_code), one
redemption clearing, operator fee, expired (breakage) and adjustments account, one partner payable
account per partner, and one wallet per member. They are opened together with the first wallet of the
channel, so a hold or a capture never has to create one.
"""

from __future__ import annotations

from kernel import clock
from ledger.errors import LedgerErrorCode, LedgerInvariantError, refusal
from ledger.models import AccountKind
from mall import sql
from mall.accounts.models import User
from mall.channels.models import Channel

UNASSIGNED_ISSUER = "unassigned"
# Accounts a channel gets with its first wallet (the issuer liability is added by name).
CHANNEL_ACCOUNTS = (
    AccountKind.REDEMPTION_CLEARING,
    AccountKind.OPERATOR_FEE,
    AccountKind.EXPIRED,
    AccountKind.ADJUSTMENTS,
)


def wallet_name(member_id: int) -> str:
    return f"member:{member_id}"


def issuer_account_name(channel: Channel) -> str:
    return f"issuer:{channel.issuer_code or UNASSIGNED_ISSUER}"


def partner_account_name(partner_code: str) -> str:
    return f"partner:{partner_code}"


def partner_issued_account_name(partner_code: str) -> str:
    return f"issued:{partner_code}"


def system_account_name(kind: AccountKind) -> str:
    """The name of a channel's single account of `kind` (clearing, operator fee, expired, adjustments)."""
    return kind.value


async def find_account(channel_id: int, name: str) -> int | None:
    row = await sql.fetch_one("SELECT id FROM ledger_account WHERE channel_id = $1 AND name = $2", channel_id, name)
    return None if row is None else int(row["id"])


async def ensure_account(channel_id: int, kind: AccountKind, name: str, member_id: int | None = None) -> int:
    """The id of the account, opening it if needed; safe when two transactions open it at once."""
    found = await find_account(channel_id, name)
    if found is not None:
        return found
    await sql.execute(
        "INSERT INTO ledger_account (channel_id, kind, name, member_id, points_available, points_held, created_at) "
        "VALUES ($1, $2, $3, $4, 0, 0, $5) ON CONFLICT (channel_id, name) DO NOTHING",
        channel_id, kind.value, name, member_id, clock.now(),
    )
    opened = await find_account(channel_id, name)
    if opened is None:  # we inserted it, or the transaction that won the race did
        raise LedgerInvariantError(f"account {name} of channel {channel_id} could not be opened")
    return opened


async def open_wallet(channel: Channel, member_id: int) -> int:
    """The member's wallet id in this channel, opening it (and the channel's accounts) on first use.

    Raises DomainError NOT_FOUND when there is no such user.
    """
    found = await find_account(channel.id, wallet_name(member_id))
    if found is not None:
        return found
    if not await User.exists(id=member_id):
        raise refusal(LedgerErrorCode.NOT_FOUND, f"User {member_id} does not exist.", "user")
    await open_channel_accounts(channel)
    return await _open_wallet_account(channel.id, member_id)


# The channel's accounts that are missing, opened by one statement (a first wallet checked the five one by one:
# ten statements): safe when two transactions open them at once (the loser's rows conflict and are skipped).
OPEN_MISSING = (
    "WITH wanted (kind, name) AS (VALUES {rows}) INSERT INTO ledger_account (channel_id, kind, name, member_id,"
    " points_available, points_held, created_at) SELECT {channel}, w.kind, w.name, NULL, 0, 0, {now} FROM wanted w"
    " WHERE NOT EXISTS (SELECT 1 FROM ledger_account a WHERE a.channel_id = {channel} AND a.name = w.name)"
    " ON CONFLICT (channel_id, name) DO NOTHING"
)
OPEN_WALLET = (
    "INSERT INTO ledger_account (channel_id, kind, name, member_id, points_available, points_held, created_at)"
    " VALUES ($1, $2, $3, $4, 0, 0, $5) ON CONFLICT (channel_id, name) DO NOTHING RETURNING id"
)


async def open_channel_accounts(channel: Channel) -> None:
    """The channel's clearing, operator fee, expired, adjustments and issuer liability accounts, opened if missing."""
    wanted = [(kind.value, system_account_name(kind)) for kind in CHANNEL_ACCOUNTS]
    wanted.append((AccountKind.ISSUER_LIABILITY.value, issuer_account_name(channel)))
    rows = ", ".join(f"(${3 + 2 * n}, ${4 + 2 * n})" for n in range(len(wanted)))
    # PostgreSQL types a SELECT's parameters by themselves, not by the columns they go into.
    channel_id, now = ("$1::int", "$2::timestamptz") if sql.is_postgres() else ("$1", "$2")
    await sql.execute(OPEN_MISSING.format(rows=rows, channel=channel_id, now=now), channel.id, clock.now(),
                      *(value for pair in wanted for value in pair))


async def _open_wallet_account(channel_id: int, member_id: int) -> int:
    name = wallet_name(member_id)
    inserted = await sql.fetch_one(OPEN_WALLET, channel_id, AccountKind.MEMBER.value, name, member_id, clock.now())
    if inserted is not None:
        return int(inserted["id"])
    opened = await find_account(channel_id, name)  # the transaction that won the race opened it
    if opened is None:
        raise LedgerInvariantError(f"account {name} of channel {channel_id} could not be opened")
    return opened


def channel_account_name(channel: Channel, kind: AccountKind, partner_code: str | None = None) -> str:
    """The name of a channel's system account of `kind` (partner payable and issued need the partner's code)."""
    if kind == AccountKind.ISSUER_LIABILITY:
        return issuer_account_name(channel)
    if kind == AccountKind.PARTNER_PAYABLE:
        return partner_account_name(partner_code or "")
    if kind == AccountKind.PARTNER_ISSUED:
        return partner_issued_account_name(partner_code or "")
    return system_account_name(kind)


async def channel_account(channel: Channel, kind: AccountKind, partner_code: str | None = None) -> int:
    """The id of a channel's system account of `kind`, opening it on first use."""
    return await ensure_account(channel.id, kind, channel_account_name(channel, kind, partner_code))


async def find_channel_account(channel: Channel, kind: AccountKind, partner_code: str | None = None) -> int | None:
    """The id of a channel's system account of `kind`, None if it was never opened."""
    return await find_account(channel.id, channel_account_name(channel, kind, partner_code))
