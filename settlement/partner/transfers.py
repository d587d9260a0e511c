"""Stripe Connect transfers: the one call a partner payout makes to Stripe, behind a small protocol.

`StripeConnectTransfers` posts `POST /v1/transfers` (amount in the currency's minor unit, destination =
the partner's connected account) with an Idempotency-Key, so the outbox's at-least-once delivery cannot
pay twice. localstripe (the Stripe stand-in the tests run) does not implement /v1/transfers, so this
implementation is exercised only against Stripe itself.

Errors: `TransferFailed` for any refusal or transport failure (the outbox retries the payout later).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

import httpx

from mall.settings import STRIPE_API_BASE, Settings

TIMEOUT_SECONDS = 30.0
# Currencies without a minor unit (Stripe's zero-decimal list, those a mall is likely to pay in).
ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "VND", "CLP", "ISK"})


class TransferFailed(Exception):
    pass


@dataclass(frozen=True)
class TransferOrder:
    amount: Decimal
    currency: str
    destination: str  # acct_...
    idempotency_key: str
    description: str


class ConnectTransfers(Protocol):
    async def create_transfer(self, order: TransferOrder) -> str:
        """Send the money; returns the transfer id (tr_...). Raises TransferFailed."""
        ...


def minor_units(amount: Decimal, currency: str) -> int:
    exponent = 0 if currency.upper() in ZERO_DECIMAL_CURRENCIES else 2
    return int(amount.scaleb(exponent).to_integral_value())


@dataclass
class StripeConnectTransfers:
    secret_key: str
    api_base: str = STRIPE_API_BASE
    transport: httpx.AsyncBaseTransport | None = None  # a seam: tests hand in a transport standing in for Stripe

    async def create_transfer(self, order: TransferOrder) -> str:
        form = {
            "amount": str(minor_units(order.amount, order.currency)),
            "currency": order.currency.lower(),
            "destination": order.destination,
            "description": order.description,
        }
        headers = {"Authorization": f"Bearer {self.secret_key}", "Idempotency-Key": order.idempotency_key}
        try:
            async with httpx.AsyncClient(base_url=self.api_base, timeout=TIMEOUT_SECONDS,
                                         transport=self.transport) as client:
                reply = await client.post("/v1/transfers", data=form, headers=headers)
        except httpx.HTTPError as error:
            raise TransferFailed(f"Stripe unreachable: {error}") from error
        if reply.status_code != 200:
            raise TransferFailed(f"Stripe refused the transfer ({reply.status_code}): {reply.text[:500]}")
        return str(reply.json()["id"])


def connect_transfers(settings: Settings) -> ConnectTransfers | None:
    """Stripe transfers when Stripe is configured (STRIPE_SECRET_KEY, STRIPE_API_BASE), else None."""
    if not settings.stripe_enabled:
        return None
    return StripeConnectTransfers(settings.stripe_secret_key, settings.stripe_api_base)
