"""Saleor's attribute inputs turned into the attribute services' data (catalog/services/attributes.py,
attribute_values.py). Input types the mall does not store (files, references, rich text, date-times) are
refused here with INVALID."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from catalog.errors import AttributeStoreErrorCode
from catalog.models import AttributeInputType, AttributeType, Product
from catalog.services import attribute_values
from catalog.services.attribute_values import Owner, ValueInput
from catalog.services.attributes import AttributeData, ValueData
from kernel.errors import DomainError
from mall.graphql.enums import enum_name
from mall.graphql.ids import parse_int_id_for_mutation

if TYPE_CHECKING:
    from catalog.graphql.admin.inputs import (
        AttributeCreateInput,
        AttributeUpdateInput,
        AttributeValueCreateInput,
        AttributeValueInput,
        AttributeValueUpdateInput,
    )

SETTINGS = (
    "name", "slug", "value_required", "visible_in_storefront", "filterable_in_dashboard", "filterable_in_storefront",
    "storefront_search_position", "available_in_grid", "external_reference",
)
FIELD = "attributes"


def _input_type(input: AttributeCreateInput) -> AttributeInputType | None:
    if input.input_type is None:
        return None
    name = enum_name(input.input_type)
    if name not in AttributeInputType.__members__:
        raise DomainError.single(
            "input_type", f"The points mall does not store {name} attributes.", AttributeStoreErrorCode.INVALID
        )
    return AttributeInputType(name)


def value_data(input: AttributeValueCreateInput | AttributeValueUpdateInput) -> ValueData:
    return ValueData(
        name=input.name, value=input.value, plain_text=input.plain_text, external_reference=input.external_reference
    )


def attribute_data(input: AttributeCreateInput | AttributeUpdateInput, kind: AttributeType) -> AttributeData:
    """`kind`: the type being created, or the attribute's own type on update (an update cannot change it)."""
    given = {name: getattr(input, name) for name in SETTINGS if getattr(input, name, None) is not None}
    if input.unit is not None:
        given["unit"] = enum_name(input.unit)
    data = AttributeData(type=kind, **given)
    data.given = set(given)
    if hasattr(input, "type"):  # AttributeCreateInput
        data.input_type = _input_type(input)  # type: ignore[arg-type]
        data.add_values = [value_data(value) for value in input.values or []]  # type: ignore[union-attr]
    else:
        data.add_values = [value_data(value) for value in input.add_values or []]  # type: ignore[union-attr]
        data.remove_value_ids = [
            parse_int_id_for_mutation(global_id, "AttributeValue", "remove_values")
            for global_id in input.remove_values or []  # type: ignore[union-attr]
        ]
    return data


def _choice_ids(items: list[Any]) -> tuple[list[int], list[str]]:
    """IDs and names/slugs of AttributeValueSelectableTypeInput items."""
    ids, names = [], []
    for item in items:
        if item.id is not None:
            ids.append(parse_int_id_for_mutation(item.id, "AttributeValue", FIELD))
        elif item.value is not None:
            names.append(item.value)
    return ids, names


def value_inputs(items: list[AttributeValueInput] | None) -> list[ValueInput]:
    """Saleor's `attributes: [AttributeValueInput]` of product and variant mutations."""
    inputs = []
    for item in items or []:
        if item.id is None:
            raise DomainError.single(FIELD, "Give each attribute's ID.", AttributeStoreErrorCode.REQUIRED)
        selected = [item.dropdown] if item.dropdown is not None else []
        selected += [item.swatch] if item.swatch is not None else []
        value_ids, names = _choice_ids(selected + list(item.multiselect or []))
        inputs.append(ValueInput(
            attribute_id=parse_int_id_for_mutation(item.id, "Attribute", FIELD),
            value_ids=value_ids, names=[*names, *(v for v in item.values or [] if v)],
            plain_text=item.plain_text, boolean=item.boolean, numeric=item.numeric, date=item.date,
        ))
    return inputs


async def save_product_values(product: Any, items: list[AttributeValueInput] | None, creating: bool) -> None:
    """A product mutation's `attributes`, checked against its product type (None: leave them as they are)."""
    if items is None:
        return
    owner = Owner("product", product.id, product.product_type_id)
    await attribute_values.set_values(owner, value_inputs(items), creating)


async def save_variant_values(variant: Any, items: list[AttributeValueInput] | None, creating: bool) -> None:
    """A variant mutation's `attributes`, checked against its product's type."""
    if items is None:
        return
    product = await Product.get(id=variant.product_id)
    owner = Owner("variant", variant.id, product.product_type_id)  # type: ignore[attr-defined]
    await attribute_values.set_values(owner, value_inputs(items), creating)


async def save_page_values(page: Any, items: list[AttributeValueInput] | None, creating: bool) -> None:
    """A page mutation's `attributes`, checked against its page type (None: leave them as they are; on creation
    the page type's required attributes must still be given)."""
    if items is None and not creating:
        return
    owner = Owner("page", page.id, page.page_type_id)
    await attribute_values.set_values(owner, value_inputs(items), creating)
