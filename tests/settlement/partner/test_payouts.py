"""Paying partner statements: Stripe Connect transfers through the outbox, or manual payments.

localstripe has no /v1/transfers, so Stripe's transfer endpoint is stood in for by an httpx transport
that answers like Stripe (the client code under test is the real one).
"""

from __future__ import annotations

import json
from decimal import Decimal
from urllib.parse import parse_qs

import httpx
import pytest

from kernel.errors import DomainError
from mall.outbox.models import OutboxMessage, OutboxStatus
from mall.outbox.services import deliver_due
from settlement.lifecycle import confirm_statement
from settlement.models import Payout, PayoutMethod, PayoutStatus, Statement, StatementEvent, StatementStatus
from settlement.partner.payouts import PAYOUT_TOPIC, mark_statement_paid, payout_handler
from settlement.partner.transfers import StripeConnectTransfers
from tests.settlement.helpers import at
from tests.settlement.partner.helpers import deliver, make_shop, order_gifts, settle_partner


async def confirmed_statement(settings, stripe_account: str | None = None) -> Statement:
    shop = await make_shop(settings)
    if stripe_account:
        shop.partner.stripe_account_id = stripe_account
        await shop.partner.save()
    line = await order_gifts(shop, 2)
    await deliver(shop, line, 2, at("2026-11-12T03:00:00"))
    statement = (await settle_partner(settings)).issued[0]
    return await confirm_statement(statement, "user:acme")


class StripeStandIn:
    """Answers POST /v1/transfers like Stripe, once per idempotency key."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.transfers: dict[str, str] = {}

    def handle(self, request: httpx.Request) -> httpx.Response:
        form = {key: values[0] for key, values in parse_qs(request.content.decode()).items()}
        key = request.headers["Idempotency-Key"]
        self.requests.append({"path": request.url.path, "key": key, **form})
        transfer_id = self.transfers.setdefault(key, f"tr_{len(self.transfers) + 1}")
        return httpx.Response(200, content=json.dumps({"id": transfer_id, "object": "transfer"}))

    def transfers_client(self) -> StripeConnectTransfers:
        return StripeConnectTransfers("sk_test_1", "https://stripe.test", httpx.MockTransport(self.handle))


async def test_a_partner_without_a_connected_account_is_paid_by_hand_with_a_reference(settings):
    # given: 2 kettles at 50.00, fee 5 % of 2,400 points x 0.01 = 1.20
    statement = await confirmed_statement(settings)

    # when
    paid = await mark_statement_paid(statement, "user:1", "BOC-2026-12-001", stripe_enabled=True)

    # then
    assert (paid.status, paid.payment_reference) == (StatementStatus.PAID, "BOC-2026-12-001")
    payout = await Payout.get(statement_id=statement.id)
    assert (payout.method, payout.status, payout.amount, payout.reference) == (
        PayoutMethod.MANUAL, PayoutStatus.SENT, Decimal("98.80"), "BOC-2026-12-001"
    )
    assert await OutboxMessage.filter(topic=PAYOUT_TOPIC).count() == 0  # paid by hand: no transfer queued


async def test_a_manual_payment_needs_its_reference_and_nothing_changes_without_it(settings):
    # given
    statement = await confirmed_statement(settings)

    # when
    with pytest.raises(DomainError) as refused:
        await mark_statement_paid(statement, "user:1", "  ", stripe_enabled=False)

    # then
    assert [(d.field, d.code) for d in refused.value.details] == [("reference", "REQUIRED")]
    assert (await Statement.get(id=statement.id)).status == StatementStatus.CONFIRMED
    assert await Payout.all().count() == 0


async def test_a_connected_partner_is_paid_by_a_stripe_transfer_made_by_the_worker(settings):
    # given
    statement = await confirmed_statement(settings, stripe_account="acct_1ACME")
    stripe = StripeStandIn()

    # when: marking it paid queues the payout, the worker sends it (twice: delivered once)
    queued = await mark_statement_paid(statement, "user:1", None, stripe_enabled=True)
    status_while_queued = (await Statement.get(id=statement.id)).status
    handlers = {PAYOUT_TOPIC: payout_handler(stripe.transfers_client())}
    first = await deliver_due(handlers)
    second = await deliver_due(handlers)

    # then
    assert (queued.status, status_while_queued, first.delivered, second.delivered) == (
        StatementStatus.CONFIRMED, StatementStatus.CONFIRMED, 1, 0
    )
    assert stripe.requests == [{"path": "/v1/transfers", "key": f"payout:statement:{statement.id}",
                                "amount": "9880", "currency": "cny", "destination": "acct_1ACME",
                                "description": f"Settlement statement {statement.id}"}]
    payout = await Payout.get(statement_id=statement.id)
    assert (payout.method, payout.status, payout.reference) == (PayoutMethod.STRIPE, PayoutStatus.SENT, "tr_1")
    paid = await Statement.get(id=statement.id)
    assert (paid.status, paid.payment_reference) == (StatementStatus.PAID, "tr_1")
    last = await StatementEvent.filter(statement_id=statement.id).order_by("-id").first()
    assert (last.to_status, last.actor) == (StatementStatus.PAID, "system:worker")


async def test_without_stripe_configured_the_payout_waits_and_is_retried(settings):
    # given
    statement = await confirmed_statement(settings, stripe_account="acct_1ACME")
    await mark_statement_paid(statement, "user:1", None, stripe_enabled=True)

    # when
    report = await deliver_due({PAYOUT_TOPIC: payout_handler(None)})

    # then
    assert (report.delivered, report.failed) == (0, 1)
    message = await OutboxMessage.get(topic=PAYOUT_TOPIC)
    assert (message.status, message.last_error) == (
        OutboxStatus.PENDING, "TransferFailed: Stripe is not configured (STRIPE_SECRET_KEY)"
    )
    assert (await Payout.get(statement_id=statement.id)).status == PayoutStatus.PENDING
    assert (await Statement.get(id=statement.id)).status == StatementStatus.CONFIRMED


async def test_an_issued_statement_cannot_be_paid_before_the_partner_confirms_it(settings):
    # given
    shop = await make_shop(settings)
    line = await order_gifts(shop, 1)
    await deliver(shop, line, 1, at("2026-11-12T03:00:00"))
    statement = (await settle_partner(settings)).issued[0]

    # when
    with pytest.raises(DomainError) as refused:
        await mark_statement_paid(statement, "user:1", "REF-1", stripe_enabled=False)

    # then
    assert [d.code for d in refused.value.details] == ["INVALID_TRANSITION"]
    assert await Payout.all().count() == 0
