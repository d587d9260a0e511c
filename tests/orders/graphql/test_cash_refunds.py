"""Cash goes back to the card through the outbox (`mall worker`), exactly once: when an order paid with points
+ cash is canceled, and when a checkout with a card payment is abandoned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from mall.outbox.models import OutboxMessage, OutboxStatus
from mall.worker import run_once
from orders.models import Order, Transaction, TransactionEvent
from orders.services.cash_payments import CASH_PAYMENT_WINDOW
from orders.services.cash_refunds import CASH_REFUND_TOPIC, refund_cash, release_abandoned_cash_payments
from orders.services.stripe_gateway import cash_gateway
from tests.orders.cash_helpers import make_issuer, pay_by_card, stripe_objects
from tests.orders.graphql.helpers import shopper
from tests.orders.graphql.test_orders import CANCEL, staff_token
from tests.orders.graphql.test_payments import PROCESS
from tests.orders.services.world import available

LATER = timedelta(minutes=1)


async def card_checkout(api, settings, localstripe, paid: bool = True):
    """A member with 1,000 points held and 200 points asked of the card (paid, or not yet)."""
    await make_issuer()
    member = await shopper(api, settings, points=1_000)
    checkout_id = await member.ready()
    await member.pay(checkout_id, amount=1_000, key="points")
    cash = await member.pay(checkout_id, gateway="mall.stripe")
    if paid:
        await pay_by_card(localstripe, cash["data"]["paymentIntent"]["id"])
        await member.call(PROCESS, id=cash["transaction"]["id"])
    return member, checkout_id, await Transaction.get(psp_reference=cash["data"]["paymentIntent"]["id"])


async def refunds_at_stripe(localstripe, transaction: Transaction) -> list[tuple[int, str]]:
    refunds = await stripe_objects(localstripe, "/v1/refunds", payment_intent=transaction.psp_reference)
    return [(refund["amount"], refund["metadata"]["idempotency_key"]) for refund in refunds]


async def test_canceling_a_points_and_cash_order_refunds_the_card_exactly_once(
    stripe_api, stripe_settings, localstripe
):
    # given
    member, checkout_id, transaction = await card_checkout(stripe_api, stripe_settings, localstripe)
    order_id = (await member.complete(checkout_id))["order"]["id"]
    operator = await staff_token(stripe_settings)

    # when
    canceled = (await stripe_api.ok(CANCEL, {"id": order_id}, operator))["orderCancel"]
    await run_once(stripe_settings)
    message = await OutboxMessage.get(topic=CASH_REFUND_TOPIC)
    await refund_cash(cash_gateway(stripe_settings), message.payload)  # delivered a second time

    # then
    key = f"order:{(await Order.get()).id}:cancel:{transaction.token}"
    assert canceled["errors"] == []
    assert message.status == OutboxStatus.DELIVERED
    assert message.payload == {"transaction_token": str(transaction.token), "amount": "2.47", "currency": "CNY",
                               "reason": "Order canceled.", "idempotency_key": key}
    assert await refunds_at_stripe(localstripe, transaction) == [(247, key)]
    order = await Order.get()
    assert (order.cash_charged, order.cash_refunded, order.points_refunded) == (Decimal("2.47"), Decimal("2.47"), 1_000)
    row = await Transaction.get(token=transaction.token)
    assert (row.cash_status, row.charged_value, row.refunded_value) == ("refunded", Decimal(0), Decimal("2.47"))
    assert await TransactionEvent.filter(type="REFUND_SUCCESS", transaction_id=transaction.token).count() == 1
    assert await available(member.world) == 1_000


async def test_a_refund_stripe_made_before_the_worker_died_is_recorded_not_repeated(
    stripe_api, stripe_settings, localstripe
):
    # given: a first delivery refunded at Stripe, then died before recording it
    member, checkout_id, transaction = await card_checkout(stripe_api, stripe_settings, localstripe)
    await member.complete(checkout_id)
    gateway = cash_gateway(stripe_settings)
    await gateway.create_refund(transaction.psp_reference, 100, {}, "return:1")
    payload = {"transaction_token": str(transaction.token), "amount": "1.00", "currency": "CNY",
               "reason": "Returned gift.", "idempotency_key": "return:1"}

    # when
    await refund_cash(gateway, payload)

    # then
    assert await refunds_at_stripe(localstripe, transaction) == [(100, "return:1")]
    row = await Transaction.get(token=transaction.token)
    assert (row.cash_status, row.charged_value, row.refunded_value) == ("charged", Decimal("1.47"), Decimal("1.00"))
    assert (await Order.get()).cash_refunded == Decimal("1.00")


async def test_a_refund_of_more_than_was_charged_is_recorded_as_failed_and_not_sent(
    stripe_api, stripe_settings, localstripe
):
    # given
    member, checkout_id, transaction = await card_checkout(stripe_api, stripe_settings, localstripe)
    await member.complete(checkout_id)
    payload = {"transaction_token": str(transaction.token), "amount": "2.48", "currency": "CNY",
               "reason": "Too much.", "idempotency_key": "too-much"}

    # when
    await refund_cash(cash_gateway(stripe_settings), payload)
    await refund_cash(cash_gateway(stripe_settings), payload)

    # then
    assert await refunds_at_stripe(localstripe, transaction) == []
    failure = await TransactionEvent.get(type="REFUND_FAILURE")
    assert (failure.message, failure.idempotency_key) == ("Only 2.47 CNY is left to refund.", "too-much")
    assert (await Order.get()).cash_refunded == Decimal(0)


async def test_an_abandoned_checkouts_unpaid_card_payment_is_voided(stripe_api, stripe_settings, localstripe):
    # given
    _, _, transaction = await card_checkout(stripe_api, stripe_settings, localstripe, paid=False)

    # when
    released = await release_abandoned_cash_payments(datetime.now(UTC) + CASH_PAYMENT_WINDOW + LATER)
    await run_once(stripe_settings)

    # then
    assert released == 1
    intents = await stripe_objects(localstripe, "/v1/payment_intents")
    assert [intent["status"] for intent in intents] == ["canceled"]
    row = await Transaction.get(token=transaction.token)
    assert (row.cash_status, row.charge_pending_value, row.canceled_value) == ("canceled", Decimal(0), Decimal("2.47"))


async def test_an_abandoned_checkouts_paid_card_payment_is_refunded(stripe_api, stripe_settings, localstripe):
    # given
    member, checkout_id, transaction = await card_checkout(stripe_api, stripe_settings, localstripe)

    # when
    await release_abandoned_cash_payments(datetime.now(UTC) + CASH_PAYMENT_WINDOW + LATER)
    await run_once(stripe_settings)
    completed = await member.complete(checkout_id)

    # then
    assert [refund for refund, _ in await refunds_at_stripe(localstripe, transaction)] == [247]
    row = await Transaction.get(token=transaction.token)
    assert (row.cash_status, row.charged_value, row.refunded_value) == ("refunded", Decimal(0), Decimal("2.47"))
    assert [error["code"] for error in completed["errors"]] == ["CHECKOUT_NOT_FULLY_PAID"]
    assert await Order.all().count() == 0
