"""Moving menu items (Saleor's `menuItemMove`): the only writer of items' parents and sort orders after creation.

The menu's whole tree (at most MAX_ITEMS_PER_MENU rows) is read once, every move is applied to it in memory in the
order given, and only when all are valid are the changed rows written: a refused move leaves the menu untouched.

A move names an item, its new parent (None: the top level) and `sort_order`, a shift among its new siblings (as
Saleor's: -1 one place up, +2 two places down, clamped to the ends); a new parent takes the item as its last child
before the shift.

Errors (DomainError, MenuStoreErrorCode): NOT_FOUND (no such item), INVALID_MENU_ITEM (an item or parent of another
menu), CANNOT_ASSIGN_NODE (an item moved under itself or one of its descendants), INVALID (deeper than MAX_LEVEL).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from catalog.errors import MenuStoreErrorCode
from catalog.models import MenuItem
from catalog.services.menus import MAX_LEVEL, ItemMove
from kernel.errors import DomainError


@dataclass
class _Tree:
    """Each parent's children in order (None: the top level)."""

    parent_of: dict[int, int | None] = field(default_factory=dict)
    children: dict[int | None, list[int]] = field(default_factory=dict)

    def descendants(self, item_id: int) -> set[int]:
        found: set[int] = set()
        waiting = list(self.children.get(item_id, []))
        while waiting:
            child = waiting.pop()
            found.add(child)
            waiting.extend(self.children.get(child, []))
        return found

    def level(self, item_id: int) -> int:
        level, parent = 0, self.parent_of[item_id]
        while parent is not None:
            level, parent = level + 1, self.parent_of[parent]
        return level

    def height(self, item_id: int) -> int:
        """How many levels hang below the item (0: none)."""
        return max((1 + self.height(child) for child in self.children.get(item_id, [])), default=0)


def _tree_of(rows: Sequence[MenuItem]) -> _Tree:
    tree = _Tree()
    for row in sorted(rows, key=lambda row: (row.sort_order, row.id)):
        parent_id = row.parent_id  # type: ignore[attr-defined]
        tree.parent_of[row.id] = parent_id
        tree.children.setdefault(parent_id, []).append(row.id)
    return tree


async def _check_belongs(tree: _Tree, item_id: int | None, field_name: str) -> None:
    if item_id is None or item_id in tree.parent_of:
        return
    if await MenuItem.filter(id=item_id).exists():
        raise DomainError.single(field_name, "The item belongs to another menu.", MenuStoreErrorCode.INVALID_MENU_ITEM)
    raise DomainError.single(field_name, "No menu item has this ID.", MenuStoreErrorCode.NOT_FOUND)


def _check_parent(tree: _Tree, move: ItemMove) -> None:
    if move.parent_id is None:
        return
    if move.parent_id == move.item_id or move.parent_id in tree.descendants(move.item_id):
        raise DomainError.single(
            "parent_id",
            "Cannot move an item under itself or one of its descendants.",
            MenuStoreErrorCode.CANNOT_ASSIGN_NODE,
        )
    if tree.level(move.parent_id) + 1 + tree.height(move.item_id) > MAX_LEVEL:
        raise DomainError.single("parent_id", f"Menus have at most {MAX_LEVEL + 1} levels.", MenuStoreErrorCode.INVALID)


def _apply(tree: _Tree, move: ItemMove) -> None:
    old_parent = tree.parent_of[move.item_id]
    siblings = tree.children.setdefault(old_parent, [])
    if old_parent != move.parent_id:
        siblings.remove(move.item_id)
        siblings = tree.children.setdefault(move.parent_id, [])
        siblings.append(move.item_id)
        tree.parent_of[move.item_id] = move.parent_id
    if move.sort_order:
        position = siblings.index(move.item_id)
        siblings.remove(move.item_id)
        siblings.insert(max(0, min(len(siblings), position + move.sort_order)), move.item_id)


async def move_items(menu_id: int, moves: Sequence[ItemMove]) -> int:
    """Applies `moves` in order; returns how many rows changed. Raises as the module says."""
    rows = list(await MenuItem.filter(menu_id=menu_id))
    tree = _tree_of(rows)
    for move in moves:
        await _check_belongs(tree, move.item_id, "item_id")
        await _check_belongs(tree, move.parent_id, "parent_id")
        _check_parent(tree, move)
        _apply(tree, move)
    return await _write(rows, tree)


async def _write(rows: Sequence[MenuItem], tree: _Tree) -> int:
    """Renumbers every parent's children 0, 1, 2... and saves the rows whose parent or place changed."""
    wanted = {
        item_id: (parent_id, position)
        for parent_id, children in tree.children.items()
        for position, item_id in enumerate(children)
    }
    changed = 0
    for row in rows:
        parent_id, position = wanted[row.id]
        if (row.parent_id, row.sort_order) != (parent_id, position):  # type: ignore[attr-defined]
            await MenuItem.filter(id=row.id).update(parent_id=parent_id, sort_order=position)
            changed += 1
    return changed
