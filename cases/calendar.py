"""Deadlines in a programme's working time: "24 hours" counts only the hours its service desk works.

A calendar without working days works around the clock (a deadline of 24 hours is then a day later), still
skipping its holidays. Days are those of the programme's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MAX_DAYS_SEARCHED = 3_660  # a calendar with (almost) no working time still ends the search


@dataclass(frozen=True)
class WorkCalendar:
    time_zone: str = "Asia/Shanghai"
    work_days: frozenset[int] = frozenset()  # ISO weekdays; empty: every day
    start_hour: int = 0
    end_hour: int = 24
    holidays: frozenset[date] = field(default_factory=frozenset)

    @property
    def around_the_clock(self) -> bool:
        return not self.work_days

    def is_working_day(self, day: date) -> bool:
        return day not in self.holidays and (self.around_the_clock or day.isoweekday() in self.work_days)

    def window(self, day: date) -> tuple[datetime, datetime]:
        """The working hours of `day` as instants of the programme's zone."""
        zone = ZoneInfo(self.time_zone)
        start, end = (0, 24) if self.around_the_clock else (self.start_hour, self.end_hour)
        opens = datetime.combine(day, time(start), tzinfo=zone)
        closes = datetime.combine(day, time(0), tzinfo=zone) + timedelta(days=1) if end == 24 else \
            datetime.combine(day, time(end), tzinfo=zone)
        return opens, closes


def add_working_hours(start: datetime, hours: int, calendar: WorkCalendar) -> datetime:
    """The instant `hours` working hours after `start`. Raises ValueError when the calendar has no working
    time within MAX_DAYS_SEARCHED days."""
    remaining = timedelta(hours=hours)
    cursor = start.astimezone(ZoneInfo(calendar.time_zone))
    for _ in range(MAX_DAYS_SEARCHED):
        day = cursor.date()
        if calendar.is_working_day(day):
            opens, closes = calendar.window(day)
            begin = max(cursor, opens)
            if begin < closes:
                if remaining <= closes - begin:
                    return (begin + remaining).astimezone(start.tzinfo)
                remaining -= closes - begin
        cursor = datetime.combine(day + timedelta(days=1), time(0), tzinfo=cursor.tzinfo)
    raise ValueError("the calendar has no working time")
