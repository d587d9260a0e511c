"""Top-ups issued by the partner's API: a signed request through the outbox, retried, dead-lettered and
revived like a carrier's hand-off; the answer (codes, or "done") delivers the line."""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
from tortoise.transactions import in_transaction

from fulfilment.digital.delivery import ISSUE_TOPIC
from fulfilment.digital.issuer_api import HttpPartnerIssuer
from fulfilment.digital.issuing import pending_issues, retry_issue
from fulfilment.digital.models import CodeStatus, DigitalCode, DigitalIssue, IssueStatus
from fulfilment.jobs import fulfilment_handlers
from fulfilment.signing import verify
from kernel import clock
from ledger.services import points_balance
from mall.outbox.models import OutboxMessage, OutboxStatus
from mall.outbox.services import MAX_ATTEMPTS, deliver_due
from orders.models import Order, OrderStatus
from orders.services.lifecycle import cancel_order
from tests.fulfilment.digital.world import ISSUER_SECRET, ISSUER_URL, build_digital_mall, redeem


class FakeIssuer:
    """The partner's issuing API, answering what the test says; it records each request it got."""

    def __init__(self, *answers: httpx.Response) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def handlers(self, settings):
        return fulfilment_handlers(settings, HttpPartnerIssuer(httpx.MockTransport(self)))


def codes(*items: tuple[str, str | None]) -> httpx.Response:
    return httpx.Response(200, json={"reference": "TP-778", "codes": [{"code": c, "valid_until": v} for c, v in items]})


async def test_the_partner_issues_the_code_and_the_order_is_fulfilled(settings, set_clock):
    # given: a top-up redeemed, waiting for the partner
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    order = await redeem(mall, [(mall.topup, 1)])
    assert (await Order.get(id=order.id)).status == OrderStatus.UNFULFILLED
    partner = FakeIssuer(codes(("PIN-5551-2345", None)))

    # when
    report = await deliver_due(partner.handlers(settings))

    # then: one signed, idempotent request, and the code kept sealed as the line's
    assert report.delivered >= 1
    [request] = partner.requests
    assert str(request.url) == ISSUER_URL
    body = json.loads(request.content)
    assert body == {"order_number": order.number, "quantity": 1, "reference": request.headers["Idempotency-Key"],
                    "sku": "TOPUP-30"}
    verify(ISSUER_SECRET, request.headers["X-Mall-Timestamp"], request.headers["X-Mall-Signature"], request.content)
    assert (await Order.get(id=order.id)).status == OrderStatus.FULFILLED
    code = await DigitalCode.get(order_id=order.id)
    assert (mall.vault.open(code.sealed), code.status, code.reference) == ("PIN-5551-2345", CodeStatus.ASSIGNED,
                                                                           "TP-778")
    assert code.valid_until.isoformat() == "2026-12-31"  # the gift's 30 days, counted from the issue
    assert (await DigitalIssue.get(order_id=order.id)).status == IssueStatus.ISSUED


async def test_a_partner_that_answers_done_fulfils_the_top_up_without_a_code(settings, set_clock):
    # given
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    order = await redeem(mall, [(mall.topup, 1)])
    partner = FakeIssuer(httpx.Response(200, json={"reference": "TOPUP-OK-9", "status": "done"}))

    # when
    await deliver_due(partner.handlers(settings))

    # then
    issue = await DigitalIssue.get(order_id=order.id)
    assert (issue.status, issue.reference, issue.codeless) == (IssueStatus.ISSUED, "TOPUP-OK-9", True)
    assert await DigitalCode.filter(order_id=order.id).count() == 0
    assert (await Order.get(id=order.id)).status == OrderStatus.FULFILLED


async def test_a_failing_partner_is_retried_then_dead_lettered_then_revived(settings, set_clock):
    # given: the partner's API is down
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    order = await redeem(mall, [(mall.topup, 1)])
    down = FakeIssuer(httpx.Response(503, text="PIN-LEAKED-IN-AN-ERROR-PAGE"))

    # when: every attempt fails, the worker waiting out each backoff
    for _ in range(MAX_ATTEMPTS):
        await deliver_due(down.handlers(settings))
        clock.advance(timedelta(hours=2))

    # then: tried MAX_ATTEMPTS times, dead, listed as such; the error names the status, not the page
    message = await OutboxMessage.get(topic=ISSUE_TOPIC)
    assert (message.status, message.attempts, len(down.requests)) == (OutboxStatus.DEAD, MAX_ATTEMPTS, MAX_ATTEMPTS)
    assert message.last_error == "IssuerError: the partner answered HTTP 503"
    [dead] = await pending_issues(dead_only=True)
    assert (dead.issue.order_id, dead.is_dead) == (order.id, True)
    assert (await Order.get(id=order.id)).status == OrderStatus.UNFULFILLED

    # when: the operator revives it and the partner is back
    await retry_issue(dead.issue)
    back = FakeIssuer(codes(("PIN-0000-7777", "2027-01-31")))
    await deliver_due(back.handlers(settings))

    # then: issued once, with the same idempotency key as every failed attempt
    assert len(back.requests) == 1
    assert {r.headers["Idempotency-Key"] for r in down.requests + back.requests} == {f"{order.number}-"
                                                                                       f"{dead.issue.order_line_id}"}
    assert (await Order.get(id=order.id)).status == OrderStatus.FULFILLED
    assert await pending_issues() == []


async def test_a_cancelled_order_is_never_issued(settings, set_clock):
    # given: the member cancels before the worker ran
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    order = await redeem(mall, [(mall.topup, 1)])
    async with in_transaction():
        await cancel_order(order, f"user:{mall.member.id}")
    partner = FakeIssuer(codes(("PIN-NEVER", None)))

    # when
    await deliver_due(partner.handlers(settings))

    # then
    assert partner.requests == []
    assert (await DigitalIssue.get(order_id=order.id)).status == IssueStatus.CANCELLED
    assert await DigitalCode.all().count() == 0
    assert (await points_balance(mall.channel.id, mall.member.id)).points_available == 10_000
