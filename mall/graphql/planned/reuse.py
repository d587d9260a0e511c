"""Reusing rendered objects: a list page's products answered from earlier requests' answers.

A catalogue page is twenty products of forty-odd fields each, and rendering them is nearly all of its
cost. Between two requests for different pages, filters or sort orders, the same products mostly come
back, rendered the same way. So a plan may keep a product's rendered answer and give it again while three
things stay equal:

- the selection: the same plan object, and the values of the variables used inside it;
- the product's render key (`render_key` on the resolved object, None when it offers none): its id, the
  channel, and render versions that database triggers move on every change to what the answer shows
  (catalog/migrations/0004_render_versions.py), read with the page itself;
- nothing in the answer depends on the clock, on stock, or on who asks beyond what the key says.

The last is decided per selection when the plan is made, from the schema's reuse policy, an allow-list: the
object types whose answers may be reused, each with every field classified as reusable or not
(`isAvailable` reads the clock and the stock, `quantityAvailable` the stock). A selection is reused only
when every field it reads is listed as reusable: a type the policy does not name, or a field it does not
list, makes the selection not reusable, so a new type or field is safe until someone says otherwise.
Answers also expire after `max_age_seconds`, a bound on whatever the versions do not see (a signed media
URL's expiry).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import FragmentDefinitionNode, FragmentSpreadNode, Node, VariableNode, visit
from graphql.language import Visitor

from mall.graphql.expiring import ExpiringEntries


@dataclass(frozen=True)
class TypeReuse:
    """One object type's fields, classified: `reusable` ones are a function of the render key, the channel
    and the selection; `not_reusable` ones read something else (the clock, stock, the caller). Only the
    first decide what is reused; the second say that someone looked at those fields and decided (a test
    checks that every field of the type is in one of them)."""

    reusable: frozenset[str]
    not_reusable: frozenset[str] = frozenset()

    @classmethod
    def of(cls, reusable: str, not_reusable: str = "") -> TypeReuse:
        """From field names separated by spaces."""
        return cls(frozenset(reusable.split()), frozenset(not_reusable.split()))


# Object type name -> its fields, classified. A type missing here is never reused.
ReusePolicy = Mapping[str, TypeReuse]


@dataclass(frozen=True, slots=True)
class Reuse:
    """How a plan's object is keyed for reuse: the variables its selection reads, by name."""

    variable_names: tuple[str, ...]

    def selection_key(self, variable_values: Mapping[str, Any]) -> Hashable:
        """The used variables' values as sent. A variable left out is keyed apart from one sent as null:
        the first takes its default, the second does not."""
        sent = tuple(name in variable_values for name in self.variable_names)
        values = [variable_values.get(name) for name in self.variable_names]
        if all(value is None or isinstance(value, str | int | float | bool) for value in values):
            return sent, tuple(values)
        return sent, orjson.dumps(values, option=orjson.OPT_SORT_KEYS)  # input objects and lists


def variables_used(nodes: Iterable[Node], fragments: Mapping[str, FragmentDefinitionNode]) -> tuple[str, ...]:
    """The variables the nodes' arguments read, through fragment spreads, in first-seen order."""
    names: dict[str, None] = {}
    seen_fragments: set[str] = set()
    pending = list(nodes)

    class Collector(Visitor):
        def enter_variable(self, node: VariableNode, *_: Any) -> None:
            names[node.name.value] = None

        def enter_fragment_spread(self, node: FragmentSpreadNode, *_: Any) -> None:
            name = node.name.value
            if name not in seen_fragments and name in fragments:
                seen_fragments.add(name)
                pending.append(fragments[name])

    while pending:
        visit(pending.pop(0), Collector())
    return tuple(names)


class RenderedObjects(ExpiringEntries[dict[str, Any]]):
    """Rendered answers by (plan object, selection key, render key); least recently used go first."""

    def __init__(self, max_entries: int, max_age_seconds: float) -> None:
        super().__init__(max_entries, max_age_seconds, touch_on_read=True)
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.max_entries > 0 and self.max_age_seconds > 0

    def get(self, key: Hashable) -> dict[str, Any] | None:
        answer = super().get(key)
        if answer is None:
            self.misses += 1
        else:
            self.hits += 1
        return answer
