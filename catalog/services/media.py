"""Product media: images uploaded (multipart) or fetched from a URL, kept in the storage backend.

Only images that decode in full within the size and pixel budgets are stored (catalog/services/images.py).

A URL is fetched through kernel/outbound.py: public addresses only (unless the settings name the host), on
every redirect too, within a deadline and the size limit.

Errors (DomainError, CatalogErrorCode): UNSUPPORTED_MIME_TYPE, FILE_SIZE_LIMIT_EXCEEDED, INVALID
(a URL that is refused or cannot be fetched, one message for every cause; an empty or damaged file), NOT_FOUND.
"""

from __future__ import annotations

import asyncio
import logging
import uuid

from catalog.errors import CatalogErrorCode
from catalog.models import Product, ProductMedia
from catalog.services.images import MAX_IMAGE_BYTES, TOO_LARGE, check_image
from kernel.errors import DomainError
from kernel.outbound import FetchLimits, FetchRefused, FetchTooLarge, OutboundPolicy, Resolver, fetch, system_resolver
from mall.storage import ObjectStorage, StorageError

FETCH_LIMITS = FetchLimits(max_bytes=MAX_IMAGE_BYTES, timeout_seconds=10, max_redirects=3)
UNFETCHABLE = "The image could not be fetched from this URL."
log = logging.getLogger("mall.catalog.media")


async def add_image(
    storage: ObjectStorage, product: Product, content: bytes, alt: str, field: str = "image"
) -> ProductMedia:
    content_type, extension = await asyncio.to_thread(check_image, content, field)  # decoding takes CPU time
    key = f"products/{product.id}/{uuid.uuid4().hex}.{extension}"
    try:
        await storage.put(key, content, content_type)
    except StorageError as error:
        raise DomainError.single(
            field, "The image could not be stored, try again.", CatalogErrorCode.INVALID
        ) from error
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
        raise DomainError.single("media_url", TOO_LARGE, CatalogErrorCode.FILE_SIZE_LIMIT_EXCEEDED) from error
    except FetchRefused as error:
        log.info("media URL not fetched: %s", error)
        raise DomainError.single("media_url", UNFETCHABLE, CatalogErrorCode.INVALID) from error


async def delete_media(storage: ObjectStorage, media: ProductMedia) -> None:
    if media.storage_key:
        await storage.delete(media.storage_key)
    await media.delete()
