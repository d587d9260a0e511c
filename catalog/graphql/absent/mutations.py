"""Saleor's mutations for what a points mall does not have through this API: page types and their attributes
(every page has the one built-in type),
file uploads and CSV exports. Pages themselves are written by catalog/graphql/mutations/pages.py.
Each is refused with a clear error after the permission check; nothing is written."""

from __future__ import annotations

import strawberry

from catalog.graphql.absent.types import (
    ExportError,
    ExportErrorCode,
    ExportProducts,
    ExportProductsInput,
    FileUpload,
    PageAttributeAssign,
    PageAttributeUnassign,
    PageError,
    PageErrorCode,
    PageTypeBulkDelete,
    PageTypeCreate,
    PageTypeCreateInput,
    PageTypeDelete,
    PageTypeReorderAttributes,
    PageTypeUpdate,
    PageTypeUpdateInput,
    UploadError,
    UploadErrorCode,
)
from catalog.graphql.admin.inputs import ReorderInput
from catalog.graphql.admin.refusal import refuse
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, same_names
from mall.graphql.scalars import Upload

WHY = "Not available in the points mall."
# These mutations answer only their own refusal and the GraphQL layer's (a malformed ID): no domain codes.
PAGE_REFUSALS = ErrorCodes(PageErrorCode)
EXPORT_REFUSALS = ErrorCodes(ExportErrorCode)
UPLOAD_REFUSALS = ErrorCodes(
    UploadErrorCode,
    api_codes=same_names(ApiErrorCode, UploadErrorCode, unreachable={ApiErrorCode.NOT_FOUND, ApiErrorCode.REQUIRED}),
)


@strawberry.type
class AbsentMutations:
    @strawberry.mutation(description=f"Assign attributes to a given page type. {WHY}")
    async def page_attribute_assign(
        self, info: Info, attribute_ids: list[strawberry.ID], page_type_id: strawberry.ID
    ) -> PageAttributeAssign | None:
        return await refuse(info, "MANAGE_PAGES", PageAttributeAssign, PageError, PageErrorCode, "INVALID", None, WHY)

    @strawberry.mutation(description=f"Unassign attributes from a given page type. {WHY}")
    async def page_attribute_unassign(
        self, info: Info, attribute_ids: list[strawberry.ID], page_type_id: strawberry.ID
    ) -> PageAttributeUnassign | None:
        return await refuse(info, "MANAGE_PAGES", PageAttributeUnassign, PageError, PageErrorCode, "INVALID", None, WHY)

    @strawberry.mutation(description=f"Deletes page types. {WHY}")
    async def page_type_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> PageTypeBulkDelete | None:
        return await refuse(
            info,
            "MANAGE_PAGE_TYPES_AND_ATTRIBUTES",
            PageTypeBulkDelete,
            PageError,
            PageErrorCode,
            "INVALID",
            "ids",
            WHY,
        )

    @strawberry.mutation(description=f"Creates a new page type. {WHY}")
    async def page_type_create(self, info: Info, input: PageTypeCreateInput) -> PageTypeCreate | None:
        return await refuse(
            info, "MANAGE_PAGE_TYPES_AND_ATTRIBUTES", PageTypeCreate, PageError, PageErrorCode, "INVALID", None, WHY
        )

    @strawberry.mutation(description=f"Deletes a page type. {WHY}")
    async def page_type_delete(self, info: Info, id: strawberry.ID) -> PageTypeDelete | None:
        return await refuse(
            info, "MANAGE_PAGE_TYPES_AND_ATTRIBUTES", PageTypeDelete, PageError, PageErrorCode, "INVALID", "id", WHY
        )

    @strawberry.mutation(description=f"Reorder the attributes of a page type. {WHY}")
    async def page_type_reorder_attributes(
        self, info: Info, moves: list[ReorderInput], page_type_id: strawberry.ID
    ) -> PageTypeReorderAttributes | None:
        return await refuse(
            info,
            "MANAGE_PAGE_TYPES_AND_ATTRIBUTES",
            PageTypeReorderAttributes,
            PageError,
            PageErrorCode,
            "INVALID",
            None,
            WHY,
        )

    @strawberry.mutation(description=f"Updates page type. {WHY}")
    async def page_type_update(
        self, info: Info, input: PageTypeUpdateInput, id: strawberry.ID | None = None
    ) -> PageTypeUpdate | None:
        return await refuse(
            info, "MANAGE_PAGE_TYPES_AND_ATTRIBUTES", PageTypeUpdate, PageError, PageErrorCode, "INVALID", "id", WHY
        )

    @strawberry.mutation(description=f"Export products to csv file. {WHY}")
    async def export_products(self, info: Info, input: ExportProductsInput) -> ExportProducts | None:
        return await refuse(info, "MANAGE_PRODUCTS", ExportProducts, ExportError, ExportErrorCode, "INVALID", None, WHY)

    @strawberry.mutation(description=f"Upload a file. {WHY}")
    async def file_upload(self, info: Info, file: Upload) -> FileUpload | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", FileUpload, UploadError, UploadErrorCode, "INVALID", None, WHY
        )
