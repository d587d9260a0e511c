"""Download links for statement files kept in the mall's private local folder.

S3 presigns its links; a local folder cannot, and statements must never sit in the public media folder. So the
mall signs its own: `/settlement-files/<file id>?expires=<unix seconds>&signature=<hex HMAC-SHA256>` over the
file id and the expiry with the mall's SECRET_KEY. The link is handed out only by the API's statement fields,
which answer only those who may read the statement (its counterparty's staff, the operator); like a presigned
S3 link it works for whoever holds it until it expires, an hour later.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response

from kernel import clock
from mall.storage import LocalFolderStorage, StorageError, check_key
from settlement.files import CONTENT_TYPES, destination_for
from settlement.models import FileKind, StatementFile

LINK_SECONDS = 3600  # as long as S3's presigned links (mall/storage.py)
PATH = "/settlement-files"


def _signature(secret: str, file_id: int, expires: int) -> str:
    message = f"settlement-file:{file_id}:{expires}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_link(settings: Any, file_id: int) -> str:
    """A link to the file that works for LINK_SECONDS from now."""
    expires = int(clock.timestamp()) + LINK_SECONDS
    signature = _signature(settings.secret_key, file_id, expires)
    return f"{settings.public_url.rstrip('/')}{PATH}/{file_id}?expires={expires}&signature={signature}"


def download_link(statement_file: StatementFile, settings: Any) -> str | None:
    """Where the statement's reader downloads the file: S3's presigned link, or the mall's signed one for the
    local folder. Raises StorageError when S3 cannot sign."""
    storage = destination_for(statement_file.location, settings).storage
    if isinstance(storage, LocalFolderStorage):
        return signed_link(settings, statement_file.id)
    return storage.url(statement_file.key)


def link_is_valid(secret: str, file_id: int, expires: str, signature: str) -> bool:
    """Whether the link was signed by this mall for this file and has not expired yet."""
    if not expires.isdigit() or int(expires) < clock.timestamp():
        return False
    return hmac.compare_digest(signature, _signature(secret, file_id, int(expires)))


def _refused() -> Response:
    # One answer for unknown files, bad signatures and expired links: a link tells nothing about what exists.
    return JSONResponse({"error": "This link is not valid or has expired."}, status_code=404)


def settlement_file_endpoint(settings: Any) -> Callable[[Request], Awaitable[Response]]:
    """GET /settlement-files/{id}: the file as an attachment, for a link `signed_link` made."""

    async def download(request: Request) -> Response:
        raw_id = str(request.path_params.get("id", ""))
        query = request.query_params
        if not raw_id.isdigit() or len(raw_id) > 18:
            return _refused()
        file_id = int(raw_id)
        if not link_is_valid(settings.secret_key, file_id, query.get("expires", ""), query.get("signature", "")):
            return _refused()
        statement_file = await StatementFile.get_or_none(id=file_id)
        if statement_file is None:
            return _refused()
        storage = destination_for(statement_file.location, settings).storage
        if not isinstance(storage, LocalFolderStorage):  # S3 files have S3's own presigned links
            return _refused()
        try:
            path = storage.root / check_key(statement_file.key)
        except StorageError:
            return _refused()
        if not path.is_file():
            return _refused()
        return FileResponse(path, media_type=CONTENT_TYPES[FileKind(statement_file.kind)],
                            filename=path.name, headers={"Cache-Control": "private, no-store"})

    return download
