"""The `mall.stripe` payment state machine: a table of allowed moves and the one function that applies them.

A move is a conditional update (the row must still be in the state it was read in), so a webhook, a
transactionProcess poll and the worker racing on one payment move it once; the loser sees False. Each move
records one TransactionEvent, whose idempotency key (a Stripe event id, a refund request) is unique.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from orders.models import CashStatus, Transaction, TransactionEvent
from orders.services.stripe_gateway import IntentState

S = CashStatus
TRANSITIONS: dict[CashStatus, frozenset[CashStatus]] = {
    S.PENDING: frozenset({S.ACTION_REQUIRED, S.CANCELED, S.RELEASING}),
    S.ACTION_REQUIRED: frozenset({S.FAILED, S.AUTHORIZED, S.CHARGED, S.CANCELED, S.RELEASING}),
    S.FAILED: frozenset({S.ACTION_REQUIRED, S.AUTHORIZED, S.CHARGED, S.CANCELED, S.RELEASING}),
    S.AUTHORIZED: frozenset({S.CHARGED, S.CANCELED, S.RELEASING}),
    S.CHARGED: frozenset({S.REFUNDED, S.RELEASING}),
    S.RELEASING: frozenset({S.CANCELED, S.REFUNDED}),
    S.REFUNDED: frozenset(),
    S.CANCELED: frozenset(),
}
# Saleor's TransactionEventTypeEnum value recorded when a payment enters each state.
EVENT_TYPES = {
    S.ACTION_REQUIRED: "CHARGE_ACTION_REQUIRED",
    S.FAILED: "CHARGE_FAILURE",
    S.AUTHORIZED: "AUTHORIZATION_SUCCESS",
    S.CHARGED: "CHARGE_SUCCESS",
    S.RELEASING: "CANCEL_REQUEST",
    S.REFUNDED: "REFUND_SUCCESS",
    S.CANCELED: "CANCEL_SUCCESS",
}
# States in which a payment still pays (or may still pay) for its checkout.
OPEN_STATES = frozenset({S.PENDING, S.ACTION_REQUIRED, S.FAILED, S.AUTHORIZED, S.CHARGED})


def status_of_intent(intent: IntentState) -> CashStatus:
    """Where a PaymentIntent's Stripe status puts our payment."""
    if intent.status == "succeeded":
        return S.CHARGED
    if intent.status == "requires_capture":
        return S.AUTHORIZED
    if intent.status == "canceled":
        return S.CANCELED
    if intent.status == "requires_payment_method" and intent.failure_message:
        return S.FAILED
    return S.ACTION_REQUIRED


def amounts_for(target: CashStatus, transaction: Transaction) -> dict[str, Any]:
    """The amount columns a move sets: the cash asked for (pending, then authorized) becomes charged, or
    canceled when the payment is given up before any charge."""
    asked = transaction.charge_pending_value + transaction.authorized_value
    if target is S.AUTHORIZED:
        return {"charge_pending_value": Decimal(0), "authorized_value": asked}
    if target is S.CHARGED:
        return {"charge_pending_value": Decimal(0), "authorized_value": Decimal(0), "charged_value": asked}
    if target is S.CANCELED:
        return {"charge_pending_value": Decimal(0), "authorized_value": Decimal(0), "canceled_value": asked}
    return {}


async def record_cash_event(
    transaction: Transaction, kind: str, amount: Decimal, message: str = "", key: str | None = None,
    psp_reference: str | None = None,
) -> TransactionEvent:
    return await TransactionEvent.create(
        transaction=transaction, type=kind, amount=amount, message=message[:512],
        psp_reference=transaction.psp_reference if psp_reference is None else psp_reference, idempotency_key=key,
    )


async def event_recorded(key: str) -> bool:
    return await TransactionEvent.filter(idempotency_key=key).exists()


async def move_cash(
    transaction: Transaction, target: CashStatus, message: str = "", key: str | None = None,
    values: dict[str, Any] | None = None, only_if: dict[str, Any] | None = None,
) -> bool:
    """Move the payment to `target` if the table allows it, nobody moved it meanwhile and the row matches
    `only_if`; records the event. Returns False (and changes nothing) otherwise: a late or repeated notice
    of a state already left, or a payment another use case took first."""
    current = CashStatus(transaction.cash_status)
    if target not in TRANSITIONS[current]:
        return False
    changes = {**amounts_for(target, transaction), **(values or {})}
    still = Transaction.filter(token=transaction.token, cash_status=current, **(only_if or {}))
    moved = await still.update(cash_status=target, **changes)
    if not moved:
        return False
    transaction.cash_status = target
    for name, value in changes.items():
        setattr(transaction, name, value)
    amount = transaction.charge_pending_value + transaction.authorized_value + transaction.charged_value
    await record_cash_event(transaction, EVENT_TYPES[target], amount + transaction.canceled_value, message, key)
    return True
