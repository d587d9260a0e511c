"""The catalogue's GraphQL types, gathered for other domains (order lines show variants and products).

Each type lives in its own module; this one re-exports them and lists those the schema must register
explicitly (interface implementations that no field returns directly).
"""

from __future__ import annotations

from catalog.graphql.attributes import ASSIGNED_ATTRIBUTE_TYPES, AssignedAttribute, Attribute, SelectedAttribute
from catalog.graphql.category import Category
from catalog.graphql.collection import Collection
from catalog.graphql.content import Page, PageType
from catalog.graphql.inventory import Stock, Warehouse
from catalog.graphql.listings import CollectionChannelListing, ProductChannelListing, ProductVariantChannelListing
from catalog.graphql.media import ProductImage, ProductMedia
from catalog.graphql.menus import Menu, MenuItem
from catalog.graphql.pricing import MoneyRange, ProductPricingInfo, TaxedMoneyRange, VariantPricingInfo
from catalog.graphql.product import Product
from catalog.graphql.product_type import ProductType, Weight
from catalog.graphql.translations import ProductTranslation, ProductVariantTranslation
from catalog.graphql.variant import ProductVariant

CATALOG_TYPES: list[type] = [*ASSIGNED_ATTRIBUTE_TYPES, Product, ProductVariant, Category, Collection, Page, Warehouse]

__all__ = [
    "CATALOG_TYPES",
    "AssignedAttribute",
    "Attribute",
    "Category",
    "Collection",
    "CollectionChannelListing",
    "Menu",
    "MenuItem",
    "MoneyRange",
    "Page",
    "PageType",
    "Product",
    "ProductChannelListing",
    "ProductImage",
    "ProductMedia",
    "ProductPricingInfo",
    "ProductTranslation",
    "ProductType",
    "ProductVariant",
    "ProductVariantChannelListing",
    "ProductVariantTranslation",
    "SelectedAttribute",
    "Stock",
    "TaxedMoneyRange",
    "VariantPricingInfo",
    "Warehouse",
    "Weight",
]
