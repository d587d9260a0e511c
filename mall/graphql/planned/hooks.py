"""What the planned executor asks of the API's types and fields, declared once.

The executor is generic: it knows no catalogue type. A type or field that wants more than graphql-core's
behaviour says so by implementing one of these protocols; the plan checks for them when it is made
(isinstance / issubclass, once per document), never by looking up attribute names at run time.

    PlannedObject   an object type whose objects of one round are prepared together (`prepare_batch`)
                    and whose rendered answers may be reused (`reuse_key`, reuse.py)
    SourceField     a field whose value is a function of its object alone (catalog.graphql.lean):
                    the plan calls `source_getter()`'s function directly, without strawberry's wrapper
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class PlannedObject(Protocol):
    @classmethod
    async def prepare_batch(cls, objects: list[Any], fields: frozenset[str]) -> None:
        """Load, for a whole round's objects of this type at once, what their selected `fields` (the
        schema's names) will read."""

    def reuse_key(self) -> Hashable | None:
        """Names this object's rendered answer for reuse: equal keys, equal answers for the same selection
        (reuse.py). None: never reused."""


@runtime_checkable
class SourceField(Protocol):
    def source_getter(self) -> Callable[[Any], Any]:
        """The field's value as a function of its object alone."""
