"""Saleor's page type queries, answered truthfully from what the mall derives instead of storing: one page type
(the content page every page has). Lists are not paginated beyond these few rows."""

from __future__ import annotations

import strawberry

from catalog.graphql.absent.types import PageTypeFilterInput, PageTypeSortingInput
from catalog.graphql.content import PageType
from mall.graphql.connection import PageArgs, PageInfo, countable_connection, edges_requested, validate_page_args
from mall.graphql.context import Info
from mall.graphql.ids import decode_global_id

PageTypeCountableConnection, PageTypeCountableEdge = countable_connection(PageType, "PageType")


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
    @strawberry.field(description="Look up a page type by ID. The mall has one: the content page.")
    async def page_type(self, id: strawberry.ID) -> PageType | None:
        default = PageType.default()
        return default if decode_global_id(id) == decode_global_id(default.id) else None

    @strawberry.field(description="List of the page types. The mall has one: the content page.")
    async def page_types(
        self,
        info: Info,
        sort_by: PageTypeSortingInput | None = None,
        filter: PageTypeFilterInput | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> PageTypeCountableConnection | None:  # type: ignore[valid-type]
        nodes: list[object] = [PageType.default()]
        if filter is not None and filter.search and filter.search.lower() not in "content page":
            nodes = []
        return _fixed_connection(
            info, PageArgs(first, last, after, before), PageTypeCountableConnection, PageTypeCountableEdge, nodes
        )  # type: ignore[return-value]
