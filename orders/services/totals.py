"""What a checkout costs now, in whole points: the lines at today's channel prices plus delivery."""

from __future__ import annotations

from dataclasses import dataclass

from catalog.models import ProductVariantChannelListing
from orders.models import Checkout, CheckoutLine, ShippingMethod


@dataclass(frozen=True)
class CheckoutTotals:
    subtotal_points: int
    shipping_points: int
    quantity: int
    line_prices: dict[object, int]  # line id -> unit price in points

    @property
    def total_points(self) -> int:
        return self.subtotal_points + self.shipping_points


async def checkout_totals(checkout: Checkout) -> CheckoutTotals:
    lines = await CheckoutLine.filter(checkout_id=checkout.token)
    prices = dict(
        await ProductVariantChannelListing.filter(
            channel_id=checkout.channel_id,
            variant_id__in=[line.variant_id for line in lines],  # type: ignore[attr-defined]
        ).values_list("variant_id", "price_points")
    )
    unit_prices = {line.id: prices.get(line.variant_id, 0) for line in lines}  # type: ignore[attr-defined]
    subtotal = sum(unit_prices[line.id] * line.quantity for line in lines)
    shipping = 0
    if checkout.shipping_method_id is not None:  # type: ignore[attr-defined]
        method = await ShippingMethod.get_or_none(id=checkout.shipping_method_id)  # type: ignore[attr-defined]
        shipping = method.price_points if method else 0
    return CheckoutTotals(subtotal, shipping, sum(line.quantity for line in lines), unit_prices)
