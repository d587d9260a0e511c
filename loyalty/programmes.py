"""A programme is an issuer's: where its rules, tiers and thresholds live, and the time zone its days,
months and years are counted in."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from bank_link.models import Issuer, MemberStatus
from loyalty.errors import LoyaltyErrorCode, refusal
from loyalty.models import Programme, SpendTiming, TierMeasure
from mall import sql
from mall.channels.models import Channel

TIER_WINDOWS = (12, 24)
MAX_STATE_DAYS = 3_650


@dataclass(frozen=True)
class ProgrammeOf:
    """An issuer with its loyalty settings (the defaults until the operator or bank saves some)."""

    issuer: Issuer
    settings: Programme

    @property
    def code(self) -> str:
        return self.issuer.code

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.issuer.time_zone)


def _issuer_with_settings() -> str:
    return (f"SELECT {sql.columns(Issuer, 'i')}, {sql.columns(Programme, 'p')} FROM {Issuer._meta.db_table} i"
            f" LEFT JOIN {Programme._meta.db_table} p ON p.issuer_code = i.code WHERE i.code = $1")


async def _programme_or_none(issuer_code: str) -> ProgrammeOf | None:
    """The issuer and its settings in one read (every award starts here)."""
    row = await sql.fetch_one(_issuer_with_settings(), issuer_code)
    issuer = sql.model_from(Issuer, row, "i") if row is not None else None
    if row is None or issuer is None:
        return None
    return ProgrammeOf(issuer, sql.model_from(Programme, row, "p") or Programme(issuer_code=issuer_code))


async def find_programme(issuer_code: str) -> ProgrammeOf:
    """Raises DomainError NOT_FOUND for an unknown issuer."""
    programme = await _programme_or_none(issuer_code)
    if programme is None:
        raise refusal(LoyaltyErrorCode.NOT_FOUND, f"Issuer '{issuer_code}' does not exist.", "issuer")
    return programme


async def programme_of_channel(channel: Channel) -> ProgrammeOf:
    """The programme a channel's members earn in. Raises DomainError NOT_ELIGIBLE for a channel without an
    issuer (nobody runs a programme there)."""
    programme = await _programme_or_none(channel.issuer_code) if channel.issuer_code else None
    if programme is None:
        raise refusal(LoyaltyErrorCode.NOT_ELIGIBLE, "This channel runs no loyalty programme.", "channel")
    return programme


# The member's roster status and tier multiplier in one read (an award's hot path): one row whatever the
# member has, NULLs for what they lack.
MEMBER_TERMS = (
    "SELECT (SELECT status FROM bank_link_member WHERE issuer_id = $1 AND user_id = $2) AS roster_status,"
    " (SELECT t.earn_multiplier FROM loyalty_programme_member pm JOIN loyalty_tier_level t ON t.id = pm.tier_id"
    " WHERE pm.issuer_code = $3 AND pm.member_id = $2) AS earn_multiplier"
)


async def earning_multiplier(programme: ProgrammeOf, member_id: int) -> Decimal:
    """What the member's awards are multiplied by (their tier's multiplier, 1 without a tier), once it is
    checked they may earn: a member the bank switched off earns nothing; members not on the bank's roster
    (direct sign-ups in the bank's channel) do. Raises DomainError NOT_ELIGIBLE."""
    if not programme.issuer.is_active:
        raise refusal(LoyaltyErrorCode.NOT_ELIGIBLE, "The issuer's programme is switched off.", "channel")
    row = await sql.fetch_one(MEMBER_TERMS, programme.issuer.id, member_id, programme.code)
    if row is not None and row["roster_status"] is not None and row["roster_status"] != MemberStatus.ACTIVE:
        raise refusal(LoyaltyErrorCode.NOT_ELIGIBLE, "The bank has switched this member off.", "user")
    multiplier = row["earn_multiplier"] if row is not None else None
    return Decimal(str(multiplier)) if multiplier is not None else Decimal(1)


@dataclass(frozen=True)
class ProgrammeChanges:
    spend_timing: SpendTiming | None = None
    tier_measure: TierMeasure | None = None
    tier_window_months: int | None = None
    sleeping_after_days: int | None = None
    lapsed_after_days: int | None = None


async def update_programme(issuer_code: str, changes: ProgrammeChanges) -> Programme:
    """Save the programme's settings. Raises DomainError NOT_FOUND, INVALID."""
    programme = await find_programme(issuer_code)
    settings = programme.settings
    for name in ("spend_timing", "tier_measure", "tier_window_months", "sleeping_after_days", "lapsed_after_days"):
        value = getattr(changes, name)
        if value is not None:
            setattr(settings, name, value)
    if settings.tier_window_months not in TIER_WINDOWS:
        raise refusal(LoyaltyErrorCode.INVALID, "The tier window is 12 or 24 months.", "tier_window_months")
    if not 1 <= settings.sleeping_after_days < settings.lapsed_after_days <= MAX_STATE_DAYS:
        raise refusal(LoyaltyErrorCode.INVALID, f"A member sleeps after 1 or more days and lapses later, within "
                      f"{MAX_STATE_DAYS} days.", "sleeping_after_days")
    await settings.save()
    return settings
