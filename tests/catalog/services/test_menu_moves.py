"""Moving menu items: relative shifts clamped to the ends, new parents, and the limits (cycles, depth)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from catalog.errors import MenuStoreErrorCode
from catalog.models import Menu, MenuItem
from catalog.services import menus
from catalog.services.menu_moves import move_items
from kernel.errors import DomainError


async def menu_of(*names: str) -> tuple[Menu, list[MenuItem]]:
    items = [menus.ItemData(name, menus.ItemLink(url=f"https://bank.example/{name}")) for name in names]
    menu = await menus.create_menu("Footer", "footer", items)
    return menu, list(await MenuItem.filter(menu_id=menu.id).order_by("sort_order"))


async def layout(menu: Menu) -> list[tuple[str, str | None, int]]:
    rows = await MenuItem.filter(menu_id=menu.id).select_related("parent").order_by("parent_id", "sort_order")
    return [(row.name, row.parent.name if row.parent else None, row.sort_order) for row in rows]


async def test_a_shift_beyond_the_end_stops_at_the_end():
    # given
    menu, (a, _b, _c) = await menu_of("a", "b", "c")

    # when
    changed = await move_items(menu.id, [menus.ItemMove(a.id, None, 10)])

    # then
    assert changed == 3
    assert sorted(await layout(menu), key=lambda row: row[2]) == [("b", None, 0), ("c", None, 1), ("a", None, 2)]


async def test_an_item_moved_under_another_becomes_its_last_child():
    # given
    menu, (a, b, c) = await menu_of("a", "b", "c")
    await move_items(menu.id, [menus.ItemMove(b.id, a.id, None)])

    # when
    await move_items(menu.id, [menus.ItemMove(c.id, a.id, None)])

    # then
    assert sorted(await layout(menu), key=lambda row: (row[1] or "", row[2])) == [
        ("a", None, 0), ("b", "a", 0), ("c", "a", 1)]


async def test_a_move_deeper_than_seven_levels_is_refused_and_nothing_moves():
    # given: a chain of seven levels (0-6) and one more top-level item
    menu, items = await menu_of(*"abcdefgh")
    chain = items[:7]
    await move_items(menu.id, [menus.ItemMove(child.id, parent.id, None) for parent, child in pairwise(chain)])
    before = await layout(menu)

    # when
    with pytest.raises(DomainError) as refused:
        await move_items(menu.id, [menus.ItemMove(items[7].id, items[6].id, None)])

    # then
    assert refused.value.details[0].code == MenuStoreErrorCode.INVALID
    assert await layout(menu) == before


async def test_an_item_of_another_menu_is_refused():
    # given
    menu, (a,) = await menu_of("a")
    other = await menus.create_menu("Navbar", "navbar", [menus.ItemData("x", menus.ItemLink(url="https://x.example"))])
    stranger = await MenuItem.get(menu_id=other.id)

    # when
    with pytest.raises(DomainError) as refused:
        await move_items(menu.id, [menus.ItemMove(stranger.id, a.id, None)])

    # then
    assert refused.value.details[0].code == MenuStoreErrorCode.INVALID_MENU_ITEM
