"""Checking credentials, with throttling of repeated failures per client address and e-mail.

Errors (DomainError, AccountsErrorCode): INVALID_CREDENTIALS, INACTIVE, ACCOUNT_NOT_CONFIRMED, LOGIN_ATTEMPT_DELAYED.

Failures are written in their own statement, outside any mutation transaction: the refusal must not roll
back the record of the attempt that caused it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from kernel import clock
from kernel.errors import DomainError
from mall.accounts.errors import AccountsErrorCode
from mall.accounts.models import LoginThrottle, User
from mall.accounts.passwords import verify_password

FREE_ATTEMPTS = 5
FIRST_DELAY_SECONDS = 30
MAX_DELAY_SECONDS = 3600


def throttle_key(client_ip: str, email: str) -> str:
    return f"{client_ip}|{email.strip().lower()}"


def delay_after(failed_attempts: int) -> timedelta:
    """No delay for the first FREE_ATTEMPTS failures, then 30 s doubling up to an hour."""
    if failed_attempts < FREE_ATTEMPTS:
        return timedelta(0)
    return timedelta(seconds=min(FIRST_DELAY_SECONDS * 2 ** (failed_attempts - FREE_ATTEMPTS), MAX_DELAY_SECONDS))


async def ensure_not_throttled(key: str, now: datetime) -> None:
    throttle = await LoginThrottle.get_or_none(key=key)
    if throttle and throttle.blocked_until and throttle.blocked_until > now:
        until = throttle.blocked_until.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        raise DomainError.single(
            "email",
            f"Logging has been suspended till {until} due to too many failed attempts.",
            AccountsErrorCode.LOGIN_ATTEMPT_DELAYED,
        )


async def record_failure(key: str, now: datetime) -> None:
    updated = await LoginThrottle.filter(key=key).update(failed_attempts=F("failed_attempts") + 1, last_failure_at=now)
    if not updated:
        try:
            await LoginThrottle.create(key=key, failed_attempts=1, last_failure_at=now)
        except IntegrityError:  # a concurrent first failure created it: count this one too
            await LoginThrottle.filter(key=key).update(failed_attempts=F("failed_attempts") + 1, last_failure_at=now)
    throttle = await LoginThrottle.get(key=key)
    delay = delay_after(throttle.failed_attempts)
    if delay:
        await LoginThrottle.filter(key=key).update(blocked_until=now + delay)


async def check_credentials(email: str, password: str, client_ip: str) -> User:
    """The active, confirmed user these credentials belong to."""
    now = clock.now()
    key = throttle_key(client_ip, email)
    await ensure_not_throttled(key, now)
    user = await User.get_or_none(email=email.strip().lower())
    if user is None or not verify_password(user.password_hash, password):
        await record_failure(key, now)
        raise DomainError.single("email", "Please, enter valid credentials", AccountsErrorCode.INVALID_CREDENTIALS)
    if not user.is_active:
        raise DomainError.single("email", "Account inactive.", AccountsErrorCode.INACTIVE)
    if not user.is_confirmed:
        raise DomainError.single(
            "email", "Account needs to be confirmed via email.", AccountsErrorCode.ACCOUNT_NOT_CONFIRMED
        )
    await LoginThrottle.filter(key=key).delete()
    await User.filter(id=user.id).update(last_login=now)
    user.last_login = now
    return user
