"""Payloads of Saleor's attribute mutations (catalog/graphql/admin/attribute_mutations.py)."""

from __future__ import annotations

import strawberry

from catalog.graphql.admin.errors import AttributeError, TranslationError
from catalog.graphql.attributes import Attribute, AttributeValue
from catalog.graphql.mutations.common import ProductError, errors_field
from catalog.graphql.product_type import ProductType


@strawberry.type(description="Deletes attributes.")
class AttributeBulkDelete:
    count: int = strawberry.field(default=0, description="Returns how many objects were affected.")
    errors: list[AttributeError] = errors_field()


@strawberry.type(description="Creates an attribute.")
class AttributeCreate:
    attribute: Attribute | None = strawberry.field(default=None, description="The created attribute.")
    errors: list[AttributeError] = errors_field()


@strawberry.type(description="Deletes an attribute.")
class AttributeDelete:
    errors: list[AttributeError] = errors_field()
    attribute: Attribute | None = strawberry.field(default=None, description="The deleted attribute.")


@strawberry.type(description="Reorder the values of an attribute.")
class AttributeReorderValues:
    attribute: Attribute | None = strawberry.field(
        default=None, description="Attribute from which values are reordered."
    )
    errors: list[AttributeError] = errors_field()


@strawberry.type(description="Creates/updates translations for an attribute.")
class AttributeTranslate:
    errors: list[TranslationError] = errors_field()
    attribute: Attribute | None = strawberry.field(default=None)


@strawberry.type(description="Updates attribute.")
class AttributeUpdate:
    attribute: Attribute | None = strawberry.field(default=None, description="The updated attribute.")
    errors: list[AttributeError] = errors_field()


@strawberry.type(description="Deletes values of attributes.")
class AttributeValueBulkDelete:
    count: int = strawberry.field(default=0, description="Returns how many objects were affected.")
    errors: list[AttributeError] = errors_field()


@strawberry.type(description="Creates a value for an attribute.")
class AttributeValueCreate:
    attribute: Attribute | None = strawberry.field(default=None, description="The updated attribute.")
    errors: list[AttributeError] = errors_field()
    attribute_value: AttributeValue | None = strawberry.field(default=None, description="The attribute value.")


@strawberry.type(description="Deletes a value of an attribute.")
class AttributeValueDelete:
    attribute: Attribute | None = strawberry.field(default=None, description="The updated attribute.")
    errors: list[AttributeError] = errors_field()
    attribute_value: AttributeValue | None = strawberry.field(default=None, description="The attribute value.")


@strawberry.type(description="Creates/updates translations for an attribute value.")
class AttributeValueTranslate:
    errors: list[TranslationError] = errors_field()
    attribute_value: AttributeValue | None = strawberry.field(default=None)


@strawberry.type(description="Updates value of an attribute.")
class AttributeValueUpdate:
    attribute: Attribute | None = strawberry.field(default=None, description="The updated attribute.")
    errors: list[AttributeError] = errors_field()
    attribute_value: AttributeValue | None = strawberry.field(default=None, description="The attribute value.")


@strawberry.type(description="Assign attributes to a given product type.")
class ProductAttributeAssign:
    product_type: ProductType | None = strawberry.field(default=None, description="The updated product type.")
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Update attributes assigned to product variant for given product type.")
class ProductAttributeAssignmentUpdate:
    product_type: ProductType | None = strawberry.field(default=None, description="The updated product type.")
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Un-assign attributes from a given product type.")
class ProductAttributeUnassign:
    product_type: ProductType | None = strawberry.field(default=None, description="The updated product type.")
    errors: list[ProductError] = errors_field()
