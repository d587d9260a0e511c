"""Which attributes a product type's gifts and variants carry, in what order, and which of the variant ones
members pick a variant by (`variant_selection`).

Errors (DomainError codes, AttributeStoreErrorCode): NOT_FOUND, ATTRIBUTE_ALREADY_ASSIGNED,
ATTRIBUTE_CANNOT_BE_ASSIGNED, INVALID.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from catalog.errors import AttributeStoreErrorCode as Code
from catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeInputType,
    AttributeProduct,
    AttributeType,
    AttributeValue,
    AttributeVariant,
    Product,
    ProductType,
    ProductVariant,
)
from kernel.errors import DomainError

PRODUCT, VARIANT = "PRODUCT", "VARIANT"
# Saleor lets members choose a variant by these input types only.
SELECTABLE_TYPES = frozenset({AttributeInputType.DROPDOWN, AttributeInputType.BOOLEAN, AttributeInputType.SWATCH,
                              AttributeInputType.NUMERIC})


@dataclass(frozen=True)
class Assignment:
    attribute: Attribute
    kind: str  # PRODUCT or VARIANT
    variant_selection: bool = False


def _link_model(kind: str) -> type[AttributeProduct] | type[AttributeVariant]:
    return AttributeProduct if kind == PRODUCT else AttributeVariant


async def _assigned_ids(product_type: ProductType) -> set[int]:
    products = await AttributeProduct.filter(product_type_id=product_type.id).values_list("attribute_id", flat=True)
    variants = await AttributeVariant.filter(product_type_id=product_type.id).values_list("attribute_id", flat=True)
    return {*products, *variants}  # type: ignore[arg-type]


def _check(assignments: list[Assignment], already: set[int]) -> None:
    seen: set[int] = set()
    for assignment in assignments:
        attribute = assignment.attribute
        if attribute.type != AttributeType.PRODUCT_TYPE:
            raise DomainError.single(
                "operations", f"{attribute.slug} is a page attribute: it cannot be assigned to a product type.",
                Code.ATTRIBUTE_CANNOT_BE_ASSIGNED,
            )
        if attribute.id in already or attribute.id in seen:
            raise DomainError.single(
                "operations", f"{attribute.slug} is already assigned to this product type.",
                Code.ATTRIBUTE_ALREADY_ASSIGNED,
            )
        if assignment.variant_selection and attribute.input_type not in SELECTABLE_TYPES:
            raise DomainError.single(
                "operations", f"{attribute.slug} cannot be used for variant selection.", Code.INVALID
            )
        seen.add(attribute.id)


async def assign_attributes(product_type: ProductType, assignments: list[Assignment]) -> None:
    """Add attributes at the end of the product type's lists. Errors: ATTRIBUTE_ALREADY_ASSIGNED,
    ATTRIBUTE_CANNOT_BE_ASSIGNED (a page attribute), INVALID (variant selection by a text attribute)."""
    _check(assignments, await _assigned_ids(product_type))
    for assignment in assignments:
        model = _link_model(assignment.kind)
        count = await model.filter(product_type_id=product_type.id).count()
        extra = {"variant_selection": assignment.variant_selection} if assignment.kind == VARIANT else {}
        await model.create(product_type_id=product_type.id, attribute_id=assignment.attribute.id, sort_order=count,
                           **extra)


async def unassign_attributes(product_type: ProductType, attribute_ids: list[int]) -> None:
    """Take attributes off the product type, and their values off its gifts and variants (Saleor's way)."""
    await AttributeProduct.filter(product_type_id=product_type.id, attribute_id__in=attribute_ids).delete()
    await AttributeVariant.filter(product_type_id=product_type.id, attribute_id__in=attribute_ids).delete()
    value_ids = list(await AttributeValue.filter(attribute_id__in=attribute_ids).values_list("id", flat=True))
    product_ids = list(await Product.filter(product_type_id=product_type.id).values_list("id", flat=True))
    variant_ids = list(await ProductVariant.filter(product_id__in=product_ids).values_list("id", flat=True))
    await AssignedProductAttributeValue.filter(product_id__in=product_ids, value_id__in=value_ids).delete()
    await AssignedVariantAttributeValue.filter(variant_id__in=variant_ids, value_id__in=value_ids).delete()


async def update_variant_selection(product_type: ProductType, changes: dict[int, bool]) -> None:
    """Errors: ATTRIBUTE_CANNOT_BE_ASSIGNED (not a variant attribute of the type), INVALID (not selectable)."""
    links = {link.attribute_id: link for link in await AttributeVariant.filter(  # type: ignore[attr-defined]
        product_type_id=product_type.id, attribute_id__in=list(changes)).prefetch_related("attribute")}
    for attribute_id, selection in changes.items():
        link = links.get(attribute_id)
        if link is None:
            raise DomainError.single(
                "operations", "Only a variant attribute of this product type can be updated.",
                Code.ATTRIBUTE_CANNOT_BE_ASSIGNED,
            )
        if selection and link.attribute.input_type not in SELECTABLE_TYPES:
            raise DomainError.single(
                "operations", f"{link.attribute.slug} cannot be used for variant selection.", Code.INVALID
            )
        link.variant_selection = selection
        await link.save(update_fields=["variant_selection"])


async def reorder_attributes(product_type: ProductType, kind: str, moves: list[tuple[int, int]]) -> None:
    """Move assigned attributes by a relative offset. Errors: NOT_FOUND (an attribute the type lacks)."""
    model = _link_model(kind)
    await reorder_links(list(await model.filter(product_type_id=product_type.id).order_by("sort_order", "id")), moves)


async def reorder_links(ordered: list[Any], moves: list[tuple[int, int]]) -> None:
    """Move attribute links (a product type's or a page type's, in their order) by relative offsets and save the
    sort orders that changed. Errors: NOT_FOUND (an attribute the type lacks)."""
    for attribute_id, offset in moves:
        current = next((i for i, link in enumerate(ordered) if link.attribute_id == attribute_id), None)
        if current is None:
            raise DomainError.single("moves", f"Couldn't resolve to an attribute: {attribute_id}", Code.NOT_FOUND)
        moving = ordered.pop(current)
        ordered.insert(max(0, min(len(ordered), current + offset)), moving)
    for index, link in enumerate(ordered):
        if link.sort_order != index:
            link.sort_order = index
            await link.save(update_fields=["sort_order"])
