"""Saleor's `...CountableConnection`: keyset pagination with opaque cursors and Saleor's argument errors.

A cursor is base64(JSON list of the sort-key values as strings), the last value being the primary key,
so pages stay stable while rows are added (no OFFSET).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from mall.graphql.context import Info

PAGINATION_LIMIT = 100
NodeT = TypeVar("NodeT")


@strawberry.type(
    description="The Relay compliant `PageInfo` type, containing data necessary to paginate this connection."
)
class PageInfo:
    has_next_page: bool = strawberry.field(description="When paginating forwards, are there more items?")
    has_previous_page: bool = strawberry.field(description="When paginating backwards, are there more items?")
    start_cursor: str | None = strawberry.field(description="When paginating backwards, the cursor to continue.")
    end_cursor: str | None = strawberry.field(description="When paginating forwards, the cursor to continue.")


@strawberry.type
class ConnectionBase:
    page_info: PageInfo = strawberry.field(description="Pagination data for this connection.")
    count_rows: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="A total count of items in the collection.")
    def total_count(self) -> int | None:
        # A plain function handing back the count's awaitable: graphql-core awaits it, and pages whose
        # other fields are all ready resolve without an extra await per nested connection.
        return self.count_rows()  # type: ignore[return-value]


_connection_types: dict[str, tuple[type, type]] = {}


def countable_connection(node_type: type, type_name: str) -> tuple[type, type]:
    """The (`<type_name>CountableConnection`, `<type_name>CountableEdge`) pair for `node_type`."""
    if type_name in _connection_types:
        return _connection_types[type_name]
    edge_namespace: dict[str, Any] = {
        "__annotations__": {"node": node_type, "cursor": str},
        "node": strawberry.field(description="The item at the end of the edge."),
        "cursor": strawberry.field(description="A cursor for use in pagination."),
    }
    edge = strawberry.type(type(f"{type_name}CountableEdge", (), edge_namespace))
    connection_namespace: dict[str, Any] = {"__annotations__": {"edges": list[edge]}}  # type: ignore[valid-type]
    connection = strawberry.type(type(f"{type_name}CountableConnection", (ConnectionBase,), connection_namespace))
    _connection_types[type_name] = (connection, edge)
    return connection, edge


@dataclass(frozen=True)
class PageArgs:
    first: int | None = None
    last: int | None = None
    after: str | None = None
    before: str | None = None


@dataclass(frozen=True)
class SortKey:
    """A model field to order by; `descending` flips both the order and the cursor comparison."""

    field: str
    descending: bool = False


def validate_page_args(args: PageArgs, connection_name: str, edges_requested: bool) -> None:
    """Raise Saleor's GraphQLError for each misuse of first/last/after/before."""
    for name, value in (("first", args.first), ("last", args.last)):
        if value is not None and value < 0:
            raise GraphQLError(f"Argument `{name}` must be a non-negative integer.")
        if value is not None and value > PAGINATION_LIMIT:
            raise GraphQLError(
                f"Requesting {value} records on the `{connection_name}` connection exceeds the "
                f"`{name}` limit of {PAGINATION_LIMIT} records."
            )
    if args.first is not None and args.last is not None:
        raise GraphQLError("Argument `last` cannot be combined with `first`.")
    if args.first is not None and args.before is not None:
        raise GraphQLError("Argument `first` cannot be combined with `before`.")
    if args.last is not None and args.after is not None:
        raise GraphQLError("Argument `last` cannot be combined with `after`.")
    if edges_requested and args.first is None and args.last is None:
        raise GraphQLError(
            f"You must provide a `first` or `last` value to properly paginate the `{connection_name}` connection."
        )


def _selects_edges(selections: Sequence[Any]) -> bool:
    for selection in selections:
        if isinstance(selection, SelectedField) and selection.name in {"edges", "pageInfo"}:
            return True
        if isinstance(selection, FragmentSpread | InlineFragment) and _selects_edges(selection.selections):
            return True
    return False


def edges_requested(info: Info) -> bool:
    return any(_selects_edges(field.selections) for field in info.selected_fields)


def encode_cursor(values: Sequence[object]) -> str:
    return base64.b64encode(json.dumps([str(value) for value in values]).encode()).decode()


def decode_cursor(cursor: str, model: type[Model], keys: Sequence[SortKey]) -> list[Any]:
    try:
        raw = json.loads(base64.b64decode(cursor, validate=True).decode())
        # Cursors we issue are lists of strings, one per sort key; anything else was made up by the client
        if not isinstance(raw, list) or len(raw) != len(keys) or not all(isinstance(value, str) for value in raw):
            raise ValueError("not a cursor this server issued")
        fields = model._meta.fields_map
        return [fields[key.field].to_python_value(value) for key, value in zip(keys, raw, strict=True)]
    except (ValueError, TypeError, OverflowError, binascii.Error, UnicodeDecodeError) as error:
        raise GraphQLError("Received cursor is invalid.") from error


def _keyset_filter(keys: Sequence[SortKey], values: Sequence[Any], forwards: bool) -> Q:
    """Rows strictly after (forwards) or before the cursor row in the given order."""
    alternatives = []
    for index, key in enumerate(keys):
        equal_prefix = {keys[i].field: values[i] for i in range(index)}
        greater = forwards != key.descending
        comparison = {f"{key.field}__{'gt' if greater else 'lt'}": values[index]}
        alternatives.append(Q(**equal_prefix, **comparison))
    return Q(*alternatives, join_type=Q.OR)


def _ordering(keys: Sequence[SortKey], forwards: bool) -> list[str]:
    return [("-" if key.descending == forwards else "") + key.field for key in keys]


async def paginate(
    info: Info,
    queryset: QuerySet[Any],
    args: PageArgs,
    connection_type: type,
    edge_type: type,
    *,
    sort: Sequence[SortKey] = (),
    to_node: Callable[[Any], Any] = lambda row: row,
) -> Any:
    """One page of `queryset` as a connection; the primary key is always the last sort key."""
    connection_name = info.field_name
    validate_page_args(args, connection_name, edges_requested(info))
    model = queryset.model
    keys = [*sort, SortKey(model._meta.pk_attr, descending=bool(sort) and sort[-1].descending)]
    forwards = args.last is None
    limit = args.first if forwards else args.last
    page_query = queryset
    cursor = args.after if forwards else args.before
    if cursor:
        page_query = page_query.filter(_keyset_filter(keys, decode_cursor(cursor, model, keys), forwards))
    rows: list[Any] = []
    if limit is not None and limit > 0:
        rows = list(await page_query.order_by(*_ordering(keys, forwards)).limit(limit + 1))
    has_more = len(rows) > (limit or 0)
    rows = rows[:limit]
    if not forwards:
        rows.reverse()
    edges = [edge_type(node=to_node(row), cursor=encode_cursor([_value(row, k.field) for k in keys])) for row in rows]
    page_info = PageInfo(
        has_next_page=has_more if forwards else bool(args.before),
        has_previous_page=bool(args.after) if forwards else has_more,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return connection_type(page_info=page_info, edges=edges, count_rows=queryset.count)


def _value(row: Any, field: str) -> Any:
    value = getattr(row, field)
    if isinstance(value, bool):  # read back by BooleanField.to_python_value, which takes any non-empty text as true
        return "1" if value else ""
    return value.isoformat() if hasattr(value, "isoformat") else value


def empty_connection(info: Info, args: PageArgs, connection_type: type) -> Any:
    """A connection with no rows, with the same argument checks as a real one."""
    validate_page_args(args, info.field_name, edges_requested(info))

    async def zero() -> int:
        return 0

    page_info = PageInfo(has_next_page=False, has_previous_page=False, start_cursor=None, end_cursor=None)
    return connection_type(page_info=page_info, edges=[], count_rows=zero)
