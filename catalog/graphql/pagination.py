"""Keyset pagination over any sort order (related columns and annotations included), and slices of
lists already in memory (a product's variants), with the kernel's cursor format and argument errors.

The kernel's `paginate` reads sort keys from the model's own fields; catalogue lists also sort by a
listing's price or a joined product's name, so a `Key` names its ORM path and how to read a cursor back.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import strawberry
from graphql import GraphQLError
from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from catalog.graphql.lean import lean_field
from mall.graphql import connection as kernel_connection
from mall.graphql.connection import PageArgs, PageInfo, encode_cursor, validate_page_args
from mall.graphql.context import Info


@dataclass(frozen=True)
class Key:
    """One column of a keyset order: `path` filters and orders (an ORM path or an annotation name),
    `kind` reads a cursor value back (int, float, str or datetime)."""

    path: str
    kind: type = str
    descending: bool = False

    def read(self, row: Any) -> Any:
        value = row
        for part in self.path.split("__"):
            value = getattr(value, part)
        if self.kind is datetime and isinstance(value, str):
            value = datetime.fromisoformat(value)  # SQLite returns annotated datetimes as text
        return value

    def parse(self, text: str) -> Any:
        return parse_cursor_value(self.kind, text)


class CursorKey(Protocol):
    """What decoding a cursor needs of a sort key: turning its text back into a value."""

    def parse(self, text: str) -> Any: ...


def parse_cursor_value(kind: type, text: str) -> Any:
    if kind is datetime:
        return datetime.fromisoformat(text)
    return kind(text)


def cursor_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


def cursor_of(row: Any, keys: Sequence[Key]) -> str:
    return encode_cursor([cursor_text(key.read(row)) for key in keys])


def decode(cursor: str, keys: Sequence[CursorKey]) -> list[Any]:
    try:
        raw = json.loads(base64.b64decode(cursor, validate=True).decode())
        if not isinstance(raw, list) or len(raw) != len(keys):
            raise ValueError("wrong length")
        return [key.parse(value) for key, value in zip(keys, raw, strict=True)]
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as error:
        raise GraphQLError("Received cursor is invalid.") from error


def keyset_filter(keys: Sequence[Key], values: Sequence[Any], forwards: bool) -> Q:
    """Rows strictly after (forwards) or before the cursor row in the keys' order."""
    alternatives = []
    for index, key in enumerate(keys):
        equal_prefix = {keys[i].path: values[i] for i in range(index)}
        greater = forwards != key.descending
        alternatives.append(Q(**equal_prefix, **{f"{key.path}__{'gt' if greater else 'lt'}": values[index]}))
    return Q(*alternatives, join_type=Q.OR)


def ordering(keys: Sequence[Key], forwards: bool) -> list[str]:
    return [("-" if key.descending == forwards else "") + key.path for key in keys]


RowCursor = Callable[[Any], str]


@dataclass
class Page:
    rows: list[Any]
    page_info: PageInfo
    cursor: RowCursor  # each edge's cursor is made from its row only if asked for


def keyed_cursor(keys: Sequence[Key]) -> RowCursor:
    return lambda row: cursor_of(row, keys)


def make_page(rows: list[Any], args: PageArgs, has_more: bool, cursor: RowCursor) -> Page:
    """The page of `rows` (fetched in the direction the arguments walk, one more than asked for telling
    `has_more`) in display order, with its page info."""
    forwards = args.last is None
    if not forwards:
        rows.reverse()
    has_next_page = has_more if forwards else bool(args.before)
    has_previous_page = bool(args.after) if forwards else has_more
    return Page(rows, RowsPageInfo(rows, has_next_page, has_previous_page, cursor), cursor)


class RowsPageInfo(PageInfo):
    """The GraphQL `PageInfo` of a page of rows, making its cursors only when they are read: a product
    list has a variant page per product, whose page info is rarely selected."""

    def __init__(self, rows: list[Any], has_next_page: bool, has_previous_page: bool, cursor: RowCursor) -> None:
        self.has_next_page = has_next_page
        self.has_previous_page = has_previous_page
        self._rows = rows
        self._cursor = cursor

    @property
    def start_cursor(self) -> str | None:
        return self._cursor(self._rows[0]) if self._rows else None

    @property
    def end_cursor(self) -> str | None:
        return self._cursor(self._rows[-1]) if self._rows else None


async def fetch_page(queryset: QuerySet[Any], args: PageArgs, keys: Sequence[Key]) -> Page:
    """One page of `queryset` in the keys' order (the last key must be unique, e.g. the primary key)."""
    forwards = args.last is None
    limit = args.first if forwards else args.last
    cursor = args.after if forwards else args.before
    query = queryset
    if cursor:
        query = query.filter(keyset_filter(keys, decode(cursor, keys), forwards))
    rows: list[Any] = []
    if limit:
        rows = list(await query.order_by(*ordering(keys, forwards)).limit(limit + 1))
    has_more = len(rows) > (limit or 0)
    return make_page(rows[:limit], args, has_more, keyed_cursor(keys))


def slice_rows(rows: Sequence[Any], args: PageArgs, keys: Sequence[Key]) -> Page:
    """The same page semantics over rows already loaded and sorted in the keys' order."""
    forwards = args.last is None
    limit = (args.first if forwards else args.last) or 0
    cursor = args.after if forwards else args.before
    candidates = list(rows) if forwards else list(reversed(rows))
    if cursor:
        target = decode(cursor, keys)
        candidates = [row for row in candidates if _beyond(row, keys, target, forwards)]
    return make_page(candidates[:limit], args, len(candidates) > limit, keyed_cursor(keys))


def _beyond(row: Any, keys: Sequence[Key], target: Sequence[Any], forwards: bool) -> bool:
    for key, wanted in zip(keys, target, strict=True):
        value = key.read(row)
        if value != wanted:
            return (value > wanted) == (forwards != key.descending)
    return False


def check_page_args(info: Info, args: PageArgs) -> None:
    validate_page_args(args, info.field_name, selects_edges(info))


_SELECTS_EDGES_SIZE = 4096
_selects_edges: dict[int, tuple[FieldNode, bool]] = {}


def selects_edges(info: Info) -> bool:
    """Whether the connection's `edges` or `pageInfo` is selected, read from the query's syntax tree
    (cheaper than strawberry's selected_fields, which matters for a connection on every row) and
    remembered per field node: a product's variants ask it once per product of the page."""
    raw = info._raw_info
    nodes = raw.field_nodes
    if len(nodes) == 1:
        known = _selects_edges.get(id(nodes[0]))
        if known is not None and known[0] is nodes[0]:
            return known[1]
    answer = any(_has_edges(node.selection_set, raw.fragments) for node in nodes if node.selection_set is not None)
    if len(nodes) == 1:
        if len(_selects_edges) >= _SELECTS_EDGES_SIZE:
            _selects_edges.clear()
        _selects_edges[id(nodes[0])] = (nodes[0], answer)
    return answer


def _has_edges(selection_set: SelectionSetNode, fragments: dict[str, Any]) -> bool:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode) and selection.name.value in {"edges", "pageInfo"}:
            return True
        if isinstance(selection, InlineFragmentNode) and _has_edges(selection.selection_set, fragments):
            return True
        if isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None and _has_edges(fragment.selection_set, fragments):
                return True
    return False


def selects_total_count(info: Info) -> bool:
    """Whether the connection's `totalCount` is selected (directly or through fragments)."""
    raw = info._raw_info
    return any(_fields_named(node.selection_set, "totalCount", raw.fragments) for node in raw.field_nodes)


def node_fields(info: Info) -> set[str]:
    """Names of the fields selected under `edges { node { ... } }`, through fragments (for prefetching)."""
    raw = info._raw_info
    names: set[str] = set()
    for node in raw.field_nodes:
        for edges in _fields_named(node.selection_set, "edges", raw.fragments):
            for item in _fields_named(edges.selection_set, "node", raw.fragments):
                names.update(field.name.value for field in _all_fields(item.selection_set, raw.fragments))
    return names


def _all_fields(selection_set: SelectionSetNode | None, fragments: dict[str, Any]) -> list[FieldNode]:
    found: list[FieldNode] = []
    if selection_set is None:
        return found
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            found.append(selection)
        elif isinstance(selection, InlineFragmentNode):
            found.extend(_all_fields(selection.selection_set, fragments))
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
            found.extend(_all_fields(fragments[selection.name.value].selection_set, fragments))
    return found


def _fields_named(selection_set: SelectionSetNode | None, name: str, fragments: dict[str, Any]) -> list[FieldNode]:
    return [field for field in _all_fields(selection_set, fragments) if field.name.value == name]


def connection(connection_type: type, edge_type: type, page: Page, to_node: Callable[[Any], Any], count: Any) -> Any:
    edges = [edge_type(node=to_node(row), cursor_source=(row, page.cursor)) for row in page.rows]
    return connection_type(page_info=page.page_info, edges=edges, count_rows=count)


@strawberry.type
class CountedConnection:
    """The kernel's connection shape, with a `totalCount` that is plain when the count is already known:
    an awaitable field on every row (a product's variants) turns the whole page's execution asynchronous,
    which costs more than the rest of the page."""

    page_info: PageInfo = strawberry.field(description="Pagination data for this connection.")
    count_rows: strawberry.Private[Any]

    @strawberry.field(description="A total count of items in the collection.")
    def total_count(self) -> int | None:
        return self.count_rows if isinstance(self.count_rows, int) else self.count_rows()


def _edge_cursor(self: Any) -> str:
    row, cursor = self.cursor_source
    return cursor(row)


def counted_connection(node_type: type, type_name: str) -> tuple[type, type]:
    """(`<type_name>CountableConnection`, `<type_name>CountableEdge`), registered with the kernel's
    `countable_connection` so that any other module asking for the same name gets these very types."""
    registry = kernel_connection._connection_types
    if type_name in registry:
        return registry[type_name]
    edge_namespace: dict[str, Any] = {
        "__annotations__": {"node": node_type, "cursor_source": strawberry.Private[tuple[Any, RowCursor]]},
        "node": strawberry.field(description="The item at the end of the edge."),
        # Made when asked for: a product list page shows its products' cursors, not their variants'.
        "cursor": lean_field(description="A cursor for use in pagination.")(_edge_cursor),
    }
    edge = strawberry.type(type(f"{type_name}CountableEdge", (), edge_namespace))
    namespace: dict[str, Any] = {"__annotations__": {"edges": list[edge]}}  # type: ignore[valid-type]
    connection_type = strawberry.type(type(f"{type_name}CountableConnection", (CountedConnection,), namespace))
    registry[type_name] = (connection_type, edge)
    return connection_type, edge
