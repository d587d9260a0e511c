"""`mall bank import-points`: the bank's points feed in, one ledger transfer per bank transaction.

File: CSV with a header row (`transaction_id`, `customer_reference`, `points`, `earned_at`, and optionally
`expires_at`, `kind` and `reverses`: a negative row's credit, reversed out of its own lot, see
bank_link.points), or JSON lines (one object per line with the same keys) when the name ends in
`.jsonl` or `.ndjson`. Records are booked in batches of BATCH_SIZE, one transaction per batch with the
batch's wallets locked first (in id order, like every use case that touches several wallets), and each
record in its own savepoint: a refused record goes to the error file and the rest of the batch stands.
Importing the same file again changes nothing. A reversal is booked after the rows before it, so a
credit and its reversal may share a file (the credit first); the wallet lock the batch took covers the
reversal's own.

Errors: DomainError NOT_FOUND (issuer or channel), REQUIRED (the issuer has several channels: name one),
BankFileError (file unreadable, header incomplete).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping

from tortoise.transactions import in_transaction

from bank_link.files import (
    ErrorFile,
    LineSource,
    close_source,
    default_error_location,
    is_json_lines,
    open_source,
)
from bank_link.imports import BatchedImport, BatchResult, RawRecord, csv_records, json_line_records
from bank_link.issuers import find_issuer, time_zone
from bank_link.member_import import ImportSummary, reporter
from bank_link.models import Issuer, Member
from bank_link.points import REQUIRED_COLUMNS, BankPoints, book_bank_points, parse_points_record, points_channel
from kernel import clock
from kernel.errors import DomainError
from ledger import services as ledger
from mall.channels.models import Channel

BATCH_SIZE = 500
FEED_ACTOR = "system:bank-feed"
async def import_points(
    issuer_code: str, location: str, *, channel_slug: str | None = None, error_location: str | None = None,
    batch_size: int = BATCH_SIZE, progress: Callable[[int], None] | None = None,
    environ: Mapping[str, str] = os.environ,
) -> ImportSummary:
    """`progress` is called with the number of bytes read since its last call."""
    issuer = await find_issuer(issuer_code)
    channel = await points_channel(issuer, channel_slug)
    source = open_source(location, environ)
    errors = ErrorFile(error_location or default_error_location(location), None, environ)
    try:
        records = _records(source, location, errors)
        zone = time_zone(issuer)
        job = BatchedImport(lambda fields: parse_points_record(fields, zone),
                            lambda rows: _book_batch(issuer, channel, rows), errors, batch_size,
                            reporter(source, progress))
        counts = await job.run(records)
    finally:
        close_source(source)
        errors.close()
    return ImportSummary(counts, errors.location if errors.rows_written else None,
                         ("credited", "reversed", "unchanged"))


def _records(source: LineSource, location: str, errors: ErrorFile) -> Iterator[RawRecord]:
    if is_json_lines(location):
        return json_line_records(source)
    header, records = csv_records(source, REQUIRED_COLUMNS)
    errors.header = header
    return records


async def _book_batch(issuer: Issuer, channel: Channel, rows: list[BankPoints]) -> BatchResult:
    result = BatchResult()
    members = {m.customer_reference: m for m in await Member.filter(
        issuer_id=issuer.id, customer_reference__in=sorted({row.customer_reference for row in rows}))}
    await ledger.lock_member_wallets(channel, [m.user_id for m in members.values()])  # type: ignore[attr-defined]
    now = clock.now()
    for index, row in enumerate(rows):
        member = members.get(row.customer_reference)
        if member is None:
            result.refused[index] = f"issuer {issuer.code} has no member '{row.customer_reference}'"
            continue
        try:
            async with in_transaction():  # a savepoint: a refused record leaves the others standing
                booked = await book_bank_points(issuer, channel, row, FEED_ACTOR, member=member, now=now)
        except DomainError as refusal:
            result.refused[index] = "; ".join(f"{d.message} ({d.code})" for d in refusal.details)
            continue
        result.counts["unchanged" if booked.replayed else "reversed" if row.points < 0 else "credited"] += 1
    return result
