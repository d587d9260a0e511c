"""Saleor's mutations for what a points mall does not have through this API: file uploads and CSV exports. Pages
are written by catalog/graphql/mutations/pages.py, page types by catalog/graphql/admin/page_types.py and menus by
catalog/graphql/mutations/menus.py.
Each is refused with a clear error after the permission check; nothing is written."""

from __future__ import annotations

import strawberry

from catalog.graphql.absent.types import (
    ExportError,
    ExportErrorCode,
    ExportProducts,
    ExportProductsInput,
    FileUpload,
    UploadError,
    UploadErrorCode,
)
from catalog.graphql.admin.refusal import refuse
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, same_names
from mall.graphql.scalars import Upload

WHY = "Not available in the points mall."
# These mutations answer only their own refusal and the GraphQL layer's (a malformed ID): no domain codes.
EXPORT_REFUSALS = ErrorCodes(ExportErrorCode)
UPLOAD_REFUSALS = ErrorCodes(
    UploadErrorCode,
    api_codes=same_names(ApiErrorCode, UploadErrorCode, unreachable={ApiErrorCode.NOT_FOUND, ApiErrorCode.REQUIRED}),
)


@strawberry.type
class AbsentMutations:
    @strawberry.mutation(description=f"Export products to csv file. {WHY}")
    async def export_products(self, info: Info, input: ExportProductsInput) -> ExportProducts | None:
        return await refuse(info, "MANAGE_PRODUCTS", ExportProducts, ExportError, ExportErrorCode, "INVALID", None, WHY)

    @strawberry.mutation(description=f"Upload a file. {WHY}")
    async def file_upload(self, info: Info, file: Upload) -> FileUpload | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", FileUpload, UploadError, UploadErrorCode, "INVALID", None, WHY
        )
