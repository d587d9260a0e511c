"""What a member's loyalty tier changes about redeeming in a channel: a points-price discount, free delivery,
and gifts reserved for higher tiers. Read by the gift page's price and by checkout, which charges exactly it.

Tiers live in the loyalty engine, above the catalogue and orders, so those cannot call it: they ask this
module, and the composition root (mall.wiring) hands it the loyalty engine's answer at start-up. Until then
(and in a channel without a programme) every member gets NO_BENEFITS: list prices, paid delivery, no
reserved gifts. `price_for` is the one rule for a tier price, so the gift page, the cart and the order agree.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from types import MappingProxyType

from catalog.promotions.predicates import MemberFacts
from mall.channels.models import Channel
from mall.rule_versions import for_request

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class ReservedFor:
    """The lowest tier that may redeem a reserved gift (its members and those of every higher tier)."""

    tier_code: str
    tier_name: str
    rank: int


@dataclass(frozen=True)
class TierBenefits:
    """A member's tier in a channel's programme and what it gives; `rank` -1: no tier (a visitor)."""

    tier_code: str | None = None
    tier_name: str = ""
    rank: int = -1
    points_discount_percent: Decimal = Decimal(0)
    free_delivery: bool = False
    reserved: Mapping[str, ReservedFor] = field(default_factory=lambda: MappingProxyType({}))  # product slug ->
    segment: str = ""  # the member's value segment in the programme (loyalty.states), "" when not scored

    def member_facts(self) -> MemberFacts:
        """What promotion rules targeting tiers or segments ask of this member (a visitor: nothing)."""
        return MemberFacts(self.tier_code, self.segment)

    def price_for(self, list_price_points: int) -> int:
        """The member's price of a unit: the list price less the tier's discount, rounded in the member's
        favour to whole points."""
        discount = (Decimal(list_price_points) * self.points_discount_percent / HUNDRED).to_integral_value(ROUND_FLOOR)
        return list_price_points - int(discount)

    def delivery_price_for(self, method_price_points: int) -> int:
        return 0 if self.free_delivery else method_price_points

    def reserved_above(self, product_slug: str) -> ReservedFor | None:
        """The tier a gift is reserved for, when the member's tier is below it (None: the member may redeem)."""
        reserved = self.reserved.get(product_slug)
        return reserved if reserved is not None and reserved.rank > self.rank else None


NO_BENEFITS = TierBenefits()
BenefitsSource = Callable[[Channel, "int | None"], Awaitable[TierBenefits]]
_source: list[BenefitsSource] = []


def set_tier_benefits_source(source: BenefitsSource) -> None:
    """Called once at start-up (mall.wiring); calling it again replaces the source."""
    _source[:] = [source]


async def tier_benefits(channel: Channel, user_id: int | None) -> TierBenefits:
    """The benefits of the member (None: a visitor) in the channel's programme."""
    if not _source or channel.issuer_code is None:
        return NO_BENEFITS
    source = _source[0]
    # Once per request: a mutation and its payload both price the member's cart.
    return await for_request(("tier_benefits", channel.issuer_code, user_id), lambda: source(channel, user_id))
