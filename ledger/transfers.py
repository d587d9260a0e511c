"""Writing transfers: the request every ledger operation carries, drafts, idempotent replay.

A transfer is inserted once and never updated (sealing fills `sequence` and `hash` once, later). A retry
with the same idempotency key and the same content returns the stored transfer; the same key with
different content is refused. The unique index on the key settles a race between two first attempts:
the second insert fails and its transaction rolls back; retrying it then returns the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ledger.errors import LedgerErrorCode, idempotency_conflict, refusal
from ledger.models import Transfer, TransferKind
from mall import sql

# The most points one transfer moves and one wallet holds: balances are read through GraphQL's Int (32-bit
# signed, as in Saleor's API), so a larger balance could be stored but never shown.
MAX_POINTS = 2**31 - 1
MAX_KEY_LENGTH = 200
MAX_REFERENCE_LENGTH = 200
MAX_ACTOR_LENGTH = 100
MAX_REASON_LENGTH = 500
SYSTEM_ACTOR = "system"


@dataclass(frozen=True)
class Request:
    """Who asks for a ledger operation, why, and the key that makes retrying it safe.

    `reference` names the business record as `<kind>:<id>` (order:<uuid>, feed:<id>, statement:<id>);
    the transfer stores that record split (`subject`), so reports read it without parsing references.
    `actor` is a user (user:<id>), an app (app:<id>) or a system label (system:worker).
    """

    idempotency_key: str
    actor: str = SYSTEM_ACTOR
    reference: str = ""
    reason: str = ""

    def validate(self) -> None:
        """Raises DomainError REQUIRED for a blank key or actor, INVALID for a value too long."""
        for field, value, limit in (
            ("idempotency_key", self.idempotency_key, MAX_KEY_LENGTH),
            ("actor", self.actor, MAX_ACTOR_LENGTH),
        ):
            if not value.strip():
                raise refusal(LedgerErrorCode.REQUIRED, "This field cannot be blank.", field)
            _check_length(field, value, limit)
        _check_length("reference", self.reference, MAX_REFERENCE_LENGTH)
        _check_length("reason", self.reason, MAX_REASON_LENGTH)

    @property
    def subject(self) -> Subject:
        return subject_of(self.reference)


@dataclass(frozen=True)
class Subject:
    """The business record a transfer is for, as its reference names it; both None when it names none."""

    kind: str | None
    id: str | None


def subject_of(reference: str) -> Subject:
    """'order:<uuid>' -> Subject('order', '<uuid>'): split at the first ':' (the id may hold more of them).
    A reference without one (free text, or empty) names no record. Migration ledger 0003 split the
    references written before the columns existed the same way."""
    kind, separator, key = reference.partition(":")
    return Subject(kind, key) if separator else Subject(None, None)


def _check_length(field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise refusal(LedgerErrorCode.INVALID, f"Use at most {limit} characters.", field)


def check_points(points: object, field: str = "amount") -> int:
    """The points as an int; raises DomainError INVALID unless 1 <= points <= MAX_POINTS."""
    if isinstance(points, bool) or not isinstance(points, int) or not 0 < points <= MAX_POINTS:
        raise refusal(LedgerErrorCode.INVALID, f"Points must be a whole number from 1 to {MAX_POINTS}.", field)
    return points


@dataclass(frozen=True)
class Draft:
    """A transfer about to be written; `matches` decides whether a stored one is the same request."""

    channel_id: int
    debit_account_id: int
    credit_account_id: int
    member_account_id: int | None
    points: int
    kind: TransferKind
    request: Request
    pending_id: int | None = None
    reverses_id: int | None = None

    def matches(self, stored: Transfer) -> bool:
        stored_ids = (stored.channel_id, stored.debit_account_id, stored.credit_account_id,  # type: ignore[attr-defined]
                      stored.member_account_id, stored.pending_id, stored.reverses_id)  # type: ignore[attr-defined]
        own_ids = (self.channel_id, self.debit_account_id, self.credit_account_id,
                   self.member_account_id, self.pending_id, self.reverses_id)
        return (
            stored_ids == own_ids
            and (stored.points, stored.kind) == (self.points, self.kind)
            and (stored.reference, stored.actor, stored.reason)
            == (self.request.reference, self.request.actor, self.request.reason)
        )


async def find_by_key(idempotency_key: str) -> Transfer | None:
    return await Transfer.get_or_none(idempotency_key=idempotency_key)


def replay(draft: Draft, stored: Transfer) -> Transfer:
    """The stored transfer when the retry asks for the same thing; raises IDEMPOTENCY_CONFLICT otherwise."""
    if not draft.matches(stored):
        raise idempotency_conflict()
    return stored


INSERT_TRANSFER = (
    "INSERT INTO ledger_transfer (channel_id, debit_account_id, credit_account_id, member_account_id, points, "
    "kind, reference, actor, reason, idempotency_key, pending_id, reverses_id, created_at, subject_kind, subject_id) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *"
)


async def insert_transfer(draft: Draft, now: datetime) -> Transfer:
    """Write the transfer. Raises IntegrityError when a concurrent request took the same key first."""
    request = draft.request
    row = await sql.fetch_one(
        INSERT_TRANSFER,
        draft.channel_id, draft.debit_account_id, draft.credit_account_id, draft.member_account_id,
        draft.points, draft.kind.value, request.reference, request.actor, request.reason,
        request.idempotency_key, draft.pending_id, draft.reverses_id, now, request.subject.kind, request.subject.id,
    )
    assert row is not None
    return Transfer._init_from_db(**row)
