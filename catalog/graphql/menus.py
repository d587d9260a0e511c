"""Saleor's `Menu` and `MenuItem` types over the stored menus (catalog.models.Menu, MenuItem).

A menu's items are read once per request as one tree (`MenuTree`, at most MAX_ITEMS_PER_MENU rows with their
category, collection and page), and what the caller may not see is cut from it before any field is resolved: an
item linking an unpublished page (without MANAGE_PAGES) or a collection not published in the caller's channel is
hidden with everything under it, as Saleor hides it, so its name and link never leak.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import strawberry
from graphql import GraphQLError

from catalog.graphql.category import Category
from catalog.graphql.collection import Collection
from catalog.graphql.content import Page
from catalog.graphql.context import CatalogView, catalog_view, viewer_of
from catalog.graphql.translations import MenuItemTranslation
from catalog.models import Collection as CollectionModel
from catalog.models import Menu as MenuModel
from catalog.models import MenuItem as MenuItemModel
from catalog.models import MenuItemTranslation as MenuItemTranslationModel
from catalog.services.pages import is_visible
from catalog.visibility import visible_collections
from mall.graphql.common import Node, ObjectWithMetadata, language_display
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum, enum_name
from mall.graphql.ids import to_global_id
from mall.graphql.permissions import has_any_permission

LINKED = ("category", "collection", "page")


@dataclass(frozen=True)
class MenuSight:
    """What the caller may see of what items link to: unpublished pages, and collections through `view`
    (None: no channel could be chosen, so a member sees no collection)."""

    sees_unpublished_pages: bool
    view: CatalogView | None


async def menu_sight(info: Info, channel: str | None) -> MenuSight:
    """The caller's sight, as `page` and `collection` would judge it (collections are the operator's: partner
    staff see them as members do)."""
    pages = has_any_permission(await info.context.principal(), ("MANAGE_PAGES",))
    viewer = await viewer_of(info)
    if viewer.staff and not viewer.sees_everything:
        viewer = type(viewer)(staff=False, partner_code=viewer.partner_code)
    try:
        view: CatalogView | None = await catalog_view(info, channel, viewer=viewer)
    except GraphQLError:  # several channels and none named: no collection is published "here"
        view = None
    return MenuSight(pages, view)


@dataclass
class MenuTree:
    """One menu's visible items: by ID and each parent's children in order (None: the top level)."""

    menu: MenuModel
    sight: MenuSight
    items: dict[int, MenuItemModel] = field(default_factory=dict)
    children: dict[int | None, list[MenuItemModel]] = field(default_factory=dict)
    names_by_language: dict[str, dict[int, MenuItemTranslationModel]] = field(default_factory=dict)

    def level(self, item: MenuItemModel) -> int:
        level, parent = 0, item.parent_id  # type: ignore[attr-defined]
        while parent is not None and parent in self.items:
            level, parent = level + 1, self.items[parent].parent_id  # type: ignore[attr-defined]
        return level

    async def translation(self, item_id: int, language_code: str) -> MenuItemTranslationModel | None:
        """The item's name in a language: the whole menu's names in it are read the first time one is asked."""
        if language_code not in self.names_by_language:
            rows = await MenuItemTranslationModel.filter(item_id__in=list(self.items), language_code=language_code)
            self.names_by_language[language_code] = {row.item_id: row for row in rows}  # type: ignore[attr-defined]
        return self.names_by_language[language_code].get(item_id)


async def _visible_collection_ids(sight: MenuSight, ids: set[int]) -> set[int]:
    if not ids or sight.view is None or sight.view.unknown_channel:
        return set()
    view = sight.view
    rows = CollectionModel.filter(visible_collections(view.viewer, view.channel, view.now), id__in=ids)
    return set(await rows.values_list("id", flat=True))


def _hidden(row: MenuItemModel, sight: MenuSight, collections: set[int]) -> bool:
    if row.page_id is not None and not (sight.sees_unpublished_pages or is_visible(row.page)):  # type: ignore[attr-defined]
        return True
    return row.collection_id is not None and row.collection_id not in collections  # type: ignore[attr-defined]


def _reachable(rows: list[MenuItemModel], hidden: set[int]) -> list[MenuItemModel]:
    """The rows not hidden and not below a hidden item (nor below an item of another menu: never stored)."""
    by_id = {row.id: row for row in rows}

    def shown(row: MenuItemModel) -> bool:
        current: MenuItemModel | None = row
        while current is not None:
            if current.id in hidden:
                return False
            parent = current.parent_id  # type: ignore[attr-defined]
            if parent is None:
                return True
            current = by_id.get(parent)
        return False

    return [row for row in rows if shown(row)]


async def menu_trees(menus: Iterable[MenuModel], sight: MenuSight) -> dict[int, MenuTree]:
    """Each menu's visible tree: one query for all their items, one for the collections they link."""
    trees = {menu.id: MenuTree(menu, sight) for menu in menus}
    query = MenuItemModel.filter(menu_id__in=list(trees)).select_related(*LINKED).order_by("sort_order", "id")
    rows = list(await query)
    linked = {row.collection_id for row in rows if row.collection_id}  # type: ignore[attr-defined]
    collections = await _visible_collection_ids(sight, linked)
    hidden = {row.id for row in rows if _hidden(row, sight, collections)}
    for row in _reachable(rows, hidden):
        tree = trees[row.menu_id]  # type: ignore[attr-defined]
        tree.items[row.id] = row
        tree.children.setdefault(row.parent_id, []).append(row)  # type: ignore[attr-defined]
    return trees


async def menu_tree(menu: MenuModel, sight: MenuSight) -> MenuTree:
    return (await menu_trees([menu], sight))[menu.id]


@strawberry.type(description="Represents a single menu - an object that is used to help navigate through the store.")
class Menu(Node, ObjectWithMetadata):
    model: strawberry.Private[MenuModel]
    tree: strawberry.Private[MenuTree]

    @classmethod
    def of(cls, tree: MenuTree) -> Menu:
        return cls(id=to_global_id("Menu", tree.menu.id), model=tree.menu, tree=tree)

    @strawberry.field
    def name(self) -> str:
        return self.model.name

    @strawberry.field
    def slug(self) -> str:
        return self.model.slug

    @strawberry.field(description="The menu's top-level items, in order.")
    def items(self) -> list[MenuItem] | None:
        return [MenuItem.of(row, self.tree) for row in self.tree.children.get(None, [])]


@strawberry.type(description="Represents a single item of the related menu. Can store categories, collection or pages.")
class MenuItem(Node, ObjectWithMetadata):
    model: strawberry.Private[MenuItemModel]
    tree: strawberry.Private[MenuTree]

    @classmethod
    def of(cls, model: MenuItemModel, tree: MenuTree) -> MenuItem:
        return cls(id=to_global_id("MenuItem", model.id), model=model, tree=tree)

    @strawberry.field
    def name(self) -> str:
        return self.model.name

    @strawberry.field
    def menu(self) -> Menu:
        return Menu.of(self.tree)

    @strawberry.field
    def parent(self) -> MenuItem | None:
        parent = self.tree.items.get(self.model.parent_id)  # type: ignore[attr-defined,arg-type]
        return MenuItem.of(parent, self.tree) if parent is not None else None

    @strawberry.field
    def category(self) -> Category | None:
        return Category.of(self.model.category) if self.model.category is not None else None

    @strawberry.field(description="A collection associated with this menu item, when the caller may see it.")
    def collection(self) -> Collection | None:
        view = self.tree.sight.view
        row = self.model.collection
        return Collection.of(row, view) if row is not None and view is not None else None

    @strawberry.field(description="A page associated with this menu item, when the caller may see it.")
    def page(self) -> Page | None:
        return Page.of(self.model.page) if self.model.page is not None else None

    @strawberry.field
    def level(self) -> int:
        return self.tree.level(self.model)

    @strawberry.field
    def children(self) -> list[MenuItem] | None:
        return [MenuItem.of(row, self.tree) for row in self.tree.children.get(self.model.id, [])]

    @strawberry.field(description="URL to the menu item (http or https).")
    def url(self) -> str | None:
        return self.model.url

    @strawberry.field(description="Returns translated menu item fields for the given language code.")
    async def translation(self, language_code: LanguageCodeEnum) -> MenuItemTranslation | None:
        row = await self.tree.translation(self.model.id, enum_name(language_code))
        return menu_item_translation(row) if row is not None else None


def menu_item_translation(row: MenuItemTranslationModel) -> MenuItemTranslation:
    return MenuItemTranslation(
        id=to_global_id("MenuItemTranslation", row.id), language=language_display(row.language_code), name=row.name
    )
