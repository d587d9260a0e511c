"""Points from the bank: one credit (or reversal) per bank transaction, booked through the ledger.

A positive amount is an accrual from the issuer's liability account into the member's wallet, in a lot
that expires on the row's own expiry or else by the issuer's policy applied to when the points were
earned. A negative amount is the bank taking points back (mall.ledger.services.debit_points, first
expiring first). The ledger's idempotency key is `bank:<issuer>:<transaction id>`: the same transaction
again changes nothing, the same id with different content is refused.

Errors (DomainError, BankPointsErrorCode): REQUIRED, INVALID, NOT_FOUND (member, channel), INACTIVE
(member or issuer switched off; reversals are still taken from inactive members), EXPIRED,
INSUFFICIENT_POINTS, IDEMPOTENCY_CONFLICT.
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
from mall.channels.models import Channel
from mall.ledger import services as ledger
from mall.ledger.models import Transfer

POINTS_COLUMNS = ("transaction_id", "customer_reference", "points", "earned_at", "expires_at", "kind")
REQUIRED_COLUMNS = ("transaction_id", "customer_reference", "points", "earned_at")
TRANSACTION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")
MAX_POINTS = 10**12
MAX_KIND_LENGTH = 100


@dataclass(frozen=True)
class BankPoints:
    """One bank transaction: `points` is signed (negative: the bank takes points back)."""

    transaction_id: str
    customer_reference: str
    points: int
    earned_at: datetime
    expires_at: datetime | None = None
    kind: str = ""


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
    return BankPoints(transaction_id, reference, parse_points(fields.get("points")), earned_at, expires_at, kind)


def parse_points(value: object) -> int:
    """A signed whole number, not zero. Raises RowError."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise RowError("points must be a whole number")
    text = str(value).strip()
    if not re.fullmatch(r"[+-]?[0-9]{1,13}", text) or int(text) == 0 or abs(int(text)) > MAX_POINTS:
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
                           f"Issuer {issuer.code} has no member '{customer_reference}'.", "customerReference")
    return member


async def book_bank_points(
    issuer: Issuer, channel: Channel, item: BankPoints, actor: str, *, member: Member | None = None,
    now: datetime | None = None,
) -> Booked:
    """Credit or take back the transaction's points; the caller owns the transaction.

    Raises DomainError (see the module docstring).
    """
    now = (now or datetime.now(UTC)).astimezone(UTC)
    member = member or await find_member(issuer, item.customer_reference)
    request = ledger.Request(idempotency_key(issuer, item.transaction_id), actor, f"feed:{item.transaction_id}",
                             item.kind)
    replayed = await ledger.find_transfer(request.idempotency_key) is not None
    if not replayed:
        _check_bookable(issuer, member, item, now)
    if item.points < 0:
        transfer = await ledger.debit_points(channel, member.user_id, -item.points, request, now=now)  # type: ignore[attr-defined]
    else:
        transfer = await ledger.credit_points(channel, member.user_id, item.points, request, now=now,  # type: ignore[attr-defined]
                                              expires_at=lot_expiry(issuer, item))
    return Booked(transfer, replayed)


def lot_expiry(issuer: Issuer, item: BankPoints) -> datetime | None:
    return item.expires_at or expiry_policy(issuer).expires_at(item.earned_at)


def _check_bookable(issuer: Issuer, member: Member, item: BankPoints, now: datetime) -> None:
    if not issuer.is_active:
        raise points_error(BankPointsErrorCode.INACTIVE, f"Issuer {issuer.code} is not active.", "issuer")
    if item.points < 0:
        return
    if member.status != MemberStatus.ACTIVE:
        raise points_error(BankPointsErrorCode.INACTIVE, f"Member '{member.customer_reference}' is not active.",
                           "customerReference")
    expires_at = lot_expiry(issuer, item)
    if expires_at is not None and expires_at <= now:
        raise points_error(BankPointsErrorCode.EXPIRED, f"These points expired at {expires_at.isoformat()}.",
                           "expiresAt")
