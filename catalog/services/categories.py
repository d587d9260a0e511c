"""Categories (a tree) and collections (curated lists, published per channel). Operator only.

Errors (DomainError, CatalogErrorCode): REQUIRED, INVALID (also: deleting a category with children), UNIQUE,
NOT_FOUND.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.errors import CatalogErrorCode
from catalog.models import Category, Collection, CollectionChannelListing, CollectionProduct, Product
from catalog.services.ordering import Move, apply_moves, save_positions
from catalog.services.products import SLUG_PATTERN, slugify
from catalog.services.search import refresh_category_search_text
from kernel import clock
from kernel.errors import DomainError, ErrorDetail
from mall.channels.models import Channel

MAX_CATEGORY_DEPTH = 5


@dataclass
class CategoryData:
    name: str | None = None
    slug: str | None = None
    description: dict | None = None
    parent_id: int | None = None
    background_image: str | None = None
    seo_title: str | None = None
    seo_description: str | None = None
    given: set[str] = field(default_factory=set)


def _name_and_slug_problems(name: str | None, slug: str | None, name_required: bool) -> list[ErrorDetail]:
    problems = []
    if name_required and not (name or "").strip():
        problems.append(ErrorDetail("name", "This field is required.", CatalogErrorCode.REQUIRED))
    if slug and not SLUG_PATTERN.match(slug):
        problems.append(ErrorDetail("slug", "Use lowercase letters, digits and hyphens.", CatalogErrorCode.INVALID))
    return problems


async def _unique(model: type[Category] | type[Collection], slug: str, exclude_id: int | None = None) -> None:
    clash = model.filter(slug=slug)
    if exclude_id is not None:
        clash = clash.exclude(id=exclude_id)
    if await clash.exists():
        raise DomainError.single("slug", f"{model.__name__} with this Slug already exists.", CatalogErrorCode.UNIQUE)


async def _parent_level(parent_id: int | None) -> int:
    if parent_id is None:
        return -1
    parent = await Category.get_or_none(id=parent_id)
    if parent is None:
        raise DomainError.single(
            "parent", f"Couldn't resolve to a node: Category:{parent_id}", CatalogErrorCode.NOT_FOUND
        )
    if parent.level + 1 >= MAX_CATEGORY_DEPTH:
        raise DomainError.single(
            "parent", f"Categories nest at most {MAX_CATEGORY_DEPTH} levels deep.", CatalogErrorCode.INVALID
        )
    return parent.level


async def create_category(data: CategoryData) -> Category:
    problems = _name_and_slug_problems(data.name, data.slug, name_required=True)
    if problems:
        raise DomainError(*problems)
    level = await _parent_level(data.parent_id) + 1
    slug = data.slug or slugify(data.name or "")
    await _unique(Category, slug)
    return await Category.create(
        name=(data.name or "").strip(),
        slug=slug,
        description=data.description,
        parent_id=data.parent_id,
        level=level,
        background_image=data.background_image or "",
        seo_title=data.seo_title or "",
        seo_description=data.seo_description or "",
    )


async def update_category(category: Category, data: CategoryData) -> Category:
    problems = _name_and_slug_problems(data.name, data.slug, name_required="name" in data.given)
    if problems:
        raise DomainError(*problems)
    if data.slug:
        await _unique(Category, data.slug, exclude_id=category.id)
    for name in ("name", "slug", "description", "background_image", "seo_title", "seo_description"):
        if name in data.given and (getattr(data, name) is not None or name == "description"):
            setattr(category, name, getattr(data, name))
    await category.save()
    if "name" in data.given:  # its products are found by its name
        await refresh_category_search_text(category.id)
    return category


async def delete_category(category: Category) -> None:
    if await Category.filter(parent_id=category.id).exists():
        raise DomainError.single("id", "Delete or move the subcategories first.", CatalogErrorCode.INVALID)
    await category.delete()  # its products keep existing, without a category


async def create_collection(name: str, slug: str | None, description: dict | None = None) -> Collection:
    problems = _name_and_slug_problems(name, slug, name_required=True)
    if problems:
        raise DomainError(*problems)
    final_slug = slug or slugify(name)
    await _unique(Collection, final_slug)
    return await Collection.create(name=name.strip(), slug=final_slug, description=description)


async def add_products(collection: Collection, product_ids: list[int]) -> Collection:
    found = set(await Product.filter(id__in=product_ids).values_list("id", flat=True))
    missing = [pk for pk in product_ids if pk not in found]
    if missing:
        raise DomainError.single(
            "products", f"Couldn't resolve to a node: Product:{missing[0]}", CatalogErrorCode.NOT_FOUND
        )
    position = await CollectionProduct.filter(collection_id=collection.id).count()
    for offset, product_id in enumerate(product_ids):
        await CollectionProduct.get_or_create(
            collection=collection, product_id=product_id, defaults={"sort_order": position + offset}
        )
    return collection


async def remove_products(collection: Collection, product_ids: list[int]) -> Collection:
    await CollectionProduct.filter(collection_id=collection.id, product_id__in=product_ids).delete()
    return collection


async def publish_collection(collection: Collection, channel_id: int, is_published: bool) -> None:
    if not await Channel.filter(id=channel_id).exists():
        raise DomainError.single(
            "channel_id", f"Couldn't resolve to a node: Channel:{channel_id}", CatalogErrorCode.NOT_FOUND
        )
    listing, _ = await CollectionChannelListing.get_or_create(collection=collection, channel_id=channel_id)
    listing.is_published = is_published
    if is_published and listing.published_at is None:
        listing.published_at = clock.now()
    await listing.save()


@dataclass
class CollectionData:
    name: str | None = None
    slug: str | None = None
    description: dict | None = None
    background_image_alt: str | None = None
    seo_title: str | None = None
    seo_description: str | None = None
    given: set[str] = field(default_factory=set)


async def update_collection(collection: Collection, data: CollectionData) -> Collection:
    problems = _name_and_slug_problems(data.name, data.slug, name_required="name" in data.given)
    if problems:
        raise DomainError(*problems)
    if data.slug:
        await _unique(Collection, data.slug, exclude_id=collection.id)
    for name in ("name", "slug", "description", "background_image_alt", "seo_title", "seo_description"):
        if name in data.given and (getattr(data, name) is not None or name == "description"):
            setattr(collection, name, getattr(data, name))
    await collection.save()
    return collection


async def delete_collection(collection: Collection) -> None:
    await collection.delete()  # its products stay; only their membership goes


async def reorder_collection_products(collection: Collection, moves: list[Move]) -> None:
    """Shift products within the collection (Saleor's collectionReorderProducts)."""
    rows = await CollectionProduct.filter(collection_id=collection.id).order_by("sort_order", "id")
    by_product = {row.product_id: row.id for row in rows}  # type: ignore[attr-defined]
    product_order = apply_moves(list(by_product), moves, "moves", "Product")
    await save_positions(CollectionProduct, [by_product[product_id] for product_id in product_order])


async def unpublish_collection(collection: Collection, channel_id: int) -> None:
    await CollectionChannelListing.filter(collection_id=collection.id, channel_id=channel_id).delete()
