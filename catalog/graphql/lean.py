"""Lean fields: resolvers that need neither `info` nor their arguments, resolved like plain attributes.

Saleor's schema gives many hot fields arguments a points mall ignores (`translation(languageCode)` is
always null here, `thumbnail(size, format)` serves the stored file). Strawberry converts every declared
argument of every resolver call (about 20 microseconds with an enum argument, 60 with a connection's
seven) and builds an `Info` for it; on a 20-product page that is most of the time spent outside
graphql-core. A lean field keeps the arguments in the schema but is resolved on strawberry's fast path
for plain attributes: the method gets its object only, and every argument as None. Whatever it needs
from the request (loaders, settings) it reads from its object (`CatalogView.context`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from strawberry.types.field import StrawberryField


class LeanField(StrawberryField):
    @property
    def is_basic_field(self) -> bool:
        return not self.extensions

    def get_result(self, source: Any, info: Any, args: list[Any], kwargs: Any) -> Any:
        return self.source_getter()(source)

    def source_getter(self) -> Callable[[Any], Any]:
        """The field's value as a function of its object alone; query plans call it directly."""
        getter = self.__dict__.get("_source_getter")
        if getter is None:
            ignored = {argument.python_name: None for argument in self.arguments}
            resolver = self.base_resolver.wrapped_func  # type: ignore[union-attr]
            getter = self.__dict__["_source_getter"] = partial(resolver, **ignored) if ignored else resolver
        return getter


def lean_field(
    *, description: str | None = None, deprecation_reason: str | None = None
) -> Callable[[Callable[..., Any]], Any]:
    """Like `strawberry.field` on a method that takes only `self` (its arguments exist for the schema)."""

    def wrap(resolver: Callable[..., Any]) -> Any:
        field = LeanField(
            python_name=None, graphql_name=None, description=description, deprecation_reason=deprecation_reason
        )
        return field(resolver)

    return wrap
