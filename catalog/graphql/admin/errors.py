"""Saleor's error types of the back office's catalogue mutations."""

from __future__ import annotations

import strawberry

from catalog.graphql.admin.enums import AttributeErrorCode, ProductVariantBulkErrorCode, TranslationErrorCode
from mall.graphql.enums import ProductErrorCode


@strawberry.type
class AttributeError:
    field: str | None = strawberry.field(description="Name of a field that caused the error.")
    message: str | None = strawberry.field(description="The error message.")
    code: AttributeErrorCode = strawberry.field(description="The error code.")


@strawberry.type
class TranslationError:
    field: str | None = strawberry.field(description="Name of a field that caused the error.")
    message: str | None = strawberry.field(description="The error message.")
    code: TranslationErrorCode = strawberry.field(description="The error code.")


@strawberry.type
class CollectionChannelListingError:
    field: str | None = strawberry.field(description="Name of a field that caused the error.")
    message: str | None = strawberry.field(description="The error message.")
    code: ProductErrorCode = strawberry.field(description="The error code.")
    attributes: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attributes IDs which causes the error."
    )
    values: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attribute values IDs which causes the error."
    )
    channels: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of channels IDs which causes the error."
    )


@strawberry.type
class ProductVariantBulkError:
    field: str | None = strawberry.field(description="Name of a field that caused the error.")
    message: str | None = strawberry.field(description="The error message.")
    code: ProductVariantBulkErrorCode = strawberry.field(description="The error code.")
    path: str | None = strawberry.field(default=None, description="Path to field that caused the error.")
    attributes: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attributes IDs which causes the error."
    )
    values: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attribute values IDs which causes the error."
    )
    warehouses: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of warehouse IDs which causes the error."
    )
    stocks: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of stocks IDs which causes the error."
    )
    channels: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of channel IDs which causes the error."
    )
    channel_listings: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of channel listings IDs which causes the error."
    )


@strawberry.type
class BulkProductError:
    field: str | None = strawberry.field(description="Name of a field that caused the error.")
    message: str | None = strawberry.field(description="The error message.")
    code: ProductErrorCode = strawberry.field(description="The error code.")
    attributes: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attributes IDs which causes the error."
    )
    values: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attribute values IDs which causes the error."
    )
    index: int | None = strawberry.field(default=None, description="Index of an input list item that caused the error.")
    warehouses: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of warehouse IDs which causes the error."
    )
    channels: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of channel IDs which causes the error."
    )
