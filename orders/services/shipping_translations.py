"""Delivery methods in the member's language: one translation per method and language, holding only what
differs (an empty field shows the original).

Raises nothing: the translation is looked up, or written as given.
"""

from __future__ import annotations

from orders.models import ShippingMethodTranslation

MAX_NAME_LENGTH = 100
MAX_DESCRIPTION_LENGTH = 300


async def shipping_translation(method_id: int, language_code: str) -> ShippingMethodTranslation | None:
    """The method's translation into `language_code` (a LanguageCodeEnum name), or None."""
    return await ShippingMethodTranslation.get_or_none(shipping_method_id=method_id, language_code=language_code)


async def translate_shipping_method(
    method_id: int, language_code: str, name: str | None, description: str | None
) -> ShippingMethodTranslation:
    """Create or replace the method's wording in one language (the demo's Chinese delivery methods).
    Texts longer than the originals' columns are cut to fit: they are written by our own code only."""
    row, _ = await ShippingMethodTranslation.update_or_create(
        shipping_method_id=method_id,
        language_code=language_code,
        defaults={"name": (name or None) and name[:MAX_NAME_LENGTH],
                  "description": (description or None) and description[:MAX_DESCRIPTION_LENGTH]},
    )
    return row
