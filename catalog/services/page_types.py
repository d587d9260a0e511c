"""Page types: the operator's kinds of content page, and the page attributes each one's pages carry.

Every check runs before the first write, so a refused call leaves page types, their attributes and pages as
they were (the caller's transaction rolls back anything else).

Errors (DomainError codes, AttributeStoreErrorCode, answered as Saleor's PageErrorCode): REQUIRED (a blank name),
INVALID (a malformed slug, a product attribute, a page type pages still use), UNIQUE (another page type has
the slug), NOT_FOUND (an attribute to move the type lacks), ATTRIBUTE_ALREADY_ASSIGNED.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.errors import AttributeStoreErrorCode as Code
from catalog.models import (
    CONTENT_PAGE_TYPE_ID,
    AssignedPageAttributeValue,
    Attribute,
    AttributePage,
    AttributeType,
    AttributeValue,
    Page,
    PageType,
)
from catalog.services.attribute_assignment import reorder_links
from catalog.services.products import SLUG_PATTERN, slugify
from kernel.errors import DomainError, ErrorDetail
from mall import sql

MAX_NAME_LENGTH = 250


@dataclass
class PageTypeData:
    """What a create or update asks for; `given` names the fields an update changes."""

    name: str | None = None
    slug: str | None = None
    given: set[str] = field(default_factory=set)


def _problems(data: PageTypeData, creating: bool) -> list[ErrorDetail]:
    problems = []
    if (creating or "name" in data.given) and not (data.name or "").strip():
        problems.append(ErrorDetail("name", "This field is required.", Code.REQUIRED))
    if len((data.name or "").strip()) > MAX_NAME_LENGTH:
        problems.append(ErrorDetail("name", f"Use at most {MAX_NAME_LENGTH} characters.", Code.INVALID))
    if "slug" in data.given and not creating and not data.slug:
        problems.append(ErrorDetail("slug", "This field is required.", Code.REQUIRED))
    if data.slug and not SLUG_PATTERN.match(data.slug):
        problems.append(ErrorDetail("slug", "Use lowercase letters, digits and hyphens.", Code.INVALID))
    return problems


async def _require_unique_slug(slug: str, exclude_id: int | None = None) -> None:
    clash = PageType.filter(slug=slug)
    if exclude_id is not None:
        clash = clash.exclude(id=exclude_id)
    if await clash.exists():
        raise DomainError.single("slug", "Page type with this Slug already exists.", Code.UNIQUE)


def _check_page_attributes(attributes: list[Attribute], field_name: str) -> None:
    """Only page attributes go on page types (product attributes go on product types)."""
    product_ones = [attribute.slug for attribute in attributes if attribute.type != AttributeType.PAGE_TYPE]
    if product_ones:
        raise DomainError.single(
            field_name, f"Only page attributes can be assigned: {', '.join(product_ones)}.", Code.INVALID
        )


async def create_page_type(data: PageTypeData, attributes: list[Attribute]) -> PageType:
    """A new page type (slug from the name when none is given) with `attributes` in their given order."""
    problems = _problems(data, creating=True)
    if problems:
        raise DomainError(*problems)
    _check_page_attributes(attributes, "addAttributes")
    slug = data.slug or slugify((data.name or "").strip())
    await _require_unique_slug(slug)
    page_type = await PageType.create(name=(data.name or "").strip(), slug=slug)
    await assign_attributes(page_type, attributes, "addAttributes")
    return page_type


async def update_page_type(
    page_type: PageType, data: PageTypeData, added: list[Attribute], removed_ids: list[int]
) -> PageType:
    """Renames, re-slugs, and adds or takes off attributes (taking one off takes its values off the pages)."""
    problems = _problems(data, creating=False)
    if problems:
        raise DomainError(*problems)
    _check_page_attributes(added, "addAttributes")
    if data.slug:
        await _require_unique_slug(data.slug, exclude_id=page_type.id)
    if "name" in data.given:
        page_type.name = (data.name or "").strip()
    if "slug" in data.given and data.slug:
        page_type.slug = data.slug
    await page_type.save()
    await unassign_attributes(page_type, removed_ids)
    await assign_attributes(page_type, added, "addAttributes")
    return page_type


async def _assigned_ids(page_type: PageType) -> set[int]:
    return set(await AttributePage.filter(page_type_id=page_type.id).values_list("attribute_id", flat=True))  # type: ignore[arg-type]


async def assign_attributes(page_type: PageType, attributes: list[Attribute], field_name: str = "attributeIds") -> None:
    """Adds attributes at the end of the page type's list. Errors: INVALID (a product attribute),
    ATTRIBUTE_ALREADY_ASSIGNED (assigned already, or named twice)."""
    _check_page_attributes(attributes, field_name)
    already = await _assigned_ids(page_type)
    seen: set[int] = set()
    for attribute in attributes:
        if attribute.id in already or attribute.id in seen:
            raise DomainError.single(
                field_name, f"{attribute.slug} is already assigned to this page type.", Code.ATTRIBUTE_ALREADY_ASSIGNED
            )
        seen.add(attribute.id)
    position = len(already)
    for attribute in attributes:
        await AttributePage.create(page_type_id=page_type.id, attribute_id=attribute.id, sort_order=position)
        position += 1


async def unassign_attributes(page_type: PageType, attribute_ids: list[int]) -> None:
    """Takes attributes off the page type, and their values off its pages (Saleor's way)."""
    if not attribute_ids:
        return
    await AttributePage.filter(page_type_id=page_type.id, attribute_id__in=attribute_ids).delete()
    value_ids = list(await AttributeValue.filter(attribute_id__in=attribute_ids).values_list("id", flat=True))
    page_ids = list(await Page.filter(page_type_id=page_type.id).values_list("id", flat=True))
    await AssignedPageAttributeValue.filter(page_id__in=page_ids, value_id__in=value_ids).delete()


async def reorder_attributes(page_type: PageType, moves: list[tuple[int, int]]) -> None:
    """Moves assigned attributes by a relative offset. Errors: NOT_FOUND (an attribute the type lacks)."""
    await reorder_links(list(await AttributePage.filter(page_type_id=page_type.id).order_by("sort_order", "id")), moves)


async def ensure_content_page_type() -> None:
    """The built-in type (migration 0011 creates it): for a database emptied since (tests). Its key is given, so
    PostgreSQL's sequence is moved past it."""
    if await PageType.exists(id=CONTENT_PAGE_TYPE_ID):
        return
    await PageType.create(id=CONTENT_PAGE_TYPE_ID, name="Content page", slug="content-page")
    if sql.is_postgres():
        await sql.connection().execute_script(
            "SELECT setval(pg_get_serial_sequence('catalog_page_type', 'id'), (SELECT MAX(id) FROM catalog_page_type))"
        )


async def delete_page_types(page_type_ids: list[int], field_name: str = "id") -> int:
    """Saleor deletes a type's pages with it; the mall refuses while pages use it instead: the programme's pages
    (its rules, the footer's links) go only by their own deletion, never as a side effect. The built-in content
    page type stays: pages written without a type (the demo, older tools) get it. Errors: INVALID."""
    if CONTENT_PAGE_TYPE_ID in page_type_ids:
        raise DomainError.single(
            field_name, "The built-in content page type stays: pages written without a type get it.", Code.INVALID
        )
    used = await Page.filter(page_type_id__in=page_type_ids).count()
    if used:
        raise DomainError.single(field_name, f"{used} page(s) use this page type: delete them first.", Code.INVALID)
    return await PageType.filter(id__in=page_type_ids).delete()
