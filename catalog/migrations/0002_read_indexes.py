"""Indexes the storefront's reads need at catalogue scale (measured with bench/browse.py, 10,000 gifts).

Foreign keys get no index of their own here, so every per-page batch (variants, media, stock of 20
products) was a full scan, and the channel's listings were read whole to count and to sort by price.
Plain SQL, not AddIndex: the models do not declare these indexes, and the migration state must not
either, or the next `makemigrations` would propose to drop them.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEXES = (
    ("catalog_variant_product_idx", "catalog_product_variant", "product_id, sort_order, id"),
    ("catalog_media_product_idx", "catalog_product_media", "product_id, sort_order, id"),
    ("catalog_stock_variant_idx", "catalog_stock", "variant_id"),
    ("catalog_collection_product_product_idx", "catalog_collection_product", "product_id"),
    (
        "catalog_listing_channel_price_idx",
        "catalog_product_channel_listing",
        "channel_id, min_price_points, is_published, visible_in_listings, published_at",
    ),
    ("catalog_category_parent_idx", "catalog_category", "parent_id"),
)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        ops.RunSQL(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({columns})',
            reverse_sql=f'DROP INDEX IF EXISTS "{name}"',
        )
        for name, table, columns in INDEXES
    ]
