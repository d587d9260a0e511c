"""Stripe behind a small Protocol: the only module that talks to Stripe (the `stripe` SDK 16, async).

`StripeCashGateway` is the one real implementation; tests run it against localstripe. Every create call
carries an idempotency key. Stripe honours them for 24 hours, localstripe ignores them, so callers also
make their own calls idempotent: they store the PaymentIntent id with the transaction and reuse it, and
look for an earlier refund by the key kept in its metadata before creating one.

Errors: every Stripe failure is raised as CashGatewayError; `permanent` tells a caller whether trying the
same request again could succeed (a declined card or a bad request will not, a timeout may).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import stripe

from mall.settings import Settings

WEBHOOK_TOLERANCE_SECONDS = 300
REQUEST_TIMEOUT_SECONDS = 20
NETWORK_RETRIES = 2
IDEMPOTENCY_METADATA_KEY = "idempotency_key"
TRANSIENT_ERRORS = (stripe.APIConnectionError, stripe.RateLimitError, stripe.APIError)


class CashGatewayError(Exception):
    """Stripe refused a request or could not be reached."""

    def __init__(self, message: str, code: str, permanent: bool) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.permanent = permanent


class WebhookRefused(Exception):
    """A webhook whose signature is missing, wrong or too old: nothing from it may be trusted."""


@dataclass(frozen=True)
class IntentState:
    """What we read of a PaymentIntent."""

    id: str
    status: str
    amount_minor: int
    currency: str
    client_secret: str
    failure_message: str = ""


@dataclass(frozen=True)
class RefundState:
    id: str
    status: str
    amount_minor: int


@dataclass(frozen=True)
class WebhookEvent:
    id: str
    type: str
    intent: IntentState | None  # the PaymentIntent of payment_intent.* events


class CashGateway(Protocol):
    publishable_key: str
    js_url: str

    async def create_intent(
        self, amount_minor: int, currency: str, metadata: dict[str, str], idempotency_key: str
    ) -> IntentState: ...

    async def retrieve_intent(self, intent_id: str) -> IntentState: ...

    async def cancel_intent(self, intent_id: str, idempotency_key: str) -> IntentState: ...

    async def find_refund(self, intent_id: str, idempotency_key: str) -> RefundState | None: ...

    async def create_refund(
        self, intent_id: str, amount_minor: int, metadata: dict[str, str], idempotency_key: str
    ) -> RefundState: ...


def _failure(error: stripe.StripeError) -> CashGatewayError:
    message = error.user_message or str(error) or type(error).__name__
    return CashGatewayError(message, error.code or type(error).__name__, not isinstance(error, TRANSIENT_ERRORS))


def intent_state(intent: Any) -> IntentState:
    """A PaymentIntent object (SDK object or webhook JSON) as the fields we use."""
    data = intent if isinstance(intent, dict) else intent.to_dict()
    error = data.get("last_payment_error") or {}
    return IntentState(
        id=data["id"],
        status=data["status"],
        amount_minor=int(data["amount"]),
        currency=str(data["currency"]).upper(),
        client_secret=data.get("client_secret") or "",
        failure_message=error.get("message") or "",
    )


class StripeCashGateway:
    """Stripe through `stripe.StripeClient` (async over httpx). `api_base` points it at localstripe in tests."""

    def __init__(self, secret_key: str, publishable_key: str, api_base: str, js_url: str) -> None:
        self.publishable_key = publishable_key
        self.js_url = js_url
        self.client = stripe.StripeClient(
            secret_key,
            base_addresses={"api": api_base},
            http_client=stripe.HTTPXClient(timeout=REQUEST_TIMEOUT_SECONDS),
            max_network_retries=NETWORK_RETRIES,
        )

    async def create_intent(
        self, amount_minor: int, currency: str, metadata: dict[str, str], idempotency_key: str
    ) -> IntentState:
        # Card only: localstripe knows no automatic_payment_methods, and members pay by card.
        params: Any = {"amount": amount_minor, "currency": currency.lower(), "payment_method_types": ["card"],
                       "metadata": metadata}
        return await self._call(self.client.v1.payment_intents.create_async(
            params=params, options={"idempotency_key": idempotency_key}))

    async def retrieve_intent(self, intent_id: str) -> IntentState:
        return await self._call(self.client.v1.payment_intents.retrieve_async(intent_id))

    async def cancel_intent(self, intent_id: str, idempotency_key: str) -> IntentState:
        return await self._call(self.client.v1.payment_intents.cancel_async(
            intent_id, options={"idempotency_key": idempotency_key}))

    async def find_refund(self, intent_id: str, idempotency_key: str) -> RefundState | None:
        try:
            refunds = await self.client.v1.refunds.list_async(params={"payment_intent": intent_id, "limit": 100})
        except stripe.StripeError as error:
            raise _failure(error) from error
        for refund in refunds.data:
            metadata = refund.metadata.to_dict() if refund.metadata else {}
            if metadata.get(IDEMPOTENCY_METADATA_KEY) == idempotency_key:
                return RefundState(refund.id, refund.status or "", refund.amount)
        return None

    async def create_refund(
        self, intent_id: str, amount_minor: int, metadata: dict[str, str], idempotency_key: str
    ) -> RefundState:
        params: Any = {"payment_intent": intent_id, "amount": amount_minor,
                       "metadata": {**metadata, IDEMPOTENCY_METADATA_KEY: idempotency_key}}
        try:
            refund = await self.client.v1.refunds.create_async(
                params=params, options={"idempotency_key": idempotency_key})
        except stripe.StripeError as error:
            raise _failure(error) from error
        return RefundState(refund.id, refund.status or "", refund.amount)

    async def _call(self, request: Any) -> IntentState:
        try:
            return intent_state(await request)
        except stripe.StripeError as error:
            raise _failure(error) from error


_gateways: dict[tuple[str, str, str, str], StripeCashGateway] = {}


def cash_gateway(settings: Settings) -> CashGateway | None:
    """The process's Stripe gateway (one HTTP connection pool), or None while Stripe is off."""
    if not settings.stripe_enabled:
        return None
    key = (settings.stripe_secret_key, settings.stripe_publishable_key, settings.stripe_api_base,
           settings.stripe_js_url)
    if key not in _gateways:
        _gateways[key] = StripeCashGateway(*key)
    return _gateways[key]


def parse_webhook(payload: bytes, signature: str | None, secret: str) -> WebhookEvent:
    """The verified event. Raises WebhookRefused for a missing, wrong or stale signature (older than
    WEBHOOK_TOLERANCE_SECONDS: a replayed request) or a body that is not an event."""
    if not signature:
        raise WebhookRefused("No Stripe-Signature header.")
    try:
        event = stripe.Webhook.construct_event(payload, signature, secret, tolerance=WEBHOOK_TOLERANCE_SECONDS)
    except (stripe.SignatureVerificationError, ValueError) as error:
        raise WebhookRefused(str(error)) from error
    data = event.to_dict()
    obj = (data.get("data") or {}).get("object") or {}
    intent = intent_state(obj) if obj.get("object") == "payment_intent" else None
    return WebhookEvent(id=data["id"], type=data["type"], intent=intent)
