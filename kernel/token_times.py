"""JWT time claims checked against the mall's clock.

PyJWT checks `exp`, `nbf` and `iat` against the wall clock, which a test that sets the mall's clock
cannot move. Every decode passes `WALL_CLOCK_CHECKS_OFF` and then calls `check_time_claims`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jwt

from kernel import clock

WALL_CLOCK_CHECKS_OFF = {"verify_exp": False, "verify_nbf": False, "verify_iat": False}


def check_time_claims(claims: Mapping[str, Any], leeway_seconds: float = 0) -> None:
    """Raises jwt.ExpiredSignatureError past `exp`, jwt.ImmatureSignatureError before `nbf` or `iat`
    (each with `leeway_seconds` of tolerance), jwt.InvalidTokenError when a time claim is not a number."""
    now = clock.timestamp()
    times = {name: _number(claims, name) for name in ("exp", "nbf", "iat") if name in claims}
    if "exp" in times and times["exp"] <= now - leeway_seconds:
        raise jwt.ExpiredSignatureError("Signature has expired")
    if "nbf" in times and times["nbf"] > now + leeway_seconds:
        raise jwt.ImmatureSignatureError("The token is not yet valid (nbf)")
    if "iat" in times and times["iat"] > now + leeway_seconds:
        raise jwt.ImmatureSignatureError("The token is not yet valid (iat)")


def _number(claims: Mapping[str, Any], name: str) -> float:
    value = claims[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise jwt.InvalidTokenError(f"The {name} claim must be a number.")
    return float(value)
