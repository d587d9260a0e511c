"""Saleor's attribute mutations. The mall stores no attributes (a gift is described by its name,
description and variants), so each is refused with a clear error after the permission check."""

from __future__ import annotations

import strawberry

from catalog.graphql.admin.attribute_payloads import (
    AttributeBulkDelete,
    AttributeCreate,
    AttributeDelete,
    AttributeReorderValues,
    AttributeTranslate,
    AttributeUpdate,
    AttributeValueBulkDelete,
    AttributeValueCreate,
    AttributeValueDelete,
    AttributeValueTranslate,
    AttributeValueUpdate,
    ProductAttributeAssign,
    ProductAttributeAssignmentUpdate,
    ProductAttributeUnassign,
)
from catalog.graphql.admin.enums import AttributeErrorCode, ProductAttributeType, TranslationErrorCode
from catalog.graphql.admin.errors import AttributeError, TranslationError
from catalog.graphql.admin.inputs import (
    AttributeCreateInput,
    AttributeUpdateInput,
    AttributeValueCreateInput,
    AttributeValueTranslationInput,
    AttributeValueUpdateInput,
    NameTranslationInput,
    ProductAttributeAssignInput,
    ProductAttributeAssignmentUpdateInput,
    ReorderInput,
)
from catalog.graphql.admin.payloads import ProductTypeReorderAttributes
from catalog.graphql.admin.refusal import refuse
from catalog.graphql.mutations.common import ProductError
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum, ProductErrorCode
from mall.graphql.error_codes import ErrorCodes

WHY = "The points mall stores no attributes."
# These mutations answer only their own refusal and the GraphQL layer's (a malformed ID): no domain codes.
ATTRIBUTE_REFUSALS = ErrorCodes(AttributeErrorCode)


@strawberry.type
class AttributeMutations:
    @strawberry.mutation(description=f"Deletes attributes. {WHY}")
    async def attribute_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> AttributeBulkDelete | None:
        return await refuse(
            info,
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            AttributeBulkDelete,
            AttributeError,
            AttributeErrorCode,
            "NOT_FOUND",
            "ids",
            WHY,
        )

    @strawberry.mutation(description=f"Creates an attribute. {WHY}")
    async def attribute_create(self, info: Info, input: AttributeCreateInput) -> AttributeCreate | None:
        return await refuse(
            info,
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            AttributeCreate,
            AttributeError,
            AttributeErrorCode,
            "INVALID",
            None,
            WHY,
        )

    @strawberry.mutation(description=f"Deletes an attribute. {WHY}")
    async def attribute_delete(
        self, info: Info, external_reference: str | None = None, id: strawberry.ID | None = None
    ) -> AttributeDelete | None:
        return await refuse(
            info,
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            AttributeDelete,
            AttributeError,
            AttributeErrorCode,
            "NOT_FOUND",
            "id",
            WHY,
        )

    @strawberry.mutation(description=f"Reorder the values of an attribute. {WHY}")
    async def attribute_reorder_values(
        self, info: Info, attribute_id: strawberry.ID, moves: list[ReorderInput]
    ) -> AttributeReorderValues | None:
        return await refuse(
            info,
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            AttributeReorderValues,
            AttributeError,
            AttributeErrorCode,
            "INVALID",
            None,
            WHY,
        )

    @strawberry.mutation(description=f"Updates attribute. {WHY}")
    async def attribute_update(
        self,
        info: Info,
        input: AttributeUpdateInput,
        external_reference: str | None = None,
        id: strawberry.ID | None = None,
    ) -> AttributeUpdate | None:
        return await refuse(
            info,
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            AttributeUpdate,
            AttributeError,
            AttributeErrorCode,
            "NOT_FOUND",
            "id",
            WHY,
        )

    @strawberry.mutation(description=f"Deletes values of attributes. {WHY}")
    async def attribute_value_bulk_delete(
        self, info: Info, ids: list[strawberry.ID]
    ) -> AttributeValueBulkDelete | None:
        return await refuse(
            info,
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            AttributeValueBulkDelete,
            AttributeError,
            AttributeErrorCode,
            "NOT_FOUND",
            "ids",
            WHY,
        )

    @strawberry.mutation(description=f"Creates a value for an attribute. {WHY}")
    async def attribute_value_create(
        self, info: Info, attribute: strawberry.ID, input: AttributeValueCreateInput
    ) -> AttributeValueCreate | None:
        return await refuse(
            info,
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            AttributeValueCreate,
            AttributeError,
            AttributeErrorCode,
            "INVALID",
            None,
            WHY,
        )

    @strawberry.mutation(description=f"Deletes a value of an attribute. {WHY}")
    async def attribute_value_delete(
        self, info: Info, external_reference: str | None = None, id: strawberry.ID | None = None
    ) -> AttributeValueDelete | None:
        return await refuse(
            info,
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            AttributeValueDelete,
            AttributeError,
            AttributeErrorCode,
            "NOT_FOUND",
            "id",
            WHY,
        )

    @strawberry.mutation(description=f"Updates value of an attribute. {WHY}")
    async def attribute_value_update(
        self,
        info: Info,
        input: AttributeValueUpdateInput,
        external_reference: str | None = None,
        id: strawberry.ID | None = None,
    ) -> AttributeValueUpdate | None:
        return await refuse(
            info,
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            AttributeValueUpdate,
            AttributeError,
            AttributeErrorCode,
            "NOT_FOUND",
            "id",
            WHY,
        )

    @strawberry.mutation(description=f"Assign attributes to a given product type. {WHY}")
    async def product_attribute_assign(
        self, info: Info, operations: list[ProductAttributeAssignInput], product_type_id: strawberry.ID
    ) -> ProductAttributeAssign | None:
        return await refuse(
            info,
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            ProductAttributeAssign,
            ProductError,
            ProductErrorCode,
            "INVALID",
            None,
            WHY,
        )

    @strawberry.mutation(description=f"Update attributes assigned to product variant for given product type. {WHY}")
    async def product_attribute_assignment_update(
        self, info: Info, operations: list[ProductAttributeAssignmentUpdateInput], product_type_id: strawberry.ID
    ) -> ProductAttributeAssignmentUpdate | None:
        return await refuse(
            info,
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            ProductAttributeAssignmentUpdate,
            ProductError,
            ProductErrorCode,
            "INVALID",
            None,
            WHY,
        )

    @strawberry.mutation(description=f"Un-assign attributes from a given product type. {WHY}")
    async def product_attribute_unassign(
        self, info: Info, attribute_ids: list[strawberry.ID], product_type_id: strawberry.ID
    ) -> ProductAttributeUnassign | None:
        return await refuse(
            info,
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            ProductAttributeUnassign,
            ProductError,
            ProductErrorCode,
            "INVALID",
            None,
            WHY,
        )

    @strawberry.mutation(description=f"Reorder the attributes of a product type. {WHY}")
    async def product_type_reorder_attributes(
        self, info: Info, moves: list[ReorderInput], product_type_id: strawberry.ID, type: ProductAttributeType
    ) -> ProductTypeReorderAttributes | None:
        return await refuse(
            info,
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            ProductTypeReorderAttributes,
            ProductError,
            ProductErrorCode,
            "INVALID",
            None,
            WHY,
        )

    @strawberry.mutation(description=f"Creates/updates translations for an attribute. {WHY}")
    async def attribute_translate(
        self, info: Info, id: strawberry.ID, input: NameTranslationInput, language_code: LanguageCodeEnum
    ) -> AttributeTranslate | None:
        return await refuse(
            info,
            "MANAGE_TRANSLATIONS",
            AttributeTranslate,
            TranslationError,
            TranslationErrorCode,
            "NOT_FOUND",
            "id",
            WHY,
        )

    @strawberry.mutation(description=f"Creates/updates translations for an attribute value. {WHY}")
    async def attribute_value_translate(
        self, info: Info, id: strawberry.ID, input: AttributeValueTranslationInput, language_code: LanguageCodeEnum
    ) -> AttributeValueTranslate | None:
        return await refuse(
            info,
            "MANAGE_TRANSLATIONS",
            AttributeValueTranslate,
            TranslationError,
            TranslationErrorCode,
            "NOT_FOUND",
            "id",
            WHY,
        )
