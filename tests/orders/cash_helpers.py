"""Points + cash in tests: an issuer that allows cash, the member's browser paying at localstripe, Stripe
webhooks (sent by localstripe to the app served by uvicorn, or signed here with the same secret)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Any

import httpx
import uvicorn

from bank_link.models import Issuer
from mall.app import create_app
from mall.settings import Settings
from orders.models import Transaction
from tests.conftest import LocalStripe
from tests.serving import free_port

GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000341"  # localstripe and Stripe: attaches, then every charge is declined
WAIT_SECONDS = 15


async def make_issuer(
    code: str = "BANKA", points_cash_allowed: bool = True, max_cash_share_percent: str = "30",
    cash_value_per_point: str = "0.01234", cash_currency: str = "CNY",
) -> Issuer:
    # bank_link has no service that writes issuers yet: the row is made as that service would make it.
    return await Issuer.create(
        code=code, name=f"Bank {code}", points_unit="PTS", points_cash_allowed=points_cash_allowed,
        max_cash_share_percent=Decimal(max_cash_share_percent), cash_value_per_point=Decimal(cash_value_per_point),
        cash_currency=cash_currency,
    )


async def pay_by_card(localstripe: LocalStripe, intent_id: str, card_number: str = GOOD_CARD) -> dict[str, Any]:
    """What Stripe.js does in the member's browser: attach a card to the PaymentIntent and confirm it.
    Returns localstripe's answer to the confirmation (an error body for a declined card)."""
    card = {"type": "card", "card[number]": card_number, "card[exp_month]": "12", "card[exp_year]": "2030",
            "card[cvc]": "123"}
    async with localstripe.admin() as client:
        method = (await client.post("/v1/payment_methods", data=card)).json()
        attached = await client.post(f"/v1/payment_intents/{intent_id}", data={"payment_method": method["id"]})
        attached.raise_for_status()
        return (await client.post(f"/v1/payment_intents/{intent_id}/confirm")).json()


async def stripe_objects(localstripe: LocalStripe, path: str, **params: str) -> list[dict[str, Any]]:
    async with localstripe.admin() as client:
        reply = await client.get(path, params=params)
        reply.raise_for_status()
        return reply.json()["data"]


async def stripe_event(localstripe: LocalStripe, kind: str, intent_id: str) -> dict[str, Any]:
    """The event localstripe recorded for this PaymentIntent (the body Stripe would post)."""
    events = await stripe_objects(localstripe, "/v1/events")
    return next(e for e in events if e["type"] == kind and e["data"]["object"]["id"] == intent_id)


def signature_header(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """Stripe's Stripe-Signature: t=<unix time>,v1=<HMAC-SHA256 of "<t>.<body>" with the endpoint secret>."""
    stamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"


async def post_event(http: httpx.AsyncClient, event: dict[str, Any], secret: str,
                     timestamp: int | None = None) -> httpx.Response:
    payload = json.dumps(event).encode()
    headers = {"Stripe-Signature": signature_header(payload, secret, timestamp), "Content-Type": "application/json"}
    return await http.post("/webhooks/stripe", content=payload, headers=headers)


async def eventually(check: Callable[[], Awaitable[bool]], what: str) -> None:
    """Wait until `check` holds (a webhook localstripe sends about a second after the payment)."""
    deadline = asyncio.get_running_loop().time() + WAIT_SECONDS
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)


async def cash_status(transaction_token: Any) -> str | None:
    return (await Transaction.get(token=transaction_token)).cash_status


@asynccontextmanager
async def served_app(settings: Settings) -> AsyncIterator[str]:
    """The app under uvicorn on a free 127.0.0.1 port, in this event loop (it shares the test's database)."""
    port = free_port()
    config = uvicorn.Config(create_app(settings, manage_database=False), host="127.0.0.1", port=port,
                            log_config=None, lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "uvicorn did not start"
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
