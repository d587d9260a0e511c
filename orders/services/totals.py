"""What a checkout costs now, in whole points: the lines at today's channel prices plus delivery."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from catalog.models import ProductVariant, ProductVariantChannelListing
from kernel import clock
from orders.models import Checkout, CheckoutLine, ShippingMethod
from orders.services.member_prices import member_unit_prices


@dataclass(frozen=True)
class CheckoutTotals:
    subtotal_points: int
    shipping_points: int
    quantity: int
    line_prices: dict[object, int]  # line id -> unit price in points

    @property
    def total_points(self) -> int:
        return self.subtotal_points + self.shipping_points


def totals_of(
    lines: Iterable[CheckoutLine], prices: dict[int, int], method: ShippingMethod | None
) -> CheckoutTotals:
    """The totals of loaded rows: `prices` maps variant ids to their points price in the checkout's channel
    (a variant without a price there counts as 0: completion refuses it anyway)."""
    rows = list(lines)
    unit_prices = {line.id: prices.get(line.variant_id, 0) for line in rows}  # type: ignore[attr-defined]
    subtotal = sum(unit_prices[line.id] * line.quantity for line in rows)
    shipping = method.price_points if method is not None else 0
    return CheckoutTotals(subtotal, shipping, sum(line.quantity for line in rows), unit_prices)


async def listing_prices(channel_id: int, variant_ids: Iterable[int]) -> dict[int, int]:
    """Each variant's listing price in the channel, before any promotion (Saleor's undiscounted price)."""
    return dict(
        await ProductVariantChannelListing.filter(channel_id=channel_id, variant_id__in=list(set(variant_ids)))
        .values_list("variant_id", "price_points")
    )


async def channel_prices(channel_id: int, variant_ids: Iterable[int]) -> dict[int, int]:
    """What a member pays now for each variant in the channel: listing prices, promotions applied."""
    return await member_unit_prices(channel_id, await listing_prices(channel_id, variant_ids), clock.now())


async def shipping_requirements(variant_ids: Iterable[int]) -> dict[int, bool]:
    """Whether each variant's product type needs delivery (vouchers and e-gifts do not)."""
    rows = await ProductVariant.filter(id__in=list(set(variant_ids))).values_list(
        "id", "product__product_type__is_shipping_required"
    )
    return {variant_id: bool(required) for variant_id, required in rows}


async def checkout_totals(checkout: Checkout) -> CheckoutTotals:
    lines = await CheckoutLine.filter(checkout_id=checkout.token)
    prices = await channel_prices(checkout.channel_id, [line.variant_id for line in lines])  # type: ignore[attr-defined]
    method = None
    if checkout.shipping_method_id is not None:  # type: ignore[attr-defined]
        method = await ShippingMethod.get_or_none(id=checkout.shipping_method_id)  # type: ignore[attr-defined]
    return totals_of(lines, prices, method)
