"""A member's rolling RFM figures, kept on the standing row as activity is booked, so the segment job reads
one row per member instead of summing a year of qualifying months for each.

The row holds the last 12 months of awards (frequency) and spend (monetary) in a ring of month buckets:
bucket `k` holds the month whose index (year x 12 + month - 1, in the issuer's calendar) is k modulo 12, and
`figures_month` is the newest month the ring holds. Booking an activity of month M moves the ring on to M
when M is newer (the buckets of months that left the window are emptied) and adds to M's bucket; an activity
older than the window (a take-back of an old award) changes nothing here. Reading the figures on a day of
month C counts the buckets whose month lies in C - 11 .. C, so a member with no activity for months needs
no write for the figures to age: everything is computed from the row itself, under the row's lock, whatever
order concurrent awards commit in.

The helpers return SQL expressions; both databases take them (CAST, CASE, %: no dialect's own syntax).
"""

from __future__ import annotations

from datetime import date

WINDOW_MONTHS = 12
AWARDS = tuple(f"awards_m{slot}" for slot in range(WINDOW_MONTHS))
SPEND = tuple(f"spend_m{slot}" for slot in range(WINDOW_MONTHS))
COLUMNS = ("figures_month", *AWARDS, *SPEND)


def month_index(day: date) -> int:
    """The month of `day` as one integer: consecutive months are consecutive integers."""
    return day.year * 12 + day.month - 1


def _held(row: str, slot: int) -> str:
    """The month bucket `slot` of `row` holds (NULL for a row that never had figures)."""
    return f"({row}.figures_month - (({row}.figures_month - {slot}) % {WINDOW_MONTHS}))"


def first_values(month: str, awards: str, spend: str) -> list[str]:
    """COLUMNS' values of a row whose first activity is `awards` and `spend` in `month` (SQL expressions)."""
    def bucket(slot: int, amount: str) -> str:
        return f"CASE WHEN {month} % {WINDOW_MONTHS} = {slot} THEN {amount} ELSE 0 END"
    return [month, *(bucket(slot, awards) for slot in range(WINDOW_MONTHS)),
            *(bucket(slot, spend) for slot in range(WINDOW_MONTHS))]


def merged(row: str) -> str:
    """An upsert's SET clause: `row`'s ring moved on to the new activity (EXCLUDED, a first row's values as
    `first_values` wrote them) and the activity added to its month, or dropped when older than the window."""
    old = f"{row}.figures_month"
    new = "EXCLUDED.figures_month"
    newest = f"(CASE WHEN {old} IS NULL OR {old} < {new} THEN {new} ELSE {old} END)"
    counts = f"{new} >= {newest} - {WINDOW_MONTHS - 1}"

    def bucket(column: str, slot: int) -> str:
        kept = f"CASE WHEN {old} IS NOT NULL AND {_held(row, slot)} >= {newest} - {WINDOW_MONTHS - 1}" \
               f" THEN {row}.{column} ELSE 0 END"
        return f"{column} = {kept} + CASE WHEN {counts} THEN EXCLUDED.{column} ELSE 0 END"

    buckets = [bucket(column, slot) for columns in (AWARDS, SPEND) for slot, column in enumerate(columns)]
    return ", ".join([f"figures_month = {newest}", *buckets])


def window_sum(row: str, columns: tuple[str, ...], current: str) -> str:
    """The sum of `row`'s buckets of `columns` whose month lies in the window ending with month `current`."""
    terms = [f"CASE WHEN {_held(row, slot)} BETWEEN {current} - {WINDOW_MONTHS - 1} AND {current}"
             f" THEN {row}.{column} ELSE 0 END" for slot, column in enumerate(columns)]
    return "(" + " + ".join(terms) + ")"
