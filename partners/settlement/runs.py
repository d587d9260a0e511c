"""Settling a period: the partner side, and the one entry point that runs both sides.

`settle_period` is what `mall settle` and the settlementRun mutation call: no code settles every issuer
and every partner, `--issuer` or `--partner` narrows the run to that counterparty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bank_link.settlement.errors import SettlementErrorCode, refusal
from bank_link.settlement.issuer_side import IssuerSide
from bank_link.settlement.models import CounterpartyKind, SettlementRun, Statement
from bank_link.settlement.periods import Period
from bank_link.settlement.runs import Counterparty, RunOutcome, RunRequest, Side, run_settlement
from partners.models import Partner, PartnerStatus
from partners.settlement.checks import reconcile_partner_statement
from partners.settlement.goods import DeliveredGoods, FulfilmentGoods
from partners.settlement.statements import build_partner_statement

# Partners have no time zone of their own: their periods close at midnight in the operator's.
DEFAULT_PARTNER_TIME_ZONE = "Asia/Shanghai"


@dataclass
class PartnerSide:
    time_zone: str = DEFAULT_PARTNER_TIME_ZONE
    goods: DeliveredGoods = field(default_factory=FulfilmentGoods)
    kind: CounterpartyKind = CounterpartyKind.PARTNER

    def _counterparty(self, partner: Partner) -> Counterparty:
        return Counterparty(CounterpartyKind.PARTNER, partner.code, self.time_zone, "", partner)

    async def counterparties(self, code: str | None) -> list[Counterparty]:
        """Every active partner, or the one with `code`. Raises DomainError NOT_FOUND."""
        if code is None:
            partners = await Partner.filter(status=PartnerStatus.ACTIVE).order_by("code")
            return [self._counterparty(partner) for partner in partners]
        partner = await Partner.get_or_none(code=code)
        if partner is None:
            raise refusal(SettlementErrorCode.NOT_FOUND, f"Partner '{code}' does not exist.", "partnerCode")
        return [self._counterparty(partner)]

    async def build(self, counterparty: Counterparty, period: Period, run: SettlementRun) -> Statement:
        return await build_partner_statement(counterparty.model, period, run, self.goods)

    async def reconcile(self, statement: Statement) -> list[str]:
        return await reconcile_partner_statement(statement, await Partner.get(code=statement.counterparty_code))

    async def post(self, counterparty: Counterparty, statement: Statement, actor: str) -> None:
        """Nothing to post: partners are paid in cash (see partners.settlement.payouts)."""


def partner_side(settings: Any) -> PartnerSide:
    return PartnerSide(time_zone=settings.extra.get("SETTLEMENT_TIME_ZONE", DEFAULT_PARTNER_TIME_ZONE))


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
    """Run settlement for the period (see bank_link.settlement.runs.run_settlement for what it raises)."""
    sides = selected_sides(issuer_code, partner_code, partners or partner_side(settings))
    request = RunRequest(period=period, sides=sides, actor=actor, issuer_code=issuer_code,
                         partner_code=partner_code)
    return await run_settlement(request, settings, now=now)
