"""Many members completing at once for the last codes of a pool: each code goes to exactly one order line,
the rest are refused, and nothing half-done stays (PostgreSQL: real concurrent transactions)."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from fulfilment.digital.models import CodeStatus, DigitalCode
from ledger.models import Transfer, TransferKind
from orders.models import Order, OrderStatus
from tests.factories import make_member, token_for
from tests.fulfilment.digital.api import UPLOAD, gid, staff_token
from tests.fulfilment.digital.world import COFFEE_PARTNER, COFFEE_POINTS, build_digital_mall, coffee_stock
from tests.orders.graphql.helpers import COMPLETE, CREATE, PAY
from tests.orders.services.world import give_points

RACERS = 12
LAST_CODES = 5


async def paid_checkout(api, token: str, channel: str, variant_id: str) -> str:
    created = (await api.ok(CREATE, {"channel": channel, "lines": [{"variantId": variant_id, "quantity": 1}]},
                            token))["checkoutCreate"]
    checkout_id = created["checkout"]["id"]
    assert (await api.ok(PAY, {"id": checkout_id}, token))["transactionInitialize"]["errors"] == []
    return checkout_id


def outcome(completed: dict) -> str:
    return completed["errors"][0]["code"] if completed["errors"] else completed["order"]["status"]


@pytest.mark.postgres_only
async def test_members_racing_for_the_last_codes_get_one_each_and_the_rest_are_refused(api, settings, set_clock):
    # given: five codes left and twelve members, each with a paid checkout of one voucher
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    brew = await staff_token(settings, "brew@example.com", ["MANAGE_PRODUCTS"], COFFEE_PARTNER)
    csv = "code\n" + "".join(f"BREW-LAST-{n:04d}\n" for n in range(LAST_CODES))
    await api.ok(UPLOAD, {"variant": gid("ProductVariant", mall.coffee.id), "csv": csv}, brew)
    tokens = []
    for n in range(RACERS):
        member = await make_member(settings, f"racer{n}@example.com")
        await give_points(mall.channel, member, 1_000)
        tokens.append(token_for(member, settings))
    variant = gid("ProductVariant", mall.coffee.id)
    checkouts = [await paid_checkout(api, token, mall.channel.slug, variant) for token in tokens]

    # when: all complete at once
    answers = await asyncio.gather(*(api.ok(COMPLETE, {"id": checkout_id}, token)
                                     for checkout_id, token in zip(checkouts, tokens, strict=True)))

    # then: five fulfilled orders, seven refusals
    completions = [answer["checkoutComplete"] for answer in answers]
    assert Counter(outcome(c) for c in completions) == {"FULFILLED": LAST_CODES,
                                                        "INSUFFICIENT_STOCK": RACERS - LAST_CODES}
    # and every code went to exactly one line, of a fulfilled order
    codes = await DigitalCode.all()
    assert Counter(code.status for code in codes) == {CodeStatus.ASSIGNED: LAST_CODES}
    assert len({code.order_line_id for code in codes}) == LAST_CODES
    assert await Order.filter(status=OrderStatus.FULFILLED).count() == LAST_CODES
    assert await Order.all().count() == LAST_CODES
    # and only the winners paid; the pool and its stock are empty, not negative
    captured = await Transfer.filter(kind=TransferKind.CAPTURE).values_list("points", flat=True)
    assert sorted(captured) == [COFFEE_POINTS] * LAST_CODES
    assert await coffee_stock(mall) == (0, 0)
