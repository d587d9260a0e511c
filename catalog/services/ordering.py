"""Saleor's reorder moves: each names a row and how many places to shift it (`sortOrder`, positive moves it
later, negative earlier; null leaves it). The rows' `sort_order` becomes their new positions 0..n-1."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from catalog.errors import CatalogErrorCode
from kernel.errors import DomainError


@dataclass(frozen=True)
class Move:
    key: Any  # the primary key of the row to move
    shift: int | None


def apply_moves(ordered_keys: Sequence[Any], moves: Sequence[Move], field: str, type_name: str) -> list[Any]:
    """The keys in their new order. A move naming a key not in the list is refused (NOT_FOUND), so a
    partner cannot reorder rows of another's."""
    keys = list(ordered_keys)
    for move in moves:
        if move.key not in keys:
            raise DomainError.single(
                field, f"Couldn't resolve to a node: {type_name}:{move.key}", CatalogErrorCode.NOT_FOUND
            )
        if not move.shift:
            continue
        position = keys.index(move.key)
        target = max(0, min(len(keys) - 1, position + move.shift))
        keys.insert(target, keys.pop(position))
    return keys


async def save_positions(model: Any, ordered_keys: Sequence[Any]) -> None:
    """Write each row's position; rows already in place are not written again."""
    current = dict(await model.filter(id__in=list(ordered_keys)).values_list("id", "sort_order"))
    for position, key in enumerate(ordered_keys):
        if current.get(key) != position:
            await model.filter(id=key).update(sort_order=position)
