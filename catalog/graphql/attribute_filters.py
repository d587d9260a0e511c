"""Products filtered by the attribute values they carry: Saleor's `filter: {attributes: [...]}` and
`where: {attributes: [...]}`, as SQL conditions for the product lists (catalog/graphql/filters.py).

A product matches an attribute condition when it, or one of its variants, carries a value of the attribute
(named by slug) that satisfies the condition; conditions on several attributes must all hold. Portable SQL:
the same statement runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeValue,
    ProductVariant,
)
from mall.sql import ALWAYS, NEVER, all_of, is_in

if TYPE_CHECKING:
    from catalog.graphql.filters import Target

PRODUCT_VALUES = AssignedProductAttributeValue._meta.db_table
VARIANT_VALUES = AssignedVariantAttributeValue._meta.db_table
VALUES = AttributeValue._meta.db_table
ATTRIBUTES = Attribute._meta.db_table
VARIANTS = ProductVariant._meta.db_table


def _text(target: Target, column: str, text_filter: Any) -> str:
    if text_filter is None:
        return ALWAYS
    conditions = []
    if text_filter.eq is not None:
        conditions.append(f"{column} = {target.value(text_filter.eq)}")
    if text_filter.one_of is not None:
        conditions.append(is_in(column, text_filter.one_of, target.parameters))
    return all_of(*conditions)


def _numeric(target: Target, numeric: Any) -> str:
    if numeric is None:
        return ALWAYS
    conditions = []
    if numeric.eq is not None:
        conditions.append(f"v.numeric = {target.value(float(numeric.eq))}")
    if numeric.one_of is not None:
        conditions.append(is_in("v.numeric", [float(n) for n in numeric.one_of], target.parameters))
    if numeric.range is not None:
        low, high = numeric.range.gte, numeric.range.lte
        conditions.append(target.between("v.numeric", *(None if n is None else float(n) for n in (low, high))))
    return all_of(*conditions)


def _value_sql(target: Target, condition: Any) -> str:
    """What the carried value must be: Saleor's `value` input, and the deprecated `values`, `valuesRange`,
    `boolean` and `date` beside it."""
    conditions = []
    if getattr(condition, "values", None):
        conditions.append(is_in("v.slug", condition.values, target.parameters))
    values_range = getattr(condition, "values_range", None)
    if values_range is not None:
        conditions.append(target.between("v.numeric", values_range.gte, values_range.lte))
    if getattr(condition, "boolean", None) is not None:
        conditions.append(f"v.boolean = {target.value(condition.boolean)}")
    date = getattr(condition, "date", None)
    if date is not None:
        conditions.append(target.between("v.date", date.gte, date.lte))
    value = condition.value
    if value is not None:
        conditions += [_text(target, "v.slug", value.slug), _text(target, "v.name", value.name),
                       _numeric(target, value.numeric)]
        if value.boolean is not None:
            conditions.append(f"v.boolean = {target.value(value.boolean)}")
        if value.date is not None:
            conditions.append(target.between("v.date", value.date.gte, value.date.lte))
    return all_of(*conditions)


def _carrying(target: Target, condition: Any) -> str:
    if not condition.slug:
        return NEVER
    matching = (
        f"SELECT v.id FROM {VALUES} v JOIN {ATTRIBUTES} a ON a.id = v.attribute_id "
        f"WHERE a.slug = {target.value(condition.slug)} AND {_value_sql(target, condition)}"
    )
    products = f"SELECT pav.product_id FROM {PRODUCT_VALUES} pav WHERE pav.value_id IN ({matching})"
    variants = (
        f"SELECT pv.product_id FROM {VARIANT_VALUES} vav JOIN {VARIANTS} pv ON pv.id = vav.variant_id "
        f"WHERE vav.value_id IN ({matching})"
    )
    return f"({target.product_in(products)} OR {target.product_in(variants)})"


def attributes_sql(target: Target, attributes: list[Any] | None) -> str:
    """Every attribute condition must hold (AND)."""
    if not attributes:
        return ALWAYS
    return all_of(*(_carrying(target, condition) for condition in attributes))
