"""Render versions (catalog/render_versions.py): the database's triggers move a product's
counter on every write to a row its storefront answer shows, and the catalogue's counter (product id 0) on
every write to a category, product type, collection or channel; stock and warehouses move nothing.

Every write here is one statement, and every assertion compares the whole version table before and after
it: the exact change, and that nothing else moved. The table outlives the per-test emptying of the model
tables, so tests assert on changes, never on absolute versions (except for a product id no test reuses).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest
from tortoise.models import Model

from catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeProduct,
    AttributeTranslation,
    AttributeType,
    AttributeValue,
    AttributeValueTranslation,
    AttributeVariant,
    Category,
    ChannelWarehouse,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
    Warehouse,
)
from catalog.render_versions import ATTRIBUTE_CATALOGUE_TABLES, CATALOGUE_TABLES, PRODUCT_ROWS, RENDER_VERSIONS_TABLE
from mall.channels.models import Channel
from mall.sql import execute, fetch, fetch_one
from tests.catalog.factories import make_product, make_product_type, make_variant

CATALOGUE = 0
UNUSED_PRODUCT_ID = 7_000_001  # far above any id the factories reach: its version row is new this session

Versions = dict[int, int]


async def versions() -> Versions:
    rows = await fetch(f"SELECT product_id, version FROM {RENDER_VERSIONS_TABLE}")
    return {int(row["product_id"]): int(row["version"]) for row in rows}


async def version_of(product_id: int) -> int | None:
    row = await fetch_one(f"SELECT version FROM {RENDER_VERSIONS_TABLE} WHERE product_id = $1", product_id)
    return None if row is None else int(row["version"])


def moved(before: Versions, after: Versions) -> Versions:
    """How much each counter moved (0 for a counter that had no row yet), only those that did."""
    return {key: after[key] - before.get(key, 0) for key in after if after[key] != before.get(key, 0)}


@dataclass
class Shop:
    channel: Channel
    product_type: ProductType
    product: Product  # the product the writes are about
    other: Product  # a product that no write here touches
    variant: ProductVariant  # the product's
    other_variant: ProductVariant
    collection: Collection


@pytest.fixture
async def shop() -> Shop:
    channel = await Channel.create(name="Bank A Mall", slug="bank-a-mall", currency_code="PTS")
    product_type = await make_product_type()
    product = await make_product("Tea Set")
    other = await make_product("Kettle")
    variant = await make_variant(product, "SKU-TEA")
    other_variant = await make_variant(other, "SKU-KETTLE")
    collection = await Collection.create(name="Spring", slug="spring")
    return Shop(channel, product_type, product, other, variant, other_variant, collection)


# Per product-scoped table the triggers watch: how to insert a row about `shop.product`, and how to change it.
RowMaker = Callable[[Shop], Awaitable[Model]]
ROWS: dict[str, tuple[RowMaker, str, object]] = {
    "catalog_product": (
        lambda shop: make_product("Fan", product_type=shop.product_type),
        "name",
        "Paper Fan",
    ),
    "catalog_product_channel_listing": (
        lambda shop: ProductChannelListing.create(product=shop.product, channel=shop.channel),
        "is_published",
        True,
    ),
    "catalog_product_media": (
        lambda shop: ProductMedia.create(product=shop.product, storage_key="tea.jpg"),
        "alt",
        "A tea set",
    ),
    "catalog_product_variant": (
        lambda shop: ProductVariant.create(product=shop.product, sku="SKU-TEA-2"),
        "name",
        "Large",
    ),
    "catalog_collection_product": (
        lambda shop: CollectionProduct.create(collection=shop.collection, product=shop.product),
        "sort_order",
        3,
    ),
    "catalog_variant_channel_listing": (
        lambda shop: ProductVariantChannelListing.create(variant=shop.variant, channel=shop.channel, price_points=500),
        "price_points",
        450,
    ),
}


PRODUCT_TABLES = [table for table, _ in PRODUCT_ROWS]  # each needs a row in ROWS
CATALOGUE_MODELS: dict[str, type[Model]] = {
    model._meta.db_table: model for model in (Category, ProductType, Collection, CollectionChannelListing, Channel)
}


def product_of(table: str, row: Model, shop: Shop) -> int:
    return row.pk if table == "catalog_product" else shop.product.id


@pytest.mark.parametrize("table", PRODUCT_TABLES)
async def test_inserting_a_row_moves_only_its_products_version(shop: Shop, table: str) -> None:
    # Given a shop with two products
    make, _, _ = ROWS[table]
    before = await versions()
    # When a row about one of them is inserted
    row = await make(shop)
    # Then that product's version moved by one, and nothing else's
    assert moved(before, await versions()) == {product_of(table, row, shop): 1}


@pytest.mark.parametrize("table", PRODUCT_TABLES)
async def test_updating_a_row_moves_only_its_products_version(shop: Shop, table: str) -> None:
    # Given a row about one of two products
    make, field, value = ROWS[table]
    row = await make(shop)
    before = await versions()
    # When it is updated through the ORM
    setattr(row, field, value)
    await row.save(update_fields=[field])
    # Then that product's version moved by one, and nothing else's
    assert moved(before, await versions()) == {product_of(table, row, shop): 1}


@pytest.mark.parametrize("table", [table for table in PRODUCT_TABLES if table != "catalog_product"])
async def test_deleting_a_row_moves_only_its_products_version(shop: Shop, table: str) -> None:
    # Given a row about one of two products
    make, _, _ = ROWS[table]
    row = await make(shop)
    before = await versions()
    # When it is deleted
    await row.delete()
    # Then that product's version moved by one, and nothing else's
    assert moved(before, await versions()) == {shop.product.id: 1}


async def test_a_products_first_change_writes_version_one_and_each_later_change_adds_one(shop: Shop) -> None:
    # Given a product id that has never been written
    assert await version_of(UNUSED_PRODUCT_ID) is None
    # When the product is created, then renamed twice
    product = await Product.create(
        id=UNUSED_PRODUCT_ID, name="Fan", slug="fan", product_type=shop.product_type
    )
    # Then its version is 1, then 2, then 3
    assert await version_of(UNUSED_PRODUCT_ID) == 1
    for expected, name in ((2, "Paper Fan"), (3, "Silk Fan")):
        product.name = name
        await product.save(update_fields=["name"])
        assert await version_of(UNUSED_PRODUCT_ID) == expected


async def test_a_variant_price_change_moves_the_variants_product(shop: Shop) -> None:
    # Given both products' variants priced in the channel
    price = await ProductVariantChannelListing.create(variant=shop.variant, channel=shop.channel, price_points=500)
    await ProductVariantChannelListing.create(variant=shop.other_variant, channel=shop.channel, price_points=900)
    before = await versions()
    # When one variant's price changes (a bulk update, as the services write prices)
    await ProductVariantChannelListing.filter(id=price.id).update(price_points=480)
    # Then only that variant's product moved
    assert moved(before, await versions()) == {shop.product.id: 1}


async def test_deleting_a_product_with_every_kind_of_row_cascades_and_moves_its_version(shop: Shop) -> None:
    # Given a product with a listing, media, a priced and stocked variant and a collection membership
    warehouse = await Warehouse.create(name="Jade", slug="jade")
    await ProductChannelListing.create(product=shop.product, channel=shop.channel, is_published=True)
    await ProductMedia.create(product=shop.product, storage_key="tea.jpg")
    await ProductVariantChannelListing.create(variant=shop.variant, channel=shop.channel, price_points=500)
    await Stock.create(variant=shop.variant, warehouse=warehouse, quantity=4)
    await CollectionProduct.create(collection=shop.collection, product=shop.product)
    before = await versions()
    # When the product is deleted
    await shop.product.delete()
    # Then the delete and its cascades succeeded, the product's version moved and no other counter did
    assert not await Product.filter(id=shop.product.id).exists()
    assert not await ProductVariant.filter(product_id=shop.product.id).exists()
    assert not await Stock.filter(variant_id=shop.variant.id).exists()
    assert not await CollectionProduct.filter(product_id=shop.product.id).exists()
    changes = moved(before, await versions())
    assert set(changes) == {shop.product.id}
    assert changes[shop.product.id] >= 1


CatalogueWrite = Callable[[Shop], Awaitable[object]]


async def _rename(row: Model, field: str, value: object) -> None:
    setattr(row, field, value)
    await row.save(update_fields=[field])


CATALOGUE_WRITES: dict[str, CatalogueWrite] = {
    "category insert": lambda shop: Category.create(name="Tea", slug="tea"),
    "product type update": lambda shop: _rename(shop.product_type, "name", "Present"),
    "collection update": lambda shop: _rename(shop.collection, "name", "Early Spring"),
    "collection channel listing insert": lambda shop: CollectionChannelListing.create(
        collection=shop.collection, channel=shop.channel, is_published=True
    ),
    "channel update": lambda shop: _rename(shop.channel, "name", "Bank A"),
}


@pytest.mark.parametrize("write", CATALOGUE_WRITES)
async def test_catalogue_writes_move_the_catalogue_version_and_no_products(shop: Shop, write: str) -> None:
    # Given a shop with products
    before = await versions()
    # When a category, product type, collection, collection listing or channel is written
    await CATALOGUE_WRITES[write](shop)
    # Then the catalogue's version moved by one, and no product's
    assert moved(before, await versions()) == {CATALOGUE: 1}


@pytest.mark.parametrize("table", CATALOGUE_TABLES)
async def test_every_catalogue_table_moves_the_catalogue_version_on_insert_update_and_delete(
    shop: Shop, table: str
) -> None:
    model = CATALOGUE_MODELS[table]
    # Given a fresh row of the table, referenced by no product
    rows: dict[type[Model], Callable[[], Awaitable[Model]]] = {
        Category: lambda: Category.create(name="Tea", slug="tea"),
        ProductType: lambda: ProductType.create(name="Voucher", slug="voucher"),
        Collection: lambda: Collection.create(name="Autumn", slug="autumn"),
        CollectionChannelListing: lambda: CollectionChannelListing.create(
            collection=shop.collection, channel=shop.channel
        ),
        Channel: lambda: Channel.create(name="Bank B Mall", slug="bank-b-mall", currency_code="PTS"),
    }
    field = "is_published" if model is CollectionChannelListing else "name"
    value: object = True if model is CollectionChannelListing else "Renamed"
    steps: list[int] = []
    # When it is inserted, updated and deleted
    before = await version_of(CATALOGUE) or 0
    row = await rows[model]()
    steps.append((await version_of(CATALOGUE) or 0) - before)
    before = await version_of(CATALOGUE) or 0
    await _rename(row, field, value)
    steps.append((await version_of(CATALOGUE) or 0) - before)
    before_all = await versions()
    await row.delete()
    after_all = await versions()
    # Then each statement moved the catalogue's version by one, and the delete moved nothing else
    assert [*steps, after_all[CATALOGUE] - before_all.get(CATALOGUE, 0)] == [1, 1, 1]
    assert moved(before_all, after_all) == {CATALOGUE: 1}


async def test_stock_and_warehouse_writes_move_no_version(shop: Shop) -> None:
    # Given a shop with products
    before = await versions()
    # When a warehouse is created and assigned to the channel, and a variant's stock is created, changed,
    # allocated and deleted
    warehouse = await Warehouse.create(name="Jade", slug="jade")
    await ChannelWarehouse.create(channel=shop.channel, warehouse=warehouse)
    row = await Stock.create(variant=shop.variant, warehouse=warehouse, quantity=5)
    await Stock.filter(id=row.id).update(quantity=4, quantity_allocated=1)
    await execute("UPDATE catalog_stock SET quantity_allocated = quantity_allocated + 1 WHERE id = $1", row.id)
    await row.delete()
    # Then no counter moved
    assert moved(before, await versions()) == {}


@pytest.mark.parametrize(
    ("statement", "parameter"),
    [
        pytest.param("UPDATE catalog_product SET name = $1 WHERE id = $2", "Porcelain Tea Set", id="product"),
        pytest.param("UPDATE catalog_product_variant SET name = $1 WHERE id = $2", "Large", id="variant"),
    ],
)
async def test_a_raw_sql_update_moves_the_version(shop: Shop, statement: str, parameter: str) -> None:
    # Given a product and its variant
    row_id = shop.product.id if "catalog_product " in statement else shop.variant.id
    before = await versions()
    # When a row is updated by a raw statement, not the ORM
    await execute(statement, parameter, row_id)
    # Then the product's version moved by one, and nothing else's
    assert moved(before, await versions()) == {shop.product.id: 1}


async def test_a_raw_variant_price_update_moves_the_variants_product(shop: Shop) -> None:
    # Given a priced variant
    await ProductVariantChannelListing.create(variant=shop.variant, channel=shop.channel, price_points=500)
    before = await versions()
    # When its price is changed by a raw statement
    await execute(
        "UPDATE catalog_variant_channel_listing SET price_points = $1 WHERE variant_id = $2", 420, shop.variant.id
    )
    # Then its product's version moved by one
    assert moved(before, await versions()) == {shop.product.id: 1}


@pytest.mark.parametrize(
    ("table", "make"),
    [
        pytest.param(
            "catalog_product_media",
            lambda shop: ProductMedia.create(product=shop.product, storage_key="tea.jpg"),
            id="media",
        ),
        pytest.param(
            "catalog_product_variant",
            lambda shop: ProductVariant.create(product=shop.product, sku="SKU-TEA-2"),
            id="variant",
        ),
    ],
)
async def test_moving_a_row_to_another_product_moves_both_products(
    shop: Shop, table: str, make: Callable[[Shop], Awaitable[Model]]
) -> None:
    # Given a row of the product's
    row = await make(shop)
    before = await versions()
    # When a raw statement moves it to the other product
    await execute(f"UPDATE {table} SET product_id = $1 WHERE id = $2", shop.other.id, row.pk)
    # Then both answers changed (the product lost the row, the other gained it): both versions moved
    assert moved(before, await versions()) == {shop.product.id: 1, shop.other.id: 1}


async def test_a_statements_row_count_is_the_rows_it_changed_not_the_triggers_writes(shop: Shop) -> None:
    # Given two products (mall.sql.execute: "returns the number of rows it changed")
    # When one statement renames one of them
    changed = await execute("UPDATE catalog_product SET name = $1 WHERE id = $2", "Porcelain Tea Set", shop.product.id)
    # Then it reports one row, not one plus the render version row its trigger wrote. (Tortoise's own
    # `update()` on SQLite counts the trigger's row too; the services only test such counts for zero.)
    assert changed == 1


# The attribute tables (migration catalog 0009): a carried value is its product's; attributes, their values,
# translations and assignments are the catalogue's.
async def test_a_value_a_product_or_its_variant_carries_moves_only_that_products_version(shop: Shop) -> None:
    # Given a colour with one value
    colour = await Attribute.create(name="Colour", slug="colour", type=AttributeType.PRODUCT_TYPE)
    red = await AttributeValue.create(attribute=colour, name="Red", slug="red")
    before = await versions()
    # When the product carries it, and its variant too
    await AssignedProductAttributeValue.create(product=shop.product, value=red)
    await AssignedVariantAttributeValue.create(variant=shop.variant, value=red)
    # Then the product's version moved twice, and nothing else's
    assert moved(before, await versions()) == {shop.product.id: 2}


@pytest.mark.parametrize("table", ATTRIBUTE_CATALOGUE_TABLES)
async def test_attribute_writes_move_the_catalogue_version(shop: Shop, table: str) -> None:
    # Given an attribute with a value, its translations, assigned to the product type
    colour = await Attribute.create(name="Colour", slug="colour", type=AttributeType.PRODUCT_TYPE)
    red = await AttributeValue.create(attribute=colour, name="Red", slug="red")
    await AttributeTranslation.create(attribute=colour, language_code="ZH_HANS", name="颜色")
    await AttributeValueTranslation.create(value=red, language_code="ZH_HANS", name="红色")
    await AttributeProduct.create(product_type=shop.product_type, attribute=colour)
    await AttributeVariant.create(product_type=shop.product_type, attribute=colour)
    before = await versions()
    # When a row of the table changes
    await execute(f"UPDATE {table} SET id = id")
    # Then the catalogue's version moved, and no product's
    assert moved(before, await versions()) == {CATALOGUE: 1}
