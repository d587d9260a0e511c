"""What a point is worth in each channel: the rate of the channel's issuer, in its settlement currency."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bank_link.models import Issuer  # read-only: each channel's settlement rate and currency
from mall.channels.models import Channel


@dataclass(frozen=True)
class ChannelRate:
    rate: Decimal
    currency: str


async def channel_rates(channel_ids: set[int]) -> dict[int, ChannelRate | None]:
    """Each channel's issuer rate (None when the channel has no issuer)."""
    channels = await Channel.filter(id__in=sorted(channel_ids)).values("id", "issuer_code")
    codes = [channel["issuer_code"] for channel in channels if channel["issuer_code"]]
    issuers = {issuer.code: issuer for issuer in await Issuer.filter(code__in=codes)}
    rates: dict[int, ChannelRate | None] = {}
    for channel in channels:
        issuer = issuers.get(channel["issuer_code"] or "")
        rates[int(channel["id"])] = ChannelRate(issuer.cash_value_per_point, issuer.cash_currency) if issuer else None
    return rates
