"""Settling a period: the one entry point that runs both sides.

`settle_period` is what `mall settle` and the settlementRun mutation call: no code settles every issuer
and every partner, `--issuer` or `--partner` narrows the run to that counterparty.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from settlement.issuer.side import IssuerSide
from settlement.partner.side import partner_side
from settlement.runs import RunOutcome, RunRequest, Side, run_settlement


def selected_sides(issuer_code: str | None, partner_code: str | None,
                   partners: Side) -> list[tuple[Side, str | None]]:
    """Both sides for everyone when no code is given, otherwise the sides whose code is."""
    if issuer_code is None and partner_code is None:
        return [(IssuerSide(), None), (partners, None)]
    sides: list[tuple[Side, str | None]] = []
    if issuer_code is not None:
        sides.append((IssuerSide(), issuer_code))
    if partner_code is not None:
        sides.append((partners, partner_code))
    return sides


async def settle_period(period: str, actor: str, settings: Any, *, issuer_code: str | None = None,
                        partner_code: str | None = None, partners: Side | None = None,
                        now: datetime | None = None) -> RunOutcome:
    """Run settlement for the period (see settlement.runs.run_settlement for what it raises)."""
    sides = selected_sides(issuer_code, partner_code, partners or partner_side(settings))
    request = RunRequest(period=period, sides=sides, actor=actor, issuer_code=issuer_code,
                         partner_code=partner_code)
    return await run_settlement(request, settings, now=now)
