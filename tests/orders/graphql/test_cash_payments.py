"""Points + cash through `mall.stripe`, against localstripe: the member holds the points they have and pays the
rest by card; refusals (issuer rules, declined cards) leave points, stock, orders and Stripe unchanged."""

from __future__ import annotations

from decimal import Decimal

from ledger.models import Hold, HoldStatus
from orders.models import Order, Transaction, TransactionEvent
from tests.orders.cash_helpers import (
    DECLINED_CARD,
    cash_status,
    eventually,
    make_issuer,
    pay_by_card,
    served_app,
    stripe_objects,
)
from tests.orders.graphql.helpers import shopper, snapshot
from tests.orders.graphql.test_payments import PROCESS, codes
from tests.orders.services.world import available

ORDER_PAID = "query($id: ID!) { order(id: $id) { isPaid paymentStatus chargeStatus total { gross { amount } } } }"
GATEWAYS = """
mutation Gateways($id: ID!) { paymentGatewayInitialize(id: $id) { gatewayConfigs { id data errors { code } } } }
"""


async def cash_shopper(api, settings, points: int = 1_000, **issuer: str):
    """A member short of points for the 1,200-point gift, in a channel whose issuer allows 30% in cash at
    0.01234 CNY a point (unless told otherwise), with the checkout ready to pay."""
    await make_issuer(**issuer)
    member = await shopper(api, settings, points=points)
    return member, await member.ready()


async def test_points_and_cash_pay_for_a_gift_end_to_end(stripe_api, stripe_settings, localstripe):
    # given
    member, checkout_id = await cash_shopper(stripe_api, stripe_settings)
    async with served_app(stripe_settings) as url:
        await localstripe.send_webhooks_to(f"{url}/webhooks/stripe")

        # when
        held = await member.pay(checkout_id, amount=1_000, key="points")
        cash = await member.pay(checkout_id, gateway="mall.stripe", key="card")
        intent_id = cash["data"]["paymentIntent"]["id"]
        transaction = await Transaction.get(psp_reference=intent_id)
        confirmed = await pay_by_card(localstripe, intent_id)
        await eventually(lambda: _is_charged(transaction.token), "Stripe's payment_intent.succeeded webhook")
        completed = await member.complete(checkout_id)

    # then
    assert (held["errors"], cash["errors"], confirmed["status"], completed["errors"]) == ([], [], "succeeded", [])
    assert cash["data"] == {
        "paymentIntent": {"id": intent_id, "client_secret": transaction.client_secret},
        "publishableKey": "pk_test_mall", "stripeJsUrl": f"{localstripe.url}/js.stripe.com/v3/",
        "status": "ACTION_REQUIRED", "amount": "2.47", "currency": "CNY", "points": 200,
    }
    assert cash["transaction"]["name"] == "Card"
    assert cash["transaction"]["pspReference"] == intent_id
    assert [(i["amount"], i["currency"]) for i in await stripe_objects(localstripe, "/v1/payment_intents")] == [
        (247, "cny")
    ]
    order = await Order.get()
    assert (order.points_charged, order.cash_charged, order.cash_currency, order.cash_covered_points) == (
        1_000, Decimal("2.47"), "CNY", 200
    )
    paid = (await member.call(ORDER_PAID, id=completed["order"]["id"]))["order"]
    assert paid == {"isPaid": True, "paymentStatus": "FULLY_CHARGED", "chargeStatus": "FULL",
                    "total": {"gross": {"amount": 1200.0}}}
    assert await available(member.world) == 0
    events = await TransactionEvent.filter(transaction_id=transaction.token).values_list("type", "amount")
    assert events == [("CHARGE_REQUEST", Decimal("2.47")), ("CHARGE_ACTION_REQUIRED", Decimal("2.47")),
                      ("CHARGE_SUCCESS", Decimal("2.47"))]
    assert (await Transaction.get(token=transaction.token)).order_id == order.id  # type: ignore[attr-defined]


async def _is_charged(token) -> bool:
    return await cash_status(token) == "charged"


async def test_transaction_process_reads_the_payment_without_waiting_for_the_webhook(
    stripe_api, stripe_settings, localstripe
):
    # given
    member, checkout_id = await cash_shopper(stripe_api, stripe_settings)
    await member.pay(checkout_id, amount=1_000, key="points")
    cash = await member.pay(checkout_id, gateway="mall.stripe")
    await pay_by_card(localstripe, cash["data"]["paymentIntent"]["id"])

    # when
    processed = (await member.call(PROCESS, id=cash["transaction"]["id"]))["transactionProcess"]
    completed = await member.complete(checkout_id)

    # then
    assert processed["transaction"]["chargedAmount"] == {"amount": 2.47}
    assert (processed["transactionEvent"], processed["data"]["status"]) == ({"type": "CHARGE_SUCCESS"}, "CHARGED")
    assert completed["errors"] == []
    assert (await Order.get()).cash_charged == Decimal("2.47")


async def test_a_declined_card_records_the_failure_and_the_checkout_stays_unpaid(
    stripe_api, stripe_settings, localstripe
):
    # given
    member, checkout_id = await cash_shopper(stripe_api, stripe_settings)
    await member.pay(checkout_id, amount=1_000, key="points")
    cash = await member.pay(checkout_id, gateway="mall.stripe")

    # when
    declined = await pay_by_card(localstripe, cash["data"]["paymentIntent"]["id"], DECLINED_CARD)
    processed = (await member.call(PROCESS, id=cash["transaction"]["id"]))["transactionProcess"]
    before = await snapshot(member.world)
    completed = await member.complete(checkout_id)

    # then
    assert declined["error"]["code"] == "card_declined"
    assert processed["transactionEvent"] == {"type": "CHARGE_FAILURE"}
    assert processed["data"]["status"] == "FAILED"
    failure = await TransactionEvent.get(type="CHARGE_FAILURE")
    assert failure.message == "Your card was declined."
    assert codes(completed) == [("id", "CHECKOUT_NOT_FULLY_PAID")]
    assert await snapshot(member.world) == before
    assert await Hold.filter(status=HoldStatus.PENDING).count() == 1


async def test_cash_over_the_issuers_share_is_refused_and_nothing_reaches_stripe(
    stripe_api, stripe_settings, localstripe
):
    # given: 500 points held, 700 left: 58% of the order, the issuer allows 30%
    member, checkout_id = await cash_shopper(stripe_api, stripe_settings, points=500)
    await member.pay(checkout_id, amount=500, key="points")
    before = await snapshot(member.world)

    # when
    cash = await member.pay(checkout_id, gateway="mall.stripe")
    part = await member.pay(checkout_id, gateway="mall.stripe", amount=361)

    # then
    assert codes(cash) == [("amount", "CASH_SHARE_TOO_HIGH")]
    assert cash["errors"][0]["message"] == (
        "Cash may pay at most 30% of this checkout (360 points): hold more points first."
    )
    assert codes(part) == [("amount", "CASH_SHARE_TOO_HIGH")]
    assert cash["transaction"] is None
    assert await snapshot(member.world) == before
    assert await stripe_objects(localstripe, "/v1/payment_intents") == []


async def test_cash_is_refused_where_the_issuer_does_not_allow_it(stripe_api, stripe_settings, localstripe):
    # given
    member, checkout_id = await cash_shopper(stripe_api, stripe_settings, points_cash_allowed=False)
    before = await snapshot(member.world)

    # when
    cash = await member.pay(checkout_id, gateway="mall.stripe")
    gateways = (await member.call(GATEWAYS, id=checkout_id))["paymentGatewayInitialize"]["gatewayConfigs"]

    # then
    assert codes(cash) == [("paymentGateway", "CASH_NOT_ALLOWED")]
    assert [config["id"] for config in gateways] == ["mall.points"]
    assert await snapshot(member.world) == before
    assert await stripe_objects(localstripe, "/v1/payment_intents") == []


async def test_with_stripe_off_there_is_no_card_gateway(api, settings):
    # given
    member, checkout_id = await cash_shopper(api, settings)
    before = await snapshot(member.world)

    # when
    cash = await member.pay(checkout_id, gateway="mall.stripe")
    gateways = (await member.call(GATEWAYS, id=checkout_id))["paymentGatewayInitialize"]["gatewayConfigs"]

    # then
    assert codes(cash) == [("paymentGateway", "NOT_FOUND")]
    assert [config["id"] for config in gateways] == ["mall.points"]
    assert await snapshot(member.world) == before


async def test_the_card_gateway_is_listed_with_what_the_browser_needs(stripe_api, stripe_settings, localstripe):
    # given
    member, checkout_id = await cash_shopper(stripe_api, stripe_settings)

    # when
    gateways = (await member.call(GATEWAYS, id=checkout_id))["paymentGatewayInitialize"]["gatewayConfigs"]

    # then
    assert gateways[1] == {"id": "mall.stripe", "errors": [], "data": {
        "publishableKey": "pk_test_mall", "stripeJsUrl": f"{localstripe.url}/js.stripe.com/v3/",
        "cashCurrency": "CNY", "cashValuePerPoint": "0.01234", "maxCashSharePercent": "30",
        "pointsInCash": 0, "pointsPaidInCash": 0,
    }}


async def test_retrying_initialize_with_the_same_key_reuses_the_payment_intent(
    stripe_api, stripe_settings, localstripe
):
    # given
    member, checkout_id = await cash_shopper(stripe_api, stripe_settings)
    await member.pay(checkout_id, amount=1_000, key="points")

    # when
    first = await member.pay(checkout_id, gateway="mall.stripe", key="tap-1")
    again = await member.pay(checkout_id, gateway="mall.stripe", key="tap-1")
    other = await member.pay(checkout_id, gateway="mall.stripe", key="tap-2")

    # then
    assert first["transaction"]["id"] == again["transaction"]["id"]
    assert first["data"] == again["data"]
    assert codes(other) == [("amount", "INVALID")]  # the 200 points are already asked of the card
    assert len(await stripe_objects(localstripe, "/v1/payment_intents")) == 1
    assert await Transaction.filter(gateway="mall.stripe").count() == 1


async def test_cash_cannot_be_asked_for_by_anyone_but_the_checkouts_member(stripe_api, stripe_settings, localstripe):
    # given
    member, checkout_id = await cash_shopper(stripe_api, stripe_settings)
    before = await snapshot(member.world)

    # when
    anonymous = (await stripe_api.ok(
        'mutation($id: ID!) { transactionInitialize(id: $id, paymentGateway: {id: "mall.stripe"}) '
        "{ transaction { id } data errors { field code } } }", {"id": checkout_id}
    ))["transactionInitialize"]

    # then
    assert anonymous == {"transaction": None, "data": None, "errors": [{"field": "id", "code": "NOT_FOUND"}]}
    assert await snapshot(member.world) == before
    assert await stripe_objects(localstripe, "/v1/payment_intents") == []
