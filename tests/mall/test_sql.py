"""`mall.sql`: models built from raw rows are the models tortoise builds from its own queries."""

from __future__ import annotations

from decimal import Decimal

from catalog.models import Product, ProductChannelListing, ProductVariantChannelListing
from mall import sql
from tests.catalog.factories import make_product, make_variant, price_variant
from tests.factories import make_channel


async def test_fetch_models_builds_what_the_orm_builds_json_times_and_nulls_included():
    # given
    await make_product("Jade Wok", description="Cast iron", metadata={"origin": "Foshan"}, rating=4.5)
    await make_product("Plain Kettle")

    # when
    raw = await sql.fetch_models(Product, "ORDER BY id")
    orm = await Product.all().order_by("id")

    # then
    assert [product.__dict__ for product in raw] == [product.__dict__ for product in orm]
    assert raw[0].description == {"blocks": [{"type": "paragraph", "data": {"text": "Cast iron"}}]}
    assert raw[0].metadata == {"origin": "Foshan"}
    assert raw[1].description is None
    assert raw[0].created_at.tzinfo is not None


async def test_model_from_reads_aliased_columns_and_a_missing_join_as_none():
    # given
    channel = await make_channel()
    product = await make_product("Jade Wok")
    await price_variant(await make_variant(product, "SKU-WOK"), channel, 800, cost="12.50", reference="19.90")
    statement = (
        f"SELECT {sql.columns(ProductVariantChannelListing, 'vl')}, {sql.columns(ProductChannelListing, 'l')} "
        f"FROM {ProductVariantChannelListing._meta.db_table} vl "
        f"LEFT JOIN {ProductChannelListing._meta.db_table} l ON l.id = -1"
    )

    # when
    row = (await sql.fetch(statement))[0]
    price = sql.model_from(ProductVariantChannelListing, row, "vl")
    missing = sql.model_from(ProductChannelListing, row, "l")

    # then
    orm = await ProductVariantChannelListing.get(id=price.id)
    assert price.__dict__ == orm.__dict__
    assert (price.price_points, price.cost_price_amount) == (800, Decimal("12.50"))
    assert missing is None
