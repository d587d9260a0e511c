"""Which content pages the storefront's footer lists, and in what order.

Menus are not stored (see catalog/graphql/content.py). A page is placed in the footer by its public metadata
`footer-position` (1, 2, ...): no menu tables, and a key Saleor's `updateMetadata` and the Dashboard's metadata
editor can write once the mall's page mutations exist (today only the demo writes pages).
"""

from __future__ import annotations

from catalog.models import Page

FOOTER_POSITION_KEY = "footer-position"


def footer_position(page: Page) -> int | None:
    """The page's place in the footer, or None when it is not there. A value that is not a positive whole
    number leaves the page out rather than failing the whole menu."""
    text = (page.metadata or {}).get(FOOTER_POSITION_KEY, "")
    return int(text) if text.isdigit() and int(text) > 0 else None


def footer_pages(pages: list[Page]) -> list[Page]:
    """The published pages among `pages` placed in the footer, by position (then slug, for equal positions)."""
    placed = [(footer_position(page), page.slug, page) for page in pages if page.is_published]
    return [page for position, _, page in sorted(placed, key=lambda item: (item[0] or 0, item[1])) if position]


async def published_pages() -> list[Page]:
    """Every published page: a handful of rows, read when a footer is asked for."""
    return list(await Page.filter(is_published=True))
