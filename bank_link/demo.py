"""Demo issuers, one per demo channel's issuer code: idempotent like the rest of the demo."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from bank_link.issuers import IssuerData, create_issuer, update_issuer
from bank_link.models import Issuer

DEMO_MAX_CASH_SHARE_PERCENT = Decimal(30)


def demo_issuers(channels: Iterable[tuple[str, str]]) -> list[IssuerData]:
    """(issuer code, points unit) of each demo channel -> the issuer: points expire at the end of the
    following year, members are reminded 30 days ahead, 100 points are worth 1 CNY."""
    return [IssuerData(code=code, name=f"Bank {code.removeprefix('BANK')}", points_unit=unit,
                       expiry_rule="end_of_year", expiry_count=1, reminder_days=30)
            for code, unit in channels]


def cash_rules(cash_allowed: bool) -> IssuerData:
    """Points + cash (up to 30% by card) only when Stripe is configured."""
    share = DEMO_MAX_CASH_SHARE_PERCENT if cash_allowed else Decimal(0)
    return IssuerData(points_cash_allowed=cash_allowed, max_cash_share_percent=share)


async def load_bank_demo(
    channels: Iterable[tuple[str, str]], step: Callable[[str], None], cash_allowed: bool = False
) -> int:
    """Create the issuers that are missing and set their cash rules; returns how many were created."""
    created = 0
    for data in demo_issuers(channels):
        issuer = await Issuer.get_or_none(code=data.code)
        if issuer is None:
            issuer = await create_issuer(data)
            created += 1
        await update_issuer(issuer, cash_rules(cash_allowed))
        step(f"issuer {data.code}")
    return created
