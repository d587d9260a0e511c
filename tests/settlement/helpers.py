"""Builders for settlement tests: an issuer, its channel and members, redemptions at chosen instants.

Redemptions go through the ledger's services with an explicit `now`, so a test can put a capture one
second before or after a period boundary. Issuers are created as rows: bank_link has no service for them
on this branch yet.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from bank_link.models import Issuer
from ledger.models import Transfer
from ledger.services import Request, capture_hold, credit_points, hold_points, refund_capture
from mall.accounts.models import User
from mall.channels.models import Channel
from settlement.issuer.side import IssuerSide
from settlement.runs import RunOutcome, RunRequest, run_settlement
from tests.factories import make_channel, make_member

AFTER_EVERYTHING = datetime(2030, 1, 1, tzinfo=UTC)


def at(text: str) -> datetime:
    """An instant written in UTC, e.g. at('2026-10-31T16:00:00')."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


async def make_issuer(code: str = "BANKA", rate: str = "0.01", time_zone: str = "Asia/Shanghai",
                      storage_location: str = "") -> Issuer:
    return await Issuer.create(code=code, name=f"Bank {code}", points_unit="PTS", cash_value_per_point=Decimal(rate),
                               cash_currency="CNY", time_zone=time_zone, storage_location=storage_location)


@dataclass
class Bank:
    issuer: Issuer
    channel: Channel
    member: User


async def make_bank(settings: Any, code: str = "BANKA", points: int = 100_000, **issuer: str) -> Bank:
    found = await make_issuer(code, **issuer)
    channel = await make_channel(slug=f"{code.lower()}-mall", issuer_code=code)
    member = await make_member(settings, email=f"member@{code.lower()}.example")
    await credit_points(channel, member.id, points, Request(f"welcome:{code}", "system:test", "feed:test"),
                        now=at("2026-01-01T00:00:00"))
    return Bank(found, channel, member)


async def redeem(bank: Bank, points: int, when: datetime, order_reference: str | None = None) -> Transfer:
    """Hold and capture `points` for an order at `when` (the capture is written at `when`)."""
    reference = order_reference or f"order:{uuid.uuid4()}"
    key = uuid.uuid4().hex
    hold = await hold_points(bank.channel, bank.member.id, points, Request(f"hold:{key}", "system:test", reference),
                             expires_at=when + timedelta(minutes=5), now=when - timedelta(seconds=1))
    return await capture_hold(hold.id, Request(f"capture:{key}", "system:test", reference), now=when)


async def refund(capture: Transfer, points: int, when: datetime) -> Transfer:
    return await refund_capture(capture.id, Request(f"refund:{uuid.uuid4().hex}", "system:test", capture.reference),
                                points=points, now=when)


async def settle_issuers(settings: Any, period: str, code: str | None = None,
                         now: datetime = AFTER_EVERYTHING) -> RunOutcome:
    request = RunRequest(period=period, sides=[(IssuerSide(), code)], actor="user:1", issuer_code=code)
    return await run_settlement(request, settings, now=now)
