"""What every catalogue mutation shares: who edits (operator or a partner), error types, payload helpers."""

from __future__ import annotations

from typing import Any

import strawberry

from catalog.errors import AttributeStoreErrorCode, CatalogErrorCode
from catalog.graphql.context import catalog_view
from catalog.services.access import Editor
from mall.accounts.models import ScopeKind
from mall.graphql.context import Info
from mall.graphql.enums import CollectionErrorCode, ProductErrorCode, StockErrorCode, WarehouseErrorCode
from mall.graphql.error_codes import ErrorCodes, same_names
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import parse_int_id_for_mutation
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission
from partners.errors import PartnersErrorCode

# Extra error keys holding primary keys, and the type of their global IDs.
ID_TYPES = {"channels": "Channel", "variants": "ProductVariant", "products": "Product"}


async def editor_of(info: Info) -> Editor:
    """The operator's staff, or a partner's staff confined to that partner. Needs MANAGE_PRODUCTS."""
    principal = await require_permission(info, "MANAGE_PRODUCTS")
    scope = principal.scope
    if scope is not None and scope.kind != ScopeKind.PARTNER:
        raise PermissionDenied(message="Only the operator and partner merchants edit the catalogue.")
    actor = f"user:{principal.user.id}" if principal.user else f"app:{principal.app.id if principal.app else '?'}"
    return Editor(actor=actor, partner_code=scope.code if scope is not None else None)


async def operator_of(info: Info) -> Editor:
    """Categories, collections and review decisions belong to the operator alone."""
    editor = await editor_of(info)
    if not editor.is_operator:
        raise PermissionDenied(message="Only the mall operator can do this.")
    return editor


def int_id(global_id: str, type_name: str, field: str) -> int:
    return parse_int_id_for_mutation(global_id, type_name, field)


async def staff_view(info: Info) -> Any:
    """Objects returned by mutations are shown as staff see them: no channel context."""
    return await catalog_view(info, None)


# What catalogue refusals become in each of the catalogue's Saleor enums. Only checkout allocates stock, so
# INSUFFICIENT_STOCK never reaches a catalogue mutation; collections, warehouses and stock rows have no
# prices, images or reviews.
_NOT_IN_COLLECTIONS = {
    CatalogErrorCode.INVALID_PRICE, CatalogErrorCode.PRODUCT_NOT_ASSIGNED_TO_CHANNEL,
    CatalogErrorCode.INSUFFICIENT_STOCK, CatalogErrorCode.UNSUPPORTED_MIME_TYPE,
    CatalogErrorCode.LISTING_NOT_APPROVED, CatalogErrorCode.INVALID_REVIEW_TRANSITION,
}
_NOT_IN_STOCK_ROWS = {*_NOT_IN_COLLECTIONS, CatalogErrorCode.FILE_SIZE_LIMIT_EXCEEDED}
PRODUCT_ERRORS = ErrorCodes(
    ProductErrorCode,
    same_names(CatalogErrorCode, ProductErrorCode, unreachable={CatalogErrorCode.INSUFFICIENT_STOCK}),
    same_names(PartnersErrorCode, ProductErrorCode),  # the partner a product is created for
    same_names(AttributeStoreErrorCode, ProductErrorCode),  # the attribute values a product or variant carries
)
COLLECTION_ERRORS = ErrorCodes(
    CollectionErrorCode, same_names(CatalogErrorCode, CollectionErrorCode, unreachable=_NOT_IN_COLLECTIONS),
)
WAREHOUSE_ERRORS = ErrorCodes(
    WarehouseErrorCode,
    # Naming a channel twice in addChannels is not refused (adding is idempotent).
    same_names(CatalogErrorCode, WarehouseErrorCode,
               unreachable={*_NOT_IN_STOCK_ROWS, CatalogErrorCode.DUPLICATED_INPUT_ITEM}),
    same_names(PartnersErrorCode, WarehouseErrorCode),  # the partner a warehouse is created for
)
STOCK_ERRORS = ErrorCodes(
    StockErrorCode,
    same_names(
        CatalogErrorCode, StockErrorCode, unreachable={*_NOT_IN_STOCK_ROWS, CatalogErrorCode.DUPLICATED_INPUT_ITEM}
    ),
)


def run(payload: type, error_type: type, work: Any, codes: ErrorCodes = PRODUCT_ERRORS) -> Any:
    return run_in_transaction(payload, error_type, codes, work, ID_TYPES)


def _errors() -> Any:
    return strawberry.field(default_factory=list, description="List of errors that occurred executing the mutation.")


@strawberry.type
class ProductError:
    field: str | None = strawberry.field(description="Name of a field that caused the error, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: ProductErrorCode = strawberry.field(description="The error code.")
    attributes: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attributes IDs which causes the error."
    )
    values: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attribute values IDs which causes the error."
    )


@strawberry.type
class ProductChannelListingError(ProductError):
    channels: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of channels IDs which causes the error."
    )
    variants: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of variants IDs which causes the error."
    )


@strawberry.type
class BulkStockError(ProductError):
    index: int | None = strawberry.field(default=None, description="Index of an input list item that caused the error.")


@strawberry.type
class WarehouseError:
    field: str | None = strawberry.field(description="Name of a field that caused the error, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: WarehouseErrorCode = strawberry.field(description="The error code.")
    shipping_zones: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of shipping zones IDs which causes the error."
    )


@strawberry.type
class CollectionError:
    field: str | None = strawberry.field(description="Name of a field that caused the error, or null.")
    message: str | None = strawberry.field(description="The error message.")
    products: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of products IDs which causes the error."
    )
    code: CollectionErrorCode = strawberry.field(description="The error code.")


errors_field = _errors
