"""Accepting deliveries and returns: committed facts are numbered once, in commit order, and settlement reads
the facts above a watermark through fulfilment's reports."""

from __future__ import annotations

import pytest
from tortoise.transactions import in_transaction

from fulfilment.models import ReturnRequest, Shipment
from fulfilment.services.acceptance import accept_facts
from fulfilment.services.reports import last_accepted_sequence, lines_accepted_after
from tests.settlement.helpers import at
from tests.settlement.partner.helpers import (
    deliveries_committed_out_of_order,
    make_shop,
    order_gifts,
    receive,
    record_delivery,
    ship,
)


async def accept_everything() -> int:
    async with in_transaction():
        return await accept_facts()


async def accepted_sequence_of(shipped) -> int | None:
    return (await Shipment.get(id=shipped.shipment_id)).accepted_sequence


async def test_committed_deliveries_and_receipts_are_numbered_once_deliveries_first(settings):
    # given: two shipments delivered, one return received, and one shipment still on its way
    shop = await make_shop(settings)
    line = await order_gifts(shop, 3)
    first, second, travelling = [await ship(shop, line, 1) for _ in range(3)]
    await record_delivery(second, at("2026-11-11T03:00:00"))
    await record_delivery(first, at("2026-11-12T03:00:00"))
    returned = await receive(shop, second, 1, at("2026-11-15T03:00:00"))

    # when
    numbered = await accept_everything()
    again = await accept_everything()

    # then
    assert (numbered, again, await last_accepted_sequence()) == (3, 0, 3)
    assert [await accepted_sequence_of(s) for s in (first, second, travelling)] == [1, 2, None]
    assert (await ReturnRequest.get(id=returned.return_request_id)).accepted_sequence == 3  # type: ignore[attr-defined]


async def test_before_anything_is_accepted_the_watermark_is_zero(settings):
    assert await last_accepted_sequence() == 0


async def test_the_lines_above_a_watermark_include_those_not_accepted_yet(settings):
    # given: deliveries accepted as 1 and 2, then a delivery and a return recorded but not accepted
    shop = await make_shop(settings)
    line = await order_gifts(shop, 3)
    first, second, third = [await ship(shop, line, 1) for _ in range(3)]
    await record_delivery(first, at("2026-11-10T03:00:00"))
    await record_delivery(second, at("2026-11-11T03:00:00"))
    await accept_everything()
    await record_delivery(third, at("2026-11-12T03:00:00"))
    returned = await receive(shop, first, 1, at("2026-11-20T03:00:00"))

    # when
    accepted = await lines_accepted_after(shop.partner.code, 1)

    # then: stamped times and shipments come with them
    assert [(line.source, line.shipment_id, line.quantity, line.at) for line in accepted.delivered] == [
        (f"delivery:{second.id}", second.shipment_id, 1, at("2026-11-11T03:00:00")),  # type: ignore[attr-defined]
        (f"delivery:{third.id}", third.shipment_id, 1, at("2026-11-12T03:00:00")),  # type: ignore[attr-defined]
    ]
    assert [(line.source, line.shipment_id, line.quantity) for line in accepted.returned] == [
        (f"return:{returned.id}", first.shipment_id, 1)  # type: ignore[attr-defined]
    ]
    assert (await lines_accepted_after("OTHER", 0)).delivered == []


async def test_a_delivery_still_being_recorded_is_numbered_after_those_committed_before_it(settings, is_postgres):
    if not is_postgres:
        pytest.skip("SQLite runs one transaction at a time: nothing can stay open across the numbering")
    # given: the first shipment's delivery is written but not committed while the second's commits
    shop = await make_shop(settings)
    open_delivery = await deliveries_committed_out_of_order(shop)
    slow, fast = open_delivery.slow, open_delivery.fast

    # when: the worker numbers while it is open, and again once it committed
    while_open = await accept_everything()
    await open_delivery.commit()
    after_commit = await accept_everything()

    # then: the lower id gets the higher number: numbers follow commit order
    assert (while_open, after_commit) == (1, 1)
    assert (await accepted_sequence_of(fast), await accepted_sequence_of(slow)) == (1, 2)
