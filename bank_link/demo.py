"""Demo issuers, one per demo channel's issuer code: idempotent like the rest of the demo."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from bank_link.issuers import IssuerData, create_issuer, update_issuer
from bank_link.models import Issuer

DEMO_MAX_CASH_SHARE_PERCENT = Decimal(30)
# What each demo programme's members call its points; a programme not listed reads the defaults.
# Bank B's differ, so an operator serving both sees each bank's amounts in that bank's own unit.
DEMO_UNIT_NAMES = {"BANKA": {"EN": "points", "ZH_HANS": "积分"}, "BANKB": {"EN": "miles", "ZH_HANS": "里程"}}
# ...and one of them ("1 point", "1 mile"); Chinese has no singular.
DEMO_UNIT_NAMES_SINGULAR = {"BANKA": {"EN": "point"}, "BANKB": {"EN": "mile"}}


def demo_issuers(channels: Iterable[tuple[str, str]]) -> list[IssuerData]:
    """(issuer code, points unit) of each demo channel -> the issuer: points expire at the end of the
    following year, members are reminded 30 days ahead, 100 points are worth 1 CNY."""
    return [IssuerData(code=code, name=f"Bank {code.removeprefix('BANK')}", points_unit=unit,
                       points_unit_names=DEMO_UNIT_NAMES.get(code),
                       points_unit_names_singular=DEMO_UNIT_NAMES_SINGULAR.get(code),
                       expiry_rule="end_of_year", expiry_count=1,
                       reminder_days=30)
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
        if data.points_unit_names and not issuer.points_unit_names:
            # A demo made before programmes named their units; a bank's own names are never overwritten.
            await update_issuer(issuer, IssuerData(points_unit_names=data.points_unit_names))
        if data.points_unit_names_singular and not issuer.points_unit_names_singular:
            await update_issuer(issuer, IssuerData(points_unit_names_singular=data.points_unit_names_singular))
        step(f"issuer {data.code}")
    return created
