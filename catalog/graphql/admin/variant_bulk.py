"""Saleor's productVariantBulkCreate and productVariantBulkUpdate: what the Dashboard's variants grid on the
product page saves (names, SKUs, stock per warehouse, points prices per channel), row by row.

Each row runs in its own savepoint. With `errorPolicy: REJECT_EVERYTHING` (the default) one refused row
refuses the whole call and nothing is written; with REJECT_FAILED_ROWS or IGNORE_FAILED the refused rows
are reported in `results` and the others are kept. A partner's staff reach their own gifts only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

from tortoise.transactions import in_transaction

from catalog.errors import CatalogErrorCode
from catalog.graphql.admin.enums import ProductVariantBulkErrorCode
from catalog.graphql.admin.errors import BulkProductError, ProductVariantBulkError
from catalog.graphql.admin.inputs import ProductVariantBulkCreateInput, ProductVariantBulkUpdateInput
from catalog.graphql.admin.payloads import ProductVariantBulkCreate, ProductVariantBulkResult, ProductVariantBulkUpdate
from catalog.graphql.mutations.common import editor_of, int_id, run, staff_view
from catalog.graphql.mutations.variants import ProductVariantChannelListingAddInput, StockInput
from catalog.graphql.variant import ProductVariant
from catalog.models import Product as ProductModel
from catalog.models import ProductVariant as ProductVariantModel
from catalog.models import ProductVariantChannelListing, Stock
from catalog.services import listings, stock, variants
from catalog.services.access import Editor, product_for_editing
from kernel.errors import DomainError, ErrorDetail
from mall.graphql.context import Info
from mall.graphql.enums import enum_name
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, same_names
from mall.graphql.ids import parse_uuid_id

RowWork = Callable[[], Awaitable[ProductVariantModel]]


def _variant_data(row: ProductVariantBulkCreateInput | ProductVariantBulkUpdateInput) -> variants.VariantData:
    names = ("sku", "name", "track_inventory", "quantity_limit_per_customer", "external_reference")
    values: dict[str, Any] = {name: getattr(row, name) for name in names if getattr(row, name) is not None}
    if row.weight is not None:
        values["weight_grams"] = int(Decimal(row.weight))
    data = variants.VariantData(**values)
    data.given = set(values)
    if row.metadata is not None:
        data.metadata = {item.key: item.value for item in row.metadata}
    return data


def _warehouse(global_id: str) -> str:
    try:
        return parse_uuid_id(global_id, "Warehouse")
    except Exception as error:  # GraphQLError: an ID of another type or none at all
        raise DomainError.single(
            "warehouse", f"Invalid ID: {global_id}. Expected: Warehouse.", ApiErrorCode.GRAPHQL_ERROR
        ) from error


def _levels(stocks: list[StockInput]) -> list[stock.StockLevel]:
    return [stock.StockLevel(_warehouse(item.warehouse), item.quantity) for item in stocks]


def _price(channel_id: int, price: Any, cost_price: Any) -> listings.VariantPrice:
    points = Decimal(price)
    if points != points.to_integral_value():
        raise DomainError.single("price", "Points prices are whole numbers.", CatalogErrorCode.INVALID_PRICE)
    return listings.VariantPrice(
        channel_id=channel_id,
        price_points=int(points),
        cost_price=Decimal(cost_price) if cost_price is not None else None,
    )


def _prices(items: list[ProductVariantChannelListingAddInput]) -> list[listings.VariantPrice]:
    return [_price(int_id(item.channel_id, "Channel", "channelId"), item.price, item.cost_price) for item in items]


async def _create_row(editor: Editor, product: ProductModel, row: ProductVariantBulkCreateInput) -> ProductVariantModel:
    variant = await variants.create_variant(product, _variant_data(row))
    if row.stocks:
        await stock.set_stock_levels(editor, variant, _levels(row.stocks))
    if row.channel_listings:
        await listings.update_variant_listings(editor, variant, _prices(row.channel_listings), [])
    return variant


async def _own_variant(product: ProductModel, global_id: str) -> ProductVariantModel:
    variant = await ProductVariantModel.get_or_none(id=int_id(global_id, "ProductVariant", "id"), product_id=product.id)
    if variant is None:
        raise DomainError.single(
            "id", f"Couldn't resolve to a node: {global_id}", ProductVariantBulkErrorCode.NOT_PRODUCTS_VARIANT
        )
    return variant


async def _update_stocks(editor: Editor, variant: ProductVariantModel, row: ProductVariantBulkUpdateInput) -> None:
    if row.stocks is None:
        return
    levels = _levels(row.stocks.create or [])
    for change in row.stocks.update or []:
        found = await Stock.get_or_none(id=int_id(change.stock, "Stock", "stocks"), variant_id=variant.id)
        if found is None:
            raise DomainError.single("stocks", f"Couldn't resolve to a node: {change.stock}", ApiErrorCode.NOT_FOUND)
        levels.append(stock.StockLevel(str(found.warehouse_id), change.quantity))  # type: ignore[attr-defined]
    if levels:
        await stock.set_stock_levels(editor, variant, levels)
    removed = [int_id(global_id, "Stock", "stocks") for global_id in row.stocks.remove or []]
    if removed:
        warehouse_ids = await Stock.filter(id__in=removed, variant_id=variant.id).values_list("warehouse_id", flat=True)
        await stock.remove_stock(editor, variant, [str(warehouse_id) for warehouse_id in warehouse_ids])


async def _listing_channel(variant: ProductVariantModel, global_id: str) -> int:
    key = int_id(global_id, "ProductVariantChannelListing", "channelListings")
    found = await ProductVariantChannelListing.get_or_none(id=key, variant_id=variant.id)
    if found is None:
        raise DomainError.single("channelListings", f"Couldn't resolve to a node: {global_id}", ApiErrorCode.NOT_FOUND)
    return found.channel_id  # type: ignore[attr-defined,no-any-return]


async def _update_prices(editor: Editor, variant: ProductVariantModel, row: ProductVariantBulkUpdateInput) -> None:
    if row.channel_listings is None:
        return
    prices = _prices(row.channel_listings.create or [])
    for change in row.channel_listings.update or []:
        if change.price is not None:
            prices.append(
                _price(await _listing_channel(variant, change.channel_listing), change.price, change.cost_price)
            )
    removed = [await _listing_channel(variant, global_id) for global_id in row.channel_listings.remove or []]
    if prices or removed:
        await listings.update_variant_listings(editor, variant, prices, removed)


async def _update_row(editor: Editor, product: ProductModel, row: ProductVariantBulkUpdateInput) -> ProductVariantModel:
    variant = await _own_variant(product, row.id)
    await variants.update_variant(variant, _variant_data(row))
    await _update_stocks(editor, variant, row)
    await _update_prices(editor, variant, row)
    return variant


async def _rows(works: list[RowWork]) -> list[tuple[ProductVariantModel | None, list[ErrorDetail]]]:
    """Each row in its own savepoint: a refused row leaves nothing behind and the others go on."""
    outcomes: list[tuple[ProductVariantModel | None, list[ErrorDetail]]] = []
    for work in works:
        try:
            async with in_transaction():
                outcomes.append((await work(), []))
        except DomainError as refusal:
            outcomes.append((None, refusal.details))
    return outcomes


# Rows are refused with the catalogue's codes (and the GraphQL layer's own, by name); a row whose variant is
# another product's answers NOT_PRODUCTS_VARIANT, written in this enum directly.
VARIANT_BULK_ERRORS = ErrorCodes(
    ProductVariantBulkErrorCode,
    same_names(
        CatalogErrorCode,
        ProductVariantBulkErrorCode,
        unreachable={
            CatalogErrorCode.INSUFFICIENT_STOCK,
            CatalogErrorCode.FILE_SIZE_LIMIT_EXCEEDED,
            CatalogErrorCode.UNSUPPORTED_MIME_TYPE,
            CatalogErrorCode.LISTING_NOT_APPROVED,
            CatalogErrorCode.INVALID_REVIEW_TRANSITION,
        },
    ),
)


def _row_error(detail: ErrorDetail, index: int) -> ProductVariantBulkError:
    field = VARIANT_BULK_ERRORS.field(detail.field)
    return ProductVariantBulkError(
        field=field,
        message=detail.message,
        code=VARIANT_BULK_ERRORS.code(detail.code),  # type: ignore[arg-type]
        path=f"variants.{index}.{field}" if field else f"variants.{index}",
    )


def _rejects_everything(policy: Any) -> bool:
    return policy is None or enum_name(policy) == "REJECT_EVERYTHING"


def _located(details: list[ErrorDetail], where: dict[str, object]) -> list[ErrorDetail]:
    """The row's refusals, naming the row (`index` of BulkProductError, `path` of ProductVariantBulkError)."""
    return [ErrorDetail(detail.field, detail.message, detail.code, {**detail.extra, **where}) for detail in details]


async def _results(info: Info, outcomes: list[tuple[ProductVariantModel | None, list[ErrorDetail]]]) -> list[Any]:
    view = await staff_view(info)
    return [
        ProductVariantBulkResult(
            product_variant=ProductVariant.of(variant, view) if variant is not None else None,
            errors=[_row_error(detail, index) for detail in details],
        )
        for index, (variant, details) in enumerate(outcomes)
    ]


async def bulk_create(info: Info, product_id: str, rows: list[ProductVariantBulkCreateInput], policy: Any) -> Any:
    editor = await editor_of(info)

    async def work() -> ProductVariantBulkCreate:
        product = await product_for_editing(editor, int_id(product_id, "Product", "product"), "product")
        outcomes = await _rows([_row_work(_create_row, editor, product, row) for row in rows])
        refused = [(index, details) for index, (_, details) in enumerate(outcomes) if details]
        if refused and _rejects_everything(policy):
            raise DomainError(*(detail for index, details in refused for detail in _located(details, {"index": index})))
        created = [variant for variant, _ in outcomes if variant is not None]
        results = await _results(info, outcomes)
        shown = [result.product_variant for result in results if result.product_variant is not None]
        return ProductVariantBulkCreate(count=len(created), product_variants=shown, results=results)

    return await run(ProductVariantBulkCreate, BulkProductError, work)


async def bulk_update(info: Info, product_id: str, rows: list[ProductVariantBulkUpdateInput], policy: Any) -> Any:
    editor = await editor_of(info)

    async def work() -> ProductVariantBulkUpdate:
        product = await product_for_editing(editor, int_id(product_id, "Product", "product"), "product")
        outcomes = await _rows([_row_work(_update_row, editor, product, row) for row in rows])
        refused = [(index, details) for index, (_, details) in enumerate(outcomes) if details]
        if refused and _rejects_everything(policy):
            raise DomainError(
                *(detail for index, details in refused for detail in _located(details, {"path": f"variants.{index}"}))
            )
        updated = [variant for variant, _ in outcomes if variant is not None]
        return ProductVariantBulkUpdate(count=len(updated), results=await _results(info, outcomes))

    return await run(ProductVariantBulkUpdate, ProductVariantBulkError, work, VARIANT_BULK_ERRORS)


def _row_work(
    act: Callable[..., Awaitable[ProductVariantModel]], editor: Editor, product: ProductModel, row: Any
) -> RowWork:
    async def work() -> ProductVariantModel:
        return await act(editor, product, row)

    return work
