"""What a checkout costs now, in whole points: the lines at today's channel prices plus delivery.

The member's loyalty tier applies here and only here (catalog.tier_benefits): its discount on each unit
price and its free delivery. The cart's totals, the points the payment holds and the order all come from
`totals_of`, so what the gift page and the cart show is what completion charges.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from catalog.models import ProductVariant, ProductVariantChannelListing
from catalog.tier_benefits import NO_BENEFITS, TierBenefits, tier_benefits
from kernel import clock
from mall import sql
from mall.channels.models import Channel
from orders.flash_sales.pricing import flash_prices
from orders.models import Checkout, CheckoutLine, ShippingMethod
from orders.services.member_prices import member_unit_prices
from orders.vouchers.checkout import checkout_offer
from orders.vouchers.discounts import PricedLine, VoucherOffer, discount_points


@dataclass(frozen=True)
class CheckoutTotals:
    subtotal_points: int
    shipping_points: int
    quantity: int
    line_prices: dict[object, int]  # line id -> unit price in points (the member's tier price)
    list_prices: dict[object, int]  # line id -> unit list price in points (before the tier's discount)
    tier_code: str | None = None  # the member's tier when its benefits changed the price or the delivery
    tier_discount_points: int = 0  # what the tier's discount took off the lines
    voucher: VoucherOffer | None = None  # the cart's voucher code, valid in its channel now
    voucher_discount_points: int = 0  # what the voucher takes off the total (0 below its minimums)

    @property
    def total_points(self) -> int:
        return self.subtotal_points + self.shipping_points - self.voucher_discount_points


def totals_of(
    lines: Iterable[CheckoutLine], prices: dict[int, int], method: ShippingMethod | None,
    benefits: TierBenefits = NO_BENEFITS, voucher: VoucherOffer | None = None,
) -> CheckoutTotals:
    """The totals of loaded rows: `prices` maps variant ids to their list price in the checkout's channel
    (a variant without a price there counts as 0: completion refuses it anyway), `benefits` the member's
    tier's, `voucher` the cart's voucher (it applies after the tier, to what the member would pay)."""
    rows = list(lines)
    list_prices = {line.id: prices.get(line.variant_id, 0) for line in rows}  # type: ignore[attr-defined]
    unit_prices = {line_id: benefits.price_for(price) for line_id, price in list_prices.items()}
    subtotal = sum(unit_prices[line.id] * line.quantity for line in rows)
    discount = sum(list_prices[line.id] * line.quantity for line in rows) - subtotal
    shipping = benefits.delivery_price_for(method.price_points) if method is not None else 0
    waived = method is not None and shipping < method.price_points
    tier = benefits.tier_code if discount or waived else None
    quantity = sum(line.quantity for line in rows)
    voucher_off = 0
    if voucher is not None:
        priced = [PricedLine(line.variant_id, unit_prices[line.id], line.quantity)  # type: ignore[attr-defined]
                  for line in rows]
        voucher_off = discount_points(voucher, priced, subtotal, shipping, quantity)
    return CheckoutTotals(subtotal, shipping, quantity, unit_prices, list_prices, tier, discount, voucher,
                          voucher_off)


async def checkout_benefits(checkout: Checkout) -> TierBenefits:
    """The tier benefits of the cart's member in its channel (a guest's cart: none)."""
    if not checkout.user_id:  # type: ignore[attr-defined]
        return NO_BENEFITS
    channel = getattr(checkout, "_channel", None)  # loaded with the cart (select_related): not read again
    if not isinstance(channel, Channel):
        channel = await Channel.get(id=checkout.channel_id)  # type: ignore[attr-defined]
    return await tier_benefits(channel, checkout.user_id)  # type: ignore[attr-defined]


async def listing_prices(channel_id: int, variant_ids: Iterable[int]) -> dict[int, int]:
    """Each variant's listing price in the channel, before any promotion (Saleor's undiscounted price)."""
    return dict(
        await ProductVariantChannelListing.filter(channel_id=channel_id, variant_id__in=list(set(variant_ids)))
        .values_list("variant_id", "price_points")
    )


async def channel_prices(channel_id: int, variant_ids: Iterable[int], user_id: int | None = None) -> dict[int, int]:
    """What member `user_id` (None: a guest) pays now for each variant in the channel: listing prices,
    promotions applied."""
    return await member_unit_prices(channel_id, await listing_prices(channel_id, variant_ids), clock.now(), user_id)


def variant_quantities(lines: Iterable[CheckoutLine]) -> dict[int, int]:
    quantities: dict[int, int] = {}
    for line in lines:
        quantities[line.variant_id] = quantities.get(line.variant_id, 0) + line.quantity  # type: ignore[attr-defined]
    return quantities


async def checkout_prices(
    channel_id: int, user_id: int | None, lines: Iterable[CheckoutLine], now: datetime | None = None
) -> dict[int, int]:
    """The points price of each variant of a cart for this member now: the channel's prices, with a live flash
    sale's price where the sale applies (orders.flash_sales.pricing). The one place checkout prices are made
    (shown on the cart, asked for by payments, charged by completion), so all three agree. Promotions and
    vouchers join here too."""
    prices, _ = await checkout_and_listing_prices(channel_id, user_id, lines, now)
    return prices


async def checkout_and_listing_prices(
    channel_id: int, user_id: int | None, lines: Iterable[CheckoutLine], now: datetime | None = None,
    listed: Mapping[int, int] | None = None,
) -> tuple[dict[int, int], dict[int, int]]:
    """`checkout_prices`, and the listing prices it started from (the cart shows both): read once, or taken
    from `listed` when the caller has just read every one of them."""
    quantities = variant_quantities(lines)
    if not quantities:
        return {}, {}
    moment = now or clock.now()
    if listed is None or not set(quantities) <= set(listed):
        listed = await listing_prices(channel_id, quantities)
    listed = {variant_id: listed[variant_id] for variant_id in quantities if variant_id in listed}
    prices = await member_unit_prices(channel_id, listed, moment, user_id)
    prices.update(await flash_prices(channel_id, user_id, quantities, moment))
    return prices, listed


async def shipping_requirements(variant_ids: Iterable[int]) -> dict[int, bool]:
    """Whether each variant's product type needs delivery (vouchers and e-gifts do not)."""
    rows = await ProductVariant.filter(id__in=list(set(variant_ids))).values_list(
        "id", "product__product_type__is_shipping_required"
    )
    return {variant_id: bool(required) for variant_id, required in rows}


def _lines_and_listing_prices_query() -> str:
    line, price = CheckoutLine._meta.db_table, ProductVariantChannelListing._meta.db_table
    return (
        f"SELECT {sql.columns(CheckoutLine, 'l')}, vl.price_points AS listing_price FROM {line} l "
        f"LEFT JOIN {price} vl ON vl.variant_id = l.variant_id AND vl.channel_id = $2 "
        "WHERE l.checkout_id = $1 ORDER BY l.created_at, l.id"
    )


async def lines_and_listing_prices(checkout: Checkout) -> tuple[list[CheckoutLine], dict[int, int]]:
    """The cart's lines (as `CheckoutLine.filter` orders them) and their variants' listing prices in its
    channel, in one statement (two before: issue 23)."""
    rows = await sql.fetch(_lines_and_listing_prices_query(), str(checkout.token), checkout.channel_id)  # type: ignore[attr-defined]
    lines = [sql.model_from(CheckoutLine, row, "l") for row in rows]
    listed = {row["l.variant_id"]: row["listing_price"] for row in rows if row["listing_price"] is not None}
    return [line for line in lines if line is not None], listed


async def checkout_totals(checkout: Checkout) -> CheckoutTotals:
    lines, listed = await lines_and_listing_prices(checkout)
    prices, _ = await checkout_and_listing_prices(checkout.channel_id, checkout.user_id, lines, listed=listed)  # type: ignore[attr-defined]
    offer = await checkout_offer(checkout, [line.variant_id for line in lines], clock.now())  # type: ignore[attr-defined]
    return totals_of(lines, prices, await delivery_method_of(checkout), await checkout_benefits(checkout), offer)


async def delivery_method_of(checkout: Checkout) -> ShippingMethod | None:
    """The cart's delivery method: the row loaded with the cart when it is the one the cart names (no query)."""
    method_id = checkout.shipping_method_id  # type: ignore[attr-defined]
    loaded = getattr(checkout, "_shipping_method", False)
    if loaded is None and method_id is None:
        return None
    if isinstance(loaded, ShippingMethod) and loaded.id == method_id:
        return loaded
    return None if method_id is None else await ShippingMethod.get_or_none(id=method_id)
