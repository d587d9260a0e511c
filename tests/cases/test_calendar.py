"""Deadlines count a programme's working hours only, skipping its holidays."""

from __future__ import annotations

from datetime import date, datetime

from cases.calendar import WorkCalendar, add_working_hours

OFFICE = WorkCalendar("Asia/Shanghai", frozenset({1, 2, 3, 4, 5}), 9, 18, frozenset({date(2026, 11, 4)}))


def shanghai(text: str) -> datetime:
    return datetime.fromisoformat(f"{text}+08:00")


def test_around_the_clock_24_hours_is_a_day_later():
    assert add_working_hours(shanghai("2026-11-06T22:00:00"), 24, WorkCalendar()) == shanghai("2026-11-07T22:00:00")


def test_office_hours_carry_over_to_the_next_working_day():
    # given: Monday 16:00, 9 working hours a day
    # when / then: 2 hours on Monday, 9 on Tuesday, Wednesday is a holiday, 13 more from Thursday 09:00
    assert add_working_hours(shanghai("2026-11-02T16:00:00"), 24, OFFICE) == shanghai("2026-11-06T13:00:00")


def test_a_case_opened_at_night_starts_counting_next_morning():
    assert add_working_hours(shanghai("2026-11-02T23:30:00"), 2, OFFICE) == shanghai("2026-11-03T11:00:00")


def test_a_weekend_is_skipped():
    assert add_working_hours(shanghai("2026-11-06T17:00:00"), 2, OFFICE) == shanghai("2026-11-09T10:00:00")
