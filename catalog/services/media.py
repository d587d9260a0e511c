"""Product media: images uploaded (multipart) or fetched from a URL, kept in the storage backend.

The type is read from the file's first bytes, not trusted from the client.

Errors (DomainError codes, ProductErrorCode): UNSUPPORTED_MIME_TYPE, FILE_SIZE_LIMIT_EXCEEDED, INVALID
(unreachable URL or empty file), NOT_FOUND.
"""

from __future__ import annotations

import uuid

import httpx

from catalog.models import Product, ProductMedia
from kernel.errors import DomainError
from mall.storage import ObjectStorage, StorageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 10
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
)


def sniff_image(content: bytes, field: str) -> tuple[str, str]:
    """(content type, extension) of an image, from its bytes."""
    if not content:
        raise DomainError.single(field, "The file is empty.", "INVALID")
    if len(content) > MAX_IMAGE_BYTES:
        raise DomainError.single(
            field, f"Images can be at most {MAX_IMAGE_BYTES // (1024 * 1024)} MB.", "FILE_SIZE_LIMIT_EXCEEDED"
        )
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp", "webp"
    for signature, content_type, extension in SIGNATURES:
        if content.startswith(signature):
            return content_type, extension
    raise DomainError.single(field, "Only PNG, JPEG, GIF and WebP images are accepted.", "UNSUPPORTED_MIME_TYPE")


async def add_image(
    storage: ObjectStorage, product: Product, content: bytes, alt: str, field: str = "image"
) -> ProductMedia:
    content_type, extension = sniff_image(content, field)
    key = f"products/{product.id}/{uuid.uuid4().hex}.{extension}"
    try:
        await storage.put(key, content, content_type)
    except StorageError as error:
        raise DomainError.single(field, "The image could not be stored, try again.", "INVALID") from error
    position = await ProductMedia.filter(product_id=product.id).count()
    return await ProductMedia.create(product=product, storage_key=key, alt=alt[:250], sort_order=position)


async def fetch_image(url: str, client: httpx.AsyncClient) -> bytes:
    """Download an image, refusing anything larger than the limit while it streams."""
    if not url.startswith(("http://", "https://")):
        raise DomainError.single("mediaUrl", "Use an http or https URL.", "INVALID")
    try:
        async with client.stream("GET", url, timeout=FETCH_TIMEOUT_SECONDS, follow_redirects=True) as reply:
            if reply.status_code != 200:
                raise DomainError.single("mediaUrl", f"The URL answered {reply.status_code}.", "INVALID")
            chunks, size = [], 0
            async for chunk in reply.aiter_bytes():
                size += len(chunk)
                if size > MAX_IMAGE_BYTES:
                    raise DomainError.single("mediaUrl", "The image is too large.", "FILE_SIZE_LIMIT_EXCEEDED")
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.HTTPError as error:
        raise DomainError.single("mediaUrl", "The URL could not be fetched.", "INVALID") from error


async def delete_media(storage: ObjectStorage, media: ProductMedia) -> None:
    if media.storage_key:
        await storage.delete(media.storage_key)
    await media.delete()
