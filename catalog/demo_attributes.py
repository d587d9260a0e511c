"""The demo catalogue's attributes: a colour (DROPDOWN) on gifts of the home, electronics, travel and sports
categories, and a capacity in litres (NUMERIC) on cookware, tea and coffee gifts and luggage, with their
Chinese names (颜色, 容量) so the member mall shows them in both languages.

Deterministic: the n-th gift of a category gets the n-th colour (and capacity), so tests and screenshots
see the same values on every load.
"""

from __future__ import annotations

from catalog.models import (
    AssignedProductAttributeValue,
    Attribute,
    AttributeInputType,
    AttributeProduct,
    AttributeTranslation,
    AttributeType,
    AttributeValue,
    AttributeValueTranslation,
)

COLOURS = (("black", "Black", "黑色"), ("silver", "Silver", "银色"), ("red", "Red", "红色"), ("white", "White", "白色"))
COLOURED = ("cookware", "tea-coffee", "audio", "smart-home", "luggage", "outdoor", "fitness", "cycling")
CAPACITIES_LITRES = (0.5, 1.0, 1.5, 2.0, 30.0)
WITH_CAPACITY = ("cookware", "tea-coffee", "luggage")


async def _attribute(slug: str, name: str, name_zh: str, input_type: AttributeInputType, **extra: object) -> Attribute:
    attribute = await Attribute.create(slug=slug, name=name, type=AttributeType.PRODUCT_TYPE, input_type=input_type,
                                       **extra)
    await AttributeTranslation.create(attribute=attribute, language_code="ZH_HANS", name=name_zh)
    return attribute


async def _colour_values(colour: Attribute) -> list[AttributeValue]:
    values = []
    for position, (slug, name, name_zh) in enumerate(COLOURS):
        value = await AttributeValue.create(attribute=colour, slug=slug, name=name, sort_order=position)
        await AttributeValueTranslation.create(value=value, language_code="ZH_HANS", name=name_zh)
        values.append(value)
    return values


async def _capacity_value(capacity: Attribute, product_id: int, litres: float) -> AttributeValue:
    """A numeric value belongs to one gift (slug as catalog/services/attribute_values.py makes it)."""
    return await AttributeValue.create(
        attribute=capacity, slug=f"product-{product_id}-{capacity.id}", name=f"{litres:g}", numeric=litres
    )


async def insert_demo_attributes(product_type_id: int, gifts_by_category: dict[str, list[int]]) -> int:
    """Colour and capacity on the physical gifts' product type and on the gifts named above; returns how many
    rows were created."""
    colour = await _attribute("colour", "Colour", "颜色", AttributeInputType.DROPDOWN)
    capacity = await _attribute("capacity", "Capacity", "容量", AttributeInputType.NUMERIC, unit="LITER")
    colours = await _colour_values(colour)
    for position, attribute in enumerate((colour, capacity)):
        await AttributeProduct.create(product_type_id=product_type_id, attribute=attribute, sort_order=position)
    created = 2 + 2 + len(colours) * 2 + 2
    for category in COLOURED:
        for index, product_id in enumerate(gifts_by_category.get(category, [])):
            await AssignedProductAttributeValue.create(product_id=product_id, value=colours[index % len(colours)])
            created += 1
    for category in WITH_CAPACITY:
        for index, product_id in enumerate(gifts_by_category.get(category, [])):
            litres = CAPACITIES_LITRES[index % len(CAPACITIES_LITRES)]
            value = await _capacity_value(capacity, product_id, litres)
            await AssignedProductAttributeValue.create(product_id=product_id, value=value, sort_order=1)
            created += 2
    return created
