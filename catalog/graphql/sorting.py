"""Product sort orders as keyset keys over SQL columns (Saleor's ProductOrderField key lists, tie-broken
by the row id). Lists are read from a channel's listings `l` joined to their products `p`, or for staff
without a channel from products `p` alone (catalog/graphql/product_query.py).

Nullable columns sort through COALESCE with a default below every real value, so NULLs order the same
way on SQLite and PostgreSQL and keyset comparisons stay well defined.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphql import GraphQLError

from catalog.graphql.inputs import ProductOrder
from catalog.graphql.pagination import parse_cursor_value
from catalog.models import ProductType, Translation
from mall.graphql.enums import enum_name
from mall.sql import Parameters, as_datetime, escape_like

RANK_ERROR = "Sorting by RANK is available only when using a search filter."
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
NO_PRICE = -1
NO_RATING = -1.0
TYPE_NAME = f"(SELECT t.name FROM {ProductType._meta.db_table} t WHERE t.id = p.product_type_id)"


def _bool(text: str) -> bool:
    return text in {"True", "true", "1"}


@dataclass(frozen=True)
class ColumnKey:
    """One column of a keyset order: an SQL expression, the type a cursor holds it as, its direction, and
    for a nullable column the value NULLs sort as."""

    column: str
    kind: type = str
    descending: bool = False
    default: Any = None

    def sql(self, parameters: Parameters) -> str:
        if self.default is None:
            return self.column
        return f"COALESCE({self.column}, {parameters.add(self.default)})"

    def value(self, raw: Any) -> Any:
        """A selected value as the cursor holds it (SQLite reads times as text and booleans as 0/1)."""
        if self.kind is datetime:
            return as_datetime(raw)
        if self.kind is _bool:
            return bool(raw)
        return raw

    def parse(self, text: str) -> Any:
        return parse_cursor_value(self.kind, text)


@dataclass(frozen=True)
class RankKey(ColumnKey):
    """Relevance of a search: how many of the searched words are missing from the product's names (its own
    and its translations'), so gifts named after the words come before those that only mention them in a
    description or category. 0 is best; ties go on by name."""

    words: tuple[str, ...] = ()

    def sql(self, parameters: Parameters) -> str:
        return "(" + " + ".join(self._missing(word, parameters) for word in self.words) + ")"

    @staticmethod
    def _missing(word: str, parameters: Parameters) -> str:
        pattern = parameters.add(f"%{escape_like(word)}%")
        translated = (
            f"EXISTS (SELECT 1 FROM {Translation._meta.db_table} rt WHERE rt.product_id = p.id "
            f"AND LOWER(rt.name) LIKE {pattern} ESCAPE '\\')"
        )
        return f"(CASE WHEN LOWER(p.name) LIKE {pattern} ESCAPE '\\' OR {translated} THEN 0 ELSE 1 END)"


def search_words(text: str | None) -> tuple[str, ...]:
    """The words a search matches, each of them somewhere in a product's search text (filters.search_sql)."""
    return tuple((text or "").lower().split())


@dataclass(frozen=True)
class Sort:
    keys: list[ColumnKey]


def product_sort(order: ProductOrder | None, *, channel: bool, search: str | None) -> Sort:
    """Keys for paginating listings (`channel`) or products; the last key is always the row id. A search
    without another order sorts by rank, as Saleor's does."""
    field = enum_name(order.field) if order is not None and order.field is not None else None
    descending = order is not None and enum_name(order.direction) == "DESC"
    words = search_words(search)
    if field == "RANK" and not words:
        raise GraphQLError(RANK_ERROR)
    keys = [ColumnKey(column, kind, descending, default) for column, kind, default in _columns(field, channel)]
    if words and field in {None, "RANK"}:
        keys = [RankKey("rank", int, descending, words=words), *_name_keys(descending)]
    return Sort([*keys, ColumnKey("l.id" if channel else "p.id", int, descending)])


def _name_keys(descending: bool) -> list[ColumnKey]:
    return [ColumnKey("p.name", str, descending), ColumnKey("p.slug", str, descending)]


def _columns(field: str | None, channel: bool) -> list[tuple[str, type, Any]]:
    name_slug: list[tuple[str, type, Any]] = [("p.name", str, None), ("p.slug", str, None)]
    if field in {"NAME", "RANK"}:  # relevance is not stored: matches order by name
        return name_slug
    if field in {"PRICE", "MINIMAL_PRICE"} and channel:
        return [("l.min_price_points", int, NO_PRICE), *name_slug]
    if field in {"LAST_MODIFIED", "DATE", "LAST_MODIFIED_AT"}:
        return [("p.updated_at", datetime, None), *name_slug]
    if field == "CREATED_AT":
        return [("p.created_at", datetime, None), *name_slug]
    if field == "TYPE":
        return [(TYPE_NAME, str, None), *name_slug]
    if field == "RATING":
        return [("p.rating", float, NO_RATING), *name_slug]
    if field == "PUBLISHED" and channel:
        return [("l.is_published", _bool, None), *name_slug]
    if field in {"PUBLICATION_DATE", "PUBLISHED_AT"} and channel:
        return [("l.published_at", datetime, EPOCH), *name_slug]
    if field is None:
        return [("p.slug", str, None)]
    return name_slug  # price and publication orders need a channel: by name without one
