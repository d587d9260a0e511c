"""Saleor's queries for menus, answered truthfully from what the mall derives instead of storing: the two menus
(`navbar` from the category tree, `footer` from the content pages placed in it).
Lists are not paginated beyond these few rows."""

from __future__ import annotations

import strawberry

from catalog.graphql import loaders
from catalog.graphql.absent.types import MenuFilterInput, MenuSortingInput
from catalog.graphql.content import MENU_SLUGS, Menu, category_menu, menu_pages
from mall.graphql.connection import PageArgs, PageInfo, countable_connection, edges_requested, validate_page_args
from mall.graphql.context import Info

MenuCountableConnection, MenuCountableEdge = countable_connection(Menu, "Menu")


def _fixed_connection(info: Info, args: PageArgs, connection: type, edge: type, nodes: list[object]) -> object:
    """A connection over a handful of derived rows: the first `first` (or last `last`) of them, no cursors
    beyond their positions."""
    validate_page_args(args, info.field_name, edges_requested(info))
    shown = nodes[: args.first] if args.first is not None else nodes[-args.last :] if args.last else nodes
    edges = [edge(node=node, cursor=str(index)) for index, node in enumerate(shown)]
    total = len(nodes)

    async def count() -> int:
        return total

    page_info = PageInfo(
        has_next_page=len(shown) < total and args.last is None,
        has_previous_page=len(shown) < total and args.last is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return connection(page_info=page_info, edges=edges, count_rows=count)


@strawberry.type
class AbsentQueries:
    @strawberry.field(
        description="List of the storefront's menus: `navbar` (the category tree) and `footer` (content pages)."
    )
    async def menus(
        self,
        info: Info,
        channel: str | None = None,
        sort_by: MenuSortingInput | None = None,
        filter: MenuFilterInput | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> MenuCountableConnection | None:  # type: ignore[valid-type]
        categories = await loaders.all_categories(info.context)
        menus = [category_menu(slug, categories, await menu_pages(slug)) for slug in MENU_SLUGS]
        nodes: list[object] = [menu for menu in menus if menu is not None]
        return _fixed_connection(
            info, PageArgs(first, last, after, before), MenuCountableConnection, MenuCountableEdge, nodes
        )  # type: ignore[return-value]
