"""The attribute values a gift, a variant or a content page carries, checked against its product type's (or page
type's) assignments.

A value for an attribute the product type does not assign, a missing value of a required attribute, a
choice the attribute does not have, a number that is no number: refused, and nothing is saved (the
caller's transaction rolls back). Choice attributes point at their shared values; the others get a value
of their own per gift or variant (slug `<owner>-<id>-<attribute id>`), replaced on every change.

Errors (DomainError codes, AttributeStoreErrorCode): NOT_FOUND, REQUIRED, INVALID.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from typing import Any

from catalog.errors import AttributeStoreErrorCode as Code
from catalog.models import (
    AssignedPageAttributeValue,
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeInputType,
    AttributePage,
    AttributeProduct,
    AttributeValue,
    AttributeVariant,
)
from catalog.services.attributes import CHOICE_TYPES
from kernel.errors import DomainError

FIELD = "attributes"
MAX_TEXT_LENGTH = 5000


@dataclass
class ValueInput:
    """One attribute's value(s) as Saleor's AttributeValueInput gives them: choices by value ID or by
    name/slug, or a plain text, yes-no, number or date."""

    attribute_id: int
    value_ids: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    plain_text: str | None = None
    boolean: bool | None = None
    numeric: str | None = None
    date: datetime.date | None = None

    def is_empty(self) -> bool:
        given = (self.plain_text or "").strip() or self.boolean is not None or (self.numeric or "").strip()
        return not (self.value_ids or self.names or given or self.date is not None)


@dataclass(frozen=True)
class Owner:
    """A gift, a variant or a page: what carries the values, and which product type (page type for a page)
    assigns the attributes."""

    kind: str  # "product", "variant" or "page"
    id: int
    type_id: int


# What assigns each owner's attributes, and where its values are kept (with the owner's column there).
LINKS: dict[str, type[AttributeProduct] | type[AttributeVariant] | type[AttributePage]] = {
    "product": AttributeProduct,
    "variant": AttributeVariant,
    "page": AttributePage,
}
CARRIED: dict[str, tuple[type[Any], str]] = {
    "product": (AssignedProductAttributeValue, "product_id"),
    "variant": (AssignedVariantAttributeValue, "variant_id"),
    "page": (AssignedPageAttributeValue, "page_id"),
}


async def _assigned(owner: Owner) -> dict[int, Attribute]:
    link = LINKS[owner.kind]
    type_column = "page_type_id" if owner.kind == "page" else "product_type_id"
    rows = await link.filter(**{type_column: owner.type_id}).prefetch_related("attribute")
    return {row.attribute_id: row.attribute for row in rows}  # type: ignore[attr-defined]


def _refuse(message: str, code: Code) -> DomainError:
    return DomainError.single(FIELD, message, code)


async def _choices(attribute: Attribute, given: ValueInput) -> list[AttributeValue]:
    values = AttributeValue.filter(attribute_id=attribute.id)
    by_id = list(await values.filter(id__in=given.value_ids)) if given.value_ids else []
    if len(by_id) != len(set(given.value_ids)):
        raise _refuse(f"{attribute.slug}: a value ID that is not one of its choices.", Code.NOT_FOUND)
    chosen = list(by_id)
    for name in given.names:
        match = await values.filter(slug=name).first() or await values.filter(name=name).first()
        if match is None:
            raise _refuse(f"{attribute.slug}: {name!r} is not one of its choices.", Code.INVALID)
        chosen.append(match)
    if len(chosen) > 1 and attribute.input_type != AttributeInputType.MULTISELECT:
        raise _refuse(f"{attribute.slug} takes one value.", Code.INVALID)
    return list({value.id: value for value in chosen}.values())


def _number(attribute: Attribute, text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise _refuse(f"{attribute.slug}: {text!r} is not a number.", Code.INVALID)
    return number


def _own_fields(attribute: Attribute, given: ValueInput) -> dict[str, object]:
    """The name and typed column of a non-choice value."""
    kind = attribute.input_type
    if kind == AttributeInputType.PLAIN_TEXT and given.plain_text is not None:
        text = given.plain_text.strip()
        if len(text) > MAX_TEXT_LENGTH:
            raise _refuse(f"{attribute.slug}: at most {MAX_TEXT_LENGTH} characters.", Code.INVALID)
        return {"name": text[:250], "plain_text": text}
    if kind == AttributeInputType.BOOLEAN and given.boolean is not None:
        return {"name": f"{attribute.name}: {'Yes' if given.boolean else 'No'}", "boolean": given.boolean}
    if kind == AttributeInputType.NUMERIC and given.numeric is not None:
        number = _number(attribute, given.numeric.strip())
        return {"name": f"{number:g}", "numeric": number}
    if kind == AttributeInputType.DATE and given.date is not None:
        return {"name": given.date.isoformat(), "date": given.date}
    raise _refuse(f"{attribute.slug}: give a value of its input type ({kind.value}).", Code.INVALID)


async def _own_value(owner: Owner, attribute: Attribute, given: ValueInput) -> AttributeValue:
    fields_ = _own_fields(attribute, given)
    slug = f"{owner.kind}-{owner.id}-{attribute.id}"
    value, _ = await AttributeValue.update_or_create(defaults=fields_, attribute_id=attribute.id, slug=slug)
    return value


async def _resolve(owner: Owner, attribute: Attribute, given: ValueInput) -> list[AttributeValue]:
    if given.is_empty():
        if attribute.value_required:
            raise _refuse(f"{attribute.slug} requires a value.", Code.REQUIRED)
        return []
    if attribute.input_type in CHOICE_TYPES:
        return await _choices(attribute, given)
    return [await _own_value(owner, attribute, given)]


def _check_given(assigned: dict[int, Attribute], inputs: list[ValueInput], creating: bool, kind: str) -> None:
    unknown = [given.attribute_id for given in inputs if given.attribute_id not in assigned]
    if unknown:
        owner_type = "page type" if kind == "page" else "product type"
        raise _refuse(f"Only attributes assigned to the {owner_type} can be given values.", Code.NOT_FOUND)
    if creating:
        named = {given.attribute_id for given in inputs}
        missing = [a.slug for a in assigned.values() if a.value_required and a.id not in named]
        if missing:
            raise _refuse(f"Values are required for: {', '.join(sorted(missing))}.", Code.REQUIRED)


async def set_values(owner: Owner, inputs: list[ValueInput], creating: bool) -> None:
    """Replace the owner's values of each given attribute. On creation every required attribute of the
    product (or page) type must be given. Errors: NOT_FOUND, REQUIRED, INVALID."""
    assigned = await _assigned(owner)
    _check_given(assigned, inputs, creating, owner.kind)
    for given in inputs:
        attribute = assigned[given.attribute_id]
        values = await _resolve(owner, attribute, given)
        await _replace(owner, attribute, values)


async def _replace(owner: Owner, attribute: Attribute, values: list[AttributeValue]) -> None:
    of_attribute = AttributeValue.filter(attribute_id=attribute.id).values_list("id", flat=True)
    value_ids = list(await of_attribute)
    model, column = CARRIED[owner.kind]
    await model.filter(**{column: owner.id, "value_id__in": value_ids}).delete()
    for position, value in enumerate(values):
        await model.create(**{column: owner.id, "value_id": value.id, "sort_order": position})
