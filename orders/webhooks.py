"""`POST /webhooks/stripe`: Stripe's notices about PaymentIntents, an HTTP adapter like `graphql/`.

The signature is checked first (Stripe-Signature, with a tolerance against replays); a refused request
changes nothing and gets 400, so Stripe shows it as failed. A verified event is applied in one transaction;
the same event delivered again is acknowledged and ignored.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from tortoise.transactions import in_transaction

from mall.settings import Settings
from orders.services.cash_payments import receive_stripe_event
from orders.services.stripe_gateway import WebhookRefused, parse_webhook

MAX_WEBHOOK_BYTES = 256_000


def stripe_webhook_endpoint(settings: Settings) -> Callable[[Request], Awaitable[Response]]:
    async def receive(request: Request) -> Response:
        if not settings.stripe_enabled or not settings.stripe_webhook_secret:
            return JSONResponse({"error": "Stripe is not configured."}, status_code=404)
        payload = await request.body()
        if len(payload) > MAX_WEBHOOK_BYTES:
            return JSONResponse({"error": "Too large."}, status_code=413)
        try:
            event = parse_webhook(payload, request.headers.get("stripe-signature"), settings.stripe_webhook_secret)
        except WebhookRefused as refused:
            return JSONResponse({"error": f"Invalid signature: {refused}"}, status_code=400)
        async with in_transaction():
            outcome = await receive_stripe_event(event)
        return JSONResponse({"received": True, "outcome": outcome})

    return receive
