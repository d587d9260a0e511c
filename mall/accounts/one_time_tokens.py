"""Signed one-time tokens for e-mail links (password reset, account confirmation, deletion).

A token is "<timestamp>-<hmac>" over the user's current state: it stops working once the password,
the sign-in time or the e-mail changes, so a used reset link cannot be used again.
"""

from __future__ import annotations

import hashlib
import hmac

from kernel import clock
from mall.accounts.models import User

MAX_AGE_SECONDS = {"password-reset": 24 * 3600, "confirm-account": 7 * 24 * 3600, "delete-account": 24 * 3600}


def _state(user: User, purpose: str, timestamp: int) -> bytes:
    last_login = user.last_login.isoformat() if user.last_login else ""
    parts = [purpose, str(user.pk), user.email, user.password_hash or "", last_login]
    parts += [str(user.is_confirmed), str(user.is_active), str(timestamp)]
    return "|".join(parts).encode()


def _signature(secret: str, user: User, purpose: str, timestamp: int) -> str:
    return hmac.new(secret.encode(), _state(user, purpose, timestamp), hashlib.sha256).hexdigest()[:40]


def make_token(secret: str, user: User, purpose: str, now: float | None = None) -> str:
    timestamp = int(now if now is not None else clock.timestamp())
    return f"{timestamp:x}-{_signature(secret, user, purpose, timestamp)}"


def token_is_valid(secret: str, user: User, purpose: str, token: str, now: float | None = None) -> bool:
    stamp, _, signature = token.partition("-")
    try:
        timestamp = int(stamp, 16)
    except ValueError:
        return False
    age = (now if now is not None else clock.timestamp()) - timestamp
    if age < 0 or age > MAX_AGE_SECONDS[purpose]:
        return False
    return hmac.compare_digest(signature, _signature(secret, user, purpose, timestamp))
