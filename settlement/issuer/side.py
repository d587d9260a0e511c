"""The issuer side of a settlement run: which banks, their statements, and the ledger transfers.

Issuing a statement moves its net redeemed points, per channel, from redemption clearing to the issuer's
liability account (`settle_points`): the bank pays for them, which discharges that part of its liability.
When refunds exceed captures in a period the transfer goes the other way. The idempotency key names the
statement and channel, so a retried run cannot post twice.
"""

from __future__ import annotations

from bank_link.models import Issuer
from ledger.models import AccountKind
from ledger.services import Request, SystemAccount, settle_points
from mall.channels.models import Channel
from settlement.errors import SettlementErrorCode, refusal
from settlement.issuer.checks import reconcile_issuer_statement
from settlement.issuer.statements import build_issuer_statement, net_points_by_channel
from settlement.models import CounterpartyKind, SettlementRun, Statement
from settlement.periods import Period
from settlement.runs import Counterparty

CLEARING = SystemAccount(AccountKind.REDEMPTION_CLEARING)
LIABILITY = SystemAccount(AccountKind.ISSUER_LIABILITY)


def _counterparty(issuer: Issuer) -> Counterparty:
    return Counterparty(CounterpartyKind.ISSUER, issuer.code, issuer.time_zone, issuer.storage_location, issuer)


class IssuerSide:
    kind = CounterpartyKind.ISSUER

    async def counterparties(self, code: str | None) -> list[Counterparty]:
        """Every active issuer, or the one with `code`. Raises DomainError NOT_FOUND."""
        if code is None:
            return [_counterparty(issuer) for issuer in await Issuer.filter(is_active=True).order_by("code")]
        issuer = await Issuer.get_or_none(code=code)
        if issuer is None:
            raise refusal(SettlementErrorCode.NOT_FOUND, f"Issuer '{code}' does not exist.", "issuer_code")
        return [_counterparty(issuer)]

    async def build(self, counterparty: Counterparty, period: Period, run: SettlementRun) -> Statement:
        return await build_issuer_statement(counterparty.model, period, run)

    async def reconcile(self, statement: Statement) -> list[str]:
        return await reconcile_issuer_statement(statement)

    async def post(self, counterparty: Counterparty, statement: Statement, actor: str) -> None:
        """Raises the ledger's DomainError (IDEMPOTENCY_CONFLICT) if the statement's key was used otherwise."""
        for channel_id, points in (await net_points_by_channel(statement)).items():
            if points == 0:
                continue
            channel = await Channel.get(id=channel_id)
            request = Request(
                idempotency_key=f"settlement:statement:{statement.id}:channel:{channel_id}",
                actor=actor,
                reference=f"statement:{statement.id}",
                reason=f"issuer settlement {statement.period}",
            )
            debit, credit = (CLEARING, LIABILITY) if points > 0 else (LIABILITY, CLEARING)
            await settle_points(channel, debit, credit, abs(points), request)
