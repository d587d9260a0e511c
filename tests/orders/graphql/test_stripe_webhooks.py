"""POST /webhooks/stripe: only events signed with the endpoint's secret, recently, are applied, and each once.
The events are the ones localstripe recorded for the payment, posted here signed with the shared secret."""

from __future__ import annotations

import time

import httpx
import pytest

from mall.app import create_app
from orders.models import Transaction, TransactionEvent
from tests.conftest import TEST_PUBLIC_URL
from tests.orders.cash_helpers import DECLINED_CARD, make_issuer, pay_by_card, post_event, stripe_event
from tests.orders.graphql.helpers import shopper


@pytest.fixture
async def stripe_http(stripe_settings):
    transport = httpx.ASGITransport(app=create_app(stripe_settings, manage_database=False))
    async with httpx.AsyncClient(transport=transport, base_url=TEST_PUBLIC_URL) as client:
        yield client


async def paid_by_card(stripe_api, stripe_settings, localstripe, card: str = "4242424242424242"):
    """A checkout whose card payment localstripe has settled; our side has not heard of it yet."""
    await make_issuer()
    member = await shopper(stripe_api, stripe_settings, points=1_000)
    checkout_id = await member.ready()
    await member.pay(checkout_id, amount=1_000, key="points")
    intent_id = (await member.pay(checkout_id, gateway="mall.stripe"))["data"]["paymentIntent"]["id"]
    await pay_by_card(localstripe, intent_id, card)
    return await Transaction.get(psp_reference=intent_id)


async def state(transaction: Transaction) -> tuple:
    row = await Transaction.get(token=transaction.token)
    events = await TransactionEvent.filter(transaction_id=transaction.token).values_list("type", flat=True)
    return row.cash_status, row.charged_value, tuple(events)


async def test_a_signed_succeeded_event_charges_the_payment_once(stripe_api, stripe_http, stripe_settings, localstripe):
    # given
    transaction = await paid_by_card(stripe_api, stripe_settings, localstripe)
    event = await stripe_event(localstripe, "payment_intent.succeeded", transaction.psp_reference)

    # when
    first = await post_event(stripe_http, event, localstripe.webhook_secret)
    after_first = await state(transaction)
    again = await post_event(stripe_http, event, localstripe.webhook_secret)

    # then
    assert (first.status_code, first.json()) == (200, {"received": True, "outcome": "applied"})
    assert (again.status_code, again.json()) == (200, {"received": True, "outcome": "duplicate"})
    assert after_first[2][-1] == "CHARGE_SUCCESS"
    assert await state(transaction) == after_first
    assert await TransactionEvent.filter(idempotency_key=f"stripe:{event['id']}").count() == 1


async def test_a_payment_failed_event_records_the_decline(stripe_api, stripe_http, stripe_settings, localstripe):
    # given
    transaction = await paid_by_card(stripe_api, stripe_settings, localstripe, DECLINED_CARD)
    event = await stripe_event(localstripe, "payment_intent.payment_failed", transaction.psp_reference)

    # when
    answer = await post_event(stripe_http, event, localstripe.webhook_secret)

    # then
    assert answer.json()["outcome"] == "applied"
    assert (await Transaction.get(token=transaction.token)).cash_status == "failed"
    assert (await TransactionEvent.get(type="CHARGE_FAILURE")).message == "Your card was declined."


@pytest.mark.parametrize(
    ("secret", "age_seconds", "reason"),
    [("whsec_someone_else", 0, "signed with another secret"), ("whsec_test_mall", 600, "ten minutes old")],
)
async def test_refused_events_change_nothing(
    stripe_api, stripe_http, stripe_settings, localstripe, secret, age_seconds, reason
):
    # given
    transaction = await paid_by_card(stripe_api, stripe_settings, localstripe)
    event = await stripe_event(localstripe, "payment_intent.succeeded", transaction.psp_reference)
    before = await state(transaction)

    # when
    answer = await post_event(stripe_http, event, secret, timestamp=int(time.time()) - age_seconds)

    # then
    assert answer.status_code == 400, reason
    assert answer.json()["error"].startswith("Invalid signature")
    assert await state(transaction) == before
    assert before[0] == "action_required"


async def test_an_unsigned_event_is_refused(stripe_api, stripe_http, stripe_settings, localstripe):
    # given
    transaction = await paid_by_card(stripe_api, stripe_settings, localstripe)
    event = await stripe_event(localstripe, "payment_intent.succeeded", transaction.psp_reference)
    before = await state(transaction)

    # when
    answer = await stripe_http.post("/webhooks/stripe", json=event)

    # then
    assert answer.status_code == 400
    assert await state(transaction) == before


async def test_events_about_other_payment_intents_are_acknowledged_and_ignored(stripe_http, localstripe):
    # given
    event = {"id": "evt_unknown", "object": "event", "type": "payment_intent.succeeded",
             "data": {"object": {"id": "pi_unknown", "object": "payment_intent", "status": "succeeded",
                                 "amount": 100, "currency": "cny"}}}

    # when
    answer = await post_event(stripe_http, event, localstripe.webhook_secret)

    # then
    assert (answer.status_code, answer.json()["outcome"]) == (200, "ignored")
    assert await TransactionEvent.all().count() == 0


async def test_with_stripe_off_the_endpoint_does_not_exist(http):
    # when
    answer = await http.post("/webhooks/stripe", json={})

    # then
    assert answer.status_code == 404
