"""Attribute and attribute value names in other languages (颜色 for colour). A translation holds only what
differs: an empty field shows the original.

Errors (DomainError codes, AttributeStoreErrorCode): INVALID (too long).
"""

from __future__ import annotations

from catalog.errors import AttributeStoreErrorCode as Code
from catalog.models import Attribute, AttributeTranslation, AttributeValue, AttributeValueTranslation
from kernel.errors import DomainError

MAX_NAME_LENGTH = 250


def _check_length(name: str | None) -> None:
    if name is not None and len(name) > MAX_NAME_LENGTH:
        raise DomainError.single("name", f"Ensure this value has at most {MAX_NAME_LENGTH} characters.", Code.INVALID)


async def translate_attribute(attribute: Attribute, language_code: str, name: str | None) -> AttributeTranslation:
    _check_length(name)
    row, _ = await AttributeTranslation.get_or_create(
        attribute_id=attribute.id, language_code=language_code, defaults={"name": (name or "").strip()}
    )
    if name is not None:
        row.name = name.strip()
        await row.save()
    return row


async def translate_value(
    value: AttributeValue, language_code: str, name: str | None, plain_text: str | None
) -> AttributeValueTranslation:
    _check_length(name)
    row, _ = await AttributeValueTranslation.get_or_create(value_id=value.id, language_code=language_code)
    if name is not None:
        row.name = name.strip() or None
    if plain_text is not None:
        row.plain_text = plain_text.strip() or None
    await row.save()
    return row
