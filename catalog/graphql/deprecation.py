"""Deprecated arguments and input fields, said in their description instead of `@deprecated`.

graphql-core's standard introspection query (what codegen tools and saleor-ops-check send) lists
arguments and input fields without `includeDeprecated`, so a deprecated `filter:` argument would vanish
from the clients' schema and their documents (the official storefront still sends `filter`) would no
longer validate. Output fields keep real deprecations: introspection includes those.
"""

from __future__ import annotations


def deprecated(reason: str, description: str | None = None) -> str:
    text = f"DEPRECATED: {reason}"
    return f"{description}\n\n{text}" if description else text
