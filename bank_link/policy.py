"""An issuer's rules as other domains read them: whether a member may pay a points shortfall in cash
(`cash_policy_for_channel`, read by orders), when a redemption needs a one-time code
(`confirmation_policy_for_channel`, read by orders) and when credited points expire (`expiry_policy_for_channel`,
handed to the ledger by the composition root). Read-only; only bank_link services write issuers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bank_link.issuers import expiry_policy
from bank_link.models import Issuer
from ledger.policy import NEVER_EXPIRE, ExpiryPolicy
from mall.channels.models import Channel
from mall.rule_versions import cached

HUNDRED_PERCENT = Decimal(100)


async def issuer_of(code: str) -> Issuer | None:
    """The issuer as checkout reads it on every completion: this worker's copy while no issuer changes
    (mall.rule_versions). Read-only: never saved."""
    return await cached(("issuer", code), lambda: Issuer.get_or_none(code=code))


@dataclass(frozen=True)
class CashPolicy:
    """Points + cash rules of one issuer: what a point is worth and how much of an order cash may pay."""

    issuer_code: str
    cash_value_per_point: Decimal
    cash_currency: str
    max_cash_share_percent: Decimal

    def allows_share(self, cash_points: int, total_points: int) -> bool:
        """Whether `cash_points` of an order of `total_points` may be paid in cash (exact, no rounding)."""
        return cash_points * HUNDRED_PERCENT <= self.max_cash_share_percent * total_points


async def cash_policy_for_channel(channel: Channel) -> CashPolicy | None:
    """The channel's issuer's points + cash rules; None when its issuer (`Channel.issuer_code`) is unknown,
    inactive, or does not allow cash."""
    if not channel.issuer_code:
        return None
    issuer = await issuer_of(channel.issuer_code)
    if issuer is None or not issuer.is_active or not issuer.points_cash_allowed or issuer.max_cash_share_percent <= 0:
        return None
    return CashPolicy(
        issuer_code=issuer.code,
        cash_value_per_point=issuer.cash_value_per_point,
        cash_currency=issuer.cash_currency,
        max_cash_share_percent=issuer.max_cash_share_percent,
    )


@dataclass(frozen=True)
class ConfirmationPolicy:
    """Redemptions of more than `threshold_points` need a one-time code sent `via` "sms" or "email"."""

    threshold_points: int
    via: str


async def confirmation_policy_for_channel(channel: Channel) -> ConfirmationPolicy | None:
    """The channel's issuer's redemption confirmation rule; None when redemptions need no code."""
    issuer = await issuer_of(channel.issuer_code) if channel.issuer_code else None
    if issuer is None or not issuer.is_active or issuer.confirmation_threshold_points <= 0:
        return None
    return ConfirmationPolicy(issuer.confirmation_threshold_points, issuer.confirmation_channel)


async def expiry_policy_for_channel(channel: Channel) -> ExpiryPolicy:
    """When points credited in this channel expire: its issuer's policy, never without a known issuer."""
    issuer = await Issuer.get_or_none(code=channel.issuer_code) if channel.issuer_code else None
    return NEVER_EXPIRE if issuer is None else expiry_policy(issuer)
