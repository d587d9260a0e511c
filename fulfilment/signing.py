"""HMAC-SHA256 signatures between the mall and its carriers, one scheme both ways.

The signed text is `<unix timestamp>.<raw body>`; the signature travels as `sha256=<hex>` beside the
timestamp. Checking a request verifies the signature (constant time) and the timestamp's age: a request
older or newer than TOLERANCE_SECONDS is refused, so a captured request cannot be replayed later (and a
replay within the window is caught by the receipts table).
"""

from __future__ import annotations

import hashlib
import hmac

from kernel import clock

TOLERANCE_SECONDS = 300
TIMESTAMP_HEADER = "X-Mall-Timestamp"
SIGNATURE_HEADER = "X-Mall-Signature"
PREFIX = "sha256="


class SignatureError(Exception):
    """Why a signed request is refused: missing, malformed, wrong or stale."""


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return PREFIX + digest


def signed_headers(secret: str, body: bytes, now_seconds: float | None = None) -> dict[str, str]:
    timestamp = str(int(clock.timestamp() if now_seconds is None else now_seconds))
    return {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: signature(secret, timestamp, body)}


def verify(secret: str, timestamp: str | None, given: str | None, body: bytes, now_seconds: float | None = None) -> str:
    """The verified signature; raises SignatureError otherwise."""
    if not timestamp or not given:
        raise SignatureError("unsigned request")
    if not timestamp.isdigit():
        raise SignatureError("malformed timestamp")
    now = clock.timestamp() if now_seconds is None else now_seconds
    if abs(now - int(timestamp)) > TOLERANCE_SECONDS:
        raise SignatureError("stale timestamp")
    if not hmac.compare_digest(signature(secret, timestamp, body), given.strip()):
        raise SignatureError("bad signature")
    return given.strip()
