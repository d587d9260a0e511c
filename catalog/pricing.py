"""Price transparency: what a points price is worth in cash, beside the partner's reference retail price.

Points are integers in the channel's points unit. Cash amounts are Decimals in a real currency with two
decimal places. The two are never added together: a cash value is derived, for display and review only.
"""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from catalog.models import ProductChannelListing
from mall.channels.models import Channel

CASH_QUANTUM = Decimal("0.01")


def cash_value(points: int, channel: Channel) -> Decimal:
    """Points x the channel's cash value per point, rounded half up to cents."""
    return (Decimal(points) * channel.points_cash_value).quantize(CASH_QUANTUM, rounding=ROUND_HALF_UP)


def price_exceeds_alert_ratio(points: int, reference_price: Decimal | None, channel: Channel) -> bool:
    """True when the points price is worth more than `price_alert_ratio` x the reference retail price."""
    if reference_price is None or reference_price <= 0:
        return False
    return cash_value(points, channel) > reference_price * channel.price_alert_ratio


def margin_percent(points: int, cost_price: Decimal | None, channel: Channel) -> int | None:
    """Gross margin of a redemption: (cash value - cost) / cash value, as a whole percentage."""
    value = cash_value(points, channel)
    if cost_price is None or value <= 0:
        return None
    return int(((value - cost_price) / value * 100).to_integral_value(rounding=ROUND_HALF_UP))


def is_available_for_purchase(listing: ProductChannelListing | None, now: datetime) -> bool:
    """Saleor's rule: a purchase date is set and has come."""
    return (
        listing is not None
        and listing.available_for_purchase_at is not None
        and (listing.available_for_purchase_at <= now)
    )
