"""Pictures drawn for the demo catalogue: one simple, recognisable drawing per category (a wok for
cookware, headphones for audio, a coffee cup for dining vouchers...) on the category's colours, as PNG.

Drawn with Pillow from a few shapes each, at twice the size and scaled down so edges are smooth; a gift's
`variant` turns the background's shade and the drawing's position a little, so pictures in one category
differ while staying recognisable. Nothing is downloaded: the shapes are the code below.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image, ImageDraw

SIZE = 240
SCALE = 2  # drawn at twice the size, then scaled down: smooth edges without an anti-aliasing library
Colour = tuple[int, int, int]
Box = tuple[float, float, float, float]


class Pen:
    """Draws on a 100x100 grid, whatever the canvas size, so each drawing reads as plain coordinates."""

    def __init__(self, draw: ImageDraw.ImageDraw, size: int, shift: tuple[float, float], ink: Colour, accent: Colour):
        self.draw, self.unit, self.shift, self.ink, self.accent = draw, size / 100, shift, ink, accent

    def _xy(self, *points: float) -> list[float]:
        return [(value + self.shift[index % 2]) * self.unit for index, value in enumerate(points)]

    def _width(self, width: float) -> int:
        return max(1, round(width * self.unit))

    def rect(self, box: Box, fill: Colour | None = None, radius: float = 0, outline: float = 0) -> None:
        colour = None if outline else fill or self.ink  # an outlined box is hollow
        self.draw.rounded_rectangle(
            self._xy(*box),
            radius=radius * self.unit,
            fill=colour,
            outline=self.ink if outline else None,
            width=self._width(outline) if outline else 0,
        )

    def ellipse(self, box: Box, fill: Colour | None = None) -> None:
        self.draw.ellipse(self._xy(*box), fill=fill or self.ink)

    def ring(self, box: Box, width: float, colour: Colour | None = None) -> None:
        self.draw.ellipse(self._xy(*box), outline=colour or self.ink, width=self._width(width))

    def arc(self, box: Box, start: float, end: float, width: float, colour: Colour | None = None) -> None:
        self.draw.arc(self._xy(*box), start, end, fill=colour or self.ink, width=self._width(width))

    def chord(self, box: Box, start: float, end: float, fill: Colour | None = None) -> None:
        self.draw.chord(self._xy(*box), start, end, fill=fill or self.ink)

    def line(self, points: list[float], width: float, colour: Colour | None = None) -> None:
        self.draw.line(self._xy(*points), fill=colour or self.ink, width=self._width(width), joint="curve")

    def polygon(self, points: list[float], fill: Colour | None = None) -> None:
        self.draw.polygon(self._xy(*points), fill=fill or self.ink)


def wok(pen: Pen) -> None:
    pen.chord((18, 22, 72, 76), 0, 180)  # the bowl, seen from the side
    pen.line([70, 50, 92, 40], 5)  # the long handle
    pen.line([16, 49, 74, 49], 3, pen.accent)  # the rim


def teapot(pen: Pen) -> None:
    pen.ellipse((26, 34, 74, 78))
    pen.rect((44, 26, 56, 36), radius=3)
    pen.line([27, 52, 12, 38], 6)  # spout
    pen.arc((64, 40, 86, 66), 270, 90, 5)  # handle


def coffee_cup(pen: Pen) -> None:
    pen.rect((24, 40, 66, 80), radius=8)
    pen.arc((58, 48, 80, 68), 270, 90, 5)
    pen.rect((16, 80, 76, 86), radius=3)  # saucer
    for x in (34, 44, 54):  # steam
        pen.arc((x - 4, 14, x + 4, 34), 90, 270, 2, pen.accent)


def headphones(pen: Pen) -> None:
    pen.arc((20, 18, 80, 78), 180, 360, 7)
    pen.rect((14, 46, 30, 76), radius=6)
    pen.rect((70, 46, 86, 76), radius=6)


def lamp(pen: Pen) -> None:
    pen.ellipse((30, 16, 70, 56), pen.accent)  # the bulb, lit
    pen.rect((40, 52, 60, 70), radius=2)
    pen.line([42, 74, 58, 74], 3)
    pen.line([44, 79, 56, 79], 3)


def suitcase(pen: Pen) -> None:
    pen.rect((20, 34, 80, 82), radius=8)
    pen.rect((38, 22, 62, 36), radius=4, fill=None, outline=4)
    pen.line([36, 36, 36, 82], 3, pen.accent)
    pen.line([64, 36, 64, 82], 3, pen.accent)


def tent(pen: Pen) -> None:
    pen.polygon([50, 18, 86, 80, 14, 80])
    pen.polygon([50, 46, 62, 80, 38, 80], pen.accent)
    pen.line([8, 82, 92, 82], 3)


def bottle(pen: Pen) -> None:
    pen.rect((32, 40, 68, 86), radius=10)
    pen.rect((44, 26, 56, 40))
    pen.line([50, 26, 50, 16, 64, 16], 4)  # the pump
    pen.rect((38, 54, 62, 70), radius=3, fill=pen.accent)  # label


def comb(pen: Pen) -> None:
    pen.rect((16, 34, 84, 48), radius=4)
    for x in range(20, 82, 7):
        pen.line([x, 46, x, 72], 3)


def cookie(pen: Pen) -> None:
    pen.ellipse((18, 18, 82, 82))
    for x, y in ((36, 36), (58, 32), (46, 52), (64, 60), (34, 64)):
        pen.ellipse((x - 4, y - 4, x + 4, y + 4), pen.accent)


def honey_jar(pen: Pen) -> None:
    pen.rect((26, 34, 74, 84), radius=12)
    pen.rect((30, 22, 70, 34), radius=3, fill=pen.accent)
    pen.polygon([50, 48, 60, 54, 60, 66, 50, 72, 40, 66, 40, 54], pen.accent)  # a honeycomb cell


def blocks(pen: Pen) -> None:
    pen.rect((18, 56, 46, 84), radius=2)
    pen.rect((50, 56, 78, 84), radius=2, fill=pen.accent)
    pen.rect((34, 26, 62, 54), radius=2)


def book(pen: Pen) -> None:
    pen.polygon([50, 30, 14, 22, 14, 74, 50, 82])
    pen.polygon([50, 30, 86, 22, 86, 74, 50, 82])
    pen.line([50, 30, 50, 82], 2, pen.accent)
    for y in (36, 46, 56):
        pen.line([22, y, 42, y + 4], 2, pen.accent)


def dumbbell(pen: Pen) -> None:
    pen.line([26, 50, 74, 50], 6)
    for x in (14, 74):
        pen.rect((x, 30, x + 12, 70), radius=3)
    pen.rect((8, 38, 16, 62), radius=2)
    pen.rect((84, 38, 92, 62), radius=2)


def bicycle(pen: Pen) -> None:
    pen.ring((6, 46, 40, 80), 4)
    pen.ring((60, 46, 94, 80), 4)
    pen.line([23, 63, 40, 40, 66, 40, 77, 63], 4, pen.accent)
    pen.line([40, 40, 50, 63, 66, 40], 4, pen.accent)
    pen.line([50, 63, 23, 63], 4, pen.accent)
    pen.line([36, 32, 46, 32], 4)  # saddle


def ticket(pen: Pen) -> None:
    pen.rect((12, 30, 88, 72), radius=6)
    pen.line([64, 32, 64, 70], 2, pen.accent)
    pen.polygon([36, 38, 40, 47, 49, 48, 42, 54, 44, 63, 36, 58, 28, 63, 30, 54, 23, 48, 32, 47], pen.accent)


def gift_box(pen: Pen) -> None:
    """For a category without a drawing of its own (never in the demo)."""
    pen.rect((22, 40, 78, 84), radius=3)
    pen.rect((18, 30, 82, 42), radius=3)
    pen.rect((46, 30, 54, 84), fill=pen.accent)


Drawing = Callable[[Pen], None]
DRAWINGS: dict[str, Drawing] = {
    "cookware": wok,
    "tea-coffee": teapot,
    "audio": headphones,
    "smart-home": lamp,
    "luggage": suitcase,
    "outdoor": tent,
    "skincare": bottle,
    "grooming": comb,
    "snacks": cookie,
    "gourmet": honey_jar,
    "toys": blocks,
    "books": book,
    "fitness": dumbbell,
    "cycling": bicycle,
    "dining": coffee_cup,
    "movies-events": ticket,
    # the top-level categories, each by its best-known gift
    "home-kitchen": wok,
    "electronics": headphones,
    "travel": suitcase,
    "beauty-care": bottle,
    "food-drink": cookie,
    "kids-toys": blocks,
    "sports-fitness": dumbbell,
    "vouchers-experiences": coffee_cup,
}


def _shade(colour: Colour, amount: float) -> Colour:
    """Towards white for a positive amount, towards black for a negative one."""
    target = 255 if amount > 0 else 0
    return tuple(round(c + (target - c) * abs(amount)) for c in colour)  # type: ignore[return-value]


def category_png(category_slug: str, background: Colour, accent: Colour, variant: int = 0) -> bytes:
    """The category's drawing on its colour. `variant` moves the shade and the drawing a little."""
    size = SIZE * SCALE
    back = _shade(background, (variant % 5) * 0.06)
    image = Image.new("RGB", (size, size), back)
    draw = ImageDraw.Draw(image)
    draw.ellipse([size * 0.12, size * 0.12, size * 0.88, size * 0.88], fill=_shade(back, 0.18))  # a soft halo
    shift = ((variant % 3) - 1) * 3.0, ((variant % 4) - 1.5) * 2.0
    pen = Pen(draw, size, shift, ink=_shade(background, 0.92), accent=accent)
    DRAWINGS.get(category_slug, gift_box)(pen)
    output = io.BytesIO()
    image.reduce(SCALE).save(output, "PNG", compress_level=6)
    return output.getvalue()
