"""Object storage for media, statements, manifests and bank files: a local folder or S3 (boto3).

One small Protocol, two implementations. The local folder is the embedded default (served by the app at
`/media/`). S3 is used when STORAGE_BACKEND=s3 (any S3-compatible endpoint through S3_ENDPOINT_URL).

Errors: `StorageError` wraps every backend failure (disk full, S3 refused), so callers handle one type.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,400}$")


class StorageError(Exception):
    pass


def check_key(key: str) -> str:
    """Keys are relative paths without `..`: a key can never escape the storage root."""
    if not KEY_PATTERN.match(key) or ".." in key.split("/"):
        raise StorageError(f"Invalid storage key: {key!r}")
    return key


class ObjectStorage(Protocol):
    async def put(self, key: str, content: bytes, content_type: str) -> None: ...

    async def get(self, key: str) -> bytes: ...

    async def put_file(self, key: str, source: Path, content_type: str) -> None:
        """Store a file from disk without reading it into memory (large statements, bank files)."""
        ...

    async def delete(self, key: str) -> None: ...

    def url(self, key: str) -> str: ...


@dataclass
class LocalFolderStorage:
    root: Path
    public_base_url: str

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    async def put(self, key: str, content: bytes, content_type: str) -> None:
        path = self._path(key)
        try:
            await asyncio.to_thread(_write_file, path, content)
        except OSError as error:
            raise StorageError(str(error)) from error

    async def put_file(self, key: str, source: Path, content_type: str) -> None:
        path = self._path(key)
        try:
            await asyncio.to_thread(_copy_file, source, path)
        except OSError as error:
            raise StorageError(str(error)) from error

    async def get(self, key: str) -> bytes:
        try:
            return await asyncio.to_thread(self._path(key).read_bytes)
        except OSError as error:
            raise StorageError(str(error)) from error

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._path(key).unlink, missing_ok=True)

    def url(self, key: str) -> str:
        return f"{self.public_base_url.rstrip('/')}/media/{check_key(key)}"


def _write_file(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    temporary.write_bytes(content)
    temporary.replace(path)  # readers never see half a file


def _copy_file(source: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # A name of its own: two writers of the same key never share (or rename away) each other's part file.
    temporary = path.with_name(f"{path.name}.{uuid.uuid4().hex}.part")
    shutil.copyfile(source, temporary)
    temporary.replace(path)


@dataclass
class S3Storage:
    """S3 through boto3. boto3 is synchronous, so calls run in a thread."""

    client: Any
    bucket: str
    public_base_url: str | None = None
    url_expiry_seconds: int = 3600

    async def put(self, key: str, content: bytes, content_type: str) -> None:
        await self._call("put_object", Bucket=self.bucket, Key=check_key(key), Body=content, ContentType=content_type)

    async def put_file(self, key: str, source: Path, content_type: str) -> None:
        # upload_file streams the file (multipart for large ones) instead of holding it in memory.
        await self._call("upload_file", Filename=str(source), Bucket=self.bucket, Key=check_key(key),
                         ExtraArgs={"ContentType": content_type})

    async def get(self, key: str) -> bytes:
        reply = await self._call("get_object", Bucket=self.bucket, Key=check_key(key))
        return await asyncio.to_thread(reply["Body"].read)

    async def delete(self, key: str) -> None:
        await self._call("delete_object", Bucket=self.bucket, Key=check_key(key))

    def url(self, key: str) -> str:
        if self.public_base_url:
            return f"{self.public_base_url.rstrip('/')}/{check_key(key)}"
        return str(self.client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": check_key(key)}, ExpiresIn=self.url_expiry_seconds
        ))

    async def _call(self, operation: str, **arguments: Any) -> Any:
        from boto3.exceptions import Boto3Error  # upload_file's failures (S3UploadFailedError)
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return await asyncio.to_thread(getattr(self.client, operation), **arguments)
        except (BotoCoreError, ClientError, Boto3Error) as error:
            raise StorageError(f"{operation} failed: {error}") from error


def s3_client(environ: Mapping[str, str]) -> Any:
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=environ.get("S3_ENDPOINT_URL") or None,
        region_name=environ.get("AWS_REGION", "us-east-1"),
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}, retries={"max_attempts": 3}),
    )


def storage_from_settings(storage_dir: Path, public_url: str, environ: Mapping[str, str]) -> ObjectStorage:
    """The configured backend: STORAGE_BACKEND=s3 with S3_BUCKET, otherwise the local folder."""
    if environ.get("STORAGE_BACKEND", "local").lower() == "s3":
        bucket = environ.get("S3_BUCKET")
        if not bucket:
            raise ValueError("STORAGE_BACKEND=s3 needs S3_BUCKET")
        return S3Storage(s3_client(environ), bucket, environ.get("S3_PUBLIC_URL") or None)
    return LocalFolderStorage(storage_dir, public_url)


_storages: dict[tuple[str, ...], ObjectStorage] = {}


def storage_for(settings: Any) -> ObjectStorage:
    """The storage backend for `settings`, built once per configuration (an S3 client is costly to make)."""
    environ = settings.extra
    key = (
        str(settings.storage_dir),
        settings.public_url,
        environ.get("STORAGE_BACKEND", "local"),
        environ.get("S3_BUCKET", ""),
        environ.get("S3_ENDPOINT_URL", ""),
    )
    if key not in _storages:
        _storages[key] = storage_from_settings(settings.storage_dir, settings.public_url, environ)
    return _storages[key]
