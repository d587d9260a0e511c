"""Member accounts in bulk, for bank rosters: find or create a thousand accounts in a few statements.

A writer of `account_user` beside `mall.accounts.services`. Accounts created here have no password: the
member signs in through the bank (single sign-on) or sets one with a password reset.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tortoise import connections

from kernel import clock
from mall.accounts.models import new_token_key

# Columns a new member account needs; the rest keep their NULL default.
_COLUMNS = (
    "email, first_name, last_name, is_active, is_confirmed, is_staff, is_superuser, permissions, jwt_token_key, "
    "language_code, metadata, private_metadata, date_joined, updated_at"
)
_CONSTANTS = "TRUE, TRUE, FALSE, FALSE, '[]'"
_POSTGRES_INSERT = (
    f"INSERT INTO account_user ({_COLUMNS}) SELECT e, f, l, {_CONSTANTS}, k, 'EN', '{{}}', '{{}}', $5, $5"
    " FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(e, f, l, k)"
    " ON CONFLICT (email) DO NOTHING"
)


@dataclass(frozen=True)
class NewMemberAccount:
    email: str  # normalised (mall.accounts.services.normalise_email)
    first_name: str = ""
    last_name: str = ""


@dataclass(frozen=True)
class AccountMatch:
    user_id: int
    is_staff: bool


async def find_accounts(emails: Sequence[str]) -> dict[str, AccountMatch]:
    """The accounts with these (normalised) e-mails, by e-mail."""
    if not emails:
        return {}
    client = connections.get("default")
    if client.capabilities.dialect == "postgres":
        rows = await client.execute_query_dict(
            "SELECT id, email, is_staff FROM account_user WHERE email = ANY($1::text[])", [list(emails)]
        )
    else:
        marks = ", ".join("?" for _ in emails)
        rows = await client.execute_query_dict(
            f"SELECT id, email, is_staff FROM account_user WHERE email IN ({marks})", list(emails)
        )
    return {row["email"]: AccountMatch(int(row["id"]), bool(row["is_staff"])) for row in rows}


async def create_member_accounts(accounts: Sequence[NewMemberAccount]) -> dict[str, AccountMatch]:
    """Create the accounts whose e-mail is free (one statement); returns every one of them by e-mail.

    An e-mail taken meanwhile (by a registration or a concurrent import) is left as it is and returned.
    """
    if not accounts:
        return {}
    client = connections.get("default")
    now = clock.now()
    if client.capabilities.dialect == "postgres":
        columns = ([a.email for a in accounts], [a.first_name for a in accounts], [a.last_name for a in accounts],
                   [new_token_key() for _ in accounts])
        await client.execute_query(_POSTGRES_INSERT, [*columns, now])
    else:
        rows = ", ".join(f"(?, ?, ?, {_CONSTANTS}, ?, 'EN', '{{}}', '{{}}', ?, ?)" for _ in accounts)
        stamp = now.isoformat(" ")
        values = [v for a in accounts for v in (a.email, a.first_name, a.last_name, new_token_key(), stamp, stamp)]
        await client.execute_query(
            f"INSERT INTO account_user ({_COLUMNS}) VALUES {rows} ON CONFLICT (email) DO NOTHING", values
        )
    return await find_accounts([a.email for a in accounts])
