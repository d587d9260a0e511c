"""Which content pages the storefront's footer lists, and in what order.

Menus are not stored (see catalog/graphql/content.py). A page is placed in the footer by its public metadata
`footer-position` (1, 2, ...): no menu tables, and a key Saleor's `updateMetadata` and the Dashboard's metadata
editor could write (the operator writes pages through Saleor's page mutations, but `updateMetadata` does not
reach pages yet: today only the demo places pages in the footer).
"""

from __future__ import annotations

from catalog.models import Page
from catalog.services.pages import is_visible, visible_pages

FOOTER_POSITION_KEY = "footer-position"


def footer_position(page: Page) -> int | None:
    """The page's place in the footer, or None when it is not there. A value that is not a positive whole
    number leaves the page out rather than failing the whole menu."""
    text = (page.metadata or {}).get(FOOTER_POSITION_KEY, "")
    return int(text) if text.isdigit() and int(text) > 0 else None


def footer_pages(pages: list[Page]) -> list[Page]:
    """The visible pages among `pages` placed in the footer, by position (then slug, for equal positions)."""
    placed = [(footer_position(page), page.slug, page) for page in pages if is_visible(page)]
    return [page for position, _, page in sorted(placed, key=lambda item: (item[0] or 0, item[1])) if position]


async def published_pages() -> list[Page]:
    """Every page members see: a handful of rows, read when a footer is asked for."""
    return list(await Page.filter(visible_pages()))
