"""Paying a partner statement: a Stripe Connect transfer through the outbox, or a manual payment.

    markPaid, partner with a connected account, Stripe configured, amount due > 0:
        a pending Payout and an outbox message in the same transaction; `mall worker` makes the transfer
        (idempotency key = the payout's) and only then moves the statement to paid
    otherwise: the operator paid by hand and gives the reference; the statement is paid at once

Issuer statements are paid by the bank: marking them paid records the bank's reference.
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from kernel import clock
from mall.outbox.models import OutboxMessage
from mall.outbox.services import Handler, enqueue
from partners.models import Partner
from settlement.errors import SettlementErrorCode, refusal
from settlement.lifecycle import check_reference, move_statement, record_payment, require_status
from settlement.models import (
    CounterpartyKind,
    Payout,
    PayoutMethod,
    PayoutStatus,
    Statement,
    StatementStatus,
)
from settlement.partner.transfers import ConnectTransfers, TransferFailed, TransferOrder

PAYOUT_TOPIC = "settlement.payout"
WORKER_ACTOR = "system:worker"


async def mark_statement_paid(statement: Statement, actor: str, reference: str | None, *,
                              stripe_enabled: bool) -> Statement:
    """The operator settles a confirmed statement (see the module's docstring for how).

    Raises DomainError INVALID_TRANSITION (not confirmed, or a payout is already on its way), REQUIRED /
    INVALID (the reference of a manual payment).
    """
    require_status(statement, StatementStatus.CONFIRMED)
    if await Payout.exists(statement_id=statement.id):
        raise refusal(SettlementErrorCode.INVALID_TRANSITION, "A payout of this statement is on its way.", "id")
    if statement.kind == CounterpartyKind.PARTNER:
        partner = await Partner.get(code=statement.counterparty_code)
        if stripe_enabled and partner.stripe_account_id and statement.amount_due > 0:
            await _send_by_stripe(statement, partner, actor)
            return statement
        await _record_manual_payout(statement, partner, actor, check_reference(reference or ""))
    return await record_payment(statement, reference or "", actor)


async def _send_by_stripe(statement: Statement, partner: Partner, actor: str) -> Payout:
    payout = await Payout.create(
        statement_id=statement.id, partner_code=partner.code, method=PayoutMethod.STRIPE,
        amount=statement.amount_due, currency=statement.currency, destination=partner.stripe_account_id or "",
        idempotency_key=f"payout:statement:{statement.id}", actor=actor,
    )
    await enqueue(PAYOUT_TOPIC, {"payout_id": payout.id}, dedup_key=f"payout:{payout.id}")
    return payout


async def _record_manual_payout(statement: Statement, partner: Partner, actor: str, reference: str) -> Payout:
    return await Payout.create(
        statement_id=statement.id, partner_code=partner.code, method=PayoutMethod.MANUAL, status=PayoutStatus.SENT,
        amount=max(statement.amount_due, 0), currency=statement.currency, reference=reference,
        idempotency_key=f"payout:statement:{statement.id}", actor=actor, sent_at=clock.now(),
    )


def payout_handler(transfers: ConnectTransfers | None) -> Handler:
    """The outbox handler for PAYOUT_TOPIC. Raises TransferFailed (retried) when Stripe is not configured
    or refuses; a payout already sent is not sent again."""

    async def deliver(message: OutboxMessage) -> None:
        payout = await Payout.get(id=int(message.payload["payout_id"]))
        if payout.status == PayoutStatus.SENT:
            return
        if transfers is None:
            raise TransferFailed("Stripe is not configured (STRIPE_SECRET_KEY)")
        order = TransferOrder(payout.amount, payout.currency, payout.destination, payout.idempotency_key,
                              f"Settlement statement {payout.statement_id}")  # type: ignore[attr-defined]
        await _mark_sent(payout, await transfers.create_transfer(order))

    return deliver


async def _mark_sent(payout: Payout, transfer_id: str) -> None:
    async with in_transaction():
        sent = await Payout.filter(id=payout.id, status=PayoutStatus.PENDING).update(
            status=PayoutStatus.SENT, reference=transfer_id, sent_at=clock.now()
        )
        if not sent:
            return
        statement = await Statement.get(id=payout.statement_id)  # type: ignore[attr-defined]
        await move_statement(statement, StatementStatus.PAID, WORKER_ACTOR, f"Stripe transfer {transfer_id}")
        await Statement.filter(id=statement.id).update(payment_reference=transfer_id)
