"""Awards to many members at once: the same double entry as `award_points`, a batch per statement.

A campaign or a bench awarding a thousand members makes a thousand transfers, wallet credits and lots,
exactly as a thousand `award_points` calls would (so balances, lots, the seal's hash chain and `verify`
see no difference), but on PostgreSQL in a handful of set-based statements instead of about ten each:

    open    the channel's accounts once, then the members' missing wallets in one INSERT ... SELECT
    lock    the wallets in ascending id (ledger.locking: the order every ledger writer keeps)
    credit  every wallet in one UPDATE, each guarded by MAX_POINTS; one refused refuses the batch
    write   the transfers and their lots in one statement (a data-modifying CTE)

Every key must be new: the caller's own claim makes it so (loyalty's unique award per occasion). A key used
before fails the transfers' unique index and the caller's transaction rolls back with nothing written. SQLite
(tests, a single writer) books the same credits one `award_points` at a time (services.award_points_to_many).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kernel import clock
from ledger.accounts import channel_account, open_channel_accounts
from ledger.errors import LedgerErrorCode, refusal
from ledger.locking import lock_rows
from ledger.models import AccountKind, TransferKind
from ledger.policy import ExpiryPolicy
from ledger.transfers import MAX_POINTS, Request, check_points, subject_of
from mall import sql
from mall.channels.models import Channel

MAX_CREDITS = 5_000  # per call: one transaction's locks and one statement's arrays stay bounded

OPEN_WALLETS = (
    "INSERT INTO ledger_account (channel_id, kind, name, member_id, points_available, points_held, created_at)"
    " SELECT $1, 'member', 'member:' || u.id, u.id, 0, 0, $3 FROM account_user u WHERE u.id = ANY($2::int[])"
    " ORDER BY u.id ON CONFLICT (channel_id, name) DO NOTHING"
)
WALLETS_OF = (
    "SELECT id, member_id FROM ledger_account WHERE channel_id = $1 AND kind = 'member'"
    " AND name = ANY($2::text[])"
)
CREDIT_WALLETS = (
    "UPDATE ledger_account a SET points_available = a.points_available + c.points"
    " FROM unnest($1::int[], $2::int[]) AS c (id, points)"
    " WHERE a.id = c.id AND a.points_available + a.points_held + c.points <= $3"
)
WRITE_TRANSFERS = (
    "WITH credit AS (SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::timestamptz[])"
    " AS c (wallet_id, points, idempotency_key, expires_at)),"
    " written AS (INSERT INTO ledger_transfer (channel_id, debit_account_id, credit_account_id, member_account_id,"
    " points, kind, reference, actor, reason, idempotency_key, pending_id, reverses_id, created_at, subject_kind,"
    " subject_id) SELECT $5, $6, c.wallet_id, c.wallet_id, c.points, $7, $8, $9, $10, c.idempotency_key, NULL,"
    " NULL, $11, $12, $13 FROM credit c ORDER BY c.wallet_id RETURNING id, credit_account_id, points,"
    " idempotency_key),"
    " lots AS (INSERT INTO ledger_lot (account_id, transfer_id, points_credited, points_remaining, expires_at,"
    " created_at) SELECT w.credit_account_id, w.id, w.points, w.points, c.expires_at, $11 FROM written w"
    " JOIN credit c ON c.idempotency_key = w.idempotency_key)"
    " SELECT id, credit_account_id, idempotency_key FROM written"
)


@dataclass(frozen=True)
class Credit:
    """One member's award in a batch: its own idempotency key, the rest of the request is the batch's."""

    member_id: int
    points: int
    idempotency_key: str


@dataclass(frozen=True)
class BatchRequest:
    """What the batch's transfers share: who asked, the business record, the reason."""

    actor: str
    reference: str = ""
    reason: str = ""

    def for_key(self, idempotency_key: str) -> Request:
        return Request(idempotency_key, self.actor, self.reference, self.reason)


def check_credits(credits: list[Credit], request: BatchRequest) -> None:
    """Raises DomainError REQUIRED, INVALID: before anything is written."""
    if len(credits) > MAX_CREDITS:
        raise refusal(LedgerErrorCode.INVALID, f"At most {MAX_CREDITS} credits a call.", "credits")
    if len({credit.member_id for credit in credits}) != len(credits):
        raise refusal(LedgerErrorCode.INVALID, "A member is credited once a call.", "credits")
    for credit in credits:
        request.for_key(credit.idempotency_key).validate()
        check_points(credit.points)


async def credit_many(
    channel: Channel, credits: list[Credit], request: BatchRequest, *, funding_kind: AccountKind,
    funding_partner_code: str | None, policy: ExpiryPolicy, now: datetime | None = None,
) -> dict[int, int]:
    """PostgreSQL: accruals from the funding account to each member's wallet, each in a new lot expiring as
    `policy` says; returns each member's transfer id. All or nothing, in the caller's transaction.

    Raises DomainError REQUIRED, INVALID (a balance would pass MAX_POINTS), NOT_FOUND (no such member);
    IntegrityError for a key used before.
    """
    check_credits(credits, request)
    if not credits:
        return {}
    moment = now or clock.now()
    source_id = await _open_channel_accounts(channel, funding_kind, funding_partner_code)
    wallets = await _open_wallets(channel, [credit.member_id for credit in credits], moment)
    await lock_rows("ledger_account", wallets.values())
    points = {credit.member_id: credit.points for credit in credits}
    credited = await sql.execute(CREDIT_WALLETS, [wallets[member] for member in points],
                                 list(points.values()), MAX_POINTS)
    if credited != len(credits):
        raise refusal(LedgerErrorCode.INVALID, f"A member's balance can be at most {MAX_POINTS} points.", "points")
    return await _write_transfers(channel, credits, wallets, request, source_id, policy.expires_at(moment), moment)


async def _open_channel_accounts(channel: Channel, funding_kind: AccountKind, partner_code: str | None) -> int:
    """The channel's accounts, as `open_wallet` opens them with a first wallet; returns the funding account's."""
    await open_channel_accounts(channel)
    return await channel_account(channel, funding_kind, partner_code)


async def _open_wallets(channel: Channel, member_ids: list[int], now: datetime) -> dict[int, int]:
    """Every member's wallet id, opening the missing ones. Raises DomainError NOT_FOUND (no such user)."""
    await sql.execute(OPEN_WALLETS, channel.id, sorted(member_ids), now)
    rows = await sql.fetch(WALLETS_OF, channel.id, [f"member:{member}" for member in member_ids])
    wallets = {int(row["member_id"]): int(row["id"]) for row in rows}
    missing = sorted(set(member_ids) - set(wallets))
    if missing:
        raise refusal(LedgerErrorCode.NOT_FOUND, f"User {missing[0]} does not exist.", "user")
    return wallets


async def _write_transfers(
    channel: Channel, credits: list[Credit], wallets: dict[int, int], request: BatchRequest, source_id: int,
    expires_at: datetime | None, now: datetime,
) -> dict[int, int]:
    subject = subject_of(request.reference)
    rows = await sql.fetch(
        WRITE_TRANSFERS, [wallets[credit.member_id] for credit in credits], [credit.points for credit in credits],
        [credit.idempotency_key for credit in credits], [expires_at] * len(credits), channel.id, source_id,
        TransferKind.ACCRUAL.value, request.reference, request.actor, request.reason, now, subject.kind, subject.id,
    )
    member_of_wallet = {wallet: member for member, wallet in wallets.items()}
    return {member_of_wallet[int(row["credit_account_id"])]: int(row["id"]) for row in rows}
