"""A short-lived cache of anonymous catalogue answers: storefront browsing is read-heavy and the same
pages are asked for again and again during a promotion.

Only anonymous queries whose every root field is a public catalogue read are kept, for at most
`ttl_seconds`, and any mutation served by this process empties the cache, so an editor sees their own
change at once. Other workers may show a change up to `ttl_seconds` late, which is why the TTL is short.
Stock and points are always checked again at checkout, so a stale page can never oversell.
"""

from __future__ import annotations

import time
from collections import OrderedDict

from graphql import FieldNode, OperationDefinitionNode

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


def is_cacheable(operation: OperationDefinitionNode) -> bool:
    if operation.operation.value != "query":
        return False
    selections = operation.selection_set.selections
    return all(isinstance(s, FieldNode) and s.name.value in CACHEABLE_ROOT_FIELDS for s in selections)


class ResponseCache:
    def __init__(self, ttl_seconds: float, max_entries: int = 2048) -> None:
        self.ttl_seconds = ttl_seconds
        self.max_entries = max_entries
        self.entries: OrderedDict[tuple[str, bytes, str], tuple[float, bytes]] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return self.ttl_seconds > 0

    def get(self, key: tuple[str, bytes, str]) -> bytes | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        stored_at, body = entry
        if time.monotonic() - stored_at > self.ttl_seconds:
            del self.entries[key]
            return None
        return body

    def put(self, key: tuple[str, bytes, str], body: bytes) -> None:
        self.entries[key] = (time.monotonic(), body)
        self.entries.move_to_end(key)
        while len(self.entries) > self.max_entries:
            self.entries.popitem(last=False)

    def clear(self) -> None:
        self.entries.clear()
