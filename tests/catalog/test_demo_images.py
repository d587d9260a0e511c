"""The demo's pictures: a drawing of its own for every demo category, as a PNG the media pipeline accepts."""

from __future__ import annotations

import io

from PIL import Image

from catalog.demo import CATEGORIES
from catalog.demo_images import DRAWINGS, SIZE, category_png


def all_category_slugs() -> list[str]:
    return [slug for top, (_, _, _, children) in CATEGORIES.items() for slug in (top, *(c[0] for c in children))]


def test_every_demo_category_has_a_drawing():
    # when
    missing = [slug for slug in all_category_slugs() if slug not in DRAWINGS]

    # then
    assert missing == []


def test_the_subcategories_pictures_all_differ_on_the_same_colours():
    # given
    subcategories = [child[0] for _, (_, _, _, children) in CATEGORIES.items() for child in children]

    # when
    pictures = {category_png(slug, (52, 94, 168), (120, 220, 240)) for slug in subcategories}

    # then
    assert len(subcategories) == 16
    assert len(pictures) == 16


def test_a_picture_is_a_square_png_and_gifts_of_one_category_differ():
    # when
    first, second = (
        category_png("cookware", (196, 82, 62), (250, 214, 120), 1),
        category_png("cookware", (196, 82, 62), (250, 214, 120), 2),
    )

    # then
    with Image.open(io.BytesIO(first)) as image:
        assert (image.format, image.size, image.mode) == ("PNG", (SIZE, SIZE), "RGB")
    assert first != second
