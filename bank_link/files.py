"""Bank files: reading an import file as a stream of lines (local path or s3://bucket/key), and writing
the error file beside it.

Reading never holds more than one chunk and one line in memory, and counts the bytes it has read so a
progress bar can follow. S3 goes through boto3 (`S3_ENDPOINT_URL` for any S3-compatible store).

Errors: `BankFileError` for a file that cannot be opened, read or written (missing, refused by S3).
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from mall.storage import s3_client

if TYPE_CHECKING:
    from bank_link.imports import RawRecord

CHUNK_BYTES = 1 << 16


class BankFileError(Exception):
    pass


def parse_s3_uri(location: str) -> tuple[str, str] | None:
    """(bucket, key) of an s3:// URI, None for a local path."""
    if not location.startswith("s3://"):
        return None
    bucket, _, key = location[len("s3://"):].partition("/")
    if not bucket or not key:
        raise BankFileError(f"{location} is not an s3://bucket/key URI")
    return bucket, key


@dataclass
class LineSource:
    """The lines of a file, decoded as UTF-8 (a leading byte order mark is dropped).

    Bytes that are not UTF-8 (a GBK export, a truncated character) are kept as lone surrogates
    (`surrogateescape`), never replaced: the record that holds them is refused (imports.NOT_UTF8) and the
    error file gets the original bytes back."""

    stream: IO[bytes] | Any
    size_bytes: int | None
    bytes_read: int = 0
    _pending: bytes = field(default=b"", repr=False)

    def lines(self) -> Iterator[str]:
        first = True
        for raw in self._raw_lines():
            self.bytes_read += len(raw)
            text = raw.decode("utf-8", errors="surrogateescape")
            if first:
                text, first = text.removeprefix("\ufeff"), False
            yield text

    def _raw_lines(self) -> Iterator[bytes]:
        while True:
            chunk = self.stream.read(CHUNK_BYTES)
            if not chunk:
                break
            parts = (self._pending + chunk).split(b"\n")
            self._pending = parts.pop()
            yield from (part + b"\n" for part in parts)
        if self._pending:
            yield self._pending


def open_source(location: str, environ: Mapping[str, str] = os.environ) -> LineSource:
    """Raises BankFileError when the file cannot be opened."""
    s3 = parse_s3_uri(location)
    try:
        if s3 is None:
            return LineSource(open(location, "rb"), os.path.getsize(location))
        reply = s3_client(environ).get_object(Bucket=s3[0], Key=s3[1])
        return LineSource(reply["Body"], int(reply.get("ContentLength") or 0) or None)
    except Exception as error:  # OSError, botocore's ClientError: one type for the command to report
        raise BankFileError(f"cannot read {location}: {error}") from error


def source_size(location: str, environ: Mapping[str, str] = os.environ) -> int | None:
    """The file's size in bytes, for a progress bar; None when it cannot be known."""
    s3 = parse_s3_uri(location)
    try:
        if s3 is None:
            return os.path.getsize(location)
        return int(s3_client(environ).head_object(Bucket=s3[0], Key=s3[1])["ContentLength"])
    except Exception:  # the import itself reports an unreadable file
        return None


def close_source(source: LineSource) -> None:
    source.stream.close()


JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")


def is_json_lines(location: str) -> bool:
    return location.lower().endswith(JSON_LINES_SUFFIXES)


def default_error_location(location: str) -> str:
    return f"{location}.errors.{'jsonl' if is_json_lines(location) else 'csv'}"


class ErrorFile:
    """Refused records, created on the first one: for a CSV import a CSV file (the original columns, then
    `error`), for a JSON lines import JSON lines (the original object with an `error` key added, or
    `{"line": ..., "error": ...}` for a line that is not a JSON object).

    For an s3:// location the rows go to a local temporary file, uploaded (streamed) when it is closed.
    """

    def __init__(self, location: str, header: list[str] | None, environ: Mapping[str, str] = os.environ) -> None:
        self.location = location
        self.header = header  # None: JSON lines
        self.environ = environ
        self.rows_written = 0
        self._file: IO[str] | None = None
        self._writer: Any = None
        self._upload_from: str | None = None

    def write_record(self, record: RawRecord, reason: str) -> None:
        if self._file is None:
            self._open()
        assert self._file is not None
        if self.header is not None:
            original = record.original if isinstance(record.original, list) else []
            self._writer.writerow([*original, reason])
        elif isinstance(record.original, dict):
            self._file.write(json.dumps({**record.original, "error": reason}, ensure_ascii=False) + "\n")
        else:
            self._file.write(json.dumps({"line": record.original, "error": reason}, ensure_ascii=False) + "\n")
        self.rows_written += 1

    def _open(self) -> None:
        path = self.location
        if parse_s3_uri(self.location) is not None:
            descriptor, path = tempfile.mkstemp(suffix=".errors.csv")
            os.close(descriptor)
            self._upload_from = path
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        # surrogateescape writes a refused row's undecodable bytes back as they were in the bank's file
        self._file = open(path, "w", newline="", encoding="utf-8", errors="surrogateescape")  # noqa: SIM115
        if self.header is not None:
            self._writer = csv.writer(self._file, lineterminator="\n")
            self._writer.writerow([*self.header, "error"])

    def close(self) -> None:
        """Raises BankFileError when the upload to S3 fails."""
        if self._file is None:
            return
        self._file.close()
        self._file = None
        s3, local = parse_s3_uri(self.location), self._upload_from
        if s3 is None or local is None:
            return
        try:
            s3_client(self.environ).upload_file(local, s3[0], s3[1], ExtraArgs={"ContentType": "text/csv"})
        except Exception as error:
            raise BankFileError(f"cannot write {self.location}: {error}") from error
        finally:
            os.unlink(local)
