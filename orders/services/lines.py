"""Can this member redeem this variant, in this quantity, in this channel, now? One place answers it,
for adding to a cart and again at completion (things change while a cart waits).

Errors (DomainError, OrdersErrorCode): ZERO_QUANTITY, NOT_FOUND, UNAVAILABLE_VARIANT_IN_CHANNEL,
PRODUCT_NOT_PUBLISHED, PRODUCT_UNAVAILABLE_FOR_PURCHASE, TIER_REQUIRED (a gift reserved for a higher loyalty
tier than the member's), QUANTITY_GREATER_THAN_LIMIT, INSUFFICIENT_STOCK.
Each carries `variants` (variant primary keys) like Saleor's CheckoutError.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from catalog.models import Product, ProductChannelListing, ProductType, ProductVariant, ProductVariantChannelListing
from catalog.services.stock import available_quantity
from catalog.tier_benefits import TierBenefits, tier_benefits
from kernel.errors import DomainError
from mall import sql
from mall.channels.models import Channel
from orders.errors import OrdersErrorCode
from orders.models import CheckoutLine, OrderLine, OrderStatus

MAX_LINE_QUANTITY = 1000


@dataclass(frozen=True)
class PricedVariant:
    variant: ProductVariant
    unit_price_points: int
    cost_price: object
    product_name: str
    partner_code: str | None
    is_shipping_required: bool
    product_slug: str = ""


def _refuse(variant_id: int, message: str, code: OrdersErrorCode, field: str = "lines") -> DomainError:
    return DomainError.single(field, message, code, variants=[variant_id])


async def priced_variant(
    channel: Channel, variant_id: int, now: datetime, variant: ProductVariant | None = None
) -> PricedVariant:
    """The variant with its points price in the channel, if a member may redeem it now. One statement for the
    variant, its price, its product's listing, the product and its type (three before: issue 23); a caller's
    `variant` is used as it is, the row read with it only for the rest."""
    row = await sql.fetch_one(_priced_variant_query(), variant_id, channel.id)
    if row is None:
        raise _refuse(variant_id, f"Couldn't resolve to a node: ProductVariant:{variant_id}", OrdersErrorCode.NOT_FOUND)
    variant = variant or sql.model_from(ProductVariant, row, "v")
    assert variant is not None, "the row's own variant"
    price = sql.model_from(ProductVariantChannelListing, row, "vl")
    return judge_listing(variant, price, _listing_facts(row), now)


def _variant_joins() -> str:
    """The variant's product and type, and its price and product listing in channel $2 (absent: NULLs)."""
    price, listing = ProductVariantChannelListing._meta.db_table, ProductChannelListing._meta.db_table
    return (
        f"JOIN {Product._meta.db_table} p ON p.id = v.product_id "
        f"JOIN {ProductType._meta.db_table} pt ON pt.id = p.product_type_id "
        f"LEFT JOIN {price} vl ON vl.variant_id = v.id AND vl.channel_id = $2 "
        f"LEFT JOIN {listing} pl ON pl.product_id = v.product_id AND pl.channel_id = $2 "
    )


def _priced_columns() -> str:
    return (
        f"{sql.columns(ProductVariant, 'v')}, "
        f"{sql.columns(ProductVariantChannelListing, 'vl')}, {sql.columns(ProductChannelListing, 'pl')}, "
        'p.name AS "product__name", p.partner_code AS "product__partner_code", p.slug AS "product__slug", '
        'pt.is_shipping_required AS "product__product_type__is_shipping_required"'
    )


def _priced_variant_query() -> str:
    return (
        f"SELECT {_priced_columns()} FROM {ProductVariant._meta.db_table} v {_variant_joins()}WHERE v.id = $1"
    )


# What a line needs of the product's listing in the channel, the product and its type.
LISTING_FACTS = (
    "is_published", "published_at", "available_for_purchase_at",
    "product__name", "product__partner_code", "product__product_type__is_shipping_required", "product__slug",
)


def judge_listing(
    variant: ProductVariant, price: ProductVariantChannelListing | None, listing: dict[str, Any] | None,
    now: datetime,
) -> PricedVariant:
    """The priced variant if its listings let a member redeem it now; raises the refusal otherwise."""
    if price is None or listing is None:
        raise _refuse(
            variant.id, "Cannot add lines with unavailable variants.", OrdersErrorCode.UNAVAILABLE_VARIANT_IN_CHANNEL
        )
    published_at, available_at = listing["published_at"], listing["available_for_purchase_at"]
    if not listing["is_published"] or (published_at and published_at > now):
        raise _refuse(
            variant.id, "Cannot add lines for unavailable for purchase variants.", OrdersErrorCode.PRODUCT_NOT_PUBLISHED
        )
    if available_at is None or available_at > now:
        raise _refuse(
            variant.id,
            "Cannot add lines for unavailable for purchase variants.",
            OrdersErrorCode.PRODUCT_UNAVAILABLE_FOR_PURCHASE,
        )
    return PricedVariant(
        variant,
        price.price_points,
        price.cost_price_amount,
        listing["product__name"],
        listing["product__partner_code"],
        bool(listing["product__product_type__is_shipping_required"]),
        listing["product__slug"],
    )


def check_tier(priced: PricedVariant, benefits: TierBenefits) -> None:
    """Refuses TIER_REQUIRED a gift reserved for a higher loyalty tier than the member's."""
    reserved = benefits.reserved_above(priced.product_slug)
    if reserved is not None:
        raise _refuse(priced.variant.id, f"Only {reserved.tier_name} members and above may redeem this gift.",
                      OrdersErrorCode.TIER_REQUIRED)


def _priced_lines_query() -> str:
    line, variant = CheckoutLine._meta.db_table, ProductVariant._meta.db_table
    return (
        f"SELECT {sql.columns(CheckoutLine, 'l')}, {_priced_columns()} "
        f"FROM {line} l JOIN {variant} v ON v.id = l.variant_id {_variant_joins()}"
        "WHERE l.checkout_id = $1 ORDER BY l.variant_id"
    )


async def priced_checkout_lines(
    checkout_token: str, channel: Channel, user_id: int | None, now: datetime, benefits: TierBenefits
) -> list[tuple[CheckoutLine, PricedVariant]]:
    """Every line of a cart, in variant order, checked like `checked_line` without the stock (the
    allocation that follows is the stock check): one statement for all of them, the hot path of a
    completion (mall.sql says why raw SQL)."""
    checked = []
    for row in await sql.fetch(_priced_lines_query(), checkout_token, channel.id):
        line = sql.model_from(CheckoutLine, row, "l")
        variant = sql.model_from(ProductVariant, row, "v")
        assert line is not None, "an inner join's row"
        assert variant is not None, "an inner join's row"
        object.__setattr__(line, "_variant", variant)  # as select_related does
        check_quantity(variant.id, line.quantity)
        price = sql.model_from(ProductVariantChannelListing, row, "vl")
        priced = judge_listing(variant, price, _listing_facts(row), now)
        check_tier(priced, benefits)
        await check_limit(priced, user_id, line.quantity)
        checked.append((line, priced))
    return checked


def _listing_facts(row: dict[str, Any]) -> dict[str, Any] | None:
    """LISTING_FACTS from a row of the priced lines query; None without a listing in the channel."""
    listing = sql.model_from(ProductChannelListing, row, "pl")
    if listing is None:
        return None
    return {
        "is_published": listing.is_published,
        "published_at": listing.published_at,
        "available_for_purchase_at": listing.available_for_purchase_at,
        **{key: row[key] for key in LISTING_FACTS if key.startswith("product__")},
    }


def check_quantity(variant_id: int, quantity: int) -> None:
    if quantity <= 0:
        raise _refuse(variant_id, "The quantity should be higher than zero.", OrdersErrorCode.ZERO_QUANTITY, "quantity")
    if quantity > MAX_LINE_QUANTITY:
        raise _refuse(
            variant_id,
            f"Cannot add more than {MAX_LINE_QUANTITY} times this item.",
            OrdersErrorCode.QUANTITY_GREATER_THAN_LIMIT,
            "quantity",
        )


async def already_redeemed(user_id: int | None, variant_id: int) -> int:
    """Units of the variant this member redeemed before (not counting canceled orders)."""
    if user_id is None:
        return 0
    quantities = await (
        OrderLine.filter(variant_id=variant_id, order__user_id=user_id)
        .exclude(order__status=OrderStatus.CANCELED)
        .values_list("quantity", flat=True)
    )
    return sum(quantities)


async def check_limit(priced: PricedVariant, user_id: int | None, quantity: int) -> None:
    """A gift's per-member limit counts what the member already redeemed, not just this cart."""
    limit = priced.variant.quantity_limit_per_customer
    if limit is None:
        return
    if quantity + await already_redeemed(user_id, priced.variant.id) > limit:
        label = priced.variant.sku or priced.product_name
        raise _refuse(
            priced.variant.id,
            f"Cannot add more than {limit} times this item: {label}.",
            OrdersErrorCode.QUANTITY_GREATER_THAN_LIMIT,
            "quantity",
        )


async def check_stock(priced: PricedVariant, channel: Channel, quantity: int) -> None:
    if not priced.variant.track_inventory:
        return
    available = await available_quantity(priced.variant.id, channel.id)
    if quantity > available:
        label = priced.variant.sku or priced.product_name
        raise _refuse(
            priced.variant.id,
            f"Could not add items {label}. Only {max(available, 0)} remaining in stock.",
            OrdersErrorCode.INSUFFICIENT_STOCK,
            "quantity",
        )


async def checked_line(
    channel: Channel, variant_id: int, quantity: int, user_id: int | None, now: datetime, *, stock: bool = True,
    variant: ProductVariant | None = None,
) -> PricedVariant:
    """Every rule for one line: quantity, channel availability, per-member limit, stock (unless the caller
    allocates the stock next: the allocation's conditional update is the check then)."""
    check_quantity(variant_id, quantity)
    priced = await priced_variant(channel, variant_id, now, variant)
    check_tier(priced, await tier_benefits(channel, user_id))
    await check_limit(priced, user_id, quantity)
    if stock:
        await check_stock(priced, channel, quantity)
    return priced


def stock_refusal(priced: PricedVariant, available: int) -> DomainError:
    """INSUFFICIENT_STOCK as check_stock words it, for an allocation that found too few units."""
    label = priced.variant.sku or priced.product_name
    return _refuse(
        priced.variant.id,
        f"Could not add items {label}. Only {max(available, 0)} remaining in stock.",
        OrdersErrorCode.INSUFFICIENT_STOCK,
        "quantity",
    )
