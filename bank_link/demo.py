"""Demo issuers, one per demo channel's issuer code: idempotent like the rest of the demo."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bank_link.issuers import IssuerData, create_issuer
from bank_link.models import Issuer


def demo_issuers(channels: Iterable[tuple[str, str]]) -> list[IssuerData]:
    """(issuer code, points unit) of each demo channel -> the issuer: points expire at the end of the
    following year, members are reminded 30 days ahead."""
    return [IssuerData(code=code, name=f"Bank {code.removeprefix('BANK')}", points_unit=unit,
                       expiry_rule="end_of_year", expiry_count=1, reminder_days=30)
            for code, unit in channels]


async def load_bank_demo(channels: Iterable[tuple[str, str]], step: Callable[[str], None]) -> int:
    """Create the issuers that are missing; returns how many were created."""
    created = 0
    for data in demo_issuers(channels):
        if not await Issuer.exists(code=data.code):
            await create_issuer(data)
            created += 1
        step(f"issuer {data.code}")
    return created
