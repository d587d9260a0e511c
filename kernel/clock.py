"""The one place the mall reads the time.

Application code never calls `datetime.now`, `date.today` or `time.time`: it asks this module, so that a
test can say "it is 2026-11-12 03:00 in Shanghai" and every part of the mall (services, model timestamps,
token expiry, webhook signatures) agrees. `.ci/run` greps for direct reads of the wall clock.

The clock runs from the wall clock unless it is moved:
- in process, by `set_now(at)` (tests, through the `clock` fixture): from then on the clock reads `at`
  plus the time that has really passed since, so timestamps taken one after another still increase;
  `advance(delta)` moves it on without sleeping; `reset()` goes back to the wall clock;
- in a subprocess (a server or worker a test starts), by the environment variable `MALL_CLOCK_START`
  (an ISO 8601 instant with its offset), read by `configure_from_environment()` at start-up. Only tests
  set it; production never does.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

CLOCK_START_VARIABLE = "MALL_CLOCK_START"

# How far this process's clock is from the wall clock. Zero in production.
_offset = timedelta(0)


def now() -> datetime:
    """The current instant, timezone-aware, in UTC."""
    return datetime.now(UTC) + _offset


def timestamp() -> float:
    """The current instant as seconds since the Unix epoch (for signatures and JWT claims)."""
    return time.time() + _offset.total_seconds()


def now_in(zone: tzinfo | str) -> datetime:
    """The current instant in a time zone (an issuer's periods and expiry dates are in its own)."""
    return now().astimezone(ZoneInfo(zone) if isinstance(zone, str) else zone)


def today_in(zone: tzinfo | str) -> date:
    """Today's date where `zone` is: in Shanghai the day starts eight hours before it does in UTC."""
    return now_in(zone).date()


def set_now(at: datetime) -> None:
    """Move the clock so that it reads `at` now and runs on from there.

    Raises ValueError for a naive datetime: an instant without an offset is ambiguous.
    """
    global _offset
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("the clock is set to an instant with a time zone, not a naive datetime")
    _offset = at - datetime.now(UTC)


def advance(delta: timedelta) -> None:
    """Move the clock on by `delta` (a hold's expiry, a token's lifetime) without sleeping."""
    global _offset
    _offset += delta


def reset() -> None:
    """Back to the wall clock."""
    global _offset
    _offset = timedelta(0)


def configure_from_environment(environment: dict[str, str] | os._Environ[str] = os.environ) -> None:
    """Start this process's clock at `MALL_CLOCK_START` when a test set it; otherwise leave it alone."""
    start = environment.get(CLOCK_START_VARIABLE, "").strip()
    if start:
        set_now(datetime.fromisoformat(start))
