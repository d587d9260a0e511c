"""Render versions: a counter per product that every change to what its storefront answer shows moves on,
and the catalogue's counter (product id 0) for what every answer shows (categories, product types,
collections, channels).

Product list pages read the counters with the page itself and reuse a product's rendered answer while
they are unchanged (mall/graphql/planned/reuse.py). Database triggers keep them, made by migration
catalog 0004 from the tables declared here, so no write path (a mutation, an import, the demo loader, a
raw statement) can change a product without its cached answers being dropped. The tests check each table
declared here moves the right counter. Stock and warehouses are not watched: the fields that read them
are never reused (catalog/graphql/reuse.py).

Watching another table takes a new migration that adds its triggers, and a line here.
"""

from __future__ import annotations

RENDER_VERSIONS_TABLE = "catalog_render_version"  # (product_id, version); product id 0 is the catalogue's

# Tables whose rows belong to one product: (table, the column naming the product, or the variant whose
# product it is).
PRODUCT_ROWS: tuple[tuple[str, str], ...] = (
    ("catalog_product", "id"),
    ("catalog_product_channel_listing", "product_id"),
    ("catalog_product_media", "product_id"),
    ("catalog_product_variant", "product_id"),
    ("catalog_collection_product", "product_id"),
    ("catalog_variant_channel_listing", "variant_id"),
)
# Tables whose rows every product's answer may show: a write moves the catalogue's counter.
CATALOGUE_TABLES: tuple[str, ...] = (
    "catalog_category",
    "catalog_product_type",
    "catalog_collection",
    "catalog_collection_channel_listing",
    "channel_channel",
)
# The attribute tables (issue 17), watched by migration catalog 0009's triggers: the values a gift or variant
# carries move its own counter; attributes, their values, translations and product type assignments are shown
# on every gift that carries them, so they move the catalogue's.
ATTRIBUTE_PRODUCT_ROWS: tuple[tuple[str, str], ...] = (
    ("catalog_product_attribute_value", "product_id"),
    ("catalog_variant_attribute_value", "variant_id"),
)
ATTRIBUTE_CATALOGUE_TABLES: tuple[str, ...] = (
    "catalog_attribute",
    "catalog_attribute_value",
    "catalog_attribute_translation",
    "catalog_attribute_value_translation",
    "catalog_attribute_product",
    "catalog_attribute_variant",
)
