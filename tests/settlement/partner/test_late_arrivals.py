"""Late arrivals: deliveries and returns stamped inside a settled period but recorded after its run are
settled once, by the next run, on lines of their own whose entries name the shipment or return lines."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tortoise.transactions import in_transaction

from fulfilment.models import Shipment
from fulfilment.services.acceptance import accept_facts
from settlement.models import LineKind, RunStatus, Statement, StatementEntry, StatementLine
from tests.settlement.helpers import at
from tests.settlement.partner.helpers import (
    deliveries_committed_out_of_order,
    make_shop,
    order_gifts,
    receive,
    record_delivery,
    settle_partner,
    ship,
)


async def lines_of(statement: Statement) -> list[tuple]:
    return await StatementLine.filter(statement_id=statement.id).order_by("id").values_list(
        "kind", "quantity", "amount_micros", "points_value"
    )


async def sources_of(statement: Statement) -> list[str]:
    return await StatementEntry.filter(statement_id=statement.id).order_by("id").values_list("source", flat=True)


async def statements_naming(source: str) -> list[int]:
    return await StatementEntry.filter(source=source).values_list("statement_id", flat=True)


def figures(statement: Statement) -> tuple[Decimal, ...]:
    return (statement.gross_amount, statement.returns_amount, statement.fee_amount, statement.amount_due)


async def accept_everything() -> int:
    async with in_transaction():
        return await accept_facts()


async def test_a_delivery_reported_after_its_periods_run_is_settled_by_the_next_run(settings):
    # given: November is settled; on 2 December the carrier reports a delivery of 30 November (23:00 in
    # Shanghai); another kettle is delivered on 5 December. Cost 50.00, 1,200 points, fee 5 %, rate 0.01
    shop = await make_shop(settings)
    line = await order_gifts(shop, 3)
    on_time, late, december_delivery = [await ship(shop, line, 1) for _ in range(3)]
    await record_delivery(on_time, at("2026-11-12T03:00:00"))
    november = (await settle_partner(settings, "2026-11")).issued[0]
    await record_delivery(late, at("2026-11-30T15:00:00"))
    await record_delivery(december_delivery, at("2026-12-05T03:00:00"))

    # when
    outcome = await settle_partner(settings, "2026-12")

    # then: December carries it once, on a line of its own naming the shipment line; the run reconciles
    december = outcome.issued[0]
    assert outcome.run.status == RunStatus.SUCCEEDED
    assert await lines_of(december) == [
        (LineKind.DELIVERY, 1, 50_000_000, 1_200),
        (LineKind.LATE_ARRIVAL, 1, 50_000_000, 1_200),
    ]
    assert await sources_of(december) == [f"delivery:{december_delivery.id}", f"delivery:{late.id}"]
    assert figures(december) == (Decimal("100.00"), Decimal("0.00"), Decimal("1.20"), Decimal("98.80"))
    assert await statements_naming(f"delivery:{late.id}") == [december.id]
    again = await Statement.get(id=november.id)
    assert (again.line_count, again.amount_due) == (1, Decimal("49.40"))


async def test_a_return_received_after_its_periods_run_is_a_late_line_that_reduces_what_is_owed(settings):
    # given: two kettles delivered and settled in November; one comes back on 25 November, after the run
    shop = await make_shop(settings)
    line = await order_gifts(shop, 2)
    shipped = await ship(shop, line, 2)
    await record_delivery(shipped, at("2026-11-12T03:00:00"))
    november = (await settle_partner(settings, "2026-11")).issued[0]
    returned = await receive(shop, shipped, 1, at("2026-11-25T03:00:00"))

    # when
    outcome = await settle_partner(settings, "2026-12")

    # then: 0.00 - 50.00 - 5 % of (-1,200 points x 0.01) = -49.40
    december = outcome.issued[0]
    assert outcome.run.status == RunStatus.SUCCEEDED
    assert await lines_of(december) == [(LineKind.LATE_ARRIVAL, -1, -50_000_000, -1_200)]
    assert await sources_of(december) == [f"return:{returned.id}"]
    assert figures(december) == (Decimal("0.00"), Decimal("50.00"), Decimal("-0.60"), Decimal("-49.40"))
    assert (december.points_captured, december.points_refunded, december.points_net) == (0, 1_200, -1_200)
    assert figures(november) == (Decimal("100.00"), Decimal("0.00"), Decimal("1.20"), Decimal("98.80"))


async def test_a_late_arrival_is_settled_once_whatever_runs_follow(settings):
    # given: a late November delivery settled by December
    shop = await make_shop(settings)
    line = await order_gifts(shop, 1)
    late = await ship(shop, line, 1)
    await settle_partner(settings, "2026-11")
    await record_delivery(late, at("2026-11-20T03:00:00"))
    december = (await settle_partner(settings, "2026-12")).issued[0]

    # when: December runs again (after the worker accepted the fact), then January
    await accept_everything()
    again = await settle_partner(settings, "2026-12")
    january = (await settle_partner(settings, "2027-01")).issued[0]

    # then
    assert [statement.id for statement in again.skipped] == [december.id]
    assert await lines_of(january) == []
    assert await statements_naming(f"delivery:{late.id}") == [december.id]
    assert await StatementLine.filter(kind=LineKind.LATE_ARRIVAL).count() == 1


async def test_facts_of_a_period_never_settled_are_not_late_arrivals(settings):
    # given: nothing was ever settled for October; an October delivery is recorded after November's run
    shop = await make_shop(settings)
    line = await order_gifts(shop, 1)
    october = await ship(shop, line, 1)
    await settle_partner(settings, "2026-11")
    await record_delivery(october, at("2026-10-20T03:00:00"))

    # when
    december = (await settle_partner(settings, "2026-12")).issued[0]

    # then: October's own run will settle it
    assert await lines_of(december) == []


async def test_a_partner_statement_records_the_accepted_sequence_it_was_built_at(settings):
    # given: two deliveries and a return accepted by the worker
    shop = await make_shop(settings)
    line = await order_gifts(shop, 2)
    first, second = await ship(shop, line, 1), await ship(shop, line, 1)
    await record_delivery(first, at("2026-11-10T03:00:00"))
    await record_delivery(second, at("2026-11-11T03:00:00"))
    await receive(shop, second, 1, at("2026-11-15T03:00:00"))
    assert await accept_everything() == 3

    # when
    november = (await settle_partner(settings, "2026-11")).issued[0]

    # then
    assert november.fulfilment_watermark == 3
    assert (await Statement.get(id=november.id)).fulfilment_watermark == 3


async def test_a_delivery_recorded_in_a_transaction_open_across_the_run_is_caught_by_the_next_run(
    settings, is_postgres
):
    if not is_postgres:
        pytest.skip("SQLite runs one transaction at a time: nothing can stay open across the run")
    # given: the delivery of 20 November of the first shipment is written but not committed; meanwhile the
    # second shipment's delivery (a higher id, recorded later) commits and is accepted, and November is settled
    shop = await make_shop(settings)
    open_delivery = await deliveries_committed_out_of_order(shop)
    slow, fast = open_delivery.slow, open_delivery.fast
    await accept_everything()
    november = (await settle_partner(settings, "2026-11")).issued[0]
    await open_delivery.commit()
    await accept_everything()

    # when
    december = (await settle_partner(settings, "2026-12")).issued[0]

    # then: the slow delivery's shipment id is below what November saw, its accepted sequence above it
    accepted = dict(await Shipment.filter(id__in=[slow.shipment_id, fast.shipment_id])  # type: ignore[attr-defined]
                    .values_list("id", "accepted_sequence"))
    assert slow.shipment_id < fast.shipment_id  # type: ignore[attr-defined]
    assert accepted[slow.shipment_id] > november.fulfilment_watermark >= accepted[fast.shipment_id]  # type: ignore[attr-defined]
    assert await sources_of(november) == [f"delivery:{fast.id}"]
    assert await lines_of(december) == [(LineKind.LATE_ARRIVAL, 1, 50_000_000, 1_200)]
    assert await sources_of(december) == [f"delivery:{slow.id}"]
