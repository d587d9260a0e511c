"""Only images that decode in full, within the size and pixel budgets, are accepted (issue #16, defect 9)."""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from PIL import Image

from catalog.models import ProductMedia
from catalog.services.images import DAMAGED, TOO_MANY_PIXELS, check_image
from catalog.services.media import add_image
from kernel.errors import DomainError
from mall.storage import LocalFolderStorage
from tests.catalog.services.builders import gift

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def blank_png(width: int, height: int) -> bytes:
    """A black 1-bit PNG written by hand, so a huge one costs the test little: a row of zero bits compresses
    about a thousand times (8000 x 8000 pixels are 8 MB of rows and 8 KB of file)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = (b"\x00" + bytes((width + 7) // 8)) * height
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, 9)) + _chunk(b"IEND", b"")


def saved_by_pillow(image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(buffer, image_format)
    return buffer.getvalue()


def refusal(content: bytes) -> tuple[str, str]:
    with pytest.raises(DomainError) as raised:
        check_image(content, "image")
    detail = raised.value.details[0]
    return detail.code, detail.message


@pytest.mark.parametrize(("image_format", "expected"), [
    ("PNG", ("image/png", "png")),
    ("JPEG", ("image/jpeg", "jpg")),
    ("GIF", ("image/gif", "gif")),
    ("WEBP", ("image/webp", "webp")),
])
def test_an_image_that_decodes_is_accepted_with_the_type_its_bytes_say(image_format, expected):
    assert check_image(saved_by_pillow(image_format), "image") == expected


def test_a_png_header_followed_by_garbage_is_refused_as_damaged():
    assert refusal(PNG_SIGNATURE + b"garbage after the header" * 40) == ("INVALID", DAMAGED)


def _flip_last_data_byte(png: bytes) -> bytes:
    position = png.index(b"IEND") - 9  # the last byte of the IDAT data, before its checksum
    return png[:position] + bytes([png[position] ^ 0xFF]) + png[position + 1:]


@pytest.mark.parametrize("damage", [
    lambda png: png[: len(png) // 2],  # truncated upload
    lambda png: png[: png.index(b"IEND") - 4],  # no end chunk
    _flip_last_data_byte,  # checksum no longer matches
    lambda png: saved_by_pillow("JPEG")[:20] + b"\x00" * 200,  # a JPEG header and zeros
    lambda png: b"GIF89a" + b"\xff" * 200,  # a GIF header and garbage
], ids=["truncated", "no-end", "bad-checksum", "jpeg-header", "gif-header"])
def test_damaged_images_are_refused(damage):
    assert refusal(damage(saved_by_pillow("PNG"))) == ("INVALID", DAMAGED)


def test_a_decompression_bomb_is_refused_without_being_expanded():
    # given: 64 million pixels in a file of a few kilobytes
    bomb = blank_png(8000, 8000)
    started = time.monotonic()

    # when
    refused = refusal(bomb)

    # then
    assert len(bomb) < 20_000
    assert refused == ("FILE_SIZE_LIMIT_EXCEEDED", TOO_MANY_PIXELS)
    assert time.monotonic() - started < 1


def test_a_header_claiming_billions_of_pixels_is_refused():
    # given: a header saying 100,000 x 100,000 and a few bytes of data
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * 64)
    claim = PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")

    # when
    refused = refusal(claim)

    # then
    assert refused == ("FILE_SIZE_LIMIT_EXCEEDED", TOO_MANY_PIXELS)


def test_an_image_within_the_pixel_budget_is_accepted():
    assert check_image(blank_png(6000, 6000), "image") == ("image/png", "png")


async def test_a_damaged_upload_stores_nothing(tmp_path):
    # given
    storage = LocalFolderStorage(tmp_path, "http://mall.test")
    product = await gift()

    # when
    with pytest.raises(DomainError) as raised:
        await add_image(storage, product, PNG_SIGNATURE + b"garbage" * 40, "Kettle")

    # then
    assert raised.value.details[0].code == "INVALID"
    assert await ProductMedia.all().count() == 0
    assert list(tmp_path.iterdir()) == []
