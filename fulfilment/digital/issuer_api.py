"""A partner's issuing API: POST a signed JSON request, read back the codes (or "done" for a top-up).

The request is signed as carriers' hand-offs are (`X-Mall-Timestamp`, `X-Mall-Signature`: HMAC-SHA256 of
"<timestamp>.<body>" with the partner's secret, fulfilment.signing) and carries an `Idempotency-Key` (the
line's reference), so a retried request issues once at the partner. Body:
`{"reference", "order_number", "sku", "quantity"}`. The answer is JSON: `{"reference": "...", "codes":
[{"code": "...", "valid_until": "YYYY-MM-DD" or null}, ...]}` with one code per unit, or `{"reference": "...",
"status": "done"}` when the partner delivered without a code (a phone top-up, miles credited).

Errors never quote the partner's answer: it may hold codes, and errors go to the outbox and to logs.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Protocol

import httpx

from fulfilment.digital.models import DigitalContract
from fulfilment.signing import signed_headers

TIMEOUT_SECONDS = 10.0
MAX_REFERENCE_LENGTH = 200
MAX_CODE_LENGTH = 200


class IssuerError(Exception):
    """The partner did not issue (unreachable, refused, or an answer we cannot read): retried later."""


@dataclass(frozen=True)
class IssueRequest:
    reference: str
    order_number: int
    sku: str
    quantity: int


@dataclass(frozen=True)
class IssuedCode:
    code: str
    valid_until: date | None = None


@dataclass(frozen=True)
class IssueAnswer:
    reference: str
    codes: list[IssuedCode] = field(default_factory=list)

    @property
    def codeless(self) -> bool:
        return not self.codes


class PartnerIssuer(Protocol):
    async def issue(self, contract: DigitalContract, request: IssueRequest) -> IssueAnswer:
        """Ask the partner to issue; raises IssuerError when it did not."""
        ...


def _issued_code(item: Any) -> IssuedCode:
    code = str(item["code"]).strip()
    if not code or len(code) > MAX_CODE_LENGTH or not code.isprintable():
        raise IssuerError("the partner answered a malformed code")
    until = item.get("valid_until")
    return IssuedCode(code, date.fromisoformat(until) if until else None)


def read_answer(response: httpx.Response, request: IssueRequest) -> IssueAnswer:
    if response.status_code // 100 != 2:
        raise IssuerError(f"the partner answered HTTP {response.status_code}")
    try:
        document = response.json()
        reference = str(document.get("reference") or "")[:MAX_REFERENCE_LENGTH]
        codes = [_issued_code(item) for item in document.get("codes") or []]
        done = document.get("status") == "done"
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise IssuerError("the partner's answer is not the JSON we expect") from error
    if codes and len(codes) != request.quantity:
        raise IssuerError(f"the partner answered {len(codes)} codes for {request.quantity} units")
    if not codes and not done:
        raise IssuerError("the partner answered neither codes nor status done")
    return IssueAnswer(reference, codes)


class HttpPartnerIssuer:
    """The one real PartnerIssuer. Tests hand it an httpx.MockTransport; production, none."""

    def __init__(self, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.transport = transport

    async def issue(self, contract: DigitalContract, request: IssueRequest) -> IssueAnswer:
        if not contract.issue_endpoint_url:
            raise IssuerError(f"partner {contract.partner_code} has no issuing API configured")
        body = json.dumps(asdict(request), sort_keys=True).encode()
        headers = {**signed_headers(contract.signing_secret, body), "Content-Type": "application/json",
                   "Idempotency-Key": request.reference}
        try:
            async with httpx.AsyncClient(transport=self.transport, timeout=TIMEOUT_SECONDS) as client:
                response = await client.post(contract.issue_endpoint_url, content=body, headers=headers)
        except httpx.HTTPError as error:
            raise IssuerError(f"the partner's API is unreachable ({type(error).__name__})") from error
        return read_answer(response, request)
