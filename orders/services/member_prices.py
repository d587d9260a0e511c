"""The points a member pays for each variant of a cart: the channel's listing prices with the catalogue's
running promotions applied (catalog.promotions.prices decides how).

The one place checkout applies promotions: the cart's totals, the amounts payments hold, and the order
lines completion writes all come through `member_unit_prices`, so what a member is charged is what the
catalogue showed them. The member's tier benefits (catalog.tier_benefits) then apply to these prices in
`totals_of`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from catalog.promotions.services import promoted_prices


async def member_unit_prices(channel_id: int, listing_prices: Mapping[int, int], now: datetime) -> dict[int, int]:
    """Variant id -> the unit price in points a member pays now, from variant id -> listing price."""
    promoted = await promoted_prices(channel_id, listing_prices, now)
    return {variant_id: price.points for variant_id, price in promoted.items()}
