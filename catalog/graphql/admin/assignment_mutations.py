"""Saleor's mutations assigning attributes to product types: productAttributeAssign, productAttributeUnassign,
productAttributeAssignmentUpdate and productTypeReorderAttributes.

Product types are the operator's (catalog/graphql/admin/mutations.py), and so is what they assign: these need
MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES, unscoped. Refusals answer in ProductErrorCode, as Saleor's do.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry

from catalog.errors import AttributeStoreErrorCode
from catalog.graphql.admin.attribute_mutations import SHARED
from catalog.graphql.admin.attribute_payloads import (
    ProductAttributeAssign,
    ProductAttributeAssignmentUpdate,
    ProductAttributeUnassign,
)
from catalog.graphql.admin.enums import ProductAttributeType
from catalog.graphql.admin.inputs import (
    ProductAttributeAssignInput,
    ProductAttributeAssignmentUpdateInput,
    ReorderInput,
)
from catalog.graphql.admin.payloads import ProductTypeReorderAttributes
from catalog.graphql.mutations.common import ProductError, int_id
from catalog.graphql.product_type import ProductType
from catalog.models import Attribute as AttributeModel
from catalog.models import ProductType as ProductTypeModel
from catalog.services import attribute_assignment
from catalog.services.attribute_assignment import Assignment
from mall.graphql.context import Info
from mall.graphql.enums import ProductErrorCode, enum_name
from mall.graphql.error_codes import ErrorCodes, same_names
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import not_found
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission

ASSIGNMENT_ERRORS = ErrorCodes(ProductErrorCode, same_names(AttributeStoreErrorCode, ProductErrorCode))
PERMISSION = "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES"


async def _operator(info: Info) -> None:
    principal = await require_permission(info, PERMISSION)
    if principal.scope is not None:
        raise PermissionDenied(message=SHARED)


async def _product_type(global_id: str) -> ProductTypeModel:
    row = await ProductTypeModel.get_or_none(id=int_id(global_id, "ProductType", "product_type_id"))
    if row is None:
        raise not_found(global_id, "product_type_id")
    return row


async def _attribute(global_id: str, field: str) -> AttributeModel:
    row = await AttributeModel.get_or_none(id=int_id(global_id, "Attribute", field))
    if row is None:
        raise not_found(global_id, field)
    return row


def _run(payload: type, work: Callable[[], Awaitable[Any]]) -> Any:
    return run_in_transaction(payload, ProductError, ASSIGNMENT_ERRORS, work)


@strawberry.type
class AttributeAssignmentMutations:
    @strawberry.mutation(description="Assign attributes to a given product type. Operator only.")
    async def product_attribute_assign(
        self, info: Info, operations: list[ProductAttributeAssignInput], product_type_id: strawberry.ID
    ) -> ProductAttributeAssign | None:
        await _operator(info)

        async def work() -> ProductAttributeAssign:
            product_type = await _product_type(product_type_id)
            assignments = [
                Assignment(await _attribute(op.id, "operations"), enum_name(op.type), bool(op.variant_selection))
                for op in operations
            ]
            await attribute_assignment.assign_attributes(product_type, assignments)
            return ProductAttributeAssign(product_type=ProductType.of(product_type))

        return await _run(ProductAttributeAssign, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Update attributes assigned to product variant for given product type.")
    async def product_attribute_assignment_update(
        self, info: Info, operations: list[ProductAttributeAssignmentUpdateInput], product_type_id: strawberry.ID
    ) -> ProductAttributeAssignmentUpdate | None:
        await _operator(info)

        async def work() -> ProductAttributeAssignmentUpdate:
            product_type = await _product_type(product_type_id)
            changes = {int_id(op.id, "Attribute", "operations"): op.variant_selection for op in operations}
            await attribute_assignment.update_variant_selection(product_type, changes)
            return ProductAttributeAssignmentUpdate(product_type=ProductType.of(product_type))

        return await _run(ProductAttributeAssignmentUpdate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Un-assign attributes from a given product type: their values leave its gifts and variants."
    )
    async def product_attribute_unassign(
        self, info: Info, attribute_ids: list[strawberry.ID], product_type_id: strawberry.ID
    ) -> ProductAttributeUnassign | None:
        await _operator(info)

        async def work() -> ProductAttributeUnassign:
            product_type = await _product_type(product_type_id)
            ids = [int_id(global_id, "Attribute", "attribute_ids") for global_id in attribute_ids]
            await attribute_assignment.unassign_attributes(product_type, ids)
            return ProductAttributeUnassign(product_type=ProductType.of(product_type))

        return await _run(ProductAttributeUnassign, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Reorder the attributes of a product type.")
    async def product_type_reorder_attributes(
        self, info: Info, moves: list[ReorderInput], product_type_id: strawberry.ID, type: ProductAttributeType
    ) -> ProductTypeReorderAttributes | None:
        await _operator(info)

        async def work() -> ProductTypeReorderAttributes:
            product_type = await _product_type(product_type_id)
            steps = [(int_id(move.id, "Attribute", "moves"), move.sort_order or 0) for move in moves]
            await attribute_assignment.reorder_attributes(product_type, enum_name(type), steps)
            return ProductTypeReorderAttributes(product_type=ProductType.of(product_type))

        return await _run(ProductTypeReorderAttributes, work)  # type: ignore[no-any-return]
