"""`slugLanguageCode` on `product`, `category`, `collection` and `page`: the slug is then one of the
object's translated slugs in that language (Saleor keeps them on the translation rows), not its own slug.

A translated slug has no fallback to the primary slug: the client said which language the slug is in.
"""

from __future__ import annotations

from typing import Any

from catalog.models import PageTranslation, Translation
from mall.graphql.enums import enum_name


async def translated_object_id(translated: str, slug: str, language_code: Any) -> int | None:
    """The id of the product, category or collection (`translated`: the translation's column) whose
    translation in `language_code` has `slug`; the oldest translation wins if two share it."""
    rows = (
        await Translation.filter(
            language_code=enum_name(language_code), slug=slug, **{f"{translated}_id__isnull": False}
        )
        .order_by("id")
        .limit(1)
        .values_list(f"{translated}_id", flat=True)
    )
    return rows[0] if rows else None


async def translated_page_id(slug: str, language_code: Any) -> int | None:
    """The id of the page whose translation in `language_code` has `slug`."""
    rows = (
        await PageTranslation.filter(language_code=enum_name(language_code), slug=slug)
        .order_by("id")
        .limit(1)
        .values_list("page_id", flat=True)
    )
    return rows[0] if rows else None
