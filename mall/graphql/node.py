"""`node(id:)`: resolve any global ID through the loader its type registered, with that type's rules."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from graphql import GraphQLError

from mall.graphql.context import Info
from mall.graphql.ids import decode_global_id

NodeLoader = Callable[[Info, str], Awaitable[Any]]
_loaders: dict[str, NodeLoader] = {}


def register_node(type_name: str, loader: NodeLoader) -> None:
    _loaders[type_name] = loader


def node_types() -> frozenset[str]:
    """The types `node(id:)` resolves: each decides who finds what (the authorization matrix lists them)."""
    return frozenset(_loaders)


async def resolve_node(info: Info, global_id: str) -> Any:
    decoded = decode_global_id(global_id)
    if decoded is None:
        raise GraphQLError(f"Invalid ID: {global_id}.")
    type_name, pk = decoded
    loader = _loaders.get(type_name)
    if loader is None:
        raise GraphQLError(f"Invalid ID: {global_id}. Type {type_name} does not exist.")
    return await loader(info, pk)
