"""Product sort orders as keyset keys (Saleor's ProductOrderField key lists, tie-broken by id).

Nullable columns sort through a COALESCE annotation, so NULLs order the same way on SQLite and
PostgreSQL and keyset comparisons stay well defined.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphql import GraphQLError
from tortoise.expressions import F
from tortoise.functions import Coalesce

from catalog.graphql.inputs import ProductOrder
from catalog.graphql.pagination import Key
from mall.graphql.enums import enum_name

RANK_ERROR = "Sorting by RANK is available only when using a search filter."
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
NO_PRICE = -1
NO_RATING = -1.0


@dataclass(frozen=True)
class Sort:
    keys: list[Key]
    annotations: dict[str, Any]


def _name_slug(prefix: str, descending: bool) -> list[Key]:
    return [Key(f"{prefix}name", str, descending), Key(f"{prefix}slug", str, descending)]


def product_sort(order: ProductOrder | None, *, channel: bool, searching: bool) -> Sort:
    """Keys for paginating listings (`channel`) or products; the last key is always the row id."""
    field = enum_name(order.field) if order is not None and order.field is not None else None
    descending = order is not None and enum_name(order.direction) == "DESC"
    if field == "RANK" and not searching:
        raise GraphQLError(RANK_ERROR)
    prefix = "product__" if channel else ""
    keys, annotations = _keys(field, prefix, descending, channel)
    return Sort([*keys, Key("id", int, descending)], annotations)


def _keys(field: str | None, prefix: str, descending: bool, channel: bool) -> tuple[list[Key], dict[str, Any]]:
    name_slug = _name_slug(prefix, descending)
    if field in {"NAME", "RANK"}:  # relevance is not stored: matches order by name
        return name_slug, {}
    if field in {"PRICE", "MINIMAL_PRICE"} and channel:
        return [Key("sort_price", int, descending), *name_slug], {"sort_price": Coalesce("min_price_points", NO_PRICE)}
    if field in {"LAST_MODIFIED", "DATE", "LAST_MODIFIED_AT"}:
        return [Key(f"{prefix}updated_at", datetime, descending), *name_slug], {}
    if field == "CREATED_AT":
        return [Key(f"{prefix}created_at", datetime, descending), *name_slug], {}
    if field == "TYPE":
        return [Key(f"{prefix}product_type__name", str, descending), *name_slug], {}
    if field == "RATING":
        rating = Coalesce(F(f"{prefix}rating"), NO_RATING)
        return [Key("sort_rating", float, descending), *name_slug], {"sort_rating": rating}
    if field == "PUBLISHED" and channel:
        return [Key("is_published", _bool, descending), *name_slug], {}
    if field in {"PUBLICATION_DATE", "PUBLISHED_AT"} and channel:
        published = Coalesce("published_at", EPOCH)
        return [Key("sort_published", datetime, descending), *name_slug], {"sort_published": published}
    if field is None:
        return [Key(f"{prefix}slug", str, descending)], {}
    return name_slug, {}  # price and publication orders need a channel: by name without one


def _bool(text: str) -> bool:
    return text in {"True", "true", "1"}
