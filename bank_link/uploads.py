"""A roster or points feed sent through the API (the console's upload) rather than by `mall bank import-*`.

The file is written to a private scratch folder, imported by the same code as the CLI (batches, idempotence,
error file), and the refused rows are handed back as the error file's bytes, so bank staff download them at
once; nothing of the upload stays on disk. Files bigger than an upload allows go through the CLI (from a path
or S3).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bank_link.errors import UploadErrorCode
from bank_link.files import BankFileError
from bank_link.member_import import ImportSummary, import_members
from bank_link.points_import import import_points
from kernel.errors import DomainError

JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")


class UploadKind(StrEnum):
    MEMBERS = "members"
    POINTS = "points"


@dataclass(frozen=True)
class UploadedImport:
    summary: ImportSummary
    error_file_name: str | None
    error_file: bytes | None


def _scratch_name(filename: str, kind: UploadKind) -> str:
    """The name the importer reads: only the suffix of the sender's name matters (JSON lines or CSV)."""
    suffix = Path(filename).suffix.lower()
    if kind == UploadKind.POINTS and suffix in JSON_LINES_SUFFIXES:
        return f"upload{suffix}"
    return "upload.csv"


async def import_upload(issuer_code: str, kind: UploadKind, filename: str, content: bytes,
                        channel_slug: str | None = None) -> UploadedImport:
    """Import `content` as the issuer's roster or points feed; raises DomainError REQUIRED for an empty file,
    NOT_FOUND for an unknown issuer or channel, INVALID for an unreadable header."""
    if not content:
        raise DomainError.single("file", "Send a file.", UploadErrorCode.REQUIRED)
    folder = Path(tempfile.mkdtemp(prefix="mall-bank-upload-"))
    try:
        source = folder / _scratch_name(filename, kind)
        source.write_bytes(content)
        error_path = folder / f"{source.name}.errors{'.jsonl' if source.suffix in JSON_LINES_SUFFIXES else '.csv'}"
        try:
            if kind == UploadKind.MEMBERS:
                summary = await import_members(issuer_code, str(source), error_location=str(error_path))
            else:
                summary = await import_points(issuer_code, str(source), channel_slug=channel_slug,
                                              error_location=str(error_path))
        except BankFileError as error:  # a header the importer cannot use; never show the scratch folder
            raise DomainError.single("file", str(error).replace(str(source), filename),
                                     UploadErrorCode.INVALID) from error
        errors = error_path.read_bytes() if summary.error_location else None
        name = f"{Path(filename).stem or 'upload'}.errors{error_path.suffix}" if errors else None
        return UploadedImport(summary, name, errors)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
