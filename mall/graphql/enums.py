"""Strawberry enums built from Saleor's enum values (see kernel/saleor_enums.py), plus mall additions."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from kernel.saleor_enums import ENUMS
from mall.accounts.permissions import MALL_PERMISSIONS


def saleor_enum(name: str, extra: dict[str, str] | None = None, description: str | None = None) -> Any:
    """A GraphQL enum named as Saleor's, with its values' descriptions; `extra` adds mall-only values."""
    values = list(ENUMS[name]) + list((extra or {}).items())
    members = {value: strawberry.enum_value(value, description=text) for value, text in values}
    return strawberry.enum(Enum(name, members), name=name, description=description)


CountryCode = saleor_enum("CountryCode", description="Country codes (ISO 3166-1 alpha-2).")
LanguageCodeEnum = saleor_enum("LanguageCodeEnum")
PermissionEnum = saleor_enum("PermissionEnum", extra=MALL_PERMISSIONS)
AccountErrorCode = saleor_enum("AccountErrorCode")
ChannelErrorCode = saleor_enum("ChannelErrorCode")
AddressTypeEnum = saleor_enum("AddressTypeEnum")
ThumbnailFormatEnum = saleor_enum("ThumbnailFormatEnum")
OrderDirection = saleor_enum("OrderDirection")
AllocationStrategyEnum = saleor_enum("AllocationStrategyEnum")
MarkAsPaidStrategyEnum = saleor_enum("MarkAsPaidStrategyEnum")
TransactionFlowStrategyEnum = saleor_enum("TransactionFlowStrategyEnum")



def enum_name(value: Any) -> str:
    """The GraphQL name of an enum member (our members' values are definitions, not strings)."""
    return value.name if isinstance(value, Enum) else str(value)

ProductErrorCode = saleor_enum(
    "ProductErrorCode",
    extra={
        "LISTING_NOT_APPROVED": "Points mall: the operator has not approved the listing, so it cannot be published.",
        "INVALID_REVIEW_TRANSITION": "Points mall: the listing is not in a review state that allows this step.",
        "PARTNER_SCOPE": "Points mall: the row belongs to another partner.",
    },
)
WarehouseErrorCode = saleor_enum("WarehouseErrorCode")
CollectionErrorCode = saleor_enum("CollectionErrorCode")
StockErrorCode = saleor_enum("StockErrorCode")
