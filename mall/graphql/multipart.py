"""Multipart requests (graphql-multipart-request-spec): `operations` JSON, a `map` of file parts to the
variables they fill, and the files.

Every malformed request is refused with `InvalidMultipart` (answered 400 by the view): a map that is not an
object of path lists, a part that is not a file, a path naming nothing in `operations`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from starlette.datastructures import UploadFile
from starlette.requests import Request

MAX_UPLOAD_FILES = 10
MAX_UPLOAD_FIELDS = 20


class InvalidMultipart(ValueError):
    """The request is not a well-formed multipart GraphQL request; the message says why."""


@dataclass(frozen=True)
class UploadedFile:
    """A file sent with a multipart request, read into memory (the body size limit bounds it)."""

    filename: str
    content_type: str
    content: bytes


def is_multipart(request: Request) -> bool:
    return request.headers.get("content-type", "").startswith("multipart/form-data")


async def read_multipart(request: Request) -> Any:
    """The operations with each mapped file put in place of the null its paths name."""
    form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=MAX_UPLOAD_FIELDS)
    try:
        operations = orjson.loads(str(form.get("operations") or ""))
        file_map = orjson.loads(str(form.get("map") or "{}"))
    except orjson.JSONDecodeError as error:
        raise InvalidMultipart("Invalid multipart request: operations and map must be JSON.") from error
    for part, paths in _checked_map(file_map).items():
        upload = form.get(part)
        if not isinstance(upload, UploadFile):
            raise InvalidMultipart(f"Invalid multipart request: the map names a missing file part {part!r}.")
        uploaded = UploadedFile(upload.filename or part, upload.content_type or "", await upload.read())
        for path in paths:
            place(operations, path, uploaded)
    return operations


def _checked_map(file_map: Any) -> dict[str, list[str]]:
    if not isinstance(file_map, dict) or not all(
        isinstance(paths, list) and all(isinstance(path, str) for path in paths) for paths in file_map.values()
    ):
        raise InvalidMultipart("Invalid multipart request: map must be an object of path lists.")
    return file_map


def place(operations: Any, path: str, value: Any) -> None:
    """Put `value` at a dotted path such as variables.input.image or 0.variables.files.1 (in a batch).

    The spec has clients send null where each file goes: a path that names anything else is refused,
    so a file can never add a key the client did not write or overwrite one it did."""
    keys = path.split(".")
    container = operations
    for key in keys[:-1]:
        container = container[_slot(container, key, path)]
    slot = _slot(container, keys[-1], path)
    if container[slot] is not None:
        raise InvalidMultipart(f"Invalid multipart request: {path!r} does not name a null to put a file in.")
    container[slot] = value


def _slot(container: Any, key: str, path: str) -> Any:
    """`key` as an index of `container` that exists; raises InvalidMultipart otherwise."""
    if isinstance(container, dict) and key in container:
        return key
    if isinstance(container, list) and key.isascii() and key.isdigit() and int(key) < len(container):
        return int(key)
    raise InvalidMultipart(f"Invalid multipart request: {path!r} names nothing in operations.")
