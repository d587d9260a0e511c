"""Gifts: products, variants, categories, collections, media, channel listings, warehouses and stock."""
