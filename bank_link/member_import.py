"""`mall bank import-members`: the bank's member roster in, as an idempotent upsert.

File: CSV, UTF-8, a header row naming `customer_reference`, `name`, `email`, `phone`, `status` (any order;
other columns are ignored). A member needs an e-mail or a phone; status is `active` (default) or
`inactive`. Rows are applied in batches of BATCH_SIZE, each in one transaction; refused rows go to the
error file with the reason. Importing the same file again changes nothing.

Errors: DomainError NOT_FOUND (no such issuer), BankFileError (file unreadable, header incomplete).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bank_link.files import ErrorFile, LineSource, close_source, default_error_location, open_source
from bank_link.imports import BatchedImport, BatchResult, csv_records
from bank_link.issuers import find_issuer
from bank_link.roster import ROSTER_COLUMNS, RosterRow, apply_roster_batch, parse_roster_row

BATCH_SIZE = 2000  # rows per statement and transaction: about 10 parameters each, under SQLite's limit


@dataclass(frozen=True)
class ImportSummary:
    counts: Counter[str]
    error_location: str | None
    labels: tuple[str, ...]

    def line(self) -> str:
        parts = [f"{self.counts[label]} {label}" for label in self.labels]
        text = f"{self.counts['rows']} rows: {', '.join(parts)}, {self.counts['refused']} refused"
        return text + (f" (see {self.error_location})" if self.error_location else "")


async def import_members(
    issuer_code: str, location: str, *, error_location: str | None = None, batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None, environ: Mapping[str, str] = os.environ,
) -> ImportSummary:
    """`progress` is called with the number of bytes read since its last call."""
    issuer = await find_issuer(issuer_code)
    source = open_source(location, environ)
    errors = ErrorFile(error_location or default_error_location(location), None, environ)
    try:
        header, records = csv_records(source, ROSTER_COLUMNS)
        errors.header = header

        # Every reference the file named so far, over all batches: about 100 bytes a member, so 100 MB for a
        # roster of a million, the price of refusing repeats that land in different batches.
        named_before: set[str] = set()

        async def apply(rows: list[RosterRow]) -> BatchResult:
            fresh, repeated = first_occurrences(rows, named_before)
            outcome = await apply_roster_batch(issuer.id, issuer.code, [row for _, row in fresh])
            counts = Counter(created=outcome.created, updated=outcome.updated, unchanged=outcome.unchanged)
            return BatchResult(counts, repeated | {fresh[index][0]: why for index, why in outcome.refused.items()})

        job = BatchedImport(parse_roster_row, apply, errors, batch_size, reporter(source, progress))
        counts = await job.run(records)
    finally:
        close_source(source)
        errors.close()
    return ImportSummary(counts, errors.location if errors.rows_written else None, ("created", "updated", "unchanged"))


def first_occurrences(
    rows: list[RosterRow], named_before: set[str]
) -> tuple[list[tuple[int, RosterRow]], dict[int, str]]:
    """The rows whose reference the file has not named before (with their index in `rows`), and the reasons
    the others are refused. A reference named twice in one file is a mistake in the bank's export: which
    row is right cannot be known, so the first is applied and each repeat refused, never silently merged.
    Adds the fresh rows' references to `named_before`."""
    fresh, repeated = [], {}
    for index, row in enumerate(rows):
        if row.customer_reference in named_before:
            repeated[index] = f"customer_reference {row.customer_reference} appears earlier in this file"
        else:
            named_before.add(row.customer_reference)
            fresh.append((index, row))
    return fresh, repeated


def reporter(source: LineSource, progress: Callable[[int], None] | None) -> Callable[[], None]:
    """A callback that advances `progress` by the bytes of the file read since it last ran."""
    seen = [0]

    def report() -> None:
        if progress is not None:
            progress(source.bytes_read - seen[0])
        seen[0] = source.bytes_read

    return report
