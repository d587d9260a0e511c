"""The `mall.stripe` side of paymentGatewayInitialize, transactionInitialize and transactionProcess.

Saleor's Stripe app answers transactionInitialize with the PaymentIntent's client secret and the
publishable key in `data`; the browser confirms the card with Stripe.js, then Stripe's webhook (or a
transactionProcess poll) tells us it is paid. These use cases call Stripe between short transactions of
their own, so they run outside `run_in_transaction` (orders.services.cash_payments).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from bank_link.policy import cash_policy_for_channel
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes
from mall.graphql.errors import DomainError
from mall.graphql.mutations import refused
from mall.settings import Settings
from orders.models import Checkout, Gateway, Transaction
from orders.services.cash_amounts import plain
from orders.services.cash_payments import cash_points, initialize_cash_payment, process_cash_payment
from orders.services.stripe_gateway import CashGateway, cash_gateway

PayloadT = TypeVar("PayloadT")


async def run_outside_transaction(
    payload: type[PayloadT], error_type: type, codes: ErrorCodes, work: Callable[[], Awaitable[PayloadT]],
) -> PayloadT:
    """A payment mutation whose use case owns its transactions; its refusals become payload errors."""
    try:
        return await work()
    except DomainError as failure:
        return refused(payload, error_type, codes, failure)


def stripe_gateway_for(settings: Settings) -> CashGateway:
    """The Stripe gateway; refuses like an unknown gateway while Stripe is off."""
    gateway = cash_gateway(settings)
    if gateway is None:
        raise DomainError.single(
            "paymentGateway", f"No payment gateway with ID {Gateway.STRIPE.value}.", ApiErrorCode.NOT_FOUND
        )
    return gateway


def intent_data(transaction: Transaction, gateway: CashGateway) -> dict[str, Any]:
    """`data` as Saleor's Stripe app returns it, plus what the mall's pages show the member."""
    return {
        "paymentIntent": {"id": transaction.psp_reference, "client_secret": transaction.client_secret},
        "publishableKey": gateway.publishable_key,
        "stripeJsUrl": gateway.js_url,
        "status": (transaction.cash_status or "").upper(),
        "amount": str(transaction.charge_pending_value + transaction.authorized_value + transaction.charged_value),
        "currency": transaction.currency,
        "points": transaction.covered_points,
    }


async def initialize(settings: Settings, checkout: Checkout, points: int | None, key: str) -> Transaction:
    return await initialize_cash_payment(checkout, points, key, stripe_gateway_for(settings))


async def process(settings: Settings, transaction: Transaction) -> tuple[Transaction, dict[str, Any]]:
    gateway = stripe_gateway_for(settings)
    processed = await process_cash_payment(transaction, gateway)
    return processed, intent_data(processed, gateway)


async def gateway_config(info: Info, checkout: Checkout) -> dict[str, Any] | None:
    """What the browser needs to load Stripe.js and show what cash costs; None while Stripe is off or
    when the channel's issuer does not allow points + cash."""
    gateway = cash_gateway(info.context.settings)
    policy = await cash_policy_for_channel(checkout.channel) if gateway is not None else None
    if gateway is None or policy is None:
        return None
    asked, paid = await cash_points(checkout.token)
    return {
        "publishableKey": gateway.publishable_key,
        "stripeJsUrl": gateway.js_url,
        "cashCurrency": policy.cash_currency,
        "cashValuePerPoint": plain(policy.cash_value_per_point),
        "maxCashSharePercent": plain(policy.max_cash_share_percent),
        "pointsInCash": asked,
        "pointsPaidInCash": paid,
    }
