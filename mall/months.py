"""Calendar months as half-open UTC ranges, and the SQL that says which month a row falls in.

Reports by month (a partner's performance, the programme's health) count rows per calendar month in a time
zone with one aggregate query: `month_case` numbers the months in a CASE over their bounds, so the same SQL
runs on PostgreSQL and SQLite without either's date functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from mall import sql

MAX_MONTHS = 24


@dataclass(frozen=True)
class Month:
    name: str  # YYYY-MM
    start: datetime  # UTC, inclusive
    end: datetime  # UTC, exclusive


def recent_months(now: datetime, count: int, time_zone: str) -> list[Month]:
    """The `count` calendar months up to and including the one `now` falls in, oldest first."""
    zone = ZoneInfo(time_zone)
    local = now.astimezone(zone)
    year, month = local.year, local.month
    months: list[Month] = []
    for _ in range(count):
        start = datetime(year, month, 1, tzinfo=zone)
        following = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=zone)
        months.append(Month(f"{year}-{month:02d}", start.astimezone(UTC), following.astimezone(UTC)))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def month_case(column: str, months: list[Month], parameters: sql.Parameters) -> str:
    """`CASE WHEN column in month 0 THEN 0 ... END`: the index of the month a row falls in (NULL outside)."""
    whens = " ".join(f"WHEN {column} >= {parameters.add(month.start)} AND {column} < {parameters.add(month.end)}"
                     f" THEN {index}" for index, month in enumerate(months))
    return f"CASE {whens} END"
