"""Values kept for a while in a bounded, in-process map: what the response cache and the reuse of
rendered products (mall/graphql/planned/reuse.py) both keep their entries in."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class ExpiringEntries(Generic[V]):
    """At most `max_entries` values, each for at most `max_age_seconds` after it was put. Beyond the
    limit the oldest put goes first, or, with `touch_on_read`, the least recently read."""

    def __init__(self, max_entries: int, max_age_seconds: float, *, touch_on_read: bool) -> None:
        self.max_entries = max_entries
        self.max_age_seconds = max_age_seconds
        self.touch_on_read = touch_on_read
        self.entries: OrderedDict[Hashable, tuple[float, V]] = OrderedDict()

    def get(self, key: Hashable) -> V | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        stored_at, value = entry
        if time.monotonic() - stored_at > self.max_age_seconds:
            del self.entries[key]
            return None
        if self.touch_on_read:
            self.entries.move_to_end(key)
        return value

    def put(self, key: Hashable, value: V) -> None:
        self.entries[key] = (time.monotonic(), value)
        self.entries.move_to_end(key)
        while len(self.entries) > self.max_entries:
            self.entries.popitem(last=False)

    def clear(self) -> None:
        self.entries.clear()
