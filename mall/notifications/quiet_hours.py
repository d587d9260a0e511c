"""Quiet hours: text messages wait until the member's morning instead of waking them (deferred, not dropped)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo


def is_quiet(local: datetime, quiet_hours: tuple[int, int]) -> bool:
    start, end = quiet_hours
    if start == end:  # no quiet hours
        return False
    if start < end:
        return start <= local.hour < end
    return local.hour >= start or local.hour < end  # the window spans midnight


def next_sendable(now: datetime, time_zone: str, quiet_hours: tuple[int, int]) -> datetime:
    """`now` when outside the quiet hours, else the end of them (in `time_zone`, as an aware instant)."""
    local = now.astimezone(ZoneInfo(time_zone))
    if not is_quiet(local, quiet_hours):
        return now
    end = quiet_hours[1]
    day = local.date() if local.hour < end else local.date() + timedelta(days=1)
    return datetime.combine(day, time(end), tzinfo=ZoneInfo(time_zone)).astimezone(now.tzinfo)
