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

from catalog.promotions.predicates import MemberFacts
from catalog.promotions.services import promoted_prices
from catalog.tier_benefits import tier_benefits
from mall.channels.models import Channel


async def member_unit_prices(channel_id: int, listing_prices: Mapping[int, int], now: datetime,
                             user_id: int | None = None) -> dict[int, int]:
    """Variant id -> the unit price in points member `user_id` (None: a guest) pays now, from variant id ->
    listing price. Rules targeting a tier or a segment price the member as the catalogue did."""

    async def member() -> MemberFacts | None:
        if user_id is None:
            return None
        return (await tier_benefits(await Channel.get(id=channel_id), user_id)).member_facts()

    promoted = await promoted_prices(channel_id, listing_prices, now, member)
    return {variant_id: price.points for variant_id, price in promoted.items()}
