"""Channel listings: where a gift is visible, and what each variant costs in points there.

Errors (DomainError, CatalogErrorCode): NOT_FOUND (channel), LISTING_NOT_APPROVED (publishing a
listing the operator has not approved), PRODUCT_NOT_ASSIGNED_TO_CHANNEL (pricing a variant in a channel
the product is not listed in), INVALID (negative prices), DUPLICATED_INPUT_ITEM.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from catalog.errors import CatalogErrorCode
from catalog.models import (
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
    ReviewStatus,
)
from catalog.services.access import Editor
from catalog.services.products import record_event
from catalog.services.review import ReviewStep, apply_step, needs_review_again
from kernel import clock
from kernel.errors import DomainError
from mall.channels.models import Channel

MAX_PRICE_POINTS = 100_000_000


@dataclass
class ProductListingChange:
    channel_id: int
    is_published: bool | None = None
    published_at: datetime | None = None
    visible_in_listings: bool | None = None
    is_available_for_purchase: bool | None = None
    available_for_purchase_at: datetime | None = None


@dataclass
class VariantPrice:
    channel_id: int
    price_points: int
    cost_price: Decimal | None = None
    reference_price: Decimal | None = None


def _no_duplicates(channel_ids: list[int], field: str) -> None:
    if len(set(channel_ids)) != len(channel_ids):
        raise DomainError.single(field, "Each channel can appear only once.", CatalogErrorCode.DUPLICATED_INPUT_ITEM)


async def _channels(channel_ids: list[int], field: str) -> dict[int, Channel]:
    found = {channel.id: channel for channel in await Channel.filter(id__in=channel_ids)}
    for channel_id in channel_ids:
        if channel_id not in found:
            raise DomainError.single(
                field, f"Couldn't resolve to a node: Channel:{channel_id}", CatalogErrorCode.NOT_FOUND
            )
    return found


def _check_publishable(product: Product, change: ProductListingChange) -> None:
    if change.is_published and product.review_status != ReviewStatus.APPROVED:
        raise DomainError.single(
            "is_published",
            "The operator has not approved this product yet, so it cannot be published.",
            CatalogErrorCode.LISTING_NOT_APPROVED,
            channels=[change.channel_id],
        )


def _apply(listing: ProductChannelListing, change: ProductListingChange, now: datetime) -> None:
    if change.is_published is not None:
        listing.is_published = change.is_published
        if change.is_published and listing.published_at is None:
            listing.published_at = change.published_at or now
    if change.published_at is not None:
        listing.published_at = change.published_at
    if change.visible_in_listings is not None:
        listing.visible_in_listings = change.visible_in_listings
    if change.available_for_purchase_at is not None:
        listing.available_for_purchase_at = change.available_for_purchase_at
    elif change.is_available_for_purchase is True and listing.available_for_purchase_at is None:
        listing.available_for_purchase_at = now
    elif change.is_available_for_purchase is False:
        listing.available_for_purchase_at = None


async def update_product_listings(
    editor: Editor, product: Product, changes: list[ProductListingChange], remove_channel_ids: list[int]
) -> Product:
    """Add or change the product's listings, and remove some; publishing needs an approved listing."""
    _no_duplicates([c.channel_id for c in changes] + remove_channel_ids, "update_channels")
    await _channels([c.channel_id for c in changes] + remove_channel_ids, "channel_id")
    now = clock.now()
    for change in changes:
        _check_publishable(product, change)
        listing, _ = await ProductChannelListing.get_or_create(product=product, channel_id=change.channel_id)
        was_published = listing.is_published
        _apply(listing, change, now)
        await listing.save()
        if listing.is_published != was_published:
            await record_event(
                product, editor, "published" if listing.is_published else "unpublished", channel_id=change.channel_id
            )
        await refresh_price_range(product.id, change.channel_id)
    if remove_channel_ids:
        await ProductChannelListing.filter(product_id=product.id, channel_id__in=remove_channel_ids).delete()
        await ProductVariantChannelListing.filter(
            variant__product_id=product.id, channel_id__in=remove_channel_ids
        ).delete()
    return product


def _price_problems(price: VariantPrice) -> DomainError | None:
    if not 0 <= price.price_points <= MAX_PRICE_POINTS:
        return DomainError.single(
            "price",
            f"Points price must be between 0 and {MAX_PRICE_POINTS}.",
            CatalogErrorCode.INVALID_PRICE,
            channels=[price.channel_id],
        )
    for name, amount in (("cost_price", price.cost_price), ("reference_price", price.reference_price)):
        if amount is not None and amount < 0:
            return DomainError.single(
                name, "Amount can't be negative.", CatalogErrorCode.INVALID_PRICE, channels=[price.channel_id]
            )
    return None


async def update_variant_listings(
    editor: Editor, variant: ProductVariant, prices: list[VariantPrice], remove_channel_ids: list[int]
) -> ProductVariant:
    """Set the variant's points price (and cash cost / reference price) per channel. A partner's change of an
    approved price beyond review.REPRICE_REVIEW_CHANGE sends the gift back to review."""
    _no_duplicates([p.channel_id for p in prices] + remove_channel_ids, "channel_id")
    channels = await _channels([p.channel_id for p in prices] + remove_channel_ids, "channel_id")
    before = dict(await ProductVariantChannelListing.filter(variant_id=variant.id).values_list(
        "channel_id", "price_points"))
    listed = set(await ProductChannelListing.filter(product_id=variant.product_id).values_list("channel_id", flat=True))  # type: ignore[attr-defined]
    for price in prices:
        problem = _price_problems(price)
        if problem:
            raise problem
        if price.channel_id not in listed:
            raise DomainError.single(
                "channel_id",
                "Product not available in channels.",
                CatalogErrorCode.PRODUCT_NOT_ASSIGNED_TO_CHANNEL,
                channels=[price.channel_id],
            )
        await _upsert_price(variant, price, channels[price.channel_id])
    if remove_channel_ids:
        await ProductVariantChannelListing.filter(variant_id=variant.id, channel_id__in=remove_channel_ids).delete()
    for channel_id in {p.channel_id for p in prices} | set(remove_channel_ids):
        await refresh_price_range(variant.product_id, channel_id)  # type: ignore[attr-defined]
    if not editor.is_operator:
        await _review_big_price_changes(editor, variant, before, prices)
    return variant


async def _review_big_price_changes(
    editor: Editor, variant: ProductVariant, before: dict[int, int], prices: list[VariantPrice]
) -> None:
    moved = [(before[p.channel_id], p.price_points) for p in prices
             if p.channel_id in before and needs_review_again(before[p.channel_id], p.price_points)]
    if not moved:
        return
    product = await Product.get(id=variant.product_id)  # type: ignore[attr-defined]
    if product.review_status != ReviewStatus.APPROVED:
        return  # not live yet: the operator reviews the price it is submitted with
    changes = ", ".join(f"{old} to {new} points" for old, new in moved)
    await apply_step(editor, product, ReviewStep.REPRICE, f"Variant {variant.sku or variant.id}: {changes}.")


async def _upsert_price(variant: ProductVariant, price: VariantPrice, channel: Channel) -> None:
    values = {
        "price_points": price.price_points,
        "cost_price_amount": price.cost_price,
        "reference_price_amount": price.reference_price,
        "reference_price_currency": channel.cash_currency,
    }
    updated = await ProductVariantChannelListing.filter(variant_id=variant.id, channel_id=channel.id).update(**values)
    if not updated:
        await ProductVariantChannelListing.create(variant=variant, channel_id=channel.id, **values)


async def refresh_price_range(product_id: int, channel_id: int) -> None:
    """Keep the listing's cheapest and dearest variant price, so lists sort and filter by price."""
    prices = await ProductVariantChannelListing.filter(
        variant__product_id=product_id, channel_id=channel_id
    ).values_list("price_points", flat=True)
    low, high = (min(prices), max(prices)) if prices else (None, None)
    await ProductChannelListing.filter(product_id=product_id, channel_id=channel_id).update(
        min_price_points=low, max_price_points=high
    )
