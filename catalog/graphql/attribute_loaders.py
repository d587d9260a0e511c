"""Batched reads of attributes for a page of gifts: the attributes each product type assigns, the values
each gift or variant carries, and translations. One query per kind of row per page, whatever its size."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable
from typing import Any

from catalog.models import (
    AssignedPageAttributeValue,
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributePage,
    AttributeProduct,
    AttributeTranslation,
    AttributeValue,
    AttributeValueTranslation,
    AttributeVariant,
)
from mall.graphql.context import Context

Selected = list[tuple[Attribute, list[AttributeValue]]]


async def _assigned(model: type[Any], type_ids: list[int], column: str = "product_type_id") -> list[list[Any]]:
    """Each product (or page) type's links (AttributeProduct, AttributeVariant or AttributePage) in its order,
    attributes loaded."""
    rows = await model.filter(**{f"{column}__in": set(type_ids)}).prefetch_related("attribute").order_by(
        "sort_order", "id"
    )
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, column)].append(row)
    return [grouped.get(type_id, []) for type_id in type_ids]


def product_links(context: Context, product_type_id: int) -> Awaitable[list[AttributeProduct]]:
    return context.loader("catalog.attribute_products", lambda ids: _assigned(AttributeProduct, ids)).load(
        product_type_id
    )


def variant_links(context: Context, product_type_id: int) -> Awaitable[list[AttributeVariant]]:
    return context.loader("catalog.attribute_variants", lambda ids: _assigned(AttributeVariant, ids)).load(
        product_type_id
    )


def page_links(context: Context, page_type_id: int) -> Awaitable[list[AttributePage]]:
    return context.loader(
        "catalog.attribute_pages", lambda ids: _assigned(AttributePage, ids, "page_type_id")
    ).load(page_type_id)


async def _carried(model: type[Any], owner: str, owner_ids: list[int]) -> list[list[AttributeValue]]:
    rows = await model.filter(**{f"{owner}__in": set(owner_ids)}).prefetch_related("value").order_by(
        "sort_order", "id"
    )
    grouped: dict[int, list[AttributeValue]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, owner)].append(row.value)
    return [grouped.get(owner_id, []) for owner_id in owner_ids]


def product_values(context: Context, product_id: int) -> Awaitable[list[AttributeValue]]:
    return context.loader(
        "catalog.product_attribute_values",
        lambda ids: _carried(AssignedProductAttributeValue, "product_id", ids),
    ).load(product_id)


def variant_values(context: Context, variant_id: int) -> Awaitable[list[AttributeValue]]:
    return context.loader(
        "catalog.variant_attribute_values",
        lambda ids: _carried(AssignedVariantAttributeValue, "variant_id", ids),
    ).load(variant_id)


def page_values(context: Context, page_id: int) -> Awaitable[list[AttributeValue]]:
    return context.loader(
        "catalog.page_attribute_values",
        lambda ids: _carried(AssignedPageAttributeValue, "page_id", ids),
    ).load(page_id)


def selected(attributes: list[Attribute], values: list[AttributeValue], storefront: bool) -> Selected:
    """Every assigned attribute with the values carried (none: an empty list, as Saleor answers). A
    storefront sees only attributes visible in it."""
    by_attribute: dict[int, list[AttributeValue]] = defaultdict(list)
    for value in values:
        by_attribute[value.attribute_id].append(value)  # type: ignore[attr-defined]
    shown = [a for a in attributes if a.visible_in_storefront or not storefront]
    return [(attribute, by_attribute.get(attribute.id, [])) for attribute in shown]


async def _translations(model: type[Any], owner: str, keys: list[tuple[int, str]]) -> list[Any]:
    wanted: dict[str, set[int]] = defaultdict(set)
    for owner_id, language in keys:
        wanted[language].add(owner_id)
    found: dict[tuple[int, str], Any] = {}
    for language, ids in wanted.items():
        for row in await model.filter(**{f"{owner}__in": ids}, language_code=language):
            found[(getattr(row, owner), language)] = row
    return [found.get(key) for key in keys]


def attribute_translation(context: Context, attribute_id: int, language: str) -> Awaitable[Any]:
    return context.loader(
        "catalog.attribute_translation", lambda keys: _translations(AttributeTranslation, "attribute_id", keys)
    ).load((attribute_id, language))


def value_translation(context: Context, value_id: int, language: str) -> Awaitable[Any]:
    return context.loader(
        "catalog.attribute_value_translation", lambda keys: _translations(AttributeValueTranslation, "value_id", keys)
    ).load((value_id, language))
