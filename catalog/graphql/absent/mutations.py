"""Saleor's mutations for what a points mall does not have through this API: page types and their attributes
(every page has the one built-in type), navigation menus (the mall's menus are built from the category tree),
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
from catalog.graphql.admin.enums import TranslationErrorCode
from catalog.graphql.admin.errors import TranslationError
from catalog.graphql.admin.inputs import NameTranslationInput, ReorderInput
from catalog.graphql.admin.refusal import refuse
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, same_names
from mall.graphql.scalars import Upload

WHY = "Not available in the points mall."
# These mutations answer only their own refusal and the GraphQL layer's (a malformed ID): no domain codes.
PAGE_REFUSALS = ErrorCodes(PageErrorCode)
MENU_REFUSALS = ErrorCodes(MenuErrorCode)
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
