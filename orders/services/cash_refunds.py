"""Giving cash back: refunds of charged card payments, and release of abandoned ones, through the outbox.

Two outbox topics, delivered by `mall worker` (at least once; both handlers are safe to deliver twice):
- `payments.cash_refund` {transaction_token, amount, currency, reason, idempotency_key}: refund part or all
  of a charged payment (a canceled order, a return). Enqueued by `cancel_order` and by fulfilment's refunds.
- `payments.cash_release` {transaction_token, reason}: a payment whose checkout was abandoned or completed
  without it: its PaymentIntent is canceled (voided) or, if the member paid it after all, refunded.

A refund is recorded once per idempotency key: the TransactionEvent's key is unique, and before asking
Stripe again the handler looks for a refund already made with that key (localstripe ignores Stripe's own
idempotency keys, and a worker may die between Stripe's answer and our commit).

Each handler calls Stripe outside any database transaction and records the result in a short one.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from kernel import clock
from mall.outbox.models import OutboxMessage
from mall.outbox.services import enqueue
from orders.models import CashStatus, Gateway, Order, OrderEvent, Transaction
from orders.services.cash_amounts import from_minor_units, to_minor_units
from orders.services.cash_payments import CASH_PAYMENT_WINDOW
from orders.services.cash_status import event_recorded, move_cash, record_cash_event
from orders.services.stripe_gateway import CashGateway, CashGatewayError, IntentState

CASH_REFUND_TOPIC = "payments.cash_refund"
CASH_RELEASE_TOPIC = "payments.cash_release"
RELEASE_BATCH_SIZE = 100
CANCELABLE_INTENT_STATES = frozenset({"requires_payment_method", "requires_confirmation", "requires_action",
                                      "requires_capture"})
log = logging.getLogger("mall.payments")


async def enqueue_cash_refund(
    transaction: Transaction, amount: Decimal, reason: str, idempotency_key: str
) -> OutboxMessage:
    """Ask the worker to refund `amount` of a charged card payment (inside the caller's transaction)."""
    payload = {"transaction_token": str(transaction.token), "amount": str(amount), "currency": transaction.currency,
               "reason": reason, "idempotency_key": idempotency_key}
    return await enqueue(CASH_REFUND_TOPIC, payload, idempotency_key)


async def release_cash_payment(transaction: Transaction, reason: str) -> bool:
    """Stop a payment that no order uses from paying for anything, and ask the worker to void or refund it.
    False when it is already released, or an order took it first."""
    if not await move_cash(transaction, CashStatus.RELEASING, reason, only_if={"order_id": None}):
        return False
    await enqueue(CASH_RELEASE_TOPIC, {"transaction_token": str(transaction.token), "reason": reason},
                  f"release:{transaction.token}")
    return True


async def release_abandoned_cash_payments(now: datetime | None = None, limit: int = RELEASE_BATCH_SIZE) -> int:
    """The worker's job: release the cash payments of checkouts left longer than CASH_PAYMENT_WINDOW (each in
    its own transaction). Returns how many it released."""
    cutoff = (now or clock.now()) - CASH_PAYMENT_WINDOW
    unpaid = [CashStatus.PENDING, CashStatus.ACTION_REQUIRED, CashStatus.FAILED, CashStatus.AUTHORIZED]
    due = await Transaction.filter(
        Q(cash_status__in=unpaid) | Q(cash_status=CashStatus.CHARGED, order_id=None),
        gateway=Gateway.STRIPE, created_at__lte=cutoff,
    ).order_by("created_at").limit(limit)
    released = 0
    for transaction in due:
        try:
            async with in_transaction():
                released += await release_cash_payment(transaction, "The checkout was abandoned.")
        except Exception:  # one failure must not stop the worker: the payment is tried again next run
            log.exception("releasing an abandoned card payment failed", extra={"transaction": str(transaction.token)})
    return released


def _payload_amount(payload: dict[str, Any]) -> Decimal | None:
    try:
        amount = Decimal(str(payload["amount"]))
    except (KeyError, InvalidOperation):
        return None
    return amount if amount.is_finite() and amount > 0 else None


def _refund_problem(transaction: Transaction | None, amount: Decimal | None, currency: str) -> str:
    """Why this refund request can never succeed, or "" when it can be sent."""
    if transaction is None or transaction.gateway != Gateway.STRIPE or not transaction.psp_reference:
        return "No card payment to refund."
    if amount is None or currency.upper() != transaction.currency.upper():
        return "The refund's amount or currency is invalid."
    if amount > transaction.charged_value:
        return f"Only {transaction.charged_value} {transaction.currency} is left to refund."
    return ""


async def _record_refund_failure(transaction: Transaction | None, amount: Decimal | None, message: str,
                                 key: str) -> None:
    log.warning("cash refund refused", extra={"idempotency_key": key, "reason": message})
    if transaction is None:
        return
    async with in_transaction():
        if not await event_recorded(key):
            await record_cash_event(transaction, "REFUND_FAILURE", amount or Decimal(0), message, key)


async def _record_refund(token: uuid.UUID, amount: Decimal, refund_id: str, reason: str, key: str) -> None:
    """Inside a transaction: the refund lowers what the payment and its order keep (rows locked)."""
    if await event_recorded(key):
        return
    transaction = await Transaction.filter(token=token).select_for_update().get()
    charged = transaction.charged_value - amount
    status = CashStatus.REFUNDED if charged <= 0 else transaction.cash_status
    await Transaction.filter(token=token).update(
        charged_value=charged, refunded_value=transaction.refunded_value + amount, cash_status=status
    )
    await record_cash_event(transaction, "REFUND_SUCCESS", amount, reason, key, psp_reference=refund_id)
    if transaction.order_id is not None:  # type: ignore[attr-defined]
        order = await Order.filter(id=transaction.order_id).select_for_update().get()  # type: ignore[attr-defined]
        await Order.filter(id=order.id).update(cash_refunded=order.cash_refunded + amount)
        message = f"{amount} {transaction.currency} refunded to the card: {reason}"
        await OrderEvent.create(order=order, type="PAYMENT_REFUNDED", actor="system:worker", message=message,
                                data={"amount": str(amount), "currency": transaction.currency})


async def _refund_at_stripe(gateway: CashGateway, transaction: Transaction, amount: Decimal, reason: str,
                            key: str) -> str:
    """The Stripe refund for this key (an earlier one if a previous delivery made it). Returns its id."""
    earlier = await gateway.find_refund(transaction.psp_reference, key)
    if earlier is not None:
        return earlier.id
    metadata = {"transaction_token": str(transaction.token), "reason": reason[:450]}
    minor = to_minor_units(amount, transaction.currency)
    return (await gateway.create_refund(transaction.psp_reference, minor, metadata, key)).id


async def refund_cash(gateway: CashGateway, payload: dict[str, Any]) -> None:
    """Deliver one `payments.cash_refund`. A request that can never succeed (unknown payment, more than was
    charged, a refusal by Stripe) is recorded as REFUND_FAILURE and not retried; a network failure raises
    CashGatewayError so the outbox retries it."""
    key = str(payload.get("idempotency_key") or "")
    if not key or await event_recorded(key):
        return
    transaction = await Transaction.get_or_none(token=payload.get("transaction_token"))
    amount, reason = _payload_amount(payload), str(payload.get("reason") or "refund")
    problem = _refund_problem(transaction, amount, str(payload.get("currency") or ""))
    if problem or transaction is None or amount is None:
        await _record_refund_failure(transaction, amount, problem, key)
        return
    try:
        refund_id = await _refund_at_stripe(gateway, transaction, amount, reason, key)
    except CashGatewayError as failure:
        if not failure.permanent:
            raise
        await _record_refund_failure(transaction, amount, f"Stripe: {failure.message}", key)
        return
    async with in_transaction():
        await _record_refund(transaction.token, amount, refund_id, reason, key)


async def _settle_intent(gateway: CashGateway, transaction: Transaction) -> IntentState:
    """Cancel the payment's PaymentIntent if it can still be canceled; returns where it ends."""
    intent = await gateway.retrieve_intent(transaction.psp_reference)
    if intent.status not in CANCELABLE_INTENT_STATES:
        return intent
    try:
        return await gateway.cancel_intent(intent.id, f"mall:transaction:{transaction.token}:cancel")
    except CashGatewayError as failure:
        if not failure.permanent:
            raise
        return await gateway.retrieve_intent(intent.id)  # paid meanwhile: refunded below


async def release_cash(gateway: CashGateway, payload: dict[str, Any]) -> None:
    """Deliver one `payments.cash_release`: void the PaymentIntent, or refund it if it was paid. A payment
    still processing at Stripe raises so that the outbox tries again later."""
    transaction = await Transaction.get_or_none(token=payload.get("transaction_token"))
    if transaction is None or transaction.cash_status != CashStatus.RELEASING:
        return
    reason = str(payload.get("reason") or "released")
    intent = await _settle_intent(gateway, transaction) if transaction.psp_reference else None
    if intent is None or intent.status == "canceled":
        async with in_transaction():
            await move_cash(transaction, CashStatus.CANCELED, reason)
        return
    if intent.status != "succeeded":
        raise CashGatewayError(f"PaymentIntent {intent.id} is {intent.status}", "not_settled", permanent=False)
    await _refund_released(gateway, transaction, intent, reason)


async def _refund_released(gateway: CashGateway, transaction: Transaction, intent: IntentState, reason: str) -> None:
    amount = from_minor_units(intent.amount_minor, intent.currency)
    key = f"mall:transaction:{transaction.token}:release-refund"
    refund_id = await _refund_at_stripe(gateway, transaction, amount, reason, key)
    async with in_transaction():
        if await event_recorded(key):
            return
        await Transaction.filter(token=transaction.token, cash_status=CashStatus.RELEASING).update(
            cash_status=CashStatus.REFUNDED, charge_pending_value=0, authorized_value=0, charged_value=0,
            refunded_value=amount,
        )
        await record_cash_event(transaction, "REFUND_SUCCESS", amount, reason, key, psp_reference=refund_id)


Handler = Callable[[OutboxMessage], Awaitable[None]]


def cash_handlers(gateway: CashGateway) -> dict[str, Handler]:
    """The outbox handlers of the cash topics, for `mall worker`."""

    async def refund(message: OutboxMessage) -> None:
        await refund_cash(gateway, message.payload)

    async def release(message: OutboxMessage) -> None:
        await release_cash(gateway, message.payload)

    return {CASH_REFUND_TOPIC: refund, CASH_RELEASE_TOPIC: release}
