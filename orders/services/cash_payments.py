"""The `mall.stripe` gateway: the member pays in cash, by card, the points their hold does not cover.

Flow (Saleor's transactions API, the way Saleor's Stripe app works):
1. transactionInitialize(mall.stripe) records a PENDING payment for the shortfall, in points of the
   checkout total, converted at the issuer's cash value per point (orders.services.cash_amounts), within
   the issuer's maximum cash share. That commits BEFORE Stripe is called: no database transaction is held
   across a network call, and a retry with the same idempotency key finds the row and reuses its
   PaymentIntent instead of creating another (localstripe ignores Stripe's idempotency keys).
2. A PaymentIntent is created and stored on the payment; its client secret goes to the browser.
3. Stripe's webhook (or a transactionProcess poll) moves the payment to CHARGED (or FAILED, ...).
4. checkoutComplete counts the charged cash beside the points held, and takes the payment for the order.

A cash payment pays for its checkout for CASH_PAYMENT_WINDOW, like a points hold; then the worker
releases it (orders.services.cash_refunds): the PaymentIntent is canceled, or refunded if it was paid.

Errors (DomainError, OrdersErrorCode): CASH_NOT_ALLOWED (the issuer
does not allow points + cash), CASH_SHARE_TOO_HIGH, INVALID (amount, nothing left to pay), UNIQUE (an
idempotency key used for another gateway), PAYMENT_PROVIDER_ERROR (Stripe refused or is unreachable).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from tortoise.transactions import in_transaction

from bank_link.policy import CashPolicy, cash_policy_for_channel
from kernel import clock
from kernel.errors import DomainError
from orders.errors import OrdersErrorCode
from orders.models import CashStatus, Checkout, Gateway, Transaction
from orders.services.cash_amounts import cash_for_points, plain, to_minor_units
from orders.services.cash_status import OPEN_STATES, event_recorded, move_cash, record_cash_event, status_of_intent
from orders.services.payments import HOLD_DURATION, authorized_points, lock_checkout
from orders.services.stripe_gateway import CashGateway, CashGatewayError, IntentState, WebhookEvent
from orders.services.totals import checkout_totals

CASH_PAYMENT_WINDOW = HOLD_DURATION
# The PaymentIntent events that move a payment; Stripe sends others to the same endpoint (ignored).
INTENT_EVENTS = frozenset({"payment_intent.succeeded", "payment_intent.payment_failed",
                           "payment_intent.amount_capturable_updated", "payment_intent.canceled",
                           "payment_intent.processing", "payment_intent.requires_action"})


@dataclass(frozen=True)
class CashQuote:
    """What the member is asked to pay in cash for `points` of the checkout total."""

    points: int
    amount: Decimal
    currency: str


def _cutoff() -> datetime:
    return clock.now() - CASH_PAYMENT_WINDOW


async def open_cash_payments(
    checkout_token: uuid.UUID, states: frozenset[CashStatus] = OPEN_STATES
) -> list[Transaction]:
    """The checkout's cash payments that pay, or may still pay, for it (not released, not expired)."""
    return list(await Transaction.filter(
        checkout_token=checkout_token, gateway=Gateway.STRIPE, order_id=None, cash_status__in=list(states),
        created_at__gt=_cutoff(),
    ))


async def charged_cash_payments(checkout_token: uuid.UUID) -> list[Transaction]:
    return await open_cash_payments(checkout_token, frozenset({CashStatus.CHARGED}))


async def cash_points(checkout_token: uuid.UUID) -> tuple[int, int]:
    """Points of the total that cash covers: (asked for or paid, paid)."""
    payments = await open_cash_payments(checkout_token)
    paid = sum(p.covered_points for p in payments if p.cash_status == CashStatus.CHARGED)
    return sum(p.covered_points for p in payments), paid


def _refuse(field: str, message: str, code: OrdersErrorCode) -> DomainError:
    return DomainError.single(field, message, code)


async def _policy(checkout: Checkout) -> CashPolicy:
    policy = await cash_policy_for_channel(checkout.channel)
    if policy is None:
        raise _refuse("payment_gateway", "This programme does not allow paying part of a redemption in cash.",
                      OrdersErrorCode.CASH_NOT_ALLOWED)
    return policy


def _check_share(policy: CashPolicy, cash_points_total: int, total_points: int) -> None:
    if not policy.allows_share(cash_points_total, total_points):
        limit = int(policy.max_cash_share_percent * total_points / 100)
        raise _refuse("amount", f"Cash may pay at most {plain(policy.max_cash_share_percent)}% of this "
                      f"checkout ({limit} points): hold more points first.", OrdersErrorCode.CASH_SHARE_TOO_HIGH)


async def quote_cash(checkout: Checkout, points: int | None) -> CashQuote:
    """The cash for `points` (default: what neither held points nor other cash payments cover).
    Raises DomainError CASH_NOT_ALLOWED, INVALID, CASH_SHARE_TOO_HIGH."""
    policy = await _policy(checkout)
    total = (await checkout_totals(checkout)).total_points
    in_cash, _ = await cash_points(checkout.token)
    shortfall = total - await authorized_points(checkout) - in_cash
    wanted = shortfall if points is None else points
    if shortfall <= 0 or wanted <= 0:
        raise _refuse("amount", "Nothing left to pay in cash.", OrdersErrorCode.INVALID)
    if wanted > shortfall:
        raise _refuse("amount", f"Only {shortfall} points of this checkout are left to pay.", OrdersErrorCode.INVALID)
    _check_share(policy, in_cash + wanted, total)
    amount = cash_for_points(wanted, policy.cash_value_per_point, policy.cash_currency)
    return CashQuote(wanted, amount, policy.cash_currency)


async def reserve_cash_payment(checkout: Checkout, points: int | None, idempotency_key: str) -> Transaction:
    """Record the payment (PENDING) for `points` of the checkout total. Call inside a transaction that
    commits before Stripe is called. The same key returns the same payment. Raises what quote_cash raises,
    and UNIQUE for a key used for a points payment."""
    key = f"checkout:{checkout.token}:{idempotency_key}"
    await lock_checkout(checkout)  # two attempts at once must not both ask for the same shortfall
    existing = await Transaction.get_or_none(idempotency_key=key)
    if existing is not None:
        if existing.gateway != Gateway.STRIPE:
            raise _refuse(
                "idempotency_key", "This idempotency key was used for another payment.", OrdersErrorCode.UNIQUE
            )
        return existing
    quote = await quote_cash(checkout, points)
    transaction = await Transaction.create(
        checkout_token=checkout.token, gateway=Gateway.STRIPE, name="Card", currency=quote.currency,
        idempotency_key=key, cash_status=CashStatus.PENDING, charge_pending_value=quote.amount,
        covered_points=quote.points,
    )
    message = f"{quote.points} points paid in cash"
    await record_cash_event(transaction, "CHARGE_REQUEST", quote.amount, message)
    return transaction


def intent_request(transaction: Transaction) -> tuple[int, str, dict[str, str], str]:
    """What to ask Stripe for: amount in the currency's smallest unit, currency, metadata, idempotency key."""
    metadata = {"transaction_token": str(transaction.token), "checkout_token": str(transaction.checkout_token),
                "covered_points": str(transaction.covered_points)}
    amount = to_minor_units(transaction.charge_pending_value, transaction.currency)
    return amount, transaction.currency, metadata, f"mall:transaction:{transaction.token}:create"


async def attach_intent(token: uuid.UUID, intent: IntentState) -> Transaction:
    """Store the new PaymentIntent on its payment and move it where the intent stands. Idempotent: a payment
    that already has one keeps it."""
    transaction = await Transaction.get(token=token)
    if transaction.psp_reference:
        return transaction
    await Transaction.filter(token=token, psp_reference="").update(
        psp_reference=intent.id, client_secret=intent.client_secret
    )
    transaction.psp_reference, transaction.client_secret = intent.id, intent.client_secret
    await move_cash(transaction, CashStatus.ACTION_REQUIRED, "Waiting for the member's card.")
    await move_cash(transaction, status_of_intent(intent), intent.failure_message)
    return transaction


async def give_up_creation(token: uuid.UUID, failure: CashGatewayError) -> None:
    """Stripe refused to create the PaymentIntent: the payment is canceled (a new attempt gets a new key)."""
    transaction = await Transaction.get(token=token)
    if not transaction.psp_reference:
        await move_cash(transaction, CashStatus.CANCELED, f"Stripe refused the payment: {failure.message}")


async def apply_intent(intent: IntentState, key: str | None = None) -> Transaction | None:
    """Move our payment to where its PaymentIntent stands (a webhook, a poll). None for an intent that is
    not ours. A notice of a state already left changes nothing."""
    transaction = await Transaction.filter(gateway=Gateway.STRIPE, psp_reference=intent.id).first()
    if transaction is None or transaction.cash_status is None:
        return None
    await move_cash(transaction, status_of_intent(intent), intent.failure_message, key)
    return transaction


def refusal_of(failure: CashGatewayError) -> DomainError:
    return _refuse("payment_gateway", f"Stripe: {failure.message}", OrdersErrorCode.PAYMENT_PROVIDER_ERROR)


async def initialize_cash_payment(
    checkout: Checkout, points: int | None, idempotency_key: str, gateway: CashGateway
) -> Transaction:
    """The use case behind transactionInitialize(mall.stripe): it owns its transactions, because Stripe is
    called between them (record the payment, create the PaymentIntent, store it). Raises what
    reserve_cash_payment raises, and PAYMENT_PROVIDER_ERROR when Stripe refuses (the payment is then
    canceled, and the same key keeps answering so: start again with a new key)."""
    async with in_transaction():
        transaction = await reserve_cash_payment(checkout, points, idempotency_key)
    if transaction.psp_reference:
        return transaction
    if transaction.cash_status != CashStatus.PENDING:
        raise _refuse("idempotency_key", "This payment attempt failed: start a new one with another key.",
                      OrdersErrorCode.PAYMENT_PROVIDER_ERROR)
    try:
        intent = await gateway.create_intent(*intent_request(transaction))
    except CashGatewayError as failure:
        async with in_transaction():
            await give_up_creation(transaction.token, failure)
        raise refusal_of(failure) from failure
    async with in_transaction():
        return await attach_intent(transaction.token, intent)


async def process_cash_payment(transaction: Transaction, gateway: CashGateway) -> Transaction:
    """transactionProcess(mall.stripe): read the PaymentIntent now (for clients that do not wait for the
    webhook) and move the payment accordingly. Raises PAYMENT_PROVIDER_ERROR when Stripe cannot answer."""
    if not transaction.psp_reference:
        return transaction
    try:
        intent = await gateway.retrieve_intent(transaction.psp_reference)
    except CashGatewayError as failure:
        raise refusal_of(failure) from failure
    async with in_transaction():
        await apply_intent(intent)
    return await Transaction.get(token=transaction.token)


async def receive_stripe_event(event: WebhookEvent) -> str:
    """A verified Stripe event, inside the caller's transaction: "applied", "duplicate" (this event id was
    applied before), or "ignored" (another type, an intent that is not ours, a state already left)."""
    key = f"stripe:{event.id}"
    if await event_recorded(key):
        return "duplicate"
    if event.type not in INTENT_EVENTS or event.intent is None:
        return "ignored"
    transaction = await Transaction.filter(gateway=Gateway.STRIPE, psp_reference=event.intent.id).first()
    if transaction is None or transaction.cash_status is None:
        return "ignored"
    moved = await move_cash(transaction, status_of_intent(event.intent), event.intent.failure_message, key)
    return "applied" if moved else "ignored"
