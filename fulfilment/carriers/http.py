"""`http` hand-off: POST each parcel as signed JSON to the carrier's shipment API.

The request carries `X-Mall-Timestamp` and `X-Mall-Signature` (fulfilment.signing, the carrier's secret)
and an `Idempotency-Key` (the shipment's reference), so a retried hand-off creates one shipment at the
carrier. The answer must be JSON with `tracking_number` and, optionally, `label_url`.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import httpx

from fulfilment.carriers.base import CarrierRefused, CarrierUnreachable, HandoffBatch, HandoffReceipt, Parcel
from fulfilment.models import Carrier
from fulfilment.signing import signed_headers

TIMEOUT_SECONDS = 10.0


def request_body(parcel: Parcel) -> bytes:
    document = {"reference": parcel.reference, "recipient": parcel.recipient, "sender": parcel.sender,
                "items": [asdict(item) for item in parcel.items]}
    return json.dumps(document, sort_keys=True).encode()


def _receipt(parcel: Parcel, response: httpx.Response) -> HandoffReceipt:
    if response.status_code // 100 != 2:
        raise CarrierRefused(f"carrier answered {response.status_code}: {response.text[:200]}")
    try:
        answer = response.json()
        tracking_number = str(answer["tracking_number"]).strip()
    except (ValueError, KeyError, TypeError) as error:
        raise CarrierRefused(f"unreadable carrier answer: {response.text[:200]}") from error
    if not tracking_number:
        raise CarrierRefused("the carrier answered without a tracking number")
    return HandoffReceipt(parcel.shipment_id, tracking_number[:255], str(answer.get("label_url") or "")[:1000])


class HttpHandoff:
    def __init__(self, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.transport = transport

    async def hand_over(self, carrier: Carrier, batch: HandoffBatch) -> list[HandoffReceipt]:
        receipts = []
        async with httpx.AsyncClient(transport=self.transport, timeout=TIMEOUT_SECONDS) as client:
            for parcel in batch.parcels:
                body = request_body(parcel)
                headers = {**signed_headers(carrier.signing_secret, body), "Content-Type": "application/json",
                           "Idempotency-Key": parcel.reference}
                try:
                    response = await client.post(carrier.endpoint_url, content=body, headers=headers)
                except httpx.HTTPError as error:
                    raise CarrierUnreachable(f"{type(error).__name__}: {error}") from error
                receipts.append(_receipt(parcel, response))
        return receipts
