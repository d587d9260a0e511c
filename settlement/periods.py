"""Settlement periods: a calendar month in the counterparty's time zone, as a half-open UTC range.

`2026-11` in Asia/Shanghai runs from 2026-10-31T16:00Z (inclusive) to 2026-11-30T16:00Z (exclusive): a
transfer written at 23:59:59 local time on 30 November belongs to November, one at midnight to December.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kernel.errors import DomainError
from settlement.errors import SettlementErrorCode

PERIOD_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Period:
    name: str  # YYYY-MM
    time_zone: str
    start: datetime  # UTC, inclusive
    end: datetime  # UTC, exclusive

    def previous_name(self) -> str:
        year, month = (int(part) for part in self.name.split("-"))
        return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


def parse_period(name: str, field: str = "period") -> tuple[int, int]:
    """(year, month) of `YYYY-MM`; raises DomainError INVALID otherwise."""
    match = PERIOD_PATTERN.match(name or "")
    if match is None:
        raise DomainError.single(field, "Use a month as YYYY-MM, e.g. 2026-11.", SettlementErrorCode.INVALID)
    return int(match.group(1)), int(match.group(2))


def month_period(name: str, time_zone: str) -> Period:
    """The month `name` in `time_zone`. Raises DomainError INVALID for a bad name or an unknown zone."""
    year, month = parse_period(name)
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise DomainError.single(
            "time_zone", f"Unknown time zone '{time_zone}'.", SettlementErrorCode.INVALID
        ) from error
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    start = datetime(year, month, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(next_year, next_month, 1, tzinfo=zone).astimezone(UTC)
    return Period(name, time_zone, start, end)


def require_closed(period: Period, now: datetime) -> None:
    """Raises DomainError PERIOD_OPEN while the period has not ended: its figures could still change."""
    if now < period.end:
        raise DomainError.single(
            "period", f"Period {period.name} ends at {period.end.isoformat()}; settle it after that.",
            SettlementErrorCode.PERIOD_OPEN,
        )
