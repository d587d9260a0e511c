"""Saleor's menu queries: `menu`, `menus`, `menuItem`, `menuItems`. Public, as Saleor's: each answers what the
caller may see (catalog/graphql/menus.py hides items linking what they may not).

A mall has a handful of menus (at most MAX_MENUS, each at most MAX_ITEMS_PER_MENU items): lists read them whole,
then filter, sort and page them in memory, which also sorts menus by their number of items without SQL of its own.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

import strawberry
from tortoise.expressions import Q

from catalog.graphql.lookups import require_one_of
from catalog.graphql.menu_types import (
    MenuCountableConnection,
    MenuCountableEdge,
    MenuFilterInput,
    MenuItemCountableConnection,
    MenuItemCountableEdge,
    MenuItemFilterInput,
    MenuItemSortingInput,
    MenuSortingInput,
)
from catalog.graphql.menus import Menu, MenuItem, MenuTree, menu_sight, menu_tree, menu_trees
from catalog.graphql.pagination import Key, check_page_args, connection, slice_rows
from catalog.models import Menu as MenuModel
from catalog.models import MenuItem as MenuItemModel
from mall.graphql.connection import PageArgs
from mall.graphql.context import Info
from mall.graphql.enums import enum_name
from mall.graphql.ids import parse_int_id

CHANNEL = "Slug of a channel for which the data should be returned."


def _metadata_matches(metadata: dict[str, str] | None, wanted: list[Any] | None) -> bool:
    data = metadata or {}
    return all(item.key in data and item.value in (None, data[item.key]) for item in wanted or [])


def _menu_query(filter: MenuFilterInput | None) -> Q:
    if filter is None:
        return Q()
    q = Q()
    if filter.search:
        q &= Q(name__icontains=filter.search) | Q(slug__icontains=filter.search)
    slugs = [*(filter.slugs or []), *(filter.slug or [])]
    if filter.slugs is not None or filter.slug is not None:
        q &= Q(slug__in=slugs)
    return q


def _menu_keys(sort_by: MenuSortingInput | None) -> list[Key]:
    descending = sort_by is not None and enum_name(sort_by.direction) == "DESC"
    first = Key("items_count", int, descending) if sort_by and enum_name(sort_by.field) == "ITEMS_COUNT" else None
    by_name = [Key("name", str, descending)] if sort_by is not None else []
    return [*([first] if first else by_name), Key("slug", str, descending), Key("id", int, descending)]


def _sorted(rows: list[Any], keys: list[Key]) -> list[Any]:
    """`rows` in the keys' order (each key may run the other way): stable sorts from the last key to the first."""
    for key in reversed(keys):
        rows.sort(key=key.read, reverse=key.descending)
    return rows


async def _menu_rows(filter: MenuFilterInput | None) -> list[MenuModel]:
    rows = [
        row
        for row in await MenuModel.filter(_menu_query(filter))
        if _metadata_matches(row.metadata, filter.metadata if filter else None)
    ]
    menu_ids: list[Any] = list(
        await MenuItemModel.filter(menu_id__in=[row.id for row in rows]).values_list("menu_id", flat=True)
    )
    counts = Counter(menu_ids)
    for row in rows:
        row.items_count = counts.get(row.id, 0)  # type: ignore[attr-defined]
    return rows


async def _menu_by(id: str | None, name: str | None, slug: str | None) -> MenuModel | None:
    if id:
        return await MenuModel.get_or_none(id=parse_int_id(id, "Menu"))
    if slug:
        return await MenuModel.get_or_none(slug=slug)
    return await MenuModel.filter(name=name).order_by("id").first()


def _flat_items(trees: dict[int, MenuTree], filter: MenuItemFilterInput | None) -> list[tuple[Any, MenuTree]]:
    search = (filter.search or "").lower() if filter else ""
    return [
        (row, tree)
        for tree in trees.values()
        for row in tree.items.values()
        if search in row.name.lower() and _metadata_matches(row.metadata, filter.metadata if filter else None)
    ]


@strawberry.type
class MenuQueries:
    @strawberry.field(description="Look up a navigation menu by ID, name or slug.")
    async def menu(
        self,
        info: Info,
        channel: Annotated[str | None, strawberry.argument(description=CHANNEL)] = None,
        id: strawberry.ID | None = None,
        name: str | None = None,
        slug: str | None = None,
    ) -> Menu | None:
        require_one_of(id=id, name=name, slug=slug)
        row = await _menu_by(id, name, slug)
        return Menu.of(await menu_tree(row, await menu_sight(info, channel))) if row is not None else None

    @strawberry.field(description="List of the storefront's menus.")
    async def menus(
        self,
        info: Info,
        channel: Annotated[str | None, strawberry.argument(description=CHANNEL)] = None,
        sort_by: MenuSortingInput | None = None,
        filter: MenuFilterInput | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> MenuCountableConnection | None:  # type: ignore[valid-type]
        args = PageArgs(first, last, after, before)
        check_page_args(info, args)
        keys = _menu_keys(sort_by)
        rows = _sorted(await _menu_rows(filter), keys)
        page = slice_rows(rows, args, keys)
        trees = await menu_trees(page.rows, await menu_sight(info, channel))
        return connection(
            MenuCountableConnection, MenuCountableEdge, page, lambda row: Menu.of(trees[row.id]), len(rows)
        )

    @strawberry.field(description="Look up a menu item by ID.")
    async def menu_item(
        self,
        info: Info,
        id: strawberry.ID,
        channel: Annotated[str | None, strawberry.argument(description=CHANNEL)] = None,
    ) -> MenuItem | None:
        row = await MenuItemModel.get_or_none(id=parse_int_id(id, "MenuItem")).select_related("menu")
        if row is None:
            return None
        tree = await menu_tree(row.menu, await menu_sight(info, channel))
        shown = tree.items.get(row.id)
        return MenuItem.of(shown, tree) if shown is not None else None

    @strawberry.field(description="List of the storefronts's menu items.")
    async def menu_items(
        self,
        info: Info,
        channel: Annotated[str | None, strawberry.argument(description=CHANNEL)] = None,
        sort_by: MenuItemSortingInput | None = None,
        filter: MenuItemFilterInput | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> MenuItemCountableConnection | None:  # type: ignore[valid-type]
        args = PageArgs(first, last, after, before)
        check_page_args(info, args)
        descending = sort_by is not None and enum_name(sort_by.direction) == "DESC"
        keys = [Key("name", str, descending), Key("id", int, descending)] if sort_by else [Key("id", int)]
        trees = await menu_trees(await MenuModel.all(), await menu_sight(info, channel))
        items = _flat_items(trees, filter)
        tree_of = {row.id: tree for row, tree in items}
        rows = _sorted([row for row, _ in items], keys)
        page = slice_rows(rows, args, keys)
        return connection(
            MenuItemCountableConnection,
            MenuItemCountableEdge,
            page,
            lambda row: MenuItem.of(row, tree_of[row.id]),
            len(rows),
        )
