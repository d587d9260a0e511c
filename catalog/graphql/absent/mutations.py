"""Saleor's mutations for what a points mall does not have through this API: navigation menus (the mall's menus are
built from the category tree), file uploads and CSV exports. Pages are written by catalog/graphql/mutations/pages.py,
page types by catalog/graphql/admin/page_types.py.
Each is refused with a clear error after the permission check; nothing is written."""

from __future__ import annotations

import strawberry

from catalog.graphql.absent.types import (
    ExportError,
    ExportErrorCode,
    ExportProducts,
    ExportProductsInput,
    FileUpload,
    MenuBulkDelete,
    MenuCreate,
    MenuCreateInput,
    MenuDelete,
    MenuError,
    MenuErrorCode,
    MenuInput,
    MenuItemBulkDelete,
    MenuItemCreate,
    MenuItemCreateInput,
    MenuItemInput,
    MenuItemMove,
    MenuItemMoveInput,
    MenuItemTranslate,
    MenuItemUpdate,
    MenuUpdate,
    UploadError,
    UploadErrorCode,
)
from catalog.graphql.admin.enums import TranslationErrorCode
from catalog.graphql.admin.errors import TranslationError
from catalog.graphql.admin.inputs import NameTranslationInput
from catalog.graphql.admin.refusal import refuse
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, same_names
from mall.graphql.scalars import Upload

WHY = "Not available in the points mall."
# These mutations answer only their own refusal and the GraphQL layer's (a malformed ID): no domain codes.
MENU_REFUSALS = ErrorCodes(MenuErrorCode)
EXPORT_REFUSALS = ErrorCodes(ExportErrorCode)
UPLOAD_REFUSALS = ErrorCodes(
    UploadErrorCode,
    api_codes=same_names(ApiErrorCode, UploadErrorCode, unreachable={ApiErrorCode.NOT_FOUND, ApiErrorCode.REQUIRED}),
)


@strawberry.type
class AbsentMutations:
    @strawberry.mutation(description=f"Deletes menus. {WHY}")
    async def menu_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> MenuBulkDelete | None:
        return await refuse(info, "MANAGE_MENUS", MenuBulkDelete, MenuError, MenuErrorCode, "INVALID", "ids", WHY)

    @strawberry.mutation(description=f"Creates a new Menu. {WHY}")
    async def menu_create(self, info: Info, input: MenuCreateInput) -> MenuCreate | None:
        return await refuse(info, "MANAGE_MENUS", MenuCreate, MenuError, MenuErrorCode, "INVALID", None, WHY)

    @strawberry.mutation(description=f"Deletes a menu. {WHY}")
    async def menu_delete(self, info: Info, id: strawberry.ID) -> MenuDelete | None:
        return await refuse(info, "MANAGE_MENUS", MenuDelete, MenuError, MenuErrorCode, "INVALID", "id", WHY)

    @strawberry.mutation(description=f"Deletes menu items. {WHY}")
    async def menu_item_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> MenuItemBulkDelete | None:
        return await refuse(info, "MANAGE_MENUS", MenuItemBulkDelete, MenuError, MenuErrorCode, "INVALID", "ids", WHY)

    @strawberry.mutation(description=f"Creates a new menu item. {WHY}")
    async def menu_item_create(self, info: Info, input: MenuItemCreateInput) -> MenuItemCreate | None:
        return await refuse(info, "MANAGE_MENUS", MenuItemCreate, MenuError, MenuErrorCode, "INVALID", None, WHY)

    @strawberry.mutation(description=f"Moves items of menus. {WHY}")
    async def menu_item_move(
        self, info: Info, menu: strawberry.ID, moves: list[MenuItemMoveInput]
    ) -> MenuItemMove | None:
        return await refuse(info, "MANAGE_MENUS", MenuItemMove, MenuError, MenuErrorCode, "INVALID", None, WHY)

    @strawberry.mutation(description=f"Updates a menu item. {WHY}")
    async def menu_item_update(self, info: Info, id: strawberry.ID, input: MenuItemInput) -> MenuItemUpdate | None:
        return await refuse(info, "MANAGE_MENUS", MenuItemUpdate, MenuError, MenuErrorCode, "INVALID", "id", WHY)

    @strawberry.mutation(description=f"Updates a menu. {WHY}")
    async def menu_update(self, info: Info, id: strawberry.ID, input: MenuInput) -> MenuUpdate | None:
        return await refuse(info, "MANAGE_MENUS", MenuUpdate, MenuError, MenuErrorCode, "INVALID", "id", WHY)

    @strawberry.mutation(description=f"Creates/updates translations for a menu item. {WHY}")
    async def menu_item_translate(
        self, info: Info, id: strawberry.ID, input: NameTranslationInput, language_code: LanguageCodeEnum
    ) -> MenuItemTranslate | None:
        return await refuse(
            info,
            "MANAGE_TRANSLATIONS",
            MenuItemTranslate,
            TranslationError,
            TranslationErrorCode,
            "INVALID",
            "id",
            WHY,
        )

    @strawberry.mutation(description=f"Export products to csv file. {WHY}")
    async def export_products(self, info: Info, input: ExportProductsInput) -> ExportProducts | None:
        return await refuse(info, "MANAGE_PRODUCTS", ExportProducts, ExportError, ExportErrorCode, "INVALID", None, WHY)

    @strawberry.mutation(description=f"Upload a file. {WHY}")
    async def file_upload(self, info: Info, file: Upload) -> FileUpload | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", FileUpload, UploadError, UploadErrorCode, "INVALID", None, WHY
        )
