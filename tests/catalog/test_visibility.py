"""The visibility rule has three forms (catalog/visibility.py): ORM filters for ORM queries, SQL text for the
product lists built without the ORM, and a Python check for one loaded listing. They must be one rule:
here all three judge the same listings, every combination of what the rule reads, and must agree.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from catalog.models import Product, ProductChannelListing
from catalog.visibility import (
    MEMBER,
    Viewer,
    is_listing_public,
    public_listing,
    visible_listings,
    visible_listings_sql,
    visible_products_without_channel,
    visible_products_without_channel_sql,
)
from mall import sql
from mall.channels.models import Channel
from mall.sql import Parameters
from tests.catalog.factories import make_product

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
PUBLISHED_AT = {"no-date": None, "past": NOW - timedelta(days=1), "future": NOW + timedelta(hours=1)}
VIEWERS = {
    "member": MEMBER,
    "staff": Viewer(staff=True),
    "partner staff": Viewer(staff=True, partner_code="ACME"),
    "partner app without permissions": Viewer(partner_code="ACME"),
}
LISTINGS = "catalog_product_channel_listing"
PRODUCTS = "catalog_product"


async def make_listings(channels: list[Channel]) -> None:
    """One product per combination, named after it, listed alike in every channel."""
    combinations = itertools.product(("published", "draft"), PUBLISHED_AT, ("priced", "unpriced"),
                                     ("listed", "unlisted"), ("ACME", "OTHER"))
    for published, when, priced, listed, partner in combinations:
        name = f"{published} {when} {priced} {listed} {partner}"
        product = await make_product(name, slug=name.replace(" ", "-").lower(), partner_code=partner)
        for channel in channels:
            await ProductChannelListing.create(
                product=product, channel=channel, is_published=published == "published",
                published_at=PUBLISHED_AT[when], min_price_points=100 if priced == "priced" else None,
                visible_in_listings=listed == "listed",
            )


@pytest.fixture
async def channels() -> list[Channel]:
    active = await Channel.create(name="Bank A Mall", slug="bank-a-mall", currency_code="PTS")
    inactive = await Channel.create(name="Bank B Mall", slug="bank-b-mall", currency_code="PTS", is_active=False)
    await make_listings([active, inactive])
    return [active, inactive]


async def names(product_ids: list[int]) -> list[str]:
    return sorted(await Product.filter(id__in=product_ids).values_list("name", flat=True))


async def by_orm(viewer: Viewer, channel: Channel) -> list[str]:
    listings = ProductChannelListing.filter(visible_listings(viewer, channel, NOW, in_listings=True),
                                            channel_id=channel.id)
    return await names(await listings.values_list("product_id", flat=True))


async def by_sql(viewer: Viewer, channel: Channel) -> list[str]:
    parameters = Parameters()
    condition = visible_listings_sql(viewer, channel, NOW, parameters)
    statement, values = parameters.bound(
        f"SELECT l.product_id FROM {LISTINGS} l JOIN {PRODUCTS} p ON p.id = l.product_id"
        f" WHERE l.channel_id = {parameters.add(channel.id)} AND {condition}"
    )
    return await names([row["product_id"] for row in await sql.fetch(statement, *values)])


async def test_members_see_published_priced_listed_gifts_of_active_channels_only(channels):
    # given
    active, inactive = channels

    # when
    seen = await by_orm(MEMBER, active)

    # then
    assert seen == ["published no-date priced listed ACME", "published no-date priced listed OTHER",
                    "published past priced listed ACME", "published past priced listed OTHER"]
    assert await by_orm(MEMBER, inactive) == []


@pytest.mark.parametrize("viewer", VIEWERS)
async def test_the_sql_form_sees_what_the_orm_form_sees(channels, viewer: str):
    for channel in channels:
        assert await by_sql(VIEWERS[viewer], channel) == await by_orm(VIEWERS[viewer], channel), channel.slug


async def test_the_python_form_sees_what_the_orm_form_sees(channels):
    for channel in channels:
        # given: the ORM's public listings of the channel (a single lookup ignores `visible_in_listings`)
        public = ProductChannelListing.filter(public_listing(channel, NOW, in_listings=False), channel_id=channel.id)
        by_filter = await names(await public.values_list("product_id", flat=True))

        # when
        listings = await ProductChannelListing.filter(channel_id=channel.id)
        by_python = await names([listing.product_id for listing in listings  # type: ignore[attr-defined]
                                 if is_listing_public(listing, channel, NOW)])

        # then
        assert by_python == by_filter, channel.slug
    assert len(by_filter) == 0  # the inactive channel, last: nothing is public there


@pytest.mark.parametrize("viewer", VIEWERS)
async def test_without_a_channel_the_sql_form_sees_what_the_orm_form_sees(channels, viewer: str):
    # when
    orm = await names(await Product.filter(visible_products_without_channel(VIEWERS[viewer], NOW))
                      .values_list("id", flat=True))
    parameters = Parameters()
    condition = visible_products_without_channel_sql(VIEWERS[viewer], NOW, parameters)
    statement, values = parameters.bound(f"SELECT p.id FROM {PRODUCTS} p WHERE {condition}")
    by_text = await names([row["id"] for row in await sql.fetch(statement, *values)])

    # then
    assert by_text == orm
