"""The member roster: validating a roster row and upserting a batch of them in a few statements.

A batch (at most a few thousand rows) costs five statements whatever its size: read the members it names,
read the accounts their e-mails match, create the missing accounts, check those accounts are not another
member of the issuer, upsert the members. Only changed members are written (a re-import changes nothing).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bank_link.imports import RowError
from bank_link.models import MemberStatus
from kernel import clock
from mall import sql
from mall.accounts.bulk import AccountMatch, NewMemberAccount, create_member_accounts, find_accounts
from mall.accounts.joined import announce_joined
from mall.accounts.services import EMAIL_PATTERN, normalise_email

ROSTER_COLUMNS = ("customer_reference", "name", "email", "phone", "status")
REFERENCE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()-]{3,31}$")
NO_EMAIL_DOMAIN = "members.invalid"  # accounts of members the bank gave no e-mail (RFC 2606: never delivered)
MAX_NAME_LENGTH = 250


@dataclass(frozen=True)
class RosterRow:
    customer_reference: str
    name: str
    email: str  # normalised, or empty
    phone: str
    status: MemberStatus


def parse_roster_row(values: dict[str, str], *, contact_required: bool = True) -> RosterRow:
    """Raises RowError with the reason. A roster row needs an e-mail or a phone (`contact_required`)."""
    reference = values.get("customer_reference", "").strip()
    if not REFERENCE_PATTERN.match(reference):
        raise RowError("customer_reference must be 1-64 letters, digits, '.', '_' or '-'")
    name = values.get("name", "").strip()
    if len(name) > MAX_NAME_LENGTH:
        raise RowError(f"name is longer than {MAX_NAME_LENGTH} characters")
    email = normalise_email(values.get("email", ""))
    if email and (not EMAIL_PATTERN.match(email) or len(email) > 254):
        raise RowError(f"email {email!r} is not a valid e-mail address")
    phone = values.get("phone", "").strip()
    if phone and not PHONE_PATTERN.match(phone):
        raise RowError(f"phone {phone!r} is not a valid phone number")
    if contact_required and not email and not phone:
        raise RowError("give an email or a phone")
    return RosterRow(reference, name, email, phone, _status(values.get("status", "")))


def _status(text: str) -> MemberStatus:
    value = text.strip().lower() or MemberStatus.ACTIVE.value
    if value not in {status.value for status in MemberStatus}:
        raise RowError(f"status {text!r} is not one of active, inactive")
    return MemberStatus(value)


def account_email(issuer_code: str, row: RosterRow) -> str:
    """The e-mail of the member's mall account: the roster's, or a placeholder that is never delivered."""
    return row.email or f"{row.customer_reference}.{issuer_code}@{NO_EMAIL_DOMAIN}".lower()


def split_name(name: str) -> tuple[str, str]:
    first, _, last = name.partition(" ")
    return first, last.strip()


@dataclass
class BatchOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: dict[int, str] = field(default_factory=dict)  # the row's index in the batch -> reason


@dataclass(frozen=True)
class _Pending:
    index: int
    row: RosterRow


async def apply_roster_batch(issuer_id: int, issuer_code: str, batch: Sequence[RosterRow]) -> BatchOutcome:
    """Upsert the batch's members (the last row wins when a reference repeats); call it in a transaction."""
    outcome = BatchOutcome()
    latest = {row.customer_reference: _Pending(index, row) for index, row in enumerate(batch)}
    outcome.unchanged += len(batch) - len(latest)  # earlier rows of a repeated reference: superseded
    existing = await _member_users(issuer_id, list(latest))
    new = [pending for reference, pending in latest.items() if reference not in existing]
    users = await _accounts_for(issuer_id, issuer_code, new, outcome)
    applied = [pending for pending in latest.values()
               if pending.row.customer_reference in existing or pending.index not in outcome.refused]
    changed = await _upsert(issuer_id, applied, {**existing, **users})
    # New active members are welcomed (loyalty, through the outbox); members switched off join nobody.
    await announce_joined(issuer_code, [user_id for reference, user_id in users.items()
                                        if latest[reference].row.status == MemberStatus.ACTIVE])
    outcome.created += len(users)
    outcome.updated += len(changed - set(users))
    outcome.unchanged += len(existing) - len(changed & set(existing))
    return outcome


async def _member_users(issuer_id: int, references: list[str]) -> dict[str, int]:
    rows = await sql.fetch(
        "SELECT m.customer_reference, m.user_id FROM bank_link_member m WHERE m.issuer_id = $1 AND "
        + _any("m.customer_reference", 2, references),
        issuer_id, *_bind(references),
    )
    return {row["customer_reference"]: int(row["user_id"]) for row in rows}


async def _accounts_for(
    issuer_id: int, issuer_code: str, new: list[_Pending], outcome: BatchOutcome
) -> dict[str, int]:
    """The account of each new member, by reference: matched by e-mail or created. Refusals go to `outcome`."""
    by_email: dict[str, _Pending] = {}
    for pending in new:
        email = account_email(issuer_code, pending.row)
        if email in by_email:
            earlier = by_email[email].row.customer_reference
            outcome.refused[pending.index] = f"e-mail {email} is already used by customer reference {earlier}"
        else:
            by_email[email] = pending
    found = await find_accounts(list(by_email))
    missing = [NewMemberAccount(email, *split_name(p.row.name)) for email, p in by_email.items() if email not in found]
    found |= await create_member_accounts(missing)
    taken = await _references_of_users(issuer_id, [match.user_id for match in found.values()])
    accounts = {}
    for email, pending in by_email.items():
        reason = _account_problem(email, found.get(email), taken)
        if reason:
            outcome.refused[pending.index] = reason
        else:
            accounts[pending.row.customer_reference] = found[email].user_id
    return accounts


def _account_problem(email: str, match: AccountMatch | None, taken: dict[int, str]) -> str | None:
    if match is None:
        return f"no account could be created for e-mail {email}"
    if match.is_staff:
        return f"e-mail {email} belongs to a staff account"
    if match.user_id in taken:
        return f"e-mail {email} is already used by customer reference {taken[match.user_id]}"
    return None


async def _references_of_users(issuer_id: int, user_ids: list[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = await sql.fetch(
        "SELECT user_id, customer_reference FROM bank_link_member WHERE issuer_id = $1 AND "
        + _any("user_id", 2, user_ids, "bigint"),
        issuer_id, *_bind(user_ids),
    )
    return {int(row["user_id"]): row["customer_reference"] for row in rows}


UPSERT_SET = (
    " ON CONFLICT (issuer_id, customer_reference) DO UPDATE SET name = excluded.name, email = excluded.email,"
    " phone = excluded.phone, status = excluded.status, updated_at = excluded.updated_at"
    " WHERE bank_link_member.name <> excluded.name OR bank_link_member.email <> excluded.email"
    " OR bank_link_member.phone <> excluded.phone OR bank_link_member.status <> excluded.status"
    " RETURNING customer_reference"
)
INSERT_MEMBER = (
    "INSERT INTO bank_link_member (issuer_id, customer_reference, user_id, name, email, phone, status, created_at,"
    " updated_at)"
)


async def _upsert(issuer_id: int, applied: list[_Pending], users: dict[str, int]) -> set[str]:
    """Insert new members, update changed ones; returns the references written."""
    if not applied:
        return set()
    rows = [p.row for p in applied]
    now = clock.now()
    if sql.is_postgres():
        columns = ([r.customer_reference for r in rows], [users[r.customer_reference] for r in rows],
                   [r.name for r in rows], [r.email for r in rows], [r.phone for r in rows],
                   [r.status.value for r in rows])
        written = await sql.fetch(
            f"{INSERT_MEMBER} SELECT $1, r, u, n, e, p, s, $8, $8 FROM unnest($2::text[], $3::bigint[], $4::text[],"
            f" $5::text[], $6::text[], $7::text[]) AS t(r, u, n, e, p, s){UPSERT_SET}",
            issuer_id, *columns, now,
        )
    else:
        marks = ", ".join(f"($1, ${i * 6 + 3}, ${i * 6 + 4}, ${i * 6 + 5}, ${i * 6 + 6}, ${i * 6 + 7}, ${i * 6 + 8},"
                          " $2, $2)" for i in range(len(rows)))
        values = [v for r in rows for v in (r.customer_reference, users[r.customer_reference], r.name, r.email,
                                            r.phone, r.status.value)]
        written = await sql.fetch(f"{INSERT_MEMBER} VALUES {marks}{UPSERT_SET}", issuer_id, now, *values)
    return {row["customer_reference"] for row in written}


def _any(column: str, first: int, values: Sequence[object], pg_type: str = "text") -> str:
    """`column` equal to any of `values`, bound from parameter number `first` on.

    PostgreSQL: a semi-join on the unnested array. With `= ANY(array)` the planner, working from statistics
    taken while the table was still small, may walk the issuer's whole other unique index and filter.
    """
    if sql.is_postgres():
        return f"{column} IN (SELECT unnest(${first}::{pg_type}[]))"
    return f"{column} IN ({', '.join(f'${first + i}' for i in range(len(values)))})"


def _bind(values: Sequence[object]) -> list[object]:
    return [list(values)] if sql.is_postgres() else list(values)
