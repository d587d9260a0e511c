"""A small local carrier API for the `http` hand-off tests: a Starlette app served by uvicorn on 127.0.0.1
on a free port. It checks our signature like a real carrier would, records what it received, and answers
with a tracking number and a label URL (or with an error while `failing` is set)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from fulfilment.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, SignatureError, verify
from tests.fulfilment.world import CARRIER_SECRET
from tests.serving import free_port


@dataclass
class CarrierApi:
    url: str = ""
    received: list[dict[str, Any]] = field(default_factory=list)
    idempotency_keys: list[str] = field(default_factory=list)
    failing: bool = False

    async def shipments(self, request: Request) -> JSONResponse:
        body = await request.body()
        try:
            verify(CARRIER_SECRET, request.headers.get(TIMESTAMP_HEADER), request.headers.get(SIGNATURE_HEADER), body)
        except SignatureError as refusal:
            return JSONResponse({"error": str(refusal)}, status_code=401)
        if self.failing:
            return JSONResponse({"error": "maintenance"}, status_code=503)
        document = json.loads(body)
        self.received.append(document)
        self.idempotency_keys.append(request.headers.get("Idempotency-Key", ""))
        number = f"CN{len(self.received):06d}"
        return JSONResponse({"tracking_number": number, "label_url": f"https://labels.example.com/{number}.pdf"})


def serve_carrier_api() -> Iterator[CarrierApi]:
    carrier = CarrierApi()
    app = Starlette(routes=[Route("/v1/shipments", carrier.shipments, methods=["POST"])])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    carrier.url = f"http://127.0.0.1:{port}/v1/shipments"
    yield carrier
    server.should_exit = True
    thread.join(timeout=5)
