from __future__ import annotations

from decimal import Decimal

import pytest

from catalog.models import ProductChannelListing, ProductVariantChannelListing
from catalog.services.listings import (
    ProductListingChange,
    VariantPrice,
    update_product_listings,
    update_variant_listings,
)
from kernel.errors import DomainError
from tests.catalog.services.builders import OPERATOR, active_partner, gift, listed, partner_editor, variant
from tests.factories import make_channel


async def test_publishing_an_unapproved_listing_is_refused_and_nothing_changes():
    # given
    channel = await make_channel()
    await active_partner("ACME")
    product = await gift(partner_editor("ACME"))

    # when
    with pytest.raises(DomainError) as raised:
        await update_product_listings(
            partner_editor("ACME"), product, [ProductListingChange(channel.id, is_published=True)], []
        )

    # then
    assert [(d.field, d.code) for d in raised.value.details] == [("is_published", "LISTING_NOT_APPROVED")]
    assert await ProductChannelListing.all().count() == 0


async def test_publishing_an_approved_listing_stamps_the_publication_time():
    # given
    channel = await make_channel()
    product = await gift(OPERATOR)

    # when
    await update_product_listings(OPERATOR, product, [ProductListingChange(channel.id, is_published=True)], [])

    # then
    listing = await ProductChannelListing.get(product_id=product.id)
    assert listing.is_published is True
    assert listing.published_at is not None
    assert listing.visible_in_listings is True


async def test_variant_prices_keep_the_listing_price_range():
    # given
    channel = await make_channel()
    product = await gift(OPERATOR)
    small, large = await variant(product, "TEA-S"), await variant(product, "TEA-L")

    # when
    await listed(OPERATOR, product, channel.id, (small, 800), (large, 1500))

    # then
    listing = await ProductChannelListing.get(product_id=product.id)
    assert (listing.min_price_points, listing.max_price_points) == (800, 1500)
    price = await ProductVariantChannelListing.get(variant_id=small.id)
    assert (price.price_points, price.cost_price_amount, price.reference_price_amount) == (
        800,
        Decimal("50.00"),
        Decimal("120.00"),
    )


async def test_pricing_in_a_channel_the_product_is_not_listed_in_is_refused():
    # given
    channel = await make_channel()
    product = await gift(OPERATOR)
    item = await variant(product)

    # when
    with pytest.raises(DomainError) as raised:
        await update_variant_listings(OPERATOR, item, [VariantPrice(channel.id, 500)], [])

    # then
    assert raised.value.details[0].code == "PRODUCT_NOT_ASSIGNED_TO_CHANNEL"
    assert await ProductVariantChannelListing.all().count() == 0


async def test_negative_points_price_is_refused():
    # given
    channel = await make_channel()
    product = await gift(OPERATOR)
    item = await variant(product)
    await update_product_listings(OPERATOR, product, [ProductListingChange(channel.id)], [])

    # when
    with pytest.raises(DomainError) as raised:
        await update_variant_listings(OPERATOR, item, [VariantPrice(channel.id, -1)], [])

    # then
    assert [(d.field, d.code) for d in raised.value.details] == [("price", "INVALID_PRICE")]
    assert await ProductVariantChannelListing.all().count() == 0


async def test_removing_a_channel_removes_its_variant_prices():
    # given
    channel = await make_channel()
    product = await gift(OPERATOR)
    item = await variant(product)
    await listed(OPERATOR, product, channel.id, (item, 900))

    # when
    await update_product_listings(OPERATOR, product, [], [channel.id])

    # then
    assert await ProductChannelListing.all().count() == 0
    assert await ProductVariantChannelListing.all().count() == 0


async def test_unknown_channel_is_reported():
    # given
    product = await gift(OPERATOR)

    # when
    with pytest.raises(DomainError) as raised:
        await update_product_listings(OPERATOR, product, [ProductListingChange(404)], [])

    # then
    assert [(d.field, d.code, d.message) for d in raised.value.details] == [
        ("channel_id", "NOT_FOUND", "Couldn't resolve to a node: Channel:404")
    ]
