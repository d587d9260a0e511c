"""What an acceptable product image is: a PNG, JPEG, GIF or WebP file that decodes in full, within a size and a
pixel budget. Nothing else is stored or served.

The type is read from the file's first bytes, never trusted from the client or the URL. Then the file is
decoded with Pillow, every frame of it: a file that only starts like an image (a PNG header and garbage, a
truncated upload, a broken chunk) is refused instead of being stored and served as an image. The pixel count
is checked from the header before anything is decoded, so a decompression bomb (a few kilobytes that expand to
gigabytes of pixels) is refused without being expanded.

Errors (DomainError, CatalogErrorCode), on `field`:
    INVALID                    empty, or damaged: it does not decode as the type its bytes announce
    UNSUPPORTED_MIME_TYPE      not a PNG, JPEG, GIF or WebP file
    FILE_SIZE_LIMIT_EXCEEDED   more than MAX_IMAGE_BYTES, or more than MAX_IMAGE_PIXELS (all frames together)
"""

from __future__ import annotations

import io

from PIL import Image

from catalog.errors import CatalogErrorCode
from kernel.errors import DomainError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
# 40 megapixels, every frame counted: an 8K photo fits; decoding it takes about 160 MB at 4 bytes a pixel.
MAX_IMAGE_PIXELS = 40_000_000
TOO_LARGE = f"Images can be at most {MAX_IMAGE_BYTES // (1024 * 1024)} MB."
TOO_MANY_PIXELS = f"Images can be at most {MAX_IMAGE_PIXELS // 1_000_000} megapixels."
DAMAGED = "The file is not a readable image: it is damaged or incomplete."
# signature, content type, extension, Pillow's format name
SIGNATURES: tuple[tuple[bytes, str, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png", "PNG"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg", "JPEG"),
    (b"GIF87a", "image/gif", "gif", "GIF"),
    (b"GIF89a", "image/gif", "gif", "GIF"),
)
WEBP = ("image/webp", "webp", "WEBP")
# What Pillow raises for a file it cannot decode (SyntaxError: its parsers' "broken PNG file").
DECODING_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError)


def sniff_image(content: bytes, field: str) -> tuple[str, str]:
    """(content type, extension) of an image, from its bytes; nothing is decoded."""
    content_type, extension, _ = _sniff(content, field)
    return content_type, extension


def check_image(content: bytes, field: str) -> tuple[str, str]:
    """(content type, extension) of an image that decodes in full within the budgets; CPU-bound, so callers
    run it in a thread."""
    content_type, extension, image_format = _sniff(content, field)
    try:
        _verify(content, image_format)
        _decode(content, image_format, field)
    except Image.DecompressionBombError as error:
        raise DomainError.single(field, TOO_MANY_PIXELS, CatalogErrorCode.FILE_SIZE_LIMIT_EXCEEDED) from error
    except DECODING_ERRORS as error:
        raise DomainError.single(field, DAMAGED, CatalogErrorCode.INVALID) from error
    return content_type, extension


def _sniff(content: bytes, field: str) -> tuple[str, str, str]:
    if not content:
        raise DomainError.single(field, "The file is empty.", CatalogErrorCode.INVALID)
    if len(content) > MAX_IMAGE_BYTES:
        raise DomainError.single(field, TOO_LARGE, CatalogErrorCode.FILE_SIZE_LIMIT_EXCEEDED)
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return WEBP
    for signature, content_type, extension, image_format in SIGNATURES:
        if content.startswith(signature):
            return content_type, extension, image_format
    raise DomainError.single(
        field, "Only PNG, JPEG, GIF and WebP images are accepted.", CatalogErrorCode.UNSUPPORTED_MIME_TYPE
    )


def _verify(content: bytes, image_format: str) -> None:
    """Pillow's structural check (chunk checksums, the end of a PNG), which decoding alone skips."""
    with Image.open(io.BytesIO(content), formats=[image_format]) as image:
        image.verify()


def _decode(content: bytes, image_format: str, field: str) -> None:
    """Decode every frame, once the header says the pixels fit the budget."""
    with Image.open(io.BytesIO(content), formats=[image_format]) as image:
        frames = getattr(image, "n_frames", 1)
        if image.width * image.height * frames > MAX_IMAGE_PIXELS:
            raise DomainError.single(field, TOO_MANY_PIXELS, CatalogErrorCode.FILE_SIZE_LIMIT_EXCEEDED)
        for frame in range(frames):
            image.seek(frame)
            image.load()
