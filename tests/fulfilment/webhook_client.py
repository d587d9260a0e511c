"""A carrier sending tracking events: signed the way fulfilment.signing says, or deliberately not."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from fulfilment.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, signed_headers
from tests.fulfilment.world import CARRIER_SECRET


def event(event_id: str, tracking_number: str, status: str, occurred_at: str, **extra: str) -> bytes:
    return json.dumps({"event_id": event_id, "tracking_number": tracking_number, "status": status,
                       "occurred_at": occurred_at, **extra}).encode()


async def send(http: httpx.AsyncClient, body: bytes, code: str = "swift", secret: str = CARRIER_SECRET,
               now_seconds: float | None = None, headers: dict[str, str] | None = None) -> httpx.Response:
    signed = signed_headers(secret, body, now_seconds) if headers is None else headers
    return await http.post(f"/webhooks/carriers/{code}", content=body,
                           headers={**signed, "Content-Type": "application/json"})


def stale_headers(body: bytes) -> dict[str, str]:
    return signed_headers(CARRIER_SECRET, body, time.time() - 301)


def unsigned() -> dict[str, Any]:
    return {}


__all__ = ["SIGNATURE_HEADER", "TIMESTAMP_HEADER"]
