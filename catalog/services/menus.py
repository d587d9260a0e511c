"""Navigation menus (Saleor's `menu*` mutations): the only writer of Menu, MenuItem and MenuItemTranslation rows.

A menu (the storefront's `navbar`, its `footer`) holds a tree of items; each item links to exactly one category,
collection, content page or web address. Every check runs before the first write, so a refused call leaves the
menus as they were; the caller owns the transaction.

Errors (DomainError, MenuStoreErrorCode): REQUIRED (a blank name), UNIQUE (another menu has the slug), INVALID (a
malformed slug or web address, a name too long, too many items or levels), NOT_FOUND (a menu, item or linked row
that does not exist), NO_MENU_ITEM_PROVIDED / TOO_MANY_MENU_ITEMS (an item linking to nothing / several things),
INVALID_MENU_ITEM (an item or parent of another menu), CANNOT_ASSIGN_NODE (an item moved under itself or one of
its descendants).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from catalog.errors import MenuStoreErrorCode
from catalog.models import Category, Collection, Menu, MenuItem, MenuItemTranslation, Page
from catalog.services.products import SLUG_PATTERN, slugify
from kernel.errors import DomainError

MAX_MENU_NAME_LENGTH = 250
MAX_ITEM_NAME_LENGTH = 128  # the columns, as Saleor's
MAX_URL_LENGTH = 256
MAX_ITEMS_PER_MENU = 500  # a navigation menu, not a catalogue: the whole tree is read at once
MAX_LEVEL = 6  # the Dashboard's menu page shows seven levels (0-6); deeper items would be invisible there
URL_SCHEMES = ("http", "https")  # never javascript:, data: or the like, which a storefront would render as a link


@dataclass(frozen=True)
class ItemLink:
    """What an item points at, as given: exactly one must be set (checked by `check_link`)."""

    category_id: int | None = None
    collection_id: int | None = None
    page_id: int | None = None
    url: str | None = None

    def given(self) -> list[str]:
        return [
            name
            for name in ("category", "collection", "page", "url")
            if getattr(self, f"{name}_id" if name != "url" else "url") is not None
        ]


@dataclass(frozen=True)
class ItemData:
    """A new item: its name and link."""

    name: str
    link: ItemLink


@dataclass(frozen=True)
class ItemMove:
    """One move of `menuItemMove`: the new parent (None: the top level) and a shift among the new siblings."""

    item_id: int
    parent_id: int | None
    sort_order: int | None


# Checks -------------------------------------------------------------------------------------------------------


def _refuse(field: str | None, message: str, code: MenuStoreErrorCode) -> DomainError:
    return DomainError.single(field, message, code)


def check_name(name: str | None, limit: int, field: str = "name") -> str:
    """The name stripped; REQUIRED when blank, INVALID when longer than the column."""
    text = (name or "").strip()
    if not text:
        raise _refuse(field, "This field is required.", MenuStoreErrorCode.REQUIRED)
    if len(text) > limit:
        raise _refuse(field, f"Use at most {limit} characters.", MenuStoreErrorCode.INVALID)
    return text


def check_url(url: str) -> str:
    """A web address a storefront may link to: http or https with a host, at most 256 characters."""
    text = url.strip()
    parts = urlsplit(text) if len(text) <= MAX_URL_LENGTH else None
    if parts is None or parts.scheme.lower() not in URL_SCHEMES or not parts.netloc:
        raise _refuse(
            "url", f"Enter an http or https address of at most {MAX_URL_LENGTH} characters.", MenuStoreErrorCode.INVALID
        )
    return text


async def check_link(link: ItemLink) -> ItemLink:
    """Exactly one link, naming a row that exists (or a safe web address)."""
    given = link.given()
    if not given:
        raise _refuse(
            None,
            "A menu item needs one of url, category, collection or page.",
            MenuStoreErrorCode.NO_MENU_ITEM_PROVIDED,
        )
    if len(given) > 1:
        raise _refuse(
            given[1],
            "A menu item links to only one of url, category, collection or page.",
            MenuStoreErrorCode.TOO_MANY_MENU_ITEMS,
        )
    for model, field, pk in (
        (Category, "category", link.category_id),
        (Collection, "collection", link.collection_id),
        (Page, "page", link.page_id),
    ):
        if pk is not None and not await model.filter(id=pk).exists():
            raise _refuse(field, f"No {field} has this ID.", MenuStoreErrorCode.NOT_FOUND)
    return ItemLink(url=check_url(link.url)) if link.url is not None else link


async def _check_slug(slug: str, menu_id: int | None) -> str:
    if not SLUG_PATTERN.match(slug) or len(slug) > 255:
        raise _refuse("slug", "Use lowercase letters, digits and hyphens.", MenuStoreErrorCode.INVALID)
    if await Menu.filter(slug=slug).exclude(id=menu_id or 0).exists():
        raise _refuse("slug", "Menu with this Slug already exists.", MenuStoreErrorCode.UNIQUE)
    return slug


async def _check_room(menu_id: int, adding: int) -> None:
    if await MenuItem.filter(menu_id=menu_id).count() + adding > MAX_ITEMS_PER_MENU:
        raise _refuse(None, f"A menu holds at most {MAX_ITEMS_PER_MENU} items.", MenuStoreErrorCode.INVALID)


async def _level_of(item: MenuItem | None) -> int:
    """How deep `item` sits (0: the top level); -1 for no item, so its children are at level 0."""
    level = -1
    seen: set[int] = set()
    while item is not None and item.id not in seen and level < MAX_LEVEL + 1:
        seen.add(item.id)
        level += 1
        item = await MenuItem.get_or_none(id=item.parent_id) if item.parent_id else None  # type: ignore[attr-defined]
    return level


# Menus --------------------------------------------------------------------------------------------------------


async def create_menu(name: str, slug: str | None, items: Sequence[ItemData] = ()) -> Menu:
    """A menu with `items` at its top level, in the given order. Raises as the module says."""
    name = check_name(name, MAX_MENU_NAME_LENGTH)
    slug = await _check_slug(slug.strip() if slug else slugify(name), None)
    if len(items) > MAX_ITEMS_PER_MENU:
        raise _refuse("items", f"A menu holds at most {MAX_ITEMS_PER_MENU} items.", MenuStoreErrorCode.INVALID)
    checked = [(check_name(item.name, MAX_ITEM_NAME_LENGTH, "items"), await check_link(item.link)) for item in items]
    menu = await Menu.create(name=name, slug=slug)
    for position, (item_name, link) in enumerate(checked):
        await _insert_item(menu.id, None, item_name, link, position)
    return menu


async def update_menu(menu: Menu, name: str | None, slug: str | None) -> Menu:
    """Renames the menu and/or changes its slug (a value left None stays)."""
    if name is not None:
        menu.name = check_name(name, MAX_MENU_NAME_LENGTH)
    if slug is not None:
        menu.slug = await _check_slug(slug.strip(), menu.id)
    await menu.save(update_fields=["name", "slug"])
    return menu


async def delete_menus(menu_ids: list[int]) -> int:
    """Deletes the menus with their items and translations (the database cascades). Returns how many."""
    return await Menu.filter(id__in=menu_ids).delete()


# Items --------------------------------------------------------------------------------------------------------


async def _insert_item(menu_id: int, parent_id: int | None, name: str, link: ItemLink, sort_order: int) -> MenuItem:
    return await MenuItem.create(
        menu_id=menu_id,
        parent_id=parent_id,
        name=name,
        sort_order=sort_order,
        category_id=link.category_id,
        collection_id=link.collection_id,
        page_id=link.page_id,
        url=link.url,
    )


async def _next_sort_order(menu_id: int, parent_id: int | None) -> int:
    orders = await MenuItem.filter(menu_id=menu_id, parent_id=parent_id).values_list("sort_order", flat=True)
    return max(orders, default=-1) + 1  # type: ignore[type-var]


async def create_item(menu: Menu, parent: MenuItem | None, data: ItemData) -> MenuItem:
    """A new last child of `parent` (or last top-level item). Raises as the module says."""
    name = check_name(data.name, MAX_ITEM_NAME_LENGTH)
    link = await check_link(data.link)
    if parent is not None and parent.menu_id != menu.id:  # type: ignore[attr-defined]
        raise _refuse("parent", "The parent item belongs to another menu.", MenuStoreErrorCode.INVALID_MENU_ITEM)
    if await _level_of(parent) + 1 > MAX_LEVEL:
        raise _refuse("parent", f"Menus have at most {MAX_LEVEL + 1} levels.", MenuStoreErrorCode.INVALID)
    await _check_room(menu.id, 1)
    parent_id = parent.id if parent is not None else None
    return await _insert_item(menu.id, parent_id, name, link, await _next_sort_order(menu.id, parent_id))


async def update_item(item: MenuItem, name: str | None, link: ItemLink | None) -> MenuItem:
    """Renames the item and/or points it elsewhere (a link replaces the previous one whole)."""
    if name is not None:
        item.name = check_name(name, MAX_ITEM_NAME_LENGTH)
    if link is not None:
        link = await check_link(link)
        item.category_id, item.collection_id = link.category_id, link.collection_id  # type: ignore[attr-defined]
        item.page_id, item.url = link.page_id, link.url  # type: ignore[attr-defined]
    await item.save(update_fields=["name", "category_id", "collection_id", "page_id", "url"])
    return item


async def delete_items(item_ids: list[int]) -> int:
    """Deletes the items with their descendants (the database cascades). Returns how many were named."""
    return await MenuItem.filter(id__in=item_ids).delete()


async def translate_item(item: MenuItem, language_code: str, name: str) -> MenuItemTranslation:
    """Sets the item's name in one language (a second call replaces it)."""
    text = check_name(name, MAX_ITEM_NAME_LENGTH)
    row, created = await MenuItemTranslation.get_or_create(
        item_id=item.id, language_code=language_code, defaults={"name": text}
    )
    if not created:
        row.name = text
        await row.save(update_fields=["name", "updated_at"])
    return row
