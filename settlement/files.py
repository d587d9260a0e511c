"""Statement files: a CSV and a JSON file per statement, and a manifest with their SHA-256, written to the
counterparty's storage (the local storage folder, or `s3://bucket/prefix`).

Files are streamed: lines are read from the database in pages of LINE_PAGE_SIZE, written to a temporary
file while their hash is computed, and the file is handed to storage from disk. A statement of a million
lines never sits in memory. Writing is idempotent: a statement's files are written once and recorded;
a run that failed to write them is retried by running the period again.

Raises StorageError (mall.storage) when the storage refuses a file.
"""

from __future__ import annotations

import csv
import hashlib
import json
import tempfile
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from mall import sql
from mall.storage import LocalFolderStorage, ObjectStorage, S3Storage, s3_client
from settlement.issuer.statements import cash
from settlement.models import FileKind, Statement, StatementFile

LINE_PAGE_SIZE = 5_000
CONTENT_TYPES = {FileKind.CSV: "text/csv", FileKind.JSON: "application/json", FileKind.MANIFEST: "application/json"}
CSV_COLUMNS = (
    "line_id", "kind", "reference", "order_number", "order_id", "order_line_id", "product_sku", "channel_id",
    "points_captured", "points_refunded", "points_net", "quantity", "unit_cost", "points_value", "amount", "sources",
)
PAGE_OF_LINES = (
    "SELECT id, kind, reference, order_number, order_id, order_line_id, product_sku, channel_id, points_captured,"
    " points_refunded, quantity, unit_cost, points_value, amount_micros FROM settlement_statement_line"
    " WHERE statement_id = $1 AND id > $2 ORDER BY id LIMIT $3"
)
SOURCES_OF_PAGE = (
    "SELECT line_id, source FROM settlement_statement_entry WHERE statement_id = $1 AND line_id >= $2"
    " AND line_id <= $3 ORDER BY line_id, id"
)


@dataclass(frozen=True)
class Destination:
    storage: ObjectStorage
    location: str  # as configured: "" for the default storage, or s3://bucket/prefix
    prefix: str


def destination_for(location: str, settings: Any) -> Destination:
    """Where a counterparty's files go: `s3://bucket/prefix` through boto3, otherwise the mall's own storage,
    but never its public media folder or a public bucket URL: statements are private (S3 links are presigned,
    local files' links are signed by the mall: settlement/downloads.py)."""
    if location.startswith("s3://"):
        bucket, _, prefix = location.removeprefix("s3://").partition("/")
        return Destination(S3Storage(s3_client(settings.extra), bucket), location, prefix.strip("/"))
    if settings.extra.get("STORAGE_BACKEND", "local").lower() == "s3":
        return Destination(S3Storage(s3_client(settings.extra), settings.extra["S3_BUCKET"]), location, "private")
    return Destination(LocalFolderStorage(settings.var_dir / "settlements", settings.public_url), location, "")


def statement_key(statement: Statement, destination: Destination, suffix: str) -> str:
    name = f"settlements/{statement.kind}/{statement.counterparty_code}/{statement.period}/statement-{statement.id}"
    return "/".join(part for part in (destination.prefix, f"{name}{suffix}") if part)


async def line_pages(statement_id: int) -> AsyncIterator[list[dict[str, Any]]]:
    """The statement's lines, page by page in id order, each with its entries' sources."""
    after = 0
    while True:
        rows = await sql.fetch(PAGE_OF_LINES, statement_id, after, LINE_PAGE_SIZE)
        if not rows:
            return
        sources: dict[int, list[str]] = {}
        for entry in await sql.fetch(SOURCES_OF_PAGE, statement_id, rows[0]["id"], rows[-1]["id"]):
            sources.setdefault(int(entry["line_id"]), []).append(entry["source"])
        yield [_line_record(row, sources.get(int(row["id"]), [])) for row in rows]
        after = int(rows[-1]["id"])


def _line_record(row: Mapping[str, Any], sources: list[str]) -> dict[str, Any]:
    unit_cost = row["unit_cost"]
    return {
        "line_id": int(row["id"]), "kind": row["kind"], "reference": row["reference"],
        "order_number": row["order_number"], "order_id": row["order_id"], "order_line_id": row["order_line_id"],
        "product_sku": row["product_sku"], "channel_id": int(row["channel_id"]),
        "points_captured": int(row["points_captured"]), "points_refunded": int(row["points_refunded"]),
        "points_net": int(row["points_captured"]) - int(row["points_refunded"]), "quantity": int(row["quantity"]),
        "unit_cost": None if unit_cost is None else str(unit_cost), "points_value": int(row["points_value"]),
        "amount": str(cash(int(row["amount_micros"]))), "sources": sources,
    }


def statement_summary(statement: Statement) -> dict[str, Any]:
    return {
        "id": statement.id, "kind": str(statement.kind), "counterparty": statement.counterparty_code,
        "period": statement.period, "time_zone": statement.time_zone,
        "period_start": statement.period_start.isoformat(), "period_end": statement.period_end.isoformat(),
        "currency": statement.currency, "points_captured": statement.points_captured,
        "points_refunded": statement.points_refunded, "points_net": statement.points_net,
        "cash_value_per_point": None if statement.cash_value_per_point is None else str(statement.cash_value_per_point),
        "gross_amount": str(statement.gross_amount), "returns_amount": str(statement.returns_amount),
        "fee_amount": str(statement.fee_amount), "amount_due": str(statement.amount_due),
        "liability": {
            "opening": statement.liability_opening, "accrued": statement.liability_accrued,
            "adjusted": statement.liability_adjusted, "redeemed": statement.liability_redeemed,
            "expired": statement.liability_expired, "closing": statement.liability_closing,
        },
        "line_count": statement.line_count,
    }


class HashingWriter:
    """A text file that hashes what is written to it."""

    def __init__(self, handle: TextIO) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()
        self.size_bytes = 0

    def write(self, text: str) -> int:
        data = text.encode()
        self.digest.update(data)
        self.size_bytes += len(data)
        self.handle.write(text)
        return len(text)


async def _write_csv(statement: Statement, writer: HashingWriter) -> None:
    rows = csv.writer(writer, lineterminator="\n")
    rows.writerow(CSV_COLUMNS)
    async for page in line_pages(statement.id):
        for record in page:
            rows.writerow([" ".join(record["sources"]) if column == "sources" else _csv_value(record[column])
                           for column in CSV_COLUMNS])


def _csv_value(value: Any) -> Any:
    return "" if value is None else value


async def _write_json(statement: Statement, writer: HashingWriter) -> None:
    writer.write('{"statement": ' + json.dumps(statement_summary(statement)) + ', "lines": [')
    first = True
    async for page in line_pages(statement.id):
        for record in page:
            writer.write(("" if first else ",\n") + json.dumps(record))
            first = False
    writer.write("]}\n")


async def _write_one(statement: Statement, destination: Destination, kind: FileKind, folder: Path) -> StatementFile:
    suffix = {FileKind.CSV: ".csv", FileKind.JSON: ".json", FileKind.MANIFEST: ".manifest.json"}[kind]
    path = folder / f"statement{suffix}"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = HashingWriter(handle)
        if kind == FileKind.CSV:
            await _write_csv(statement, writer)
        else:
            await _write_json(statement, writer)
    key = statement_key(statement, destination, suffix)
    await destination.storage.put_file(key, path, CONTENT_TYPES[kind])
    return StatementFile(statement_id=statement.id, kind=kind, location=destination.location, key=key,
                         sha256=writer.digest.hexdigest(), size_bytes=writer.size_bytes)


async def _write_manifest(
    statement: Statement, destination: Destination, files: list[StatementFile], folder: Path
) -> StatementFile:
    manifest = {
        "statement": statement_summary(statement),
        "files": [{"kind": str(f.kind), "key": f.key, "sha256": f.sha256, "size_bytes": f.size_bytes} for f in files],
    }
    content = json.dumps(manifest, indent=2).encode()
    key = statement_key(statement, destination, ".manifest.json")
    path = folder / "manifest.json"
    path.write_bytes(content)
    await destination.storage.put_file(key, path, CONTENT_TYPES[FileKind.MANIFEST])
    return StatementFile(statement_id=statement.id, kind=FileKind.MANIFEST, location=destination.location, key=key,
                         sha256=hashlib.sha256(content).hexdigest(), size_bytes=len(content))


async def write_statement_files(statement: Statement, destination: Destination) -> list[StatementFile]:
    """Write the statement's CSV, JSON and manifest (unless already written) and record them.

    Raises StorageError when the storage refuses a file (nothing is recorded then: a re-run retries).
    Two runs writing the same statement's files at once write the same bytes; the first to record them wins.
    """
    existing = await StatementFile.filter(statement_id=statement.id).order_by("id")
    if existing:
        return list(existing)
    with tempfile.TemporaryDirectory(prefix="statement-") as temporary:
        folder = Path(temporary)
        files = [await _write_one(statement, destination, kind, folder) for kind in (FileKind.CSV, FileKind.JSON)]
        files.append(await _write_manifest(statement, destination, files, folder))
    try:
        async with in_transaction():
            for file in files:
                await file.save()
    except IntegrityError:  # a concurrent run wrote the same files (same content) and recorded them first
        return list(await StatementFile.filter(statement_id=statement.id).order_by("id"))
    return files
