"""Redemption confirmation: a programme may want a one-time code before a large checkout completes.

When the checkout's total is above its issuer's `confirmation_threshold_points` (bank_link.policy), the
member asks for a code (sent by SMS or e-mail through mall/notifications, at once: quiet hours do not apply
to a code the member is waiting for), types it, and only then may `checkoutComplete` go through. A code:
- is bound to the checkout and to the total it was sent for: a changed total needs a new code;
- expires after CODE_TTL; a confirmed checkout must complete within CONFIRMED_FOR;
- is tried at most MAX_ATTEMPTS times, and sent at most MAX_SENDS times, a new one at most every RESEND_AFTER;
- is kept only as a salted hash.

Tries are counted by a conditional UPDATE that commits on its own (`verify_code` runs outside the
mutation's transaction): a wrong code's try must stay counted although the mutation answers an error.

Errors (DomainError, ConfirmationErrorCode): CONFIRMATION_REQUIRED, CONFIRMATION_CODE_INVALID,
CONFIRMATION_CODE_EXPIRED, CONFIRMATION_TRIES_EXCEEDED, CONFIRMATION_RESEND_TOO_SOON, CONFIRMATION_UNREACHABLE.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.expressions import F

from bank_link.policy import ConfirmationPolicy, confirmation_policy_for_channel
from kernel import clock
from kernel.errors import DomainError
from mall.notifications.services import Via, notify
from mall.notifications.templates import NotificationKind
from orders.errors import ConfirmationErrorCode as Code
from orders.models import Checkout, CheckoutConfirmation
from orders.services.totals import checkout_totals

CODE_DIGITS = 6
CODE_TTL = timedelta(minutes=10)
CONFIRMED_FOR = timedelta(minutes=30)
MAX_ATTEMPTS = 5
MAX_SENDS = 5
RESEND_AFTER = timedelta(seconds=60)


@dataclass(frozen=True)
class CodeSent:
    required: bool  # False: this checkout needs no code (nothing was sent)
    via: str = ""
    expires_at: datetime | None = None
    sends_left: int = 0


def _now() -> datetime:
    """Now in UTC: PostgreSQL's timestamps take an UPDATE's values as UTC, so offsets never reach them."""
    return clock.now().astimezone(UTC)


def _refuse(code: Code, message: str, field: str | None = None) -> DomainError:
    return DomainError.single(field, message, code)


def _hash(salt: str, checkout: Checkout, code: str) -> str:
    return hashlib.sha256(f"{salt}:{checkout.token}:{code}".encode()).hexdigest()


async def needed_for(checkout: Checkout, total_points: int) -> ConfirmationPolicy | None:
    """The programme's rule when this total needs a code; None when it does not (the checkout's channel loaded)."""
    policy = await confirmation_policy_for_channel(checkout.channel)
    return policy if policy is not None and total_points > policy.threshold_points else None


async def request_code(checkout: Checkout) -> CodeSent:
    """Send a new code for the checkout's current total (the checkout's channel loaded); inside a transaction.
    Raises CONFIRMATION_UNREACHABLE, CONFIRMATION_TRIES_EXCEEDED, CONFIRMATION_RESEND_TOO_SOON."""
    total = (await checkout_totals(checkout)).total_points
    policy = await needed_for(checkout, total)
    if policy is None:
        return CodeSent(required=False)
    if checkout.user_id is None:  # type: ignore[attr-defined]
        raise _refuse(Code.CONFIRMATION_UNREACHABLE, "Sign in: points are redeemed from a member's account.")
    sends = await _count_send(checkout)
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    salt, now = secrets.token_hex(16), _now()
    await CheckoutConfirmation.filter(checkout_token=checkout.token).update(
        user_id=checkout.user_id, total_points=total, code_salt=salt,  # type: ignore[attr-defined]
        code_hash=_hash(salt, checkout, code), via=policy.via, attempts=0, sent_at=now, expires_at=now + CODE_TTL,
        confirmed_at=None)
    params = {"code": code, "points": str(total), "unit": checkout.channel.currency_code,
              "minutes": str(int(CODE_TTL.total_seconds()) // 60)}
    sent = await notify(checkout.user_id, NotificationKind.CONFIRMATION_CODE, params,  # type: ignore[attr-defined]
                        f"confirm:{checkout.token}:{sends}", channel_id=checkout.channel_id,  # type: ignore[attr-defined]
                        only=Via(policy.via))
    if not sent:
        what = "phone number" if policy.via == Via.SMS else "e-mail address"
        raise _refuse(Code.CONFIRMATION_UNREACHABLE, f"Your bank has no {what} for you to send a code to.")
    return CodeSent(True, policy.via, now + CODE_TTL, MAX_SENDS - sends)


async def _count_send(checkout: Checkout) -> int:
    """This send's number (1 for the first), once the limits allow it."""
    existing = await CheckoutConfirmation.get_or_none(checkout_token=checkout.token)
    now = _now()
    if existing is None:
        await CheckoutConfirmation.create(
            checkout_token=checkout.token, user_id=checkout.user_id, total_points=0,  # type: ignore[attr-defined]
            code_salt="", code_hash="", via="", sends=1, sent_at=now, expires_at=now)
        return 1
    if existing.sends >= MAX_SENDS:
        raise _refuse(Code.CONFIRMATION_TRIES_EXCEEDED, "Too many codes were sent for this checkout.")
    if now - existing.sent_at < RESEND_AFTER:
        raise _refuse(Code.CONFIRMATION_RESEND_TOO_SOON, "Wait a minute before asking for another code.")
    counted = await CheckoutConfirmation.filter(checkout_token=checkout.token, sends=existing.sends).update(
        sends=existing.sends + 1)
    if not counted:  # another request sent one meanwhile
        raise _refuse(Code.CONFIRMATION_RESEND_TOO_SOON, "Wait a minute before asking for another code.")
    return existing.sends + 1


async def verify_code(checkout: Checkout, code: str) -> int:
    """Confirm the checkout with the code sent; returns the tries left. Run it outside a transaction (see the
    module docstring). Raises CONFIRMATION_REQUIRED (no code sent), CONFIRMATION_CODE_EXPIRED,
    CONFIRMATION_TRIES_EXCEEDED, CONFIRMATION_CODE_INVALID."""
    row = await CheckoutConfirmation.get_or_none(checkout_token=checkout.token)
    if row is None or not row.code_hash:
        raise _refuse(Code.CONFIRMATION_REQUIRED, "Ask for a code first.", "code")
    if row.confirmed_at is not None and row.total_points == (await checkout_totals(checkout)).total_points:
        return MAX_ATTEMPTS - row.attempts  # confirmed already: asking again changes nothing
    if row.expires_at <= _now() or row.total_points != (await checkout_totals(checkout)).total_points:
        raise _refuse(Code.CONFIRMATION_CODE_EXPIRED, "This code has expired; ask for a new one.", "code")
    counted = await CheckoutConfirmation.filter(
        checkout_token=checkout.token, attempts__lt=MAX_ATTEMPTS, code_hash=row.code_hash,
    ).update(attempts=F("attempts") + 1)
    if not counted:
        raise _refuse(Code.CONFIRMATION_TRIES_EXCEEDED, "Too many wrong codes; ask for a new one.", "code")
    left = MAX_ATTEMPTS - row.attempts - 1
    if not hmac.compare_digest(_hash(row.code_salt, checkout, code.strip()), row.code_hash):
        raise _refuse(Code.CONFIRMATION_CODE_INVALID, f"Wrong code; {left} tries left.", "code")
    await CheckoutConfirmation.filter(checkout_token=checkout.token, code_hash=row.code_hash).update(
        confirmed_at=_now())
    return left


async def check_confirmed(checkout: Checkout, total_points: int) -> None:
    """At completion: raises CONFIRMATION_REQUIRED unless a code confirmed this very total lately."""
    if await needed_for(checkout, total_points) is None:
        return
    row = await CheckoutConfirmation.get_or_none(checkout_token=checkout.token)
    fresh = row is not None and row.confirmed_at is not None and _now() - row.confirmed_at <= CONFIRMED_FOR
    if not fresh or row is None or row.total_points != total_points:
        raise _refuse(Code.CONFIRMATION_REQUIRED, "Your bank asks you to confirm this redemption with a one-time "
                      "code: ask for one with checkoutConfirmationRequest.")
    await CheckoutConfirmation.filter(checkout_token=checkout.token).delete()  # used: gone with the checkout
