"""Points from the bank: one credit (or reversal) per bank transaction, booked through the ledger.

A positive amount is an accrual from the issuer's liability account into the member's wallet, in a lot
that expires on the row's own expiry or else by the issuer's policy applied to when the points were
earned. A negative amount is the bank taking points back: without `reverses`, from the lots that expire
first (ledger.services.debit_points); with `reverses` (the bank's id of the credit it corrects, e.g.
a purchase that was refunded), as the ledger's reversal of that credit's transfer, which names it and
takes the points out of the very lot the credit opened. The ledger reverses a credit once and whole, so
such a row must take back exactly the credit's points (a partial take-back goes without `reverses`), and
is refused when that lot no longer holds them (the member spent them): taking them from other lots
instead would book a "reversal" that does not come out of the credit it names. The ledger's idempotency
key is `bank:<issuer>:<transaction id>`: the same transaction again changes nothing, the same id with
different content is refused.

Errors (DomainError, BankPointsErrorCode): REQUIRED, INVALID (also: a reversal of another member's or
another channel's credit, or not for the credit's whole points), NOT_FOUND (member, channel, the credit
named in `reverses`), INACTIVE (member or issuer switched off; points are still taken back from inactive
members), EXPIRED, INSUFFICIENT_POINTS, NOT_REVERSIBLE (`reverses` names a take-back, not a credit),
ALREADY_REVERSED, IDEMPOTENCY_CONFLICT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bank_link.errors import BankPointsErrorCode, points_error
from bank_link.imports import RowError
from bank_link.issuers import expiry_policy, issuer_channels
from bank_link.models import Issuer, Member, MemberStatus
from kernel import clock
from kernel.errors import DomainError
from ledger import services as ledger
from ledger.errors import LedgerErrorCode
from ledger.models import Account, Transfer
from ledger.transfers import MAX_POINTS as ledger_max_points
from mall.channels.models import Channel
from mall.notifications.services import notify
from mall.notifications.templates import NotificationKind

POINTS_COLUMNS = ("transaction_id", "customer_reference", "points", "earned_at", "expires_at", "kind", "reverses")
REQUIRED_COLUMNS = ("transaction_id", "customer_reference", "points", "earned_at")
TRANSACTION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")
MAX_POINTS = ledger_max_points  # what one wallet can hold and the API can show (2^31 - 1)
MAX_KIND_LENGTH = 100
# The bank's clock and ours may differ by a little; more than this, and the row is a mistake.
EARNED_AT_CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class BankPoints:
    """One bank transaction: `points` is signed (negative: the bank takes points back)."""

    transaction_id: str
    customer_reference: str
    points: int
    earned_at: datetime
    expires_at: datetime | None = None
    kind: str = ""
    reverses: str = ""  # the bank's id of the credit a negative row corrects, or blank


@dataclass(frozen=True)
class Booked:
    transfer: Transfer
    replayed: bool  # the transaction was booked before: nothing changed


def idempotency_key(issuer: Issuer, transaction_id: str) -> str:
    return f"bank:{issuer.code}:{transaction_id}"


# --- parsing ---------------------------------------------------------------------------------------


def parse_points_record(fields: dict[str, Any], zone: ZoneInfo) -> BankPoints:
    """A feed record (CSV text or JSON values); times without an offset are in the issuer's time zone.

    Raises RowError with the reason.
    """
    transaction_id = str(fields.get("transaction_id") or "").strip()
    if not TRANSACTION_PATTERN.match(transaction_id):
        raise RowError("transaction_id must be 1-100 letters, digits, '.', '_', ':' or '-'")
    reference = str(fields.get("customer_reference") or "").strip()
    if not reference:
        raise RowError("customer_reference is required")
    kind = str(fields.get("kind") or "").strip()
    if len(kind) > MAX_KIND_LENGTH:
        raise RowError(f"kind is longer than {MAX_KIND_LENGTH} characters")
    earned_at = parse_time(fields.get("earned_at"), zone, "earned_at")
    if earned_at is None:
        raise RowError("earned_at is required")
    expires_at = parse_time(fields.get("expires_at"), zone, "expires_at", whole_day=True)
    points = parse_points(fields.get("points"))
    reverses = parse_reverses(fields.get("reverses"), transaction_id, points)
    return BankPoints(transaction_id, reference, points, earned_at, expires_at, kind, reverses)


def parse_reverses(value: object, transaction_id: str, points: int) -> str:
    """The credit a negative row corrects, or blank. Raises RowError."""
    reverses = str(value or "").strip()
    if not reverses:
        return ""
    if not TRANSACTION_PATTERN.match(reverses):
        raise RowError("reverses must be 1-100 letters, digits, '.', '_', ':' or '-'")
    if points > 0:
        raise RowError("reverses is only for negative points (the bank taking a credit back)")
    if reverses == transaction_id:
        raise RowError("reverses must name another transaction than this one")
    return reverses


def parse_points(value: object) -> int:
    """A signed whole number, not zero. Raises RowError."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise RowError("points must be a whole number")
    text = str(value).strip()
    if not re.fullmatch(r"[+-]?[0-9]{1,10}", text) or int(text) == 0 or abs(int(text)) > MAX_POINTS:
        raise RowError(f"points must be a whole number from -{MAX_POINTS} to {MAX_POINTS}, not zero")
    return int(text)


def parse_time(value: object, zone: ZoneInfo, field: str, *, whole_day: bool = False) -> datetime | None:
    """ISO 8601; without an offset, in `zone`. With `whole_day`, a bare date means the end of that day.

    Raises RowError.
    """
    text = str(value or "").strip()
    if not text:
        return None
    try:
        if whole_day and len(text) == 10:
            following = date.fromisoformat(text) + timedelta(days=1)
            return datetime.combine(following, time(), zone).astimezone(UTC)
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise RowError(f"{field} {text!r} is not an ISO 8601 date and time") from error
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(UTC)


# --- booking ---------------------------------------------------------------------------------------


async def points_channel(issuer: Issuer, slug: str | None = None) -> Channel:
    """The channel whose ledger holds the issuer's points: `slug`, or the issuer's only channel.

    Raises DomainError NOT_FOUND (no such channel of this issuer), REQUIRED (several: name one).
    """
    channels = await issuer_channels(issuer)
    if slug:
        for channel in channels:
            if channel.slug == slug:
                return channel
        raise points_error(BankPointsErrorCode.NOT_FOUND, f"Issuer {issuer.code} has no channel '{slug}'.", "channel")
    if len(channels) == 1:
        return channels[0]
    if not channels:
        raise points_error(BankPointsErrorCode.NOT_FOUND, f"Issuer {issuer.code} has no channel.", "channel")
    raise points_error(BankPointsErrorCode.REQUIRED, f"Issuer {issuer.code} has several channels: name one.",
                       "channel")


async def find_member(issuer: Issuer, customer_reference: str) -> Member:
    """Raises DomainError NOT_FOUND."""
    member = await Member.get_or_none(issuer_id=issuer.id, customer_reference=customer_reference)
    if member is None:
        raise points_error(BankPointsErrorCode.NOT_FOUND,
                           f"Issuer {issuer.code} has no member '{customer_reference}'.", "customer_reference")
    return member


async def book_bank_points(
    issuer: Issuer, channel: Channel, item: BankPoints, actor: str, *, member: Member | None = None,
    now: datetime | None = None,
) -> Booked:
    """Credit or take back the transaction's points; the caller owns the transaction.

    The member's wallet is locked first: the bank's retries of one transaction (they come at once over
    parallel connections) then run one after the other, so exactly one books it and every other finds it
    booked and answers it as replayed, instead of running into the first one's unique key.
    Raises DomainError (see the module docstring).
    """
    now = (now or clock.now()).astimezone(UTC)
    member = member or await find_member(issuer, item.customer_reference)
    request = ledger.Request(idempotency_key(issuer, item.transaction_id), actor, f"feed:{item.transaction_id}",
                             item.kind)
    await ledger.lock_member_wallets(channel, [member.user_id], open_missing=True)  # type: ignore[attr-defined]
    replayed = await ledger.find_transfer(request.idempotency_key) is not None
    if not replayed:
        _check_bookable(issuer, member, item, now)
    if item.reverses:
        transfer = await reverse_bank_credit(issuer, channel, member, item, request, now)
    elif item.points < 0:
        transfer = await ledger.debit_points(channel, member.user_id, -item.points, request, now=now)  # type: ignore[attr-defined]
    else:
        transfer = await ledger.credit_points(channel, member.user_id, item.points, request, now=now,  # type: ignore[attr-defined]
                                              expires_at=lot_expiry(issuer, item))
        if not replayed:
            await _tell_credited(channel, member, item, request.idempotency_key)
    return Booked(transfer, replayed)


async def _tell_credited(channel: Channel, member: Member, item: BankPoints, key: str) -> None:
    """The member hears of points the bank credited (mall/notifications), with the balance they make."""
    balance = await ledger.points_balance(channel.id, member.user_id)  # type: ignore[attr-defined]
    params = {"points": str(item.points), "unit": channel.currency_code, "reason": item.kind or "-",
              "balance": str(balance.points_available)}
    await notify(member.user_id, NotificationKind.POINTS_CREDITED, params, f"credited:{key}",  # type: ignore[attr-defined]
                 channel_id=channel.id, link="/points")


async def reverse_bank_credit(
    issuer: Issuer, channel: Channel, member: Member, item: BankPoints, request: ledger.Request, now: datetime,
) -> Transfer:
    """Reverse the credit `item.reverses` names: the whole credit, out of the lot it opened.

    Raises DomainError NOT_FOUND, INVALID, NOT_REVERSIBLE, ALREADY_REVERSED, INSUFFICIENT_POINTS,
    IDEMPOTENCY_CONFLICT.
    """
    original = await ledger.find_transfer(idempotency_key(issuer, item.reverses))
    if original is None:
        raise points_error(BankPointsErrorCode.NOT_FOUND,
                           f"Issuer {issuer.code} has no booked transaction '{item.reverses}'.", "reverses")
    await _check_reverses_own_credit(channel, member, item, original)
    try:
        return await ledger.reverse_transfer(original.id, request, now=now)
    except DomainError as refusal:
        raise _in_feed_terms(refusal, item.reverses, original.points) from refusal


def _in_feed_terms(refusal: DomainError, reverses: str, points: int) -> DomainError:
    """The ledger's refusal of the reversal, told in the bank's terms (its transaction id, not our transfer's)."""
    code = refusal.details[0].code
    if code == LedgerErrorCode.ALREADY_REVERSED:
        return points_error(BankPointsErrorCode.ALREADY_REVERSED, f"Transaction '{reverses}' was already reversed.",
                            "reverses")
    if code == LedgerErrorCode.INSUFFICIENT_POINTS:
        return points_error(BankPointsErrorCode.INSUFFICIENT_POINTS, f"The lot of transaction '{reverses}' no longer "
                            f"holds its {points} points (spent or expired).", "points")
    return refusal


async def _check_reverses_own_credit(channel: Channel, member: Member, item: BankPoints, original: Transfer) -> None:
    """The original must be a credit of this member in this channel, for the points this row takes back."""
    wallet_members = await Account.filter(id=original.member_account_id).values_list(  # type: ignore[attr-defined]
        "member_id", flat=True)
    if original.channel_id != channel.id or wallet_members != [member.user_id]:  # type: ignore[attr-defined]
        raise points_error(BankPointsErrorCode.INVALID, f"Transaction '{item.reverses}' is not a credit of member "
                           f"'{member.customer_reference}' in channel {channel.slug}.", "reverses")
    if original.credit_account_id != original.member_account_id:  # type: ignore[attr-defined]
        raise points_error(BankPointsErrorCode.NOT_REVERSIBLE,
                           f"Transaction '{item.reverses}' took points back: only a credit can be reversed.",
                           "reverses")
    if -item.points != original.points:
        raise points_error(BankPointsErrorCode.INVALID, f"A reversal takes back the whole credit "
                           f"'{item.reverses}' ({original.points} points); send a partial take-back "
                           "without reverses.", "points")


def lot_expiry(issuer: Issuer, item: BankPoints) -> datetime | None:
    return item.expires_at or expiry_policy(issuer).expires_at(item.earned_at)


def _check_bookable(issuer: Issuer, member: Member, item: BankPoints, now: datetime) -> None:
    if not issuer.is_active:
        raise points_error(BankPointsErrorCode.INACTIVE, f"Issuer {issuer.code} is not active.", "issuer")
    if item.earned_at > now + EARNED_AT_CLOCK_SKEW:
        # points earned tomorrow would open a lot whose expiry (and the member's history) starts in the future
        raise points_error(BankPointsErrorCode.INVALID, f"These points are dated {item.earned_at.isoformat()}, "
                           "in the future: send them once they are earned.", "earned_at")
    if item.points < 0:
        return
    if member.status != MemberStatus.ACTIVE:
        raise points_error(BankPointsErrorCode.INACTIVE, f"Member '{member.customer_reference}' is not active.",
                           "customer_reference")
    expires_at = lot_expiry(issuer, item)
    if expires_at is not None and expires_at <= now:
        raise points_error(BankPointsErrorCode.EXPIRED, f"These points expired at {expires_at.isoformat()}.",
                           "expires_at")
