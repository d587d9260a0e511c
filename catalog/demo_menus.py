"""The demo's navigation menus, written through the menu services: `navbar` (the demo categories: top-level ones
with their children, in slug order) and `footer` (the programme's content pages in the demo's order), each item
named in Chinese too, so the member mall's footer speaks the member's language.

Each menu is created only when no menu has its slug, so a mall loaded before menus were stored gets them, and an
operator's own edits are never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from catalog import demo_zh
from catalog.models import Category, Menu, MenuItem, Page
from catalog.services import menus

NAVBAR = ("navbar", "Navbar")
FOOTER = ("footer", "Footer")


async def _translate(items: Sequence[MenuItem], names: dict[int, str]) -> int:
    for item in items:
        await menus.translate_item(item, demo_zh.LANGUAGE_CODE, names[item.id])
    return len(items)


async def _footer(page_slugs: Sequence[str]) -> int:
    pages = {page.slug: page for page in await Page.filter(slug__in=list(page_slugs))}
    placed = [pages[slug] for slug in page_slugs if slug in pages]
    menu = await menus.create_menu(
        FOOTER[1], FOOTER[0], [menus.ItemData(page.title, menus.ItemLink(page_id=page.id)) for page in placed]
    )
    items = list(await MenuItem.filter(menu_id=menu.id).order_by("sort_order"))
    titles = {item.id: demo_zh.PAGES[page.slug][0] for item, page in zip(items, placed, strict=True)}
    return 1 + len(items) + await _translate(items, titles)


async def _navbar() -> int:
    categories = list(await Category.filter(level__lte=1).order_by("level", "slug"))
    menu = await menus.create_menu(NAVBAR[1], NAVBAR[0])
    item_of: dict[int, MenuItem] = {}
    for category in categories:
        parent = item_of.get(category.parent_id) if category.parent_id else None  # type: ignore[attr-defined]
        data = menus.ItemData(category.name, menus.ItemLink(category_id=category.id))
        item_of[category.id] = await menus.create_item(menu, parent, data)
    names = {
        item.id: demo_zh.CATEGORY_NAMES.get(category.slug, category.name)
        for category in categories
        for item in [item_of[category.id]]
    }
    return 1 + len(item_of) + await _translate(list(item_of.values()), names)


async def load_menu_demo(page_slugs: Sequence[str], step: Callable[[str], None] = lambda _: None) -> int:
    """Creates whichever of the demo's menus is missing; returns how many rows were created. The navbar waits
    for the demo categories (it is made when the catalogue is)."""
    existing = set(await Menu.filter(slug__in=[NAVBAR[0], FOOTER[0]]).values_list("slug", flat=True))
    created = 0
    if FOOTER[0] not in existing:
        created += await _footer(page_slugs)
        step("the footer menu")
    if NAVBAR[0] not in existing and await Category.exists():
        created += await _navbar()
        step("the navbar menu")
    return created
