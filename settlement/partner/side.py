"""The partner side of a settlement run: every active partner, its statement of delivered goods, its
reconciliation; nothing to post in the ledger (partners are paid in cash, settlement.partner.payouts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from partners.models import Partner, PartnerStatus
from settlement.errors import SettlementErrorCode, refusal
from settlement.models import CounterpartyKind, SettlementRun, Statement
from settlement.partner.checks import reconcile_partner_statement
from settlement.partner.goods import DeliveredGoods, FulfilmentGoods
from settlement.partner.statements import build_partner_statement
from settlement.periods import Period
from settlement.runs import Counterparty

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
            raise refusal(SettlementErrorCode.NOT_FOUND, f"Partner '{code}' does not exist.", "partner_code")
        return [self._counterparty(partner)]

    async def build(self, counterparty: Counterparty, period: Period, run: SettlementRun) -> Statement:
        return await build_partner_statement(counterparty.model, period, run, self.goods)

    async def reconcile(self, statement: Statement) -> list[str]:
        return await reconcile_partner_statement(statement, await Partner.get(code=statement.counterparty_code))

    async def post(self, counterparty: Counterparty, statement: Statement, actor: str) -> None:
        """Nothing to post: partners are paid in cash (see settlement.partner.payouts)."""


def partner_side(settings: Any) -> PartnerSide:
    return PartnerSide(time_zone=settings.extra.get("SETTLEMENT_TIME_ZONE", DEFAULT_PARTNER_TIME_ZONE))
