"""Saleor's menu mutations (issue 17): the operator keeps the storefront's navigation from the Dashboard.

Menus are shared by every bank's mall and every partner: MANAGE_MENUS, and scoped staff (a partner's or a bank's)
are refused even when they hold it, as for the programme's pages. Translating an item's name needs
MANAGE_TRANSLATIONS, the operator's alone too. Each mutation validates its input, then calls the menu services in
one transaction: a refusal writes nothing.
"""

from __future__ import annotations

from typing import Any

import strawberry

from catalog.errors import MenuStoreErrorCode
from catalog.graphql.admin.enums import TranslationErrorCode
from catalog.graphql.admin.errors import TranslationError
from catalog.graphql.admin.inputs import NameTranslationInput
from catalog.graphql.admin.translation_mutations import translator_of
from catalog.graphql.menu_types import (
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
    MenuItemDelete,
    MenuItemInput,
    MenuItemMove,
    MenuItemMoveInput,
    MenuItemTranslate,
    MenuItemUpdate,
    MenuUpdate,
)
from catalog.graphql.menus import Menu, MenuItem, menu_sight, menu_tree
from catalog.graphql.mutations.common import int_id
from catalog.models import Menu as MenuModel
from catalog.models import MenuItem as MenuItemModel
from catalog.services import menu_moves, menus
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum, enum_name
from mall.graphql.error_codes import ErrorCodes, all_but, same_names
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.ids import decode_global_id
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission

MAX_IDS = 100  # Saleor's limit for bulk deletes
MENU_ERRORS = ErrorCodes(MenuErrorCode, same_names(MenuStoreErrorCode, MenuErrorCode))
MENU_TRANSLATION_ERRORS = ErrorCodes(
    TranslationErrorCode,
    same_names(
        MenuStoreErrorCode,
        TranslationErrorCode,
        unreachable=all_but(MenuStoreErrorCode, MenuStoreErrorCode.REQUIRED, MenuStoreErrorCode.INVALID),
    ),
)


async def require_menu_editor(info: Info) -> None:
    principal = await require_permission(info, "MANAGE_MENUS")
    if principal.scope is not None:
        raise PermissionDenied(message="Only the mall operator edits the storefront's menus.")


def _not_found(field: str, global_id: str) -> DomainError:
    return DomainError.single(field, f"Couldn't resolve to a node: {global_id}", MenuErrorCode.NOT_FOUND)


async def _menu(global_id: str, field: str = "id") -> MenuModel:
    menu = await MenuModel.get_or_none(id=int_id(global_id, "Menu", field))
    if menu is None:
        raise _not_found(field, global_id)
    return menu


async def _item(global_id: str, field: str = "id") -> MenuItemModel:
    item = await MenuItemModel.get_or_none(id=int_id(global_id, "MenuItem", field))
    if item is None:
        raise _not_found(field, global_id)
    return item


async def _existing_ids(model: type, type_name: str, global_ids: list[strawberry.ID]) -> list[int]:
    """Every ID must name an existing row: one unknown ID refuses the whole call, as Saleor does."""
    if len(global_ids) > MAX_IDS:
        raise DomainError.single("ids", f"Name at most {MAX_IDS} objects.", MenuErrorCode.INVALID)
    ids = [int_id(global_id, type_name, "ids") for global_id in global_ids]
    found = set(await model.filter(id__in=ids).values_list("id", flat=True))
    if missing := [global_id for global_id, pk in zip(global_ids, ids, strict=True) if pk not in found]:
        raise _not_found("ids", missing[0])
    return ids


def _link(input: MenuItemInput | MenuItemCreateInput) -> menus.ItemLink:
    """The link the input names; IDs of the wrong type are GRAPHQL_ERROR (the services check the rest)."""
    return menus.ItemLink(
        category_id=int_id(input.category, "Category", "category") if input.category else None,
        collection_id=int_id(input.collection, "Collection", "collection") if input.collection else None,
        page_id=int_id(input.page, "Page", "page") if input.page else None,
        url=input.url,
    )


def _links_anything(input: MenuItemInput) -> bool:
    return any(value is not None for value in (input.category, input.collection, input.page, input.url))


async def _shown_menu(info: Info, menu: MenuModel) -> Menu:
    return Menu.of(await menu_tree(menu, await menu_sight(info, None)))


async def _shown_item(info: Info, item: MenuItemModel) -> MenuItem | None:
    tree = await menu_tree(await MenuModel.get(id=item.menu_id), await menu_sight(info, None))  # type: ignore[attr-defined]
    shown = tree.items.get(item.id)
    return MenuItem.of(shown, tree) if shown is not None else None


def _move(move: MenuItemMoveInput) -> menus.ItemMove:
    parent = int_id(move.parent_id, "MenuItem", "parentId") if move.parent_id else None
    return menus.ItemMove(int_id(move.item_id, "MenuItem", "itemId"), parent, move.sort_order)


def _translated_item_id(global_id: str) -> int:
    """`menuItemTranslate` takes a MenuItem ID or a MenuItemTranslatableContent ID."""
    kind, _ = decode_global_id(global_id) or ("", "")
    return int_id(
        global_id, "MenuItemTranslatableContent" if kind == "MenuItemTranslatableContent" else "MenuItem", "id"
    )


def _run(payload: type, work: Any) -> Any:
    return run_in_transaction(payload, MenuError, MENU_ERRORS, work)


@strawberry.type
class MenuMutations:
    @strawberry.mutation(description="Creates a new Menu. Requires MANAGE_MENUS (operator only).")
    async def menu_create(self, info: Info, input: MenuCreateInput) -> MenuCreate | None:
        await require_menu_editor(info)

        async def work() -> MenuCreate:
            items = [menus.ItemData(item.name or "", _link(item)) for item in input.items or []]
            menu = await menus.create_menu(input.name, input.slug, items)
            return MenuCreate(menu=await _shown_menu(info, menu))

        return await _run(MenuCreate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Updates a menu. Requires MANAGE_MENUS (operator only).")
    async def menu_update(self, info: Info, id: strawberry.ID, input: MenuInput) -> MenuUpdate | None:
        await require_menu_editor(info)

        async def work() -> MenuUpdate:
            menu = await menus.update_menu(await _menu(id), input.name, input.slug)
            return MenuUpdate(menu=await _shown_menu(info, menu))

        return await _run(MenuUpdate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Deletes a menu with its items. Requires MANAGE_MENUS (operator only).")
    async def menu_delete(self, info: Info, id: strawberry.ID) -> MenuDelete | None:
        await require_menu_editor(info)

        async def work() -> MenuDelete:
            menu = await _menu(id)
            shown = await _shown_menu(info, menu)
            await menus.delete_menus([menu.id])
            return MenuDelete(menu=shown)

        return await _run(MenuDelete, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Deletes menus with their items, all or none. Requires MANAGE_MENUS (operator only)."
    )
    async def menu_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> MenuBulkDelete | None:
        await require_menu_editor(info)

        async def work() -> MenuBulkDelete:
            return MenuBulkDelete(count=await menus.delete_menus(await _existing_ids(MenuModel, "Menu", ids)))

        return await _run(MenuBulkDelete, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Creates a new menu item, last under its parent. Only one of `url`, "
        "`category`, `page`, `collection` is allowed per item. Requires MANAGE_MENUS (operator only)."
    )
    async def menu_item_create(self, info: Info, input: MenuItemCreateInput) -> MenuItemCreate | None:
        await require_menu_editor(info)

        async def work() -> MenuItemCreate:
            menu = await _menu(input.menu, "menu")
            parent = await _item(input.parent, "parent") if input.parent else None
            item = await menus.create_item(menu, parent, menus.ItemData(input.name, _link(input)))
            return MenuItemCreate(menu_item=await _shown_item(info, item))

        return await _run(MenuItemCreate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Updates a menu item; a link given replaces the previous one. Requires "
        "MANAGE_MENUS (operator only)."
    )
    async def menu_item_update(self, info: Info, id: strawberry.ID, input: MenuItemInput) -> MenuItemUpdate | None:
        await require_menu_editor(info)

        async def work() -> MenuItemUpdate:
            item = await _item(id)
            link = _link(input) if _links_anything(input) else None
            item = await menus.update_item(item, input.name, link)
            return MenuItemUpdate(menu_item=await _shown_item(info, item))

        return await _run(MenuItemUpdate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Deletes a menu item with the items under it. Requires MANAGE_MENUS (operator only)."
    )
    async def menu_item_delete(self, info: Info, id: strawberry.ID) -> MenuItemDelete | None:
        await require_menu_editor(info)

        async def work() -> MenuItemDelete:
            item = await _item(id)
            shown = await _shown_item(info, item)
            await menus.delete_items([item.id])
            return MenuItemDelete(menu_item=shown)

        return await _run(MenuItemDelete, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Deletes menu items with the items under them, all or none. Requires MANAGE_MENUS (operator only)."
    )
    async def menu_item_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> MenuItemBulkDelete | None:
        await require_menu_editor(info)

        async def work() -> MenuItemBulkDelete:
            count = await menus.delete_items(await _existing_ids(MenuItemModel, "MenuItem", ids))
            return MenuItemBulkDelete(count=count)

        return await _run(MenuItemBulkDelete, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Moves items of a menu: each under a new parent (none: the top level) and "
        "by `sortOrder` places among its siblings, refusing moves under the item itself or its "
        "descendants. Requires MANAGE_MENUS (operator only)."
    )
    async def menu_item_move(
        self, info: Info, menu: strawberry.ID, moves: list[MenuItemMoveInput]
    ) -> MenuItemMove | None:
        await require_menu_editor(info)

        async def work() -> MenuItemMove:
            row = await _menu(menu, "menu")
            if len(moves) > menus.MAX_ITEMS_PER_MENU:
                raise DomainError.single(
                    "moves", f"Send at most {menus.MAX_ITEMS_PER_MENU} moves.", MenuErrorCode.INVALID
                )
            await menu_moves.move_items(row.id, [_move(move) for move in moves])
            return MenuItemMove(menu=await _shown_menu(info, row))

        return await _run(MenuItemMove, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Creates/updates translations for a menu item. Requires MANAGE_TRANSLATIONS (operator only)."
    )
    async def menu_item_translate(
        self,
        info: Info,
        id: strawberry.ID,
        input: NameTranslationInput,
        language_code: LanguageCodeEnum,  # type: ignore[valid-type]
    ) -> MenuItemTranslate | None:
        await translator_of(info, operator_only=True)

        async def work() -> MenuItemTranslate:
            item = await MenuItemModel.get_or_none(id=_translated_item_id(id))
            if item is None:
                raise DomainError.single("id", f"Couldn't resolve to a node: {id}", TranslationErrorCode.NOT_FOUND)
            await menus.translate_item(item, enum_name(language_code), input.name or "")
            return MenuItemTranslate(menu_item=await _shown_item(info, item))

        return await run_in_transaction(  # type: ignore[no-any-return]
            MenuItemTranslate, TranslationError, MENU_TRANSLATION_ERRORS, work
        )
