"""Content pages (terms, FAQ, the programme's rules): the only writer of `Page` rows.

Saleor's page mutations (issue 17) call these; the demo writes its pages directly. Every check runs before the
first write, so a refused call leaves the pages as they were.

Errors (DomainError, CatalogErrorCode): REQUIRED (a blank title), UNIQUE (another page has the slug), INVALID (a
malformed slug, content that is not Editor.js JSON, SEO text too long).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from tortoise.expressions import Q

from catalog.errors import CatalogErrorCode
from catalog.models import CONTENT_PAGE_TYPE_ID, Page
from catalog.services.products import SLUG_PATTERN, slugify
from kernel import clock
from kernel.errors import DomainError, ErrorDetail

MAX_TITLE_LENGTH = 250
MAX_SEO_TITLE_LENGTH = 70  # the column sizes, as Saleor's
MAX_SEO_DESCRIPTION_LENGTH = 300
EDITABLE_FIELDS = ("title", "slug", "content", "is_published", "published_at", "seo_title", "seo_description")


def visible_pages() -> Q:
    """Pages members see: published, and their publication date (when set) has come."""
    return Q(is_published=True) & (Q(published_at__isnull=True) | Q(published_at__lte=clock.now()))


def is_visible(page: Page) -> bool:
    """`visible_pages` for a row already read."""
    return page.is_published and (page.published_at is None or page.published_at <= clock.now())


@dataclass
class PageData:
    """What a create or update asks for; `given` names the fields an update changes (the others stay)."""

    title: str | None = None
    slug: str | None = None
    content: dict[str, Any] | None = None
    is_published: bool | None = None
    published_at: datetime.datetime | None = None
    seo_title: str | None = None
    seo_description: str | None = None
    metadata: dict[str, str] | None = None
    page_type_id: int = CONTENT_PAGE_TYPE_ID  # set on creation only, as Saleor's
    given: set[str] = field(default_factory=set)


def _is_editor_js(content: Any) -> bool:
    """Editor.js's document shape: {"blocks": [{"type": str, "data": {...}}, ...]} (other keys allowed)."""
    if not isinstance(content, dict) or not isinstance(content.get("blocks", []), list):
        return False
    blocks = content.get("blocks", [])
    return all(isinstance(b, dict) and isinstance(b.get("type"), str) and isinstance(b.get("data", {}), dict)
               for b in blocks)


def _title_problems(data: PageData, title_required: bool) -> list[ErrorDetail]:
    if title_required and not (data.title or "").strip():
        return [ErrorDetail("title", "This field is required.", CatalogErrorCode.REQUIRED)]
    if data.title is not None and len(data.title.strip()) > MAX_TITLE_LENGTH:
        return [ErrorDetail("title", f"Use at most {MAX_TITLE_LENGTH} characters.", CatalogErrorCode.INVALID)]
    return []


def _other_problems(data: PageData) -> list[ErrorDetail]:
    problems = []
    if data.slug and not SLUG_PATTERN.match(data.slug):
        problems.append(ErrorDetail("slug", "Use lowercase letters, digits and hyphens.", CatalogErrorCode.INVALID))
    if data.content is not None and not _is_editor_js(data.content):
        problems.append(ErrorDetail("content", "Content must be Editor.js JSON with a list of blocks.",
                                    CatalogErrorCode.INVALID))
    if len(data.seo_title or "") > MAX_SEO_TITLE_LENGTH:
        problems.append(ErrorDetail("seo_title", f"Use at most {MAX_SEO_TITLE_LENGTH} characters.",
                                    CatalogErrorCode.INVALID))
    if len(data.seo_description or "") > MAX_SEO_DESCRIPTION_LENGTH:
        problems.append(ErrorDetail("seo_description", f"Use at most {MAX_SEO_DESCRIPTION_LENGTH} characters.",
                                    CatalogErrorCode.INVALID))
    return problems


async def _require_unique_slug(slug: str, exclude_id: int | None = None) -> None:
    clash = Page.filter(slug=slug)
    if exclude_id is not None:
        clash = clash.exclude(id=exclude_id)
    if await clash.exists():
        raise DomainError.single("slug", "Page with this Slug already exists.", CatalogErrorCode.UNIQUE)


def _publication(is_published: bool, published_at: datetime.datetime | None) -> datetime.datetime | None:
    # As Saleor: publishing without a date publishes now; a date in the future schedules the page.
    return published_at if published_at is not None or not is_published else clock.now()


async def create_page(data: PageData) -> Page:
    """A new page; its slug comes from the title when none is given. Published unless asked otherwise."""
    problems = _title_problems(data, title_required=True) + _other_problems(data)
    if problems:
        raise DomainError(*problems)
    title = (data.title or "").strip()
    slug = data.slug or slugify(title)
    await _require_unique_slug(slug)
    is_published = data.is_published if data.is_published is not None else False
    return await Page.create(
        title=title, slug=slug, content=data.content, is_published=is_published,
        published_at=_publication(is_published, data.published_at),
        seo_title=data.seo_title or None, seo_description=data.seo_description or None,
        metadata=data.metadata or {}, page_type_id=data.page_type_id,
    )


async def update_page(page: Page, data: PageData) -> Page:
    """Changes the fields in `data.given`; a blank title or slug is refused rather than cleared."""
    problems = _title_problems(data, title_required="title" in data.given) + _other_problems(data)
    if "slug" in data.given and not data.slug:
        problems.append(ErrorDetail("slug", "This field is required.", CatalogErrorCode.REQUIRED))
    if problems:
        raise DomainError(*problems)
    if data.slug:
        await _require_unique_slug(data.slug, exclude_id=page.id)
    for name in EDITABLE_FIELDS:
        if name in data.given:
            value = getattr(data, name)
            setattr(page, name, value.strip() if name == "title" and value else value)
    if data.is_published and page.published_at is None:
        page.published_at = clock.now()
    await page.save()
    return page


async def delete_pages(page_ids: list[int]) -> int:
    """Deletes the pages (their translations go with them); returns how many existed."""
    return await Page.filter(id__in=page_ids).delete()


async def publish_pages(page_ids: list[int], is_published: bool) -> int:
    """Publishes or hides the pages; a page published for the first time is dated now."""
    count = await Page.filter(id__in=page_ids).update(is_published=is_published)
    if is_published:
        await Page.filter(id__in=page_ids, published_at__isnull=True).update(published_at=clock.now())
    return count
