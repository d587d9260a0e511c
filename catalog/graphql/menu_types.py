"""Saleor's inputs, payloads and errors of the menu queries and mutations (catalog/graphql/menu_queries.py,
catalog/graphql/mutations/menus.py)."""

from __future__ import annotations

import strawberry

from catalog.graphql.admin.enums import listed_enum
from catalog.graphql.admin.errors import TranslationError
from catalog.graphql.inputs import MetadataFilter
from catalog.graphql.menus import Menu, MenuItem
from catalog.graphql.mutations.common import errors_field
from catalog.graphql.pagination import counted_connection
from mall.graphql.enums import OrderDirection

MenuCountableConnection, MenuCountableEdge = counted_connection(Menu, "Menu")
MenuItemCountableConnection, MenuItemCountableEdge = counted_connection(MenuItem, "MenuItem")

MenuSortField = listed_enum("MenuSortField", [("NAME", None), ("ITEMS_COUNT", None)])
MenuItemsSortField = listed_enum("MenuItemsSortField", [("NAME", None)])
MenuErrorCode = listed_enum(
    "MenuErrorCode",
    [
        ("CANNOT_ASSIGN_NODE", None),
        ("GRAPHQL_ERROR", None),
        ("INVALID", None),
        ("INVALID_MENU_ITEM", None),
        ("NO_MENU_ITEM_PROVIDED", None),
        ("NOT_FOUND", None),
        ("REQUIRED", None),
        ("TOO_MANY_MENU_ITEMS", None),
        ("UNIQUE", None),
    ],
)


@strawberry.input
class MenuSortingInput:
    direction: OrderDirection = strawberry.field(description="Specifies the direction in which to sort menus.")
    field: MenuSortField = strawberry.field(description="Sort menus by the selected field.")


@strawberry.input
class MenuFilterInput:
    search: str | None = strawberry.field(default=None)
    slug: list[str] | None = strawberry.field(default=None, deprecation_reason="Use `slugs` instead.")
    metadata: list[MetadataFilter] | None = strawberry.field(default=None)
    slugs: list[str] | None = strawberry.field(default=None)


@strawberry.input
class MenuItemSortingInput:
    direction: OrderDirection = strawberry.field(description="Specifies the direction in which to sort menu items.")
    field: MenuItemsSortField = strawberry.field(description="Sort menu items by the selected field.")


@strawberry.input
class MenuItemFilterInput:
    search: str | None = strawberry.field(default=None)
    metadata: list[MetadataFilter] | None = strawberry.field(default=None)


@strawberry.type
class MenuError:
    field: str | None = strawberry.field(default=None, description="Name of a field that caused the error.")
    message: str | None = strawberry.field(default=None, description="The error message.")
    code: MenuErrorCode = strawberry.field(description="The error code.")


@strawberry.input
class MenuItemInput:
    name: str | None = strawberry.field(default=None, description="Name of the menu item.")
    url: str | None = strawberry.field(default=None, description="URL of the pointed item (http or https).")
    category: strawberry.ID | None = strawberry.field(default=None, description="Category to which item points.")
    collection: strawberry.ID | None = strawberry.field(default=None, description="Collection to which item points.")
    page: strawberry.ID | None = strawberry.field(default=None, description="Page to which item points.")


@strawberry.input
class MenuCreateInput:
    name: str = strawberry.field(description="Name of the menu.")
    slug: str | None = strawberry.field(default=None, description="Slug of the menu.")
    items: list[MenuItemInput] | None = strawberry.field(default=None, description="List of menu items.")


@strawberry.input
class MenuInput:
    name: str | None = strawberry.field(default=None, description="Name of the menu.")
    slug: str | None = strawberry.field(default=None, description="Slug of the menu.")


@strawberry.input
class MenuItemCreateInput:
    name: str = strawberry.field(description="Name of the menu item.")
    url: str | None = strawberry.field(default=None, description="URL of the pointed item (http or https).")
    category: strawberry.ID | None = strawberry.field(default=None, description="Category to which item points.")
    collection: strawberry.ID | None = strawberry.field(default=None, description="Collection to which item points.")
    page: strawberry.ID | None = strawberry.field(default=None, description="Page to which item points.")
    menu: strawberry.ID = strawberry.field(description="Menu to which item belongs.")
    parent: strawberry.ID | None = strawberry.field(default=None, description="ID of the parent menu.")


@strawberry.input
class MenuItemMoveInput:
    item_id: strawberry.ID = strawberry.field(description="The menu item ID to move.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="ID of the parent menu. If empty, menu will be top level menu."
    )
    sort_order: int | None = strawberry.field(
        default=None, description="The new relative sorting position of the item (from -inf to +inf)."
    )


@strawberry.type(description="Creates a new Menu.")
class MenuCreate:
    errors: list[MenuError] = errors_field()
    menu: Menu | None = strawberry.field(default=None)


@strawberry.type(description="Updates a menu.")
class MenuUpdate:
    errors: list[MenuError] = errors_field()
    menu: Menu | None = strawberry.field(default=None)


@strawberry.type(description="Deletes a menu.")
class MenuDelete:
    errors: list[MenuError] = errors_field()
    menu: Menu | None = strawberry.field(default=None)


@strawberry.type(description="Deletes menus.")
class MenuBulkDelete:
    count: int = strawberry.field(default=0, description="Returns how many objects were affected.")
    errors: list[MenuError] = errors_field()


@strawberry.type(description="Creates a new menu item.")
class MenuItemCreate:
    errors: list[MenuError] = errors_field()
    menu_item: MenuItem | None = strawberry.field(default=None)


@strawberry.type(description="Updates a menu item.")
class MenuItemUpdate:
    errors: list[MenuError] = errors_field()
    menu_item: MenuItem | None = strawberry.field(default=None)


@strawberry.type(description="Deletes a menu item.")
class MenuItemDelete:
    errors: list[MenuError] = errors_field()
    menu_item: MenuItem | None = strawberry.field(default=None)


@strawberry.type(description="Deletes menu items.")
class MenuItemBulkDelete:
    count: int = strawberry.field(default=0, description="Returns how many objects were affected.")
    errors: list[MenuError] = errors_field()


@strawberry.type(description="Moves items of menus.")
class MenuItemMove:
    errors: list[MenuError] = errors_field()
    menu: Menu | None = strawberry.field(default=None, description="Assigned menu to move within.")


@strawberry.type(description="Creates/updates translations for a menu item.")
class MenuItemTranslate:
    errors: list[TranslationError] = errors_field()
    menu_item: MenuItem | None = strawberry.field(default=None)
