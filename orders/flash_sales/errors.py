"""How flash sale management refuses: a DomainError carrying one of these codes and the service's Python field
name. The API maps them into its FlashSaleErrorCode (orders.graphql.flash_sales) by name.

    REQUIRED    a value that must not be blank is blank
    INVALID     a value out of range (a price not below the gift's price, a window that ends before it
                starts, a quantity below the units already sold or above the stock), or another sale of
                the variant overlaps this one in the channel
    NOT_FOUND   the sale, variant or channel does not exist, or is another partner's

A buyer meets a sale through checkout, whose refusals are OrdersErrorCode (INSUFFICIENT_STOCK when the sale's
units are gone, QUANTITY_GREATER_THAN_LIMIT past the per-member limit).
"""

from __future__ import annotations

from enum import StrEnum


class FlashSaleErrorCode(StrEnum):
    REQUIRED = "REQUIRED"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"


FLASH_SALE_ERROR_DESCRIPTIONS: dict[str, str] = {
    "REQUIRED": "A value that must not be blank is blank.",
    "INVALID": "A value is out of range, or the sale overlaps another sale of the variant.",
    "NOT_FOUND": "The sale, variant or channel does not exist or is not the caller's.",
    "GRAPHQL_ERROR": "A malformed argument.",
}
