"""Variants (the buyable versions of a gift): create, update, delete.

Errors (DomainError, CatalogErrorCode): REQUIRED, INVALID, UNIQUE, NOT_FOUND.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from catalog.errors import CatalogErrorCode
from catalog.models import Product, ProductVariant
from catalog.services.listings import refresh_price_range
from catalog.services.ordering import Move, apply_moves, save_positions
from catalog.services.products import delete_unless_allocated, refresh_search_text
from catalog.services.stock import managed_stock
from kernel import clock
from kernel.errors import DomainError, ErrorDetail

MAX_QUANTITY_LIMIT = 10_000


@dataclass
class VariantData:
    sku: str | None = None
    name: str | None = None
    weight_grams: int | None = None
    quantity_limit_per_customer: int | None = None
    restock_expected_on: date | None = None
    track_inventory: bool | None = None
    external_reference: str | None = None
    metadata: dict[str, str] | None = None
    given: set[str] = field(default_factory=set)


def _problems(data: VariantData) -> list[ErrorDetail]:
    problems = []
    if data.sku is not None and not data.sku.strip():
        problems.append(ErrorDetail("sku", "SKU cannot be blank; leave it out instead.", CatalogErrorCode.INVALID))
    if data.weight_grams is not None and data.weight_grams < 0:
        problems.append(ErrorDetail("weight", "Product variant can't have negative weight.", CatalogErrorCode.INVALID))
    limit = data.quantity_limit_per_customer
    if limit is not None and not 1 <= limit <= MAX_QUANTITY_LIMIT:
        problems.append(
            ErrorDetail(
                "quantity_limit_per_customer", f"Use a limit from 1 to {MAX_QUANTITY_LIMIT}.", CatalogErrorCode.INVALID
            )
        )
    restock = data.restock_expected_on
    if restock is not None and restock < clock.now().date():
        problems.append(
            ErrorDetail("restock_expected_on", "The restock date can't be in the past.", CatalogErrorCode.INVALID)
        )
    return problems


async def _unique_sku(sku: str | None, exclude_id: int | None = None) -> None:
    if not sku:
        return
    clash = ProductVariant.filter(sku=sku)
    if exclude_id is not None:
        clash = clash.exclude(id=exclude_id)
    if await clash.exists():
        raise DomainError.single("sku", "Product variant with this SKU already exists.", CatalogErrorCode.UNIQUE)


async def create_variant(product: Product, data: VariantData) -> ProductVariant:
    problems = _problems(data)
    if problems:
        raise DomainError(*problems)
    await _unique_sku(data.sku)
    position = await ProductVariant.filter(product_id=product.id).count()
    variant = await ProductVariant.create(
        product=product,
        sku=data.sku.strip() if data.sku else None,
        name=(data.name or "").strip(),
        sort_order=position,
        weight_grams=data.weight_grams,
        quantity_limit_per_customer=data.quantity_limit_per_customer,
        restock_expected_on=data.restock_expected_on,
        track_inventory=True if data.track_inventory is None else data.track_inventory,
        external_reference=data.external_reference,
        metadata=data.metadata or {},
    )
    await refresh_search_text(product)
    return variant


_UPDATABLE = (
    "sku",
    "name",
    "weight_grams",
    "quantity_limit_per_customer",
    "restock_expected_on",
    "track_inventory",
    "external_reference",
)


async def update_variant(variant: ProductVariant, data: VariantData) -> ProductVariant:
    problems = _problems(data)
    if "track_inventory" in data.given and data.track_inventory is None:
        problems.append(ErrorDetail("track_inventory", "This field cannot be null.", CatalogErrorCode.REQUIRED))
    if problems:
        raise DomainError(*problems)
    await _unique_sku(data.sku, exclude_id=variant.id)
    await _keep_counting_managed_stock(variant, data)
    for name in _UPDATABLE:
        if name in data.given:
            setattr(variant, name, getattr(data, name))
    if data.metadata is not None:
        variant.metadata = {**variant.metadata, **data.metadata}
    await variant.save()
    await refresh_search_text(await Product.get(id=variant.product_id))  # type: ignore[attr-defined]
    return variant


async def _keep_counting_managed_stock(variant: ProductVariant, data: VariantData) -> None:
    """A variant whose stock a keeper holds (a code pool) must count it: without counting, checkout would take
    orders the pool cannot deliver (the Dashboard sends trackInventory with every variant save)."""
    if "track_inventory" not in data.given or data.track_inventory is not False:
        return
    managed = await managed_stock(variant.id)
    if managed is not None:
        raise DomainError.single("track_inventory", f"This gift must track its inventory. {managed.explanation}",
                                 CatalogErrorCode.INVALID)


async def delete_variant(variant: ProductVariant) -> None:
    product_id = variant.product_id  # type: ignore[attr-defined]
    channel_ids = await variant.channel_listings.all().values_list("channel_id", flat=True)
    await delete_unless_allocated(variant, "this variant")
    for channel_id in channel_ids:
        await refresh_price_range(product_id, channel_id)
    await refresh_search_text(await Product.get(id=product_id))


async def reorder_variants(product: Product, moves: list[Move]) -> None:
    """Shift variants within their product (Saleor's productVariantReorder)."""
    keys = await ProductVariant.filter(product_id=product.id).order_by("sort_order", "id").values_list("id", flat=True)
    await save_positions(ProductVariant, apply_moves(keys, moves, "moves", "ProductVariant"))


async def make_default_variant(product: Product, variant_id: int) -> None:
    """A product's default variant is its first: the chosen one moves to the front, the others keep their
    order behind it."""
    keys = await ProductVariant.filter(product_id=product.id).order_by("sort_order", "id").values_list("id", flat=True)
    if variant_id not in keys:
        raise DomainError.single(
            "variant_id", f"Couldn't resolve to a node: ProductVariant:{variant_id}", CatalogErrorCode.NOT_FOUND
        )
    await save_positions(ProductVariant, [variant_id, *(key for key in keys if key != variant_id)])
