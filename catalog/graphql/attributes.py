"""Saleor's attribute types, as far as storefronts query them. The mall stores no attributes yet, so
every `attributes` list is empty and every single attribute lookup is null: the shapes exist so that
storefront documents validate and run.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from catalog.graphql.enums import AttributeEntityTypeEnum, AttributeInputTypeEnum, MeasurementUnitsEnum
from catalog.graphql.lean import lean_field
from mall.graphql.common import LanguageDisplay, Node, ObjectWithMetadata
from mall.graphql.connection import PageArgs, countable_connection, empty_connection
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum
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

    @strawberry.field(description="List of attribute's values. None: the mall stores no attributes.")
    def choices(
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
        return empty_connection(info, PageArgs(first, last, after, before), AttributeValueCountableConnection)

    @strawberry.field(description="Product types that use this attribute as a product attribute. None here.")
    def product_types(
        self,
        info: Info,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> ProductTypeConnectionRef:
        return empty_connection(info, PageArgs(first, last, after, before), _product_type_connection())

    @strawberry.field(description="Product types that use this attribute as a variant attribute. None here.")
    def product_variant_types(
        self,
        info: Info,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> ProductTypeConnectionRef:
        return empty_connection(info, PageArgs(first, last, after, before), _product_type_connection())

    @strawberry.field(description="The reference types (product types or page types) a reference attribute accepts.")
    def reference_types(self, limit: PositiveInt | None = None) -> list[ReferenceTypeRef] | None:  # type: ignore[valid-type]
        return []

    @strawberry.field(description="Returns translated attribute fields for the given language code.")
    def translation(self, language_code: LanguageCodeEnum) -> AttributeTranslation | None:
        return None


@strawberry.type(description="Represents a value of an attribute.")
class AttributeValue(Node):
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
    def translation(self, language_code: LanguageCodeEnum) -> AttributeValueTranslation | None:
        return None


@strawberry.type(description="Represents an assigned attribute to an object.")
class SelectedAttribute:
    attribute: Attribute = strawberry.field(description="Name of an attribute displayed in the interface.")
    values: list[AttributeValue] = strawberry.field(description="Values of an attribute.")


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
    @strawberry.field(description="List of assigned choice values.")
    def value(self, limit: PositiveInt | None = 100) -> list[AssignedChoiceAttributeValue]:
        return []


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
    """`AssignedMulti<Entity>ReferenceAttribute`: the mall stores no attributes yet, so the list is empty."""

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


@strawberry.interface(description="An object with attributes. The mall stores none yet: null and empty.")
class ObjectWithAttributes:
    @lean_field(description="Get a single attribute attached to the object by attribute slug.")
    def assigned_attribute(self, slug: str) -> AssignedAttribute | None:
        return None

    @lean_field(description="List of attributes assigned to the object.")
    def assigned_attributes(self, limit: PositiveInt | None = 100) -> list[AssignedAttribute]:
        return []


AttributeValueCountableConnection, AttributeValueCountableEdge = countable_connection(AttributeValue, "AttributeValue")
