"""Catalogue rows for the read-side tests, written with the models directly (small, explicit helpers).

The listing's min/max points are kept the way the catalogue services keep them, so visibility and price
sorting see what production sees.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from catalog.models import (
    Category,
    ChannelWarehouse,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    Page,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
    Warehouse,
)
from mall.channels.models import Channel

LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


def soon() -> datetime:
    return datetime.now(UTC) + timedelta(days=7)


async def make_product_type(slug: str = "gift", kind: str = "NORMAL") -> ProductType:
    product_type, _ = await ProductType.get_or_create(slug=slug, defaults={"name": slug.title(), "kind": kind})
    return product_type


async def make_category(name: str, parent: Category | None = None, slug: str | None = None) -> Category:
    return await Category.create(
        name=name,
        slug=slug or name.lower().replace(" ", "-"),
        parent=parent,
        level=0 if parent is None else parent.level + 1,
    )


async def make_product(
    name: str,
    *,
    slug: str | None = None,
    category: Category | None = None,
    partner_code: str | None = None,
    product_type: ProductType | None = None,
    description: str = "",
    **fields: object,
) -> Product:
    product_type = product_type or await make_product_type()
    return await Product.create(
        name=name,
        slug=slug or name.lower().replace(" ", "-"),
        category=category,
        partner_code=partner_code,
        product_type=product_type,
        description={"blocks": [{"type": "paragraph", "data": {"text": description}}]} if description else None,
        search_text=f"{name} {description}".lower(),
        **fields,
    )


async def make_variant(
    product: Product, sku: str, name: str = "", *, track_inventory: bool = True, sort_order: int = 0
) -> ProductVariant:
    variant = await ProductVariant.create(
        product=product, sku=sku, name=name, track_inventory=track_inventory, sort_order=sort_order
    )
    product.search_text = f"{product.search_text} {sku.lower()}"
    await product.save(update_fields=["search_text"])
    return variant


async def refresh_price_range(product_id: int, channel_id: int) -> None:
    prices = await ProductVariantChannelListing.filter(
        variant__product_id=product_id, channel_id=channel_id
    ).values_list("price_points", flat=True)
    low, high = (min(prices), max(prices)) if prices else (None, None)
    await ProductChannelListing.filter(product_id=product_id, channel_id=channel_id).update(
        min_price_points=low, max_price_points=high
    )


async def list_product(
    product: Product,
    channel: Channel,
    *,
    published: bool = True,
    visible_in_listings: bool = True,
    published_at: datetime | None = LONG_AGO,
    available_for_purchase_at: datetime | None = LONG_AGO,
) -> ProductChannelListing:
    listing = await ProductChannelListing.create(
        product=product,
        channel=channel,
        is_published=published,
        visible_in_listings=visible_in_listings,
        published_at=published_at,
        available_for_purchase_at=available_for_purchase_at,
    )
    await refresh_price_range(product.id, channel.id)
    return await ProductChannelListing.get(id=listing.id)


async def price_variant(
    variant: ProductVariant,
    channel: Channel,
    points: int,
    *,
    cost: str | None = None,
    reference: str | None = None,
) -> ProductVariantChannelListing:
    row = await ProductVariantChannelListing.create(
        variant=variant,
        channel=channel,
        price_points=points,
        cost_price_amount=Decimal(cost) if cost else None,
        reference_price_amount=Decimal(reference) if reference else None,
        reference_price_currency=channel.cash_currency,
    )
    await refresh_price_range(variant.product_id, channel.id)  # type: ignore[attr-defined]
    return row


async def make_warehouse(slug: str, channels: list[Channel], partner_code: str | None = None) -> Warehouse:
    warehouse = await Warehouse.create(name=slug.replace("-", " ").title(), slug=slug, partner_code=partner_code)
    for position, channel in enumerate(channels):
        await ChannelWarehouse.create(channel=channel, warehouse=warehouse, sort_order=position)
    return warehouse


async def stock(variant: ProductVariant, warehouse: Warehouse, quantity: int, allocated: int = 0) -> Stock:
    return await Stock.create(variant=variant, warehouse=warehouse, quantity=quantity, quantity_allocated=allocated)


async def add_media(product: Product, key: str, alt: str = "", sort_order: int = 0) -> ProductMedia:
    return await ProductMedia.create(product=product, storage_key=key, alt=alt, sort_order=sort_order)


async def make_gift(
    channel: Channel,
    name: str,
    points: int,
    *,
    category: Category | None = None,
    partner_code: str | None = None,
    warehouse: Warehouse | None = None,
    quantity: int = 10,
    **listing: object,
) -> Product:
    """A product with one variant priced in `channel`, listed there (published by default), in stock."""
    product = await make_product(name, category=category, partner_code=partner_code)
    variant = await make_variant(product, f"SKU-{product.slug.upper()}")
    await price_variant(variant, channel, points)
    await list_product(product, channel, **listing)  # type: ignore[arg-type]
    if warehouse is not None:
        await stock(variant, warehouse, quantity)
    return product


async def make_collection(
    name: str, channels: list[Channel], products: list[Product], *, published: bool = True
) -> Collection:
    collection = await Collection.create(name=name, slug=name.lower().replace(" ", "-"))
    for channel in channels:
        await CollectionChannelListing.create(
            collection=collection, channel=channel, is_published=published, published_at=LONG_AGO
        )
    for position, product in enumerate(products):
        await CollectionProduct.create(collection=collection, product=product, sort_order=position)
    return collection


async def make_page(title: str, slug: str, *, published: bool = True) -> Page:
    content = {"blocks": [{"type": "paragraph", "data": {"text": f"{title}."}}]}
    return await Page.create(title=title, slug=slug, content=content, is_published=published)
