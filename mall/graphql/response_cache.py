"""A short-lived cache of public catalogue answers: storefront browsing is read-heavy and the same
pages are asked for again and again during a promotion.

Only queries whose every root field is a public catalogue read, from anonymous visitors or signed-in
members (who see the catalogue alike; staff and apps never share it), and that ask for no field answered
per caller (a member's loyalty tier price), are kept, for at most
`ttl_seconds`, and any catalogue mutation served by this process empties the cache, so an editor sees
their own change at once. Other workers may show a change up to `ttl_seconds` late, which is why the TTL is short.
Stock and points are always checked again at checkout, so a stale page can never oversell.

An answer that turned out to depend on who asks (a running promotion targets tiers or segments, so the
prices it shows are the asking member's, or a visitor's that a gold member must not be served: the resolver
sets `Context.varies_by_caller`) is neither kept nor handed to callers waiting for the same computation:
each of them computes their own. (Product lists still reuse rendered products per tier and segment.)
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Any

from graphql import FieldNode, OperationDefinitionNode

from mall.graphql.expiring import ExpiringEntries

Key = tuple[str, bytes, str]

CACHEABLE_ROOT_FIELDS = frozenset(
    {
        "products",
        "product",
        "productVariant",
        "productVariants",
        "categories",
        "category",
        "collections",
        "collection",
        "menu",
        "pages",
        "page",
        "shop",
        "__typename",
    }
)


# Mutations that change what catalogue pages show. Carts, payments and accounts do not: a flash sale's
# thousands of checkouts must not keep emptying the cache (stock shown may lag by the TTL, checkout rechecks).
CATALOGUE_MUTATION_PREFIXES = ("product", "category", "collection", "warehouse", "partner", "page", "menu", "channel",
                               "createWarehouse", "updateWarehouse", "deleteWarehouse",
                               "promotion", "voucher",  # promotions change the prices pages show
                               "shop")  # site settings: the shop's name and description storefronts show


# Catalogue fields whose answer depends on who asks (mall-only): a query naming one is never shared.
CALLER_DEPENDENT_FIELDS = re.compile(r"\bloyaltyTierPrice\b")


def depends_on_caller(query: str) -> bool:
    """Whether the query text names a field answered per caller, anywhere (fields, fragments)."""
    return CALLER_DEPENDENT_FIELDS.search(query) is not None


def changes_catalogue(operation: OperationDefinitionNode) -> bool:
    return operation.operation.value == "mutation" and any(
        not isinstance(s, FieldNode) or s.name.value.startswith(CATALOGUE_MUTATION_PREFIXES)
        for s in operation.selection_set.selections
    )


def is_cacheable(operation: OperationDefinitionNode) -> bool:
    if operation.operation.value != "query":
        return False
    selections = operation.selection_set.selections
    return all(isinstance(s, FieldNode) and s.name.value in CACHEABLE_ROOT_FIELDS for s in selections)


class ResponseCache(ExpiringEntries[Any]):
    def __init__(self, ttl_seconds: float, max_entries: int = 2048) -> None:
        super().__init__(max_entries, ttl_seconds, touch_on_read=False)
        self.in_flight: dict[Key, asyncio.Future[tuple[Any, int, bool]]] = {}

    @property
    def ttl_seconds(self) -> float:
        return self.max_age_seconds

    @property
    def enabled(self) -> bool:
        return self.ttl_seconds > 0

    async def get_or_compute(self, key: Key, compute: Callable[[], Awaitable[tuple[Any, int]]],
                             shareable: Callable[[], bool] = lambda: True) -> tuple[Any, int]:
        """The cached answer, or compute it once: callers asking for the same key meanwhile wait for that
        one computation instead of all hitting the database at once (a promotion's first second). After the
        computation `shareable()` says whether its answer may serve others (not: the caller's own prices)."""
        cached = self.get(key)
        if cached is not None:
            return cached, 200
        pending = self.in_flight.get(key)
        if pending is not None:
            payload, status, shared = await asyncio.shield(pending)
            return (payload, status) if shared else await compute()
        future: asyncio.Future[tuple[Any, int, bool]] = asyncio.get_running_loop().create_future()
        self.in_flight[key] = future
        try:
            payload, status = await compute()
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved here, so an unawaited failure is not reported twice
            raise
        finally:
            self.in_flight.pop(key, None)
        shared = shareable()
        if shared and status == 200 and "errors" not in payload:
            self.put(key, payload)
        future.set_result((payload, status, shared))
        return payload, status
