"""Translations: a product's, variant's, category's, collection's or content page's wording in another language (the
Chinese catalogue of a bank programme, an English one beside it). A translation holds only what differs;
an empty field shows the original.

Errors (DomainError codes, TranslationErrorCode): INVALID, NOT_FOUND.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from catalog.errors import CatalogErrorCode
from catalog.models import Category, Collection, Page, PageTranslation, Product, ProductVariant, Translation
from catalog.services.products import SLUG_PATTERN
from catalog.services.search import refresh_category_search_text, refresh_product_search_text
from kernel.errors import DomainError, ErrorDetail

# What can be translated, by the column a translation names it with.
TRANSLATED: dict[str, type[Any]] = {
    "product": Product,
    "variant": ProductVariant,
    "category": Category,
    "collection": Collection,
}
# The longest text each translated field holds (the originals' limits).
MAX_LENGTHS = {"name": 250, "slug": 255, "seo_title": 70, "seo_description": 300}


@dataclass
class TranslationData:
    name: str | None = None
    slug: str | None = None
    description: dict | None = None
    seo_title: str | None = None
    seo_description: str | None = None
    given: set[str] = field(default_factory=set)


def _problems(data: TranslationData) -> list[ErrorDetail]:
    problems = []
    for name, longest in MAX_LENGTHS.items():
        value = getattr(data, name)
        if value is not None and len(value) > longest:
            problems.append(
                ErrorDetail(
                    name, f"Ensure this value has at most {longest} characters.", CatalogErrorCode.INVALID
                )
            )
    if data.slug and not SLUG_PATTERN.match(data.slug):
        problems.append(ErrorDetail("slug", "Use lowercase letters, digits and hyphens.", CatalogErrorCode.INVALID))
    return problems


def _apply(row: Translation, data: TranslationData) -> None:
    for name in ("name", "slug", "description", "seo_title", "seo_description"):
        if name in data.given:
            value = getattr(data, name)
            setattr(row, name, (value.strip() or None) if isinstance(value, str) else value)


async def translate(kind: str, object_id: int, language_code: str, data: TranslationData) -> Translation:
    """Create or update the object's translation into `language_code` (a LanguageCodeEnum name)."""
    problems = _problems(data)
    if problems:
        raise DomainError(*problems)
    if not await TRANSLATED[kind].filter(id=object_id).exists():
        raise DomainError.single("id", f"Couldn't resolve to a node: {object_id}", CatalogErrorCode.NOT_FOUND)
    row = await _save(kind, object_id, language_code, data)
    await _refresh_search(kind, object_id)
    return row


async def _refresh_search(kind: str, object_id: int) -> None:
    """A translated name or description is searchable at once, in the language it is written in."""
    if kind == "product":
        await refresh_product_search_text(object_id)
    elif kind == "category":
        await refresh_category_search_text(object_id)


async def _save(kind: str, object_id: int, language_code: str, data: TranslationData) -> Translation:
    names = {f"{kind}_id": object_id, "language_code": language_code}
    row = await Translation.get_or_none(**names)
    if row is None:
        row = Translation(**names)
        _apply(row, data)
        try:
            async with in_transaction():  # a savepoint: the caller's transaction survives a lost race
                await row.save()
            return row
        except IntegrityError:  # another request created it meanwhile: update that one
            row = await Translation.get(**names)
    _apply(row, data)
    await row.save()
    return row


async def translations_of(kind: str, object_ids: Iterable[int], language_code: str) -> dict[int, Translation]:
    """The objects' translations into one language, by object id (objects without one are absent)."""
    column = f"{kind}_id"
    rows = await Translation.filter(**{f"{column}__in": list(object_ids), "language_code": language_code})
    return {getattr(row, column): row for row in rows}


async def translations_of_kinds(
    ids_by_kind: Mapping[str, Iterable[int]], language_code: str
) -> dict[tuple[str, int], Translation]:
    """Objects of several kinds translated into one language, by (kind, object id), in one statement (objects
    without a translation are absent)."""
    wanted = {kind: list(ids) for kind, ids in ids_by_kind.items() if ids}
    if not wanted:
        return {}
    conditions: list[dict[str, Any]] = [{f"{kind}_id__in": ids} for kind, ids in wanted.items()]
    either = Q(*(Q(**condition) for condition in conditions), join_type=Q.OR)
    found: dict[tuple[str, int], Translation] = {}
    for row in await Translation.filter(either, language_code=language_code):
        for kind in wanted:
            object_id = getattr(row, f"{kind}_id")
            if object_id is not None:
                found[(kind, object_id)] = row
    return found


@dataclass
class PageTranslationData:
    title: str | None = None
    slug: str | None = None
    content: dict | None = None
    seo_title: str | None = None
    seo_description: str | None = None
    given: set[str] = field(default_factory=set)


PAGE_MAX_LENGTHS = {"title": 250, "slug": 255, "seo_title": 70, "seo_description": 300}


def _page_problems(data: PageTranslationData) -> list[ErrorDetail]:
    problems = [
        ErrorDetail(name, f"Ensure this value has at most {longest} characters.", CatalogErrorCode.INVALID)
        for name, longest in PAGE_MAX_LENGTHS.items()
        if (value := getattr(data, name)) is not None and len(value) > longest
    ]
    if data.slug and not SLUG_PATTERN.match(data.slug):
        problems.append(ErrorDetail("slug", "Use lowercase letters, digits and hyphens.", CatalogErrorCode.INVALID))
    return problems


async def translate_page(page_id: int, language_code: str, data: PageTranslationData) -> PageTranslation:
    """Create or update a content page's translation into `language_code` (a LanguageCodeEnum name).

    Errors: INVALID (a field too long, a slug that is no slug), NOT_FOUND (no such page).
    """
    problems = _page_problems(data)
    if problems:
        raise DomainError(*problems)
    if not await Page.filter(id=page_id).exists():
        raise DomainError.single("id", f"Couldn't resolve to a node: {page_id}", CatalogErrorCode.NOT_FOUND)
    names = {"page_id": page_id, "language_code": language_code}
    row = await PageTranslation.get_or_none(**names)
    if row is None:
        row = PageTranslation(**names)
        _apply_page(row, data)
        try:
            async with in_transaction():  # a savepoint: the caller's transaction survives a lost race
                await row.save()
            return row
        except IntegrityError:  # another request created it meanwhile: update that one
            row = await PageTranslation.get(**names)
    _apply_page(row, data)
    await row.save()
    return row


def _apply_page(row: PageTranslation, data: PageTranslationData) -> None:
    for name in ("title", "slug", "content", "seo_title", "seo_description"):
        if name in data.given:
            value = getattr(data, name)
            setattr(row, name, (value.strip() or None) if isinstance(value, str) else value)


async def page_translation_of(page_id: int, language_code: str) -> PageTranslation | None:
    return await PageTranslation.get_or_none(page_id=page_id, language_code=language_code)
