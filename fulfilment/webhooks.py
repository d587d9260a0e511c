"""`POST /webhooks/carriers/{code}`: a carrier reports a tracking event.

The carrier signs `<timestamp>.<body>` with its secret (fulfilment.signing: `X-Mall-Timestamp`,
`X-Mall-Signature: sha256=<hex>`). Answers, each refusal changing nothing:

    200 {"status": "applied" | "recorded" | "duplicate"}
    400 not a tracking event          401 unsigned, bad signature or stale timestamp (5 minutes)
    404 unknown carrier or shipment   409 replay of a request already accepted
    413 body too large                422 the event could not be applied (the carrier may retry)
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import JSONResponse
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from fulfilment.models import Carrier
from fulfilment.services.tracking import EventRejected, UnknownShipment, is_replay, parse_event, receive_event
from fulfilment.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, SignatureError, verify
from kernel.errors import DomainError

MAX_BODY_BYTES = 64_000
log = logging.getLogger("mall.fulfilment")


def _answer(status_code: int, text: str) -> JSONResponse:
    key = "status" if status_code == 200 else "error"
    return JSONResponse({key: text}, status_code=status_code)


async def carrier_webhook(request: Request) -> JSONResponse:
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        return _answer(413, "body too large")
    carrier = await Carrier.get_or_none(code=request.path_params["code"], is_active=True)
    if carrier is None:
        return _answer(404, "unknown carrier")
    try:
        signature = verify(carrier.signing_secret, request.headers.get(TIMESTAMP_HEADER),
                           request.headers.get(SIGNATURE_HEADER), body)
    except SignatureError as refusal:
        return _answer(401, str(refusal))
    if await is_replay(carrier, signature):
        return _answer(409, "replayed request")
    return await _receive(carrier, signature, body)


async def _receive(carrier: Carrier, signature: str, body: bytes) -> JSONResponse:
    try:
        event = parse_event(body)
        async with in_transaction():
            return _answer(200, await receive_event(carrier, signature, event))
    except EventRejected as refusal:
        return _answer(400, str(refusal))
    except UnknownShipment:
        return _answer(404, "unknown shipment")
    except IntegrityError:  # the same request accepted concurrently
        return _answer(409, "replayed request")
    except DomainError as refusal:
        log.warning("tracking event not applied", extra={"carrier": carrier.code, "reason": str(refusal)})
        return _answer(422, "event not applied")
