"""The shape every bank file import shares: stream records, parse each, apply them in batches, write the
refused ones to an error file, count what happened.

Memory stays bounded: one batch of records at a time. Each batch is applied in its own transaction, so the
good rows of a file are kept even when a later batch fails; a refused row never stops the import.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from tortoise.transactions import in_transaction

from bank_link.files import BankFileError, LineSource

RowT = TypeVar("RowT")

NOT_UTF8 = "the row is not UTF-8 text: save the file as UTF-8 and send the row again"
# Lone surrogates are what files.LineSource makes of bytes that are not UTF-8.
_UNDECODED = re.compile("[\udc80-\udcff]")


def is_undecoded(text: str) -> bool:
    return _UNDECODED.search(text) is not None


@dataclass(frozen=True)
class RawRecord:
    """One record as the file has it: `original` is written back to the error file if it is refused."""

    original: list[str] | dict[str, Any] | str
    fields: dict[str, Any]
    problem: str | None = None


class RowError(ValueError):
    """A record that cannot be applied; the message is the reason written to the error file."""


@dataclass
class BatchResult:
    counts: Counter[str] = field(default_factory=Counter)
    refused: dict[int, str] = field(default_factory=dict)  # index in the batch -> reason


class ErrorSink(Protocol):
    rows_written: int

    def write_record(self, record: RawRecord, reason: str) -> None: ...


def csv_records(source: LineSource, required: Sequence[str]) -> tuple[list[str], Iterator[RawRecord]]:
    """The header and the records of a CSV file with a header row naming at least `required`.

    Raises BankFileError for an empty file or missing columns.
    """
    reader = csv.reader(source.lines())
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in required if name not in header]
    if not header or missing:
        raise BankFileError(f"the header row must name the columns {', '.join(required)} (missing: "
                            f"{', '.join(missing) or 'all'})")

    def records() -> Iterator[RawRecord]:
        for values in reader:
            if not values or values == [""]:
                continue  # a blank line
            problem = None if len(values) == len(header) else f"expected {len(header)} columns, found {len(values)}"
            if any(is_undecoded(value) for value in values):
                problem = NOT_UTF8
            yield RawRecord(values, dict(zip(header, values, strict=False)), problem)

    return header, records()


def json_line_records(source: LineSource) -> Iterator[RawRecord]:
    """One JSON object per line; a line that is not one is a refused record."""
    for line in source.lines():
        text = line.strip()
        if not text:
            continue
        if is_undecoded(text):
            yield RawRecord(text, {}, NOT_UTF8)
            continue
        try:
            value = json.loads(text)
        except ValueError:
            yield RawRecord(text, {}, "not a JSON object")
            continue
        if isinstance(value, dict):
            yield RawRecord(value, value)
        else:
            yield RawRecord(text, {}, "not a JSON object")


@dataclass
class BatchedImport(Generic[RowT]):
    """Parse records into rows and apply them `batch_size` at a time."""

    parse: Callable[[dict[str, Any]], RowT]
    apply: Callable[[list[RowT]], Awaitable[BatchResult]]
    errors: ErrorSink
    batch_size: int
    progress: Callable[[], None] = lambda: None
    counts: Counter[str] = field(default_factory=Counter)

    async def run(self, records: Iterator[RawRecord]) -> Counter[str]:
        batch: list[tuple[RawRecord, RowT | RowError]] = []
        for record in records:
            self.counts["rows"] += 1
            batch.append((record, self._parse(record)))
            if len(batch) >= self.batch_size:
                await self._flush(batch)
                batch = []
        await self._flush(batch)
        return self.counts

    def _parse(self, record: RawRecord) -> RowT | RowError:
        try:
            if record.problem:
                raise RowError(record.problem)
            return self.parse(record.fields)
        except RowError as refusal:
            return refusal

    async def _flush(self, batch: list[tuple[RawRecord, RowT | RowError]]) -> None:
        """Apply the batch's good rows, then write its refused ones in file order."""
        good = [(position, row) for position, (_, row) in enumerate(batch) if not isinstance(row, RowError)]
        reasons = {position: str(row) for position, (_, row) in enumerate(batch) if isinstance(row, RowError)}
        if good:
            async with in_transaction():
                result = await self.apply([row for _, row in good])
            self.counts.update(result.counts)
            reasons |= {good[index][0]: reason for index, reason in result.refused.items()}
        for position in sorted(reasons):
            self.errors.write_record(batch[position][0], reasons[position])
        self.counts["refused"] += len(reasons)
        self.progress()
