"""Small generated product pictures for the demo: a wrapped gift box in the category's colours, as PNG.

Written with zlib alone (no imaging library): each row of pixels is a few repeated byte runs, so a few
hundred images take well under a second.
"""

from __future__ import annotations

import struct
import zlib

SIZE = 240
Colour = tuple[int, int, int]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _lighter(colour: Colour, amount: float) -> Colour:
    return tuple(int(c + (255 - c) * amount) for c in colour)  # type: ignore[return-value]


def gift_png(background: Colour, ribbon: Colour, variant: int) -> bytes:
    """A gift box on a plain background. `variant` shifts the box and ribbon so pictures differ."""
    box = _lighter(background, 0.55)
    margin = 40 + (variant % 5) * 4
    ribbon_width = 14 + (variant % 3) * 4
    ribbon_x = SIZE // 2 - ribbon_width // 2 + (variant % 7) - 3
    ribbon_y = SIZE // 2 - ribbon_width // 2
    lid = margin + 28 + (variant % 4) * 3
    background_row = bytes(background) * SIZE
    rows = []
    for y in range(SIZE):
        if y < margin or y >= SIZE - margin + 10:
            line = background_row
        elif ribbon_y <= y < ribbon_y + ribbon_width or lid <= y < lid + 6:
            line = bytes(background) * margin + bytes(ribbon) * (SIZE - 2 * margin) + bytes(background) * margin
        else:
            left = ribbon_x - margin
            right = SIZE - margin - ribbon_x - ribbon_width
            line = (
                bytes(background) * margin
                + bytes(box) * left
                + bytes(ribbon) * ribbon_width
                + bytes(box) * right
                + bytes(background) * margin
            )
        rows.append(b"\x00" + line)
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(rows), 6)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")
