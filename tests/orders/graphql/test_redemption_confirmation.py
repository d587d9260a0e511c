"""Redemption confirmation: above its programme's threshold a checkout completes only after a one-time code,
bound to the checkout and its total, expiring, tried a bounded number of times."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bank_link.issuers import IssuerData, create_issuer
from mall.outbox.models import OutboxMessage
from orders.models import CheckoutConfirmation
from tests.factories import token_for
from tests.orders.graphql.helpers import UPDATE_LINES, Shopper, shopper, snapshot
from tests.orders.services.world import GIFT_POINTS

REQUEST = """
mutation Request($id: ID!) {
  checkoutConfirmationRequest(id: $id) { required channel expiresAt sendsLeft errors { field code message } }
}
"""
VERIFY = """
mutation Verify($id: ID!, $code: String!) {
  checkoutConfirmationVerify(id: $id, code: $code) { confirmed errors { field code message } }
}
"""


async def paid_checkout(api, settings, threshold: int = GIFT_POINTS - 1) -> tuple[Shopper, str]:
    """Mei's checkout of one gift, paid with points, in a programme that wants a code above `threshold`."""
    buyer = await shopper(api, settings)
    await create_issuer(IssuerData(code="BANKA", name="Bank A", points_unit="PTS",
                                   confirmation_threshold_points=threshold, confirmation_channel="email"))
    checkout_id = await buyer.ready()
    assert (await buyer.pay(checkout_id))["errors"] == []
    return buyer, checkout_id


async def sent_codes() -> list[str]:
    bodies = await OutboxMessage.filter(topic="notify.email").order_by("id").values_list("payload", flat=True)
    return [re.search(r"is (\d{6})\.", body["body"]).group(1) for body in bodies]  # type: ignore[union-attr]


async def request(buyer: Shopper, checkout_id: str) -> dict:
    return (await buyer.call(REQUEST, id=checkout_id))["checkoutConfirmationRequest"]


async def verify(buyer: Shopper, checkout_id: str, code: str) -> dict:
    return (await buyer.call(VERIFY, id=checkout_id, code=code))["checkoutConfirmationVerify"]


def codes_of(answer: dict) -> list[str]:
    return [error["code"] for error in answer["errors"]]


async def test_completion_above_the_threshold_waits_for_a_code(api, settings, set_clock):
    # given
    set_clock("2026-12-07T10:00:00+08:00")
    buyer, checkout_id = await paid_checkout(api, settings)
    before = await snapshot(buyer.world)

    # when
    refused = await buyer.complete(checkout_id)

    # then: no order, nothing taken
    assert refused["order"] is None
    assert codes_of(refused) == ["CONFIRMATION_REQUIRED"]
    assert await snapshot(buyer.world) == before


async def test_the_code_sent_by_email_confirms_and_the_checkout_completes(api, settings, set_clock):
    # given
    set_clock("2026-12-07T10:00:00+08:00")
    buyer, checkout_id = await paid_checkout(api, settings)

    # when
    sent = await request(buyer, checkout_id)
    [code] = await sent_codes()
    confirmed = await verify(buyer, checkout_id, code)
    completed = await buyer.complete(checkout_id)

    # then
    expires_at = sent.pop("expiresAt")
    assert sent == {"required": True, "channel": "email", "sendsLeft": 4, "errors": []}
    assert expires_at[:16] == "2026-12-07T02:10"  # ten minutes on (the test clock runs on from 10:00)
    assert confirmed == {"confirmed": True, "errors": []}
    assert completed["errors"] == []
    assert completed["order"]["total"]["gross"] == {"amount": GIFT_POINTS, "currency": "PTS"}
    assert await CheckoutConfirmation.all().count() == 0


async def test_the_email_says_what_the_code_confirms_in_the_members_language(api, settings, set_clock):
    # given
    set_clock("2026-12-07T10:00:00+08:00")
    buyer, checkout_id = await paid_checkout(api, settings)

    # when
    await request(buyer, checkout_id)

    # then
    [payload] = await OutboxMessage.filter(topic="notify.email").values_list("payload", flat=True)
    [code] = await sent_codes()
    assert (payload["to"], payload["subject"], payload["body"]) == (
        "mei@example.com", "Your confirmation code",
        f"Your code to confirm redeeming {GIFT_POINTS} PTS is {code}. It expires in 10 minutes.\n"
        "Never share it with anyone.")


async def test_a_wrong_code_is_refused_and_counted(api, settings, set_clock):
    # given
    set_clock("2026-12-07T10:00:00+08:00")
    buyer, checkout_id = await paid_checkout(api, settings)
    await request(buyer, checkout_id)
    [code] = await sent_codes()
    wrong = "000000" if code != "000000" else "111111"

    # when
    answer = await verify(buyer, checkout_id, wrong)

    # then: the try stays counted although the answer is an error
    assert answer == {"confirmed": False, "errors": [
        {"field": "code", "code": "CONFIRMATION_CODE_INVALID", "message": "Wrong code; 4 tries left."}]}
    row = await CheckoutConfirmation.get()
    assert (row.attempts, row.confirmed_at) == (1, None)


async def test_after_five_wrong_codes_even_the_right_one_is_refused(api, settings, set_clock):
    # given
    set_clock("2026-12-07T10:00:00+08:00")
    buyer, checkout_id = await paid_checkout(api, settings)
    await request(buyer, checkout_id)
    [code] = await sent_codes()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        await verify(buyer, checkout_id, wrong)

    # when
    answer = await verify(buyer, checkout_id, code)

    # then
    assert codes_of(answer) == ["CONFIRMATION_TRIES_EXCEEDED"]
    assert codes_of(await buyer.complete(checkout_id)) == ["CONFIRMATION_REQUIRED"]


async def test_a_code_expires_after_ten_minutes(api, settings, set_clock):
    # given
    set_clock("2026-12-07T10:00:00+08:00")
    buyer, checkout_id = await paid_checkout(api, settings)
    sent = await request(buyer, checkout_id)
    [code] = await sent_codes()

    # when: a second after it expired, with a fresh sign-in (access tokens last five minutes)
    set_clock((datetime.fromisoformat(sent["expiresAt"]) + timedelta(seconds=1)).isoformat())
    buyer.token = token_for(buyer.world.member, settings)
    answer = await verify(buyer, checkout_id, code)

    # then
    assert codes_of(answer) == ["CONFIRMATION_CODE_EXPIRED"]


async def test_a_changed_total_needs_a_new_code(api, settings, set_clock):
    # given: the code confirmed one gift, then the member takes two
    set_clock("2026-12-07T10:00:00+08:00")
    buyer, checkout_id = await paid_checkout(api, settings)
    await request(buyer, checkout_id)
    [code] = await sent_codes()
    assert (await verify(buyer, checkout_id, code))["confirmed"] is True
    checkout = (await buyer.call("query($id: ID!) { checkout(id: $id) { lines { id } } }", id=checkout_id))
    line_id = checkout["checkout"]["lines"][0]["id"]
    changed = await buyer.call(UPDATE_LINES, checkoutId=checkout_id, lines=[{"lineId": line_id, "quantity": 2}])
    assert changed["checkoutLinesUpdate"]["errors"] == []

    # when
    refused = await buyer.complete(checkout_id)

    # then
    assert codes_of(refused) == ["CONFIRMATION_REQUIRED"]


async def test_a_new_code_only_a_minute_after_the_last(api, settings, set_clock):
    # given
    set_clock("2026-12-07T10:00:00+08:00")
    buyer, checkout_id = await paid_checkout(api, settings)
    first_sent = await request(buyer, checkout_id)

    # when: again at once, then a minute and a second after the first was sent
    too_soon = await request(buyer, checkout_id)
    sent_at = datetime.fromisoformat(first_sent["expiresAt"]) - timedelta(minutes=10)
    set_clock((sent_at + timedelta(seconds=61)).isoformat())
    later = await request(buyer, checkout_id)

    # then: the second code replaces the first
    assert codes_of(too_soon) == ["CONFIRMATION_RESEND_TOO_SOON"]
    assert (later["required"], later["sendsLeft"], later["errors"]) == (True, 3, [])
    first, second = await sent_codes()
    if first != second:
        assert codes_of(await verify(buyer, checkout_id, first)) == ["CONFIRMATION_CODE_INVALID"]
    assert (await verify(buyer, checkout_id, second))["confirmed"] is True


async def test_below_the_threshold_no_code_is_needed(api, settings, set_clock):
    # given
    set_clock("2026-12-07T10:00:00+08:00")
    buyer, checkout_id = await paid_checkout(api, settings, threshold=GIFT_POINTS)

    # when
    asked = await request(buyer, checkout_id)
    completed = await buyer.complete(checkout_id)

    # then
    assert asked == {"required": False, "channel": None, "expiresAt": None, "sendsLeft": 0, "errors": []}
    assert completed["errors"] == []
    assert await OutboxMessage.filter(topic="notify.email", dedup_key__startswith="confirm:").count() == 0
