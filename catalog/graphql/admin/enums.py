"""Saleor's enums that the back office's catalogue types use, named and valued as in Saleor's public SDL."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry


def listed_enum(name: str, values: list[tuple[str, str | None]]) -> Any:
    """A GraphQL enum named and valued as Saleor's (values from its public SDL)."""
    members = {value: strawberry.enum_value(value, description=text) for value, text in values}
    return strawberry.enum(Enum(name, members), name=name)  # type: ignore[misc]


AttributeTypeEnum = listed_enum(
    "AttributeTypeEnum", [("PRODUCT_TYPE", None), ("PAGE_TYPE", None), ("CUSTOMER_TYPE", None)]
)

AttributeSortField = listed_enum(
    "AttributeSortField",
    [
        ("NAME", None),
        ("SLUG", None),
        ("VALUE_REQUIRED", None),
        ("IS_VARIANT_ONLY", None),
        ("VISIBLE_IN_STOREFRONT", None),
        ("FILTERABLE_IN_STOREFRONT", None),
        ("FILTERABLE_IN_DASHBOARD", None),
        ("STOREFRONT_SEARCH_POSITION", None),
        ("AVAILABLE_IN_GRID", None),
    ],
)

ProductTypeConfigurable = listed_enum("ProductTypeConfigurable", [("CONFIGURABLE", None), ("SIMPLE", None)])

ProductTypeEnum = listed_enum("ProductTypeEnum", [("SHIPPABLE", None)])

ProductTypeSortField = listed_enum("ProductTypeSortField", [("NAME", None), ("SHIPPING_REQUIRED", None)])

WarehouseSortField = listed_enum("WarehouseSortField", [("NAME", None)])

TranslatableKinds = listed_enum(
    "TranslatableKinds",
    [
        ("ATTRIBUTE", None),
        ("ATTRIBUTE_VALUE", None),
        ("CATEGORY", None),
        ("COLLECTION", None),
        ("MENU_ITEM", None),
        ("PAGE", None),
        ("PRODUCT", None),
        ("PROMOTION", None),
        ("PROMOTION_RULE", None),
        ("SALE", None),
        ("SHIPPING_METHOD", None),
        ("VARIANT", None),
        ("VOUCHER", None),
    ],
)

AttributeErrorCode = listed_enum(
    "AttributeErrorCode",
    [
        ("ALREADY_EXISTS", None),
        ("GRAPHQL_ERROR", None),
        ("INVALID", None),
        ("NOT_FOUND", None),
        ("REQUIRED", None),
        ("UNIQUE", None),
    ],
)

TranslationErrorCode = listed_enum(
    "TranslationErrorCode",
    [("GRAPHQL_ERROR", None), ("INVALID", None), ("NOT_FOUND", None), ("REQUIRED", None), ("UNIQUE", None)],
)

ProductAttributeType = listed_enum("ProductAttributeType", [("PRODUCT", None), ("VARIANT", None)])

ProductVariantBulkErrorCode = listed_enum(
    "ProductVariantBulkErrorCode",
    [
        ("ATTRIBUTE_ALREADY_ASSIGNED", None),
        ("ATTRIBUTE_CANNOT_BE_ASSIGNED", None),
        ("ATTRIBUTE_VARIANTS_DISABLED", None),
        ("DUPLICATED_INPUT_ITEM", None),
        ("GRAPHQL_ERROR", None),
        ("INVALID", None),
        ("INVALID_PRICE", None),
        ("NOT_PRODUCTS_VARIANT", None),
        ("NOT_FOUND", None),
        ("REQUIRED", None),
        ("UNIQUE", None),
        ("PRODUCT_NOT_ASSIGNED_TO_CHANNEL", None),
        ("STOCK_ALREADY_EXISTS", None),
    ],
)

ErrorPolicyEnum = listed_enum(
    "ErrorPolicyEnum", [("IGNORE_FAILED", None), ("REJECT_EVERYTHING", None), ("REJECT_FAILED_ROWS", None)]
)

AttributeChoicesSortField = listed_enum("AttributeChoicesSortField", [("NAME", None), ("SLUG", None)])
