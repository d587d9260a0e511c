"""Product media: images uploaded (multipart) or fetched from a URL, kept in the storage backend.

The type is read from the file's first bytes, not trusted from the client.

A URL is fetched through kernel/outbound.py: public addresses only (unless the settings name the host), on
every redirect too, within a deadline and the size limit.

Errors (DomainError codes, ProductErrorCode): UNSUPPORTED_MIME_TYPE, FILE_SIZE_LIMIT_EXCEEDED, INVALID
(a URL that is refused or cannot be fetched, one message for every cause; an empty file), NOT_FOUND.
"""

from __future__ import annotations

import logging
import uuid

from catalog.models import Product, ProductMedia
from kernel.outbound import FetchLimits, FetchRefused, FetchTooLarge, OutboundPolicy, Resolver, fetch, system_resolver
from mall.graphql.errors import DomainError
from mall.storage import ObjectStorage, StorageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
FETCH_LIMITS = FetchLimits(max_bytes=MAX_IMAGE_BYTES, timeout_seconds=10, max_redirects=3)
UNFETCHABLE = "The image could not be fetched from this URL."
TOO_LARGE = f"Images can be at most {MAX_IMAGE_BYTES // (1024 * 1024)} MB."
log = logging.getLogger("mall.catalog.media")
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
        raise DomainError.single(field, TOO_LARGE, "FILE_SIZE_LIMIT_EXCEEDED")
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


async def fetch_image(url: str, policy: OutboundPolicy, resolver: Resolver = system_resolver) -> bytes:
    """Download an image from a public address (or a host `policy` allows), at most MAX_IMAGE_BYTES.

    Every failure answers the same error, whatever its cause (an address on the mall's network, a closed
    port, a 404, a timeout): what the mall can reach must not be mapped from its answers. The cause is logged.
    """
    try:
        return await fetch(url, policy, FETCH_LIMITS, resolver)
    except FetchTooLarge as error:
        raise DomainError.single("mediaUrl", TOO_LARGE, "FILE_SIZE_LIMIT_EXCEEDED") from error
    except FetchRefused as error:
        log.info("media URL not fetched: %s", error)
        raise DomainError.single("mediaUrl", UNFETCHABLE, "INVALID") from error


async def delete_media(storage: ObjectStorage, media: ProductMedia) -> None:
    if media.storage_key:
        await storage.delete(media.storage_key)
    await media.delete()
