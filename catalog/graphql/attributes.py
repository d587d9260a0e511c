"""Saleor's attribute types, built from the catalogue's attributes (catalog.models.Attribute): an attribute,
its values and translations, and the values a gift or variant carries (`SelectedAttribute`).

Saleor's newer `assignedAttribute(s)` shapes answer the same stored values as `attributes`, one typed object
per attribute (a choice, several choices, a swatch, a text, a number, a yes-no or a date); the mall stores no
files, references, rich text or date-times, so those shapes never appear.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from catalog.graphql import attribute_loaders
from catalog.graphql.enums import AttributeEntityTypeEnum, AttributeInputTypeEnum, MeasurementUnitsEnum
from catalog.graphql.lean import lean_field
from catalog.models import Attribute as AttributeModel
from catalog.models import AttributeInputType, AttributeProduct, AttributeVariant
from catalog.models import AttributeValue as AttributeValueModel
from catalog.models import ProductType as ProductTypeModel
from mall.graphql.common import LanguageDisplay, Node, ObjectWithMetadata, language_display
from mall.graphql.connection import PageArgs, SortKey, countable_connection, paginate
from mall.graphql.context import Context, Info
from mall.graphql.enums import LanguageCodeEnum, enum_name
from mall.graphql.ids import to_global_id
from mall.graphql.scalars import JSONString, PositiveInt

if TYPE_CHECKING:
    from catalog.graphql.admin.enums import AttributeTypeEnum
    from catalog.graphql.admin.inputs import (
        AttributeChoicesSortingInput,
        AttributeValueFilterInput,
        AttributeValueWhereInput,
    )
    from catalog.graphql.admin.payloads import ReferenceType
    from catalog.graphql.admin.queries import ProductTypeCountableConnection
    from catalog.graphql.category import Category
    from catalog.graphql.collection import Collection
    from catalog.graphql.content import Page
    from catalog.graphql.product import Product
    from catalog.graphql.variant import ProductVariant

CollectionRef = Annotated["Collection", strawberry.lazy("catalog.graphql.collection")]
CategoryRef = Annotated["Category", strawberry.lazy("catalog.graphql.category")]
PageRef = Annotated["Page", strawberry.lazy("catalog.graphql.content")]
ProductRef = Annotated["Product", strawberry.lazy("catalog.graphql.product")]
VariantRef = Annotated["ProductVariant", strawberry.lazy("catalog.graphql.variant")]
# The back office's types (catalog/graphql/admin), which import this module
AttributeTypeRef = Annotated["AttributeTypeEnum", strawberry.lazy("catalog.graphql.admin.enums")]
AttributeChoicesSortingRef = Annotated["AttributeChoicesSortingInput", strawberry.lazy("catalog.graphql.admin.inputs")]
AttributeValueFilterRef = Annotated["AttributeValueFilterInput", strawberry.lazy("catalog.graphql.admin.inputs")]
AttributeValueWhereRef = Annotated["AttributeValueWhereInput", strawberry.lazy("catalog.graphql.admin.inputs")]
ProductTypeConnectionRef = Annotated["ProductTypeCountableConnection", strawberry.lazy("catalog.graphql.admin.queries")]
ReferenceTypeRef = Annotated["ReferenceType", strawberry.lazy("catalog.graphql.admin.payloads")]


def _product_type_connection() -> type:
    from catalog.graphql.admin.queries import ProductTypeCountableConnection

    return ProductTypeCountableConnection  # type: ignore[no-any-return]


@strawberry.type
class AttributeTranslation(Node):
    language: LanguageDisplay = strawberry.field(description="Translation language.")
    name: str = strawberry.field(description="Translated attribute name.")


@strawberry.type
class AttributeValueTranslation(Node):
    language: LanguageDisplay = strawberry.field(description="Translation language.")
    name: str = strawberry.field(description="Translated attribute value name.")
    rich_text: JSONString | None = strawberry.field(description="Translated rich-text attribute value.")
    plain_text: str | None = strawberry.field(description="Translated plain text attribute value .")


@strawberry.type(description="Represents file URL and content type.")
class File:
    url: str = strawberry.field(description="The URL of the file.")
    content_type: str | None = strawberry.field(description="Content type of the file.")


@strawberry.type(
    description="Custom attribute of a product. Attributes can be assigned to products and variants at the "
    "product type level."
)
class Attribute(Node, ObjectWithMetadata):
    model: strawberry.Private[object]

    @classmethod
    def of(cls, model: AttributeModel) -> Attribute:
        from catalog.graphql.admin.enums import AttributeTypeEnum

        return cls(
            id=to_global_id("Attribute", model.id), model=model, entity_type=None,
            input_type=AttributeInputTypeEnum[model.input_type.value],
            name=model.name, slug=model.slug, unit=_unit(model.unit), value_required=model.value_required,
            visible_in_storefront=model.visible_in_storefront, with_choices=model.input_type in CHOICES,
            external_reference=model.external_reference, type=AttributeTypeEnum[model.type.value],
            available_in_grid=model.available_in_grid, filterable_in_dashboard=model.filterable_in_dashboard,
            filterable_in_storefront=model.filterable_in_storefront,
            storefront_search_position=model.storefront_search_position,
        )
    input_type: AttributeInputTypeEnum | None = strawberry.field(
        description="The input type to use for entering attribute values in the dashboard."
    )
    entity_type: AttributeEntityTypeEnum | None = strawberry.field(
        description="The entity type which can be used as a reference."
    )
    name: str = strawberry.field(description="Name of an attribute displayed in the interface.")
    slug: str = strawberry.field(description="Internal representation of an attribute name.")
    unit: MeasurementUnitsEnum | None = strawberry.field(description="The unit of attribute values.")
    value_required: bool = strawberry.field(description="Whether the attribute requires values to be passed or not.")
    visible_in_storefront: bool = strawberry.field(
        description="Whether the attribute should be visible or not in storefront."
    )
    with_choices: bool = strawberry.field(description="Flag indicating that attribute has predefined choices.")
    external_reference: str | None = strawberry.field(description="External ID of this attribute.")
    type: AttributeTypeRef | None = strawberry.field(default=None, description="The attribute type.")
    available_in_grid: bool = strawberry.field(
        default=False, description="Whether the attribute can be displayed in the admin product list."
    )
    filterable_in_dashboard: bool = strawberry.field(
        default=False, description="Whether the attribute can be filtered in dashboard."
    )
    filterable_in_storefront: bool = strawberry.field(
        default=False, description="Whether the attribute can be filtered in storefront."
    )
    storefront_search_position: int = strawberry.field(
        default=0, description="The position of the attribute in the storefront navigation."
    )

    @strawberry.field(description="List of attribute's values (choice attributes only).")
    async def choices(
        self,
        info: Info,
        sort_by: AttributeChoicesSortingRef | None = None,
        filter: AttributeValueFilterRef | None = None,
        where: AttributeValueWhereRef | None = None,
        search: str | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> AttributeValueCountableConnection | None:  # type: ignore[valid-type]
        args = PageArgs(first, last, after, before)
        model: AttributeModel = self.model  # type: ignore[assignment]
        if model.input_type not in CHOICES:
            return None
        values = AttributeValueModel.filter(attribute_id=model.id)
        text = search or (filter.search if filter is not None else None)
        if text:
            values = values.filter(name__icontains=text)
        descending = sort_by is not None and enum_name(sort_by.direction) == "DESC"
        sort = [SortKey("slug", descending)] if sort_by is not None else [SortKey("sort_order")]
        return await paginate(
            info, values, args, AttributeValueCountableConnection, AttributeValueCountableEdge, sort=sort,
            to_node=lambda row: AttributeValue.of(row, model),
        )

    @strawberry.field(description="Product types that use this attribute as a product attribute.")
    async def product_types(
        self,
        info: Info,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> ProductTypeConnectionRef:
        return await _types_using(info, PageArgs(first, last, after, before), AttributeProduct, self.model)

    @strawberry.field(description="Product types that use this attribute as a variant attribute.")
    async def product_variant_types(
        self,
        info: Info,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> ProductTypeConnectionRef:
        return await _types_using(info, PageArgs(first, last, after, before), AttributeVariant, self.model)

    @strawberry.field(description="The reference types (product types or page types) a reference attribute accepts.")
    def reference_types(self, limit: PositiveInt | None = None) -> list[ReferenceTypeRef] | None:  # type: ignore[valid-type]
        return []

    @strawberry.field(description="Returns translated attribute fields for the given language code.")
    async def translation(self, info: Info, language_code: LanguageCodeEnum) -> AttributeTranslation | None:
        model: AttributeModel = self.model  # type: ignore[assignment]
        row = await attribute_loaders.attribute_translation(info.context, model.id, enum_name(language_code))
        if row is None:
            return None
        return AttributeTranslation(
            id=to_global_id("AttributeTranslation", row.id), language=language_display(row.language_code),
            name=row.name or model.name,
        )


@strawberry.type(description="Represents a value of an attribute.")
class AttributeValue(Node):
    model: strawberry.Private[object] = None

    @classmethod
    def of(cls, model: AttributeValueModel, attribute: AttributeModel) -> AttributeValue:
        return cls(
            id=to_global_id("AttributeValue", model.id), model=model, name=model.name, slug=model.slug,
            value=model.value or None, input_type=AttributeInputTypeEnum[attribute.input_type.value], reference=None,
            file=None, rich_text=None, plain_text=model.plain_text, boolean=model.boolean, date=model.date,
            date_time=None, external_reference=model.external_reference,
        )
    name: str | None = strawberry.field(description="Name of a value displayed in the interface.")
    slug: str | None = strawberry.field(description="Internal representation of a value (unique per attribute).")
    value: str | None = strawberry.field(
        description="Represent value of the attribute value (e.g. color values for swatch attributes)."
    )
    input_type: AttributeInputTypeEnum | None = strawberry.field(
        description="The input type to use for entering attribute values in the dashboard."
    )
    reference: strawberry.ID | None = strawberry.field(description="The ID of the referenced object.")
    file: File | None = strawberry.field(description="Represents file URL and content type.")
    rich_text: JSONString | None = strawberry.field(description="Represents the text of the attribute value.")
    plain_text: str | None = strawberry.field(description="Represents the text of the attribute value, plain.")
    boolean: bool | None = strawberry.field(description="Represents the boolean value of the attribute value.")
    date: datetime.date | None = strawberry.field(description="Represents the date value of the attribute value.")
    date_time: datetime.datetime | None = strawberry.field(description="Represents the date/time value.")
    external_reference: str | None = strawberry.field(description="External ID of this attribute value.")

    @strawberry.field(description="Returns translated attribute value fields for the given language code.")
    async def translation(self, info: Info, language_code: LanguageCodeEnum) -> AttributeValueTranslation | None:
        model: AttributeValueModel | None = self.model  # type: ignore[assignment]
        if model is None:
            return None
        row = await attribute_loaders.value_translation(info.context, model.id, enum_name(language_code))
        if row is None:
            return None
        return AttributeValueTranslation(
            id=to_global_id("AttributeValueTranslation", row.id), language=language_display(row.language_code),
            name=row.name or model.name, rich_text=None, plain_text=row.plain_text,
        )


@strawberry.type(description="Represents an assigned attribute to an object.")
class SelectedAttribute:
    attribute: Attribute = strawberry.field(description="Name of an attribute displayed in the interface.")
    values: list[AttributeValue] = strawberry.field(description="Values of an attribute.")


def selected_attributes(selected: attribute_loaders.Selected) -> list[SelectedAttribute]:
    return [
        SelectedAttribute(attribute=Attribute.of(attribute), values=[AttributeValue.of(v, attribute) for v in values])
        for attribute, values in selected
    ]


CHOICES = frozenset({AttributeInputType.DROPDOWN, AttributeInputType.MULTISELECT, AttributeInputType.SWATCH})


def _unit(unit: str | None) -> MeasurementUnitsEnum | None:
    return MeasurementUnitsEnum[unit] if unit and unit in MeasurementUnitsEnum.__members__ else None


async def _types_using(info: Info, args: PageArgs, link: type[object], model: object) -> object:
    """The product types that assign the attribute (as a product or a variant attribute)."""
    from catalog.graphql.product_type import ProductType

    type_ids = await link.filter(attribute_id=model.id).values_list("product_type_id", flat=True)  # type: ignore[attr-defined]
    return await paginate(
        info, ProductTypeModel.filter(id__in=list(type_ids)), args, _product_type_connection(), _product_type_edge(),
        sort=[SortKey("name")],
        to_node=ProductType.of,
    )


def _product_type_edge() -> type:
    from catalog.graphql.admin.queries import ProductTypeCountableEdge

    return ProductTypeCountableEdge  # type: ignore[no-any-return]


@strawberry.interface(description="Represents an attribute assigned to an object.")
class AssignedAttribute:
    attribute: Attribute = strawberry.field(description="Attribute assigned to an object.")


@strawberry.type(description="Represents a single choice value of the attribute.")
class AssignedChoiceAttributeValue:
    name: str | None = strawberry.field(description="Name of a value displayed in the interface.")
    slug: str | None = strawberry.field(description="Internal representation of a value (unique per attribute).")

    @strawberry.field(description="Translation of the name.")
    def translation(self, language_code: LanguageCodeEnum) -> str | None:
        return None


@strawberry.type(description="Represents swatch value.")
class AssignedSwatchAttributeValue:
    name: str | None = strawberry.field(description="Name of the selected swatch value.")
    slug: str | None = strawberry.field(description="Slug of the selected swatch value.")
    hex_color: str | None = strawberry.field(description="Hex color code.")
    file: File | None = strawberry.field(description="File associated with the attribute.")


@strawberry.type(description="Represents a numeric value of an attribute.")
class AssignedNumericAttribute(AssignedAttribute):
    value: float | None = strawberry.field(description="The assigned numeric value.")


@strawberry.type(description="Represents text attribute.")
class AssignedTextAttribute(AssignedAttribute):
    value: JSONString | None = strawberry.field(description="The assigned rich text content.")

    @strawberry.field(description="Translation of the rich text content in the specified language.")
    def translation(self, language_code: LanguageCodeEnum) -> JSONString | None:
        return None


@strawberry.type(description="Represents plain text attribute.")
class AssignedPlainTextAttribute(AssignedAttribute):
    value: str | None = strawberry.field(description="The assigned plain text content.")

    @strawberry.field(description="Translation of the plain text content in the specified language.")
    def translation(self, language_code: LanguageCodeEnum) -> str | None:
        return None


@strawberry.type(description="Represents file attribute.")
class AssignedFileAttribute(AssignedAttribute):
    value: File | None = strawberry.field(description="The assigned file.")


@strawberry.type(description="Represents a single choice attribute.")
class AssignedSingleChoiceAttribute(AssignedAttribute):
    value: AssignedChoiceAttributeValue | None = strawberry.field(description="The assigned choice value.")


@strawberry.type(description="Represents a multi choice attribute.")
class AssignedMultiChoiceAttribute(AssignedAttribute):
    choices: strawberry.Private[list[AssignedChoiceAttributeValue]]

    @strawberry.field(description="List of assigned choice values.")
    def value(self, limit: PositiveInt | None = 100) -> list[AssignedChoiceAttributeValue]:
        return self.choices[: limit or MAX_ASSIGNED]


@strawberry.type(description="Represents a swatch attribute.")
class AssignedSwatchAttribute(AssignedAttribute):
    value: AssignedSwatchAttributeValue | None = strawberry.field(description="The assigned swatch value.")


@strawberry.type(description="Represents a boolean attribute.")
class AssignedBooleanAttribute(AssignedAttribute):
    value: bool | None = strawberry.field(description="The assigned boolean value.")


@strawberry.type(description="Represents a date attribute.")
class AssignedDateAttribute(AssignedAttribute):
    value: datetime.date | None = strawberry.field(description="The assigned date value.")


@strawberry.type(description="Represents a date time attribute.")
class AssignedDateTimeAttribute(AssignedAttribute):
    value: datetime.datetime | None = strawberry.field(description="The assigned date time value.")


# (entity in the type name, noun in the descriptions, the referenced type) of Saleor's reference attributes.
REFERENCED = (
    ("Page", "page", PageRef),
    ("Product", "product", ProductRef),
    ("ProductVariant", "product variant", VariantRef),
    ("Category", "category", CategoryRef),
    ("Collection", "collection", CollectionRef),
)


def _single_reference(entity: str, noun: str, referenced: object) -> type:
    """`AssignedSingle<Entity>ReferenceAttribute`: the annotations are real types built here, not strings."""
    namespace = {
        "__annotations__": {"value": referenced | None},  # type: ignore[operator]
        "value": strawberry.field(description=f"The assigned {noun} reference."),
    }
    kind = type(f"AssignedSingle{entity}ReferenceAttribute", (AssignedAttribute,), namespace)
    return strawberry.type(kind, description=f"Represents single {noun} reference attribute.")


def _multi_reference(entity: str, noun: str, referenced: object) -> type:
    """`AssignedMulti<Entity>ReferenceAttribute`: the mall stores no reference attributes, so the list is empty."""

    def value(self: object, limit: int | None = 100) -> list[object]:
        return []

    value.__annotations__ = {"limit": PositiveInt | None, "return": list[referenced]}  # type: ignore[valid-type]
    namespace = {"value": strawberry.field(value, description=f"List of assigned {noun} references.")}
    kind = type(f"AssignedMulti{entity}ReferenceAttribute", (AssignedAttribute,), namespace)
    return strawberry.type(kind, description=f"Represents multi {noun} reference attribute.")


REFERENCE_ATTRIBUTE_TYPES = [_single_reference(*entry) for entry in REFERENCED] + [
    _multi_reference(*entry) for entry in REFERENCED
]
# Each is also bound to its own name here: other modules name the mall's types lazily by module attribute
# (`strawberry.lazy`, tools/generate_saleor_absent.py), and a type without one would be generated twice.
globals().update({kind.__name__: kind for kind in REFERENCE_ATTRIBUTE_TYPES})


ASSIGNED_ATTRIBUTE_TYPES: list[type] = [
    AssignedNumericAttribute,
    AssignedTextAttribute,
    AssignedPlainTextAttribute,
    AssignedFileAttribute,
    AssignedSingleChoiceAttribute,
    AssignedMultiChoiceAttribute,
    AssignedSwatchAttribute,
    AssignedBooleanAttribute,
    AssignedDateAttribute,
    AssignedDateTimeAttribute,
    *REFERENCE_ATTRIBUTE_TYPES,
]


MAX_ASSIGNED = 100  # Saleor's default and largest `limit`


def _choice(value: AttributeValueModel) -> AssignedChoiceAttributeValue:
    return AssignedChoiceAttributeValue(name=value.name, slug=value.slug)


def _assigned_of(attribute: AttributeModel, values: list[AttributeValueModel]) -> AssignedAttribute:
    """One attribute's carried values in the shape Saleor gives its input type (None values when none)."""
    shown, first = Attribute.of(attribute), (values[0] if values else None)
    kind = attribute.input_type
    if kind == AttributeInputType.MULTISELECT:
        return AssignedMultiChoiceAttribute(attribute=shown, choices=[_choice(value) for value in values])
    if kind == AttributeInputType.SWATCH:
        swatch = first and AssignedSwatchAttributeValue(
            name=first.name, slug=first.slug, hex_color=first.value or None, file=None
        )
        return AssignedSwatchAttribute(attribute=shown, value=swatch)
    if kind == AttributeInputType.PLAIN_TEXT:
        return AssignedPlainTextAttribute(attribute=shown, value=first.plain_text if first else None)
    if kind == AttributeInputType.BOOLEAN:
        return AssignedBooleanAttribute(attribute=shown, value=first.boolean if first else None)
    if kind == AttributeInputType.NUMERIC:
        return AssignedNumericAttribute(attribute=shown, value=first.numeric if first else None)
    if kind == AttributeInputType.DATE:
        return AssignedDateAttribute(attribute=shown, value=first.date if first else None)
    return AssignedSingleChoiceAttribute(attribute=shown, value=_choice(first) if first else None)


def assigned_attributes(items: list[SelectedAttribute], limit: int | None = None) -> list[AssignedAttribute]:
    """`assignedAttributes` from what `attributes` answers (same attributes, same order, same visibility)."""
    shown = items[: min(limit or MAX_ASSIGNED, MAX_ASSIGNED)]
    return [
        _assigned_of(item.attribute.model, [value.model for value in item.values])  # type: ignore[arg-type, misc]
        for item in shown
    ]


def assigned_attribute(items: list[SelectedAttribute], slug: str) -> AssignedAttribute | None:
    item = next((item for item in items if item.attribute.slug == slug), None)
    return assigned_attributes([item])[0] if item is not None else None


@strawberry.interface(
    description="An object with attributes: `assignedAttribute(s)` answer the values it carries (products, "
    "variants and pages override these defaults)."
)
class ObjectWithAttributes:
    @lean_field(description="Get a single attribute attached to the object by attribute slug.")
    def assigned_attribute(self, slug: str) -> AssignedAttribute | None:
        return None

    @lean_field(description="List of attributes assigned to the object.")
    def assigned_attributes(self, limit: PositiveInt | None = 100) -> list[AssignedAttribute]:
        return []


AttributeValueCountableConnection, AttributeValueCountableEdge = countable_connection(AttributeValue, "AttributeValue")


async def product_attributes(context: Context, product_type_id: int, product_id: int, storefront: bool) -> list[
    SelectedAttribute
]:
    """A gift's attributes, in its product type's order, with the values it carries."""
    links = await attribute_loaders.product_links(context, product_type_id)
    values = await attribute_loaders.product_values(context, product_id)
    return selected_attributes(attribute_loaders.selected([link.attribute for link in links], values, storefront))


async def variant_attributes(
    context: Context, product_type_id: int, variant_id: int, storefront: bool, selection: str | None
) -> list[SelectedAttribute]:
    """A variant's attributes; `selection` (VariantAttributeScope) keeps those members choose a variant by
    (VARIANT_SELECTION) or the others (NOT_VARIANT_SELECTION)."""
    links = await attribute_loaders.variant_links(context, product_type_id)
    if selection is not None and selection != "ALL":
        wanted = selection == "VARIANT_SELECTION"
        links = [link for link in links if link.variant_selection == wanted]
    values = await attribute_loaders.variant_values(context, variant_id)
    return selected_attributes(attribute_loaders.selected([link.attribute for link in links], values, storefront))
