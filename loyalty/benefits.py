"""A member's tier benefits in a channel, as the catalogue and checkout ask for them (catalog.tier_benefits).

Two small reads: the programme's levels (at most MAX_LEVELS) and the member's standing. A member the tier
job has not judged yet stands at the entry level; a visitor has no tier (list prices, but still no gifts
reserved for a tier). A gift listed as exclusive by a level is reserved for that level and every higher one
(the lowest level listing it decides).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from catalog.tier_benefits import ReservedFor, TierBenefits
from loyalty.models import TierLevel
from mall import sql
from mall.channels.models import Channel
from mall.rule_versions import cached

MEMBER_STANDING = "SELECT tier_id, segment FROM loyalty_programme_member WHERE issuer_code = $1 AND member_id = $2"


def reserved_gifts(levels: list[TierLevel]) -> dict[str, ReservedFor]:
    """Each reserved gift's lowest level (`levels` lowest first)."""
    reserved: dict[str, ReservedFor] = {}
    for level in levels:
        for slug in level.exclusive_products:
            reserved.setdefault(slug, ReservedFor(level.code, level.name, level.rank))
    return reserved


async def member_level(issuer_code: str, member_id: int, levels: list[TierLevel]) -> TierLevel:
    """The member's level; the entry level until the tier job judges the member."""
    return _level_of(await sql.fetch_one(MEMBER_STANDING, issuer_code, member_id), levels)


def _level_of(standing: dict[str, Any] | None, levels: list[TierLevel]) -> TierLevel:
    tier_id = standing["tier_id"] if standing else None
    return next((level for level in levels if level.id == tier_id), levels[0])


async def programme_levels(issuer_code: str) -> list[TierLevel]:
    """The programme's levels, lowest first: this worker's copy while no level changes (mall.rule_versions)."""

    async def load() -> list[TierLevel]:
        return list(await TierLevel.filter(issuer_code=issuer_code).order_by("rank"))

    return await cached(("tier_levels", issuer_code), load)


async def benefits_of(channel: Channel, member_id: int | None) -> TierBenefits:
    """What the member's tier gives in the channel's programme (the catalogue's BenefitsSource)."""
    if channel.issuer_code is None:
        return TierBenefits()
    levels = await programme_levels(channel.issuer_code)
    standing = await sql.fetch_one(MEMBER_STANDING, channel.issuer_code, member_id) if member_id else None
    segment = str(standing["segment"]) if standing else ""  # promotions may target it (catalog.promotions)
    if not levels:
        return TierBenefits(segment=segment)
    reserved = MappingProxyType(reserved_gifts(levels))
    if member_id is None:
        return TierBenefits(reserved=reserved)
    level = _level_of(standing, levels)
    return TierBenefits(level.code, level.name, level.rank, level.points_discount_percent, level.free_delivery,
                        reserved, segment)
