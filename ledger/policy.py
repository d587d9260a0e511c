"""Expiry policies: when the points of a credit expire.

Issuers choose their policy (stored on bank_link's Issuer); callers pass it, or ask
`channel_expiry_policy`, and credits without one never expire. Month and year ends are those of the
policy's time zone (the issuer's): points a Shanghai bank credits on 31 December at 23:30 local time belong
to that year, though it is 15:30 in UTC. A lot expires at the first instant at or after `expires_at`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

from ledger.errors import LedgerErrorCode, refusal
from mall.channels.models import Channel

MAX_DAYS = 36_600  # about a century: a longer programme is "never"
MAX_PERIODS = 100


class ExpiryRule(StrEnum):
    NEVER = "never"
    FIXED_DAYS = "fixed_days"  # `count` days after the credit
    END_OF_MONTH = "end_of_month"  # the end of the month `count` months after the credit's month
    END_OF_YEAR = "end_of_year"  # the end of the year `count` years after the credit's year


@dataclass(frozen=True)
class ExpiryPolicy:
    rule: ExpiryRule = ExpiryRule.NEVER
    count: int = 0
    time_zone: str = "UTC"  # where months and years end (an IANA name, validated by the issuer's service)

    def __post_init__(self) -> None:
        """Raises DomainError INVALID for a count out of range for the rule."""
        low = 1 if self.rule == ExpiryRule.FIXED_DAYS else 0
        high = MAX_DAYS if self.rule == ExpiryRule.FIXED_DAYS else MAX_PERIODS
        if not low <= self.count <= high:
            raise refusal(LedgerErrorCode.INVALID, f"Expiry count must be between {low} and {high}.", "expiry")

    def expires_at(self, credited_at: datetime) -> datetime | None:
        """When points credited at `credited_at` expire (in UTC); None for never."""
        if self.rule == ExpiryRule.FIXED_DAYS:
            return credited_at.astimezone(UTC) + timedelta(days=self.count)
        local = credited_at.astimezone(ZoneInfo(self.time_zone))
        if self.rule == ExpiryRule.END_OF_MONTH:
            return _month_start(local.year, local.month + self.count + 1, local.tzinfo)
        if self.rule == ExpiryRule.END_OF_YEAR:
            return _month_start(local.year + self.count + 1, 1, local.tzinfo)
        return None


def _month_start(year: int, month: int, zone: tzinfo | None) -> datetime:
    """The first instant, in UTC, of `month` (which may run past 12) of `year` in `zone`."""
    extra_years, month_index = divmod(month - 1, 12)
    return datetime(year + extra_years, month_index + 1, 1, tzinfo=zone).astimezone(UTC)


NEVER_EXPIRE = ExpiryPolicy()
DEFAULT_EXPIRY_POLICY = NEVER_EXPIRE


# Where a channel's policy comes from. The issuers live in bank_link, which depends on this kernel, so the
# composition root (mall.graphql.schema) hands the ledger the lookup instead of the ledger importing it.
ChannelPolicySource = Callable[[Channel], Awaitable[ExpiryPolicy]]
_channel_policy_source: list[ChannelPolicySource] = []


def set_channel_policy_source(source: ChannelPolicySource) -> None:
    _channel_policy_source[:] = [source]


async def channel_expiry_policy(channel: Channel) -> ExpiryPolicy:
    """The policy credits in this channel follow (its issuer's); never-expire until a source is set."""
    if not _channel_policy_source:
        return DEFAULT_EXPIRY_POLICY
    return await _channel_policy_source[0](channel)
