"""Attributes: the properties gifts of a product type share (colour, capacity) and their choices.

Only the operator manages them (the GraphQL layer checks): an attribute is shared by every partner's gifts
of the product types it is assigned to. Choice attributes (DROPDOWN, MULTISELECT, SWATCH) keep their values
here; the values of the others (PLAIN_TEXT, BOOLEAN, NUMERIC, DATE) are made per gift when one is set
(catalog/services/attribute_values.py).

Errors (DomainError codes, AttributeStoreErrorCode): REQUIRED, INVALID, UNIQUE, NOT_FOUND, ALREADY_EXISTS.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from catalog.errors import AttributeStoreErrorCode as Code
from catalog.models import Attribute, AttributeInputType, AttributeType, AttributeValue
from catalog.services.products import SLUG_PATTERN, slugify
from kernel.errors import DomainError, ErrorDetail

CHOICE_TYPES = frozenset({AttributeInputType.DROPDOWN, AttributeInputType.MULTISELECT, AttributeInputType.SWATCH})
MAX_NAME_LENGTH = 250
MAX_VALUES_PER_CALL = 500  # a limit on one call's new values (the Dashboard sends a handful)
SETTINGS = (
    "name", "slug", "unit", "value_required", "visible_in_storefront", "filterable_in_dashboard",
    "filterable_in_storefront", "storefront_search_position", "available_in_grid", "external_reference",
)


@dataclass
class ValueData:
    """A choice's name, and its swatch colour or rich text's plain form."""

    name: str | None = None
    slug: str | None = None
    value: str | None = None
    plain_text: str | None = None
    external_reference: str | None = None


@dataclass
class AttributeData:
    name: str | None = None
    slug: str | None = None
    type: AttributeType | None = None
    input_type: AttributeInputType | None = None
    unit: str | None = None
    value_required: bool | None = None
    visible_in_storefront: bool | None = None
    filterable_in_dashboard: bool | None = None
    filterable_in_storefront: bool | None = None
    storefront_search_position: int | None = None
    available_in_grid: bool | None = None
    external_reference: str | None = None
    add_values: list[ValueData] = field(default_factory=list)
    remove_value_ids: list[int] = field(default_factory=list)
    given: set[str] = field(default_factory=set)


def _name_problems(name: str | None, field_name: str, required: bool) -> list[ErrorDetail]:
    if required and not (name or "").strip():
        return [ErrorDetail(field_name, "This field is required.", Code.REQUIRED)]
    if name is not None and len(name.strip()) > MAX_NAME_LENGTH:
        return [ErrorDetail(field_name, f"Ensure this value has at most {MAX_NAME_LENGTH} characters.", Code.INVALID)]
    return []


def _slug_problems(slug: str | None, field_name: str = "slug") -> list[ErrorDetail]:
    if slug and not SLUG_PATTERN.match(slug):
        return [ErrorDetail(field_name, "Use lowercase letters, digits and hyphens.", Code.INVALID)]
    return []


def _values_problems(input_type: AttributeInputType, values: list[ValueData], field_name: str) -> list[ErrorDetail]:
    if values and input_type not in CHOICE_TYPES:
        return [ErrorDetail(field_name, f"Values cannot be used with input type {input_type.value}.", Code.INVALID)]
    if len(values) > MAX_VALUES_PER_CALL:
        return [ErrorDetail(field_name, f"At most {MAX_VALUES_PER_CALL} values at once.", Code.INVALID)]
    problems = [p for value in values for p in _name_problems(value.name, field_name, required=True)]
    slugs = [value.slug or slugify(value.name or "") for value in values]
    if len(set(slugs)) != len(slugs):
        problems.append(ErrorDetail(field_name, "Provided values are not unique.", Code.ALREADY_EXISTS))
    return problems


def _problems(data: AttributeData, creating: bool, input_type: AttributeInputType) -> list[ErrorDetail]:
    problems = _name_problems(data.name, "name", required=creating or "name" in data.given)
    problems += _slug_problems(data.slug)
    if data.storefront_search_position is not None and data.storefront_search_position < 0:
        problems.append(ErrorDetail("storefront_search_position", "Must be 0 or more.", Code.INVALID))
    value_field = "values" if creating else "add_values"
    return problems + _values_problems(input_type, data.add_values, value_field)


async def _unique_slug(slug: str, exclude_id: int | None = None) -> None:
    clash = Attribute.filter(slug=slug)
    if exclude_id is not None:
        clash = clash.exclude(id=exclude_id)
    if await clash.exists():
        raise DomainError.single("slug", "Attribute with this Slug already exists.", Code.UNIQUE)


async def _unique_reference(reference: str | None, exclude_id: int | None = None) -> None:
    if not reference:
        return
    clash = Attribute.filter(external_reference=reference)
    if exclude_id is not None:
        clash = clash.exclude(id=exclude_id)
    if await clash.exists():
        raise DomainError.single(
            "external_reference", "Attribute with this External reference already exists.", Code.UNIQUE
        )


async def create_attribute(data: AttributeData) -> Attribute:
    """A new attribute with its first choices. Errors: REQUIRED (name), INVALID, UNIQUE (slug),
    ALREADY_EXISTS (two values named alike)."""
    input_type = data.input_type or AttributeInputType.DROPDOWN
    problems = _problems(data, creating=True, input_type=input_type)
    if problems:
        raise DomainError(*problems)
    slug = data.slug or slugify(data.name or "")
    await _unique_slug(slug)
    await _unique_reference(data.external_reference)
    settings = {name: getattr(data, name) for name in SETTINGS if getattr(data, name) is not None}
    settings |= {"name": (data.name or "").strip(), "slug": slug}
    attribute = await Attribute.create(type=data.type or AttributeType.PRODUCT_TYPE, input_type=input_type, **settings)
    await add_values(attribute, data.add_values, "values")
    return attribute


async def update_attribute(attribute: Attribute, data: AttributeData) -> Attribute:
    """Change settings, add choices and remove choices (`remove_value_ids` must be this attribute's).
    Errors: REQUIRED, INVALID, UNIQUE, NOT_FOUND (a value to remove), ALREADY_EXISTS."""
    problems = _problems(data, creating=False, input_type=attribute.input_type)
    if problems:
        raise DomainError(*problems)
    if data.slug:
        await _unique_slug(data.slug, exclude_id=attribute.id)
    await _unique_reference(data.external_reference, exclude_id=attribute.id)
    for name in SETTINGS:
        value = getattr(data, name)
        if name in data.given and value is not None:
            setattr(attribute, name, value.strip() if name == "name" else value)
    await attribute.save()
    await _remove_values(attribute, data.remove_value_ids)
    await add_values(attribute, data.add_values, "add_values")
    return attribute


async def _remove_values(attribute: Attribute, value_ids: Iterable[int]) -> None:
    wanted = set(value_ids)
    if not wanted:
        return
    found = set(await AttributeValue.filter(attribute_id=attribute.id, id__in=wanted).values_list("id", flat=True))
    if found != wanted:
        raise DomainError.single("remove_values", "Value does not belong to this attribute.", Code.NOT_FOUND)
    await AttributeValue.filter(id__in=wanted).delete()


async def add_values(attribute: Attribute, values: list[ValueData], field_name: str = "values") -> list[AttributeValue]:
    """New choices at the end of the attribute's list. Errors: UNIQUE (a slug the attribute has),
    INVALID (not a choice attribute)."""
    problems = _values_problems(attribute.input_type, values, field_name)
    if problems:
        raise DomainError(*problems)
    slugs = [value.slug or slugify(value.name or "") for value in values]
    taken = await AttributeValue.filter(attribute_id=attribute.id, slug__in=slugs).exists()
    if taken:
        raise DomainError.single(field_name, "Attribute value with this slug already exists.", Code.UNIQUE)
    last = await AttributeValue.filter(attribute_id=attribute.id).order_by("-sort_order").first()
    start = last.sort_order + 1 if last is not None else 0
    return [
        await AttributeValue.create(
            attribute_id=attribute.id, name=(value.name or "").strip(), slug=slug, value=value.value or "",
            plain_text=value.plain_text, external_reference=value.external_reference or None,
            sort_order=start + position,
        )
        for position, (value, slug) in enumerate(zip(values, slugs, strict=True))
    ]


async def update_value(value: AttributeValue, data: ValueData) -> AttributeValue:
    """Rename a choice (its slug follows a new name unless one is given). Errors: REQUIRED, INVALID, UNIQUE."""
    problems = _name_problems(data.name, "name", required=data.name is not None) + _slug_problems(data.slug)
    if problems:
        raise DomainError(*problems)
    slug = data.slug or (slugify(data.name) if data.name else value.slug)
    clash = AttributeValue.filter(attribute_id=value.attribute_id, slug=slug).exclude(id=value.id)  # type: ignore[attr-defined]
    if await clash.exists():
        raise DomainError.single("slug", "Attribute value with this slug already exists.", Code.UNIQUE)
    value.slug = slug
    for name in ("name", "value", "plain_text", "external_reference"):
        given = getattr(data, name)
        if given is not None:
            setattr(value, name, given.strip() if name == "name" else given)
    await value.save()
    return value


async def delete_attributes(attributes: list[Attribute]) -> None:
    """Deleting an attribute takes its values off every gift and product type that has them (Saleor's way)."""
    await Attribute.filter(id__in=[attribute.id for attribute in attributes]).delete()


async def delete_values(values: list[AttributeValue]) -> None:
    await AttributeValue.filter(id__in=[value.id for value in values]).delete()


async def reorder_values(attribute: Attribute, moves: list[tuple[int, int]]) -> None:
    """Move choices by a relative offset, Saleor's `moves`. Errors: NOT_FOUND (a value of another attribute)."""
    ordered = list(await AttributeValue.filter(attribute_id=attribute.id).order_by("sort_order", "id"))
    positions = {value.id: index for index, value in enumerate(ordered)}
    for value_id, offset in moves:
        if value_id not in positions:
            raise DomainError.single("moves", f"Couldn't resolve to an attribute value: {value_id}", Code.NOT_FOUND)
        current = next(index for index, value in enumerate(ordered) if value.id == value_id)
        moving = ordered.pop(current)
        ordered.insert(max(0, min(len(ordered), current + offset)), moving)
    for index, value in enumerate(ordered):
        if value.sort_order != index:
            value.sort_order = index
            await value.save(update_fields=["sort_order"])
