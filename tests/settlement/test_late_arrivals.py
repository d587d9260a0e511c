"""Late arrivals: transfers stamped inside a settled period that committed after its run are settled once,
by the next run, on lines of their own that name them."""

from __future__ import annotations

import asyncio

import pytest
from tortoise.transactions import in_transaction

from ledger.models import Transfer, TransferKind
from ledger.services import Request, credit_points, seal_transfers
from settlement.models import LineKind, RunStatus, Statement, StatementEntry, StatementLine
from tests.factories import make_member
from tests.settlement.helpers import Bank, at, make_bank, redeem, refund, settle_issuers


async def lines_of(statement: Statement) -> list[tuple]:
    return await StatementLine.filter(statement_id=statement.id).order_by("reference").values_list(
        "kind", "reference", "points_captured", "points_refunded", "amount_micros"
    )


async def entries_naming(transfer: Transfer) -> list[int]:
    return await StatementEntry.filter(transfer_id=transfer.id).values_list("statement_id", flat=True)


async def settled_points() -> list[int]:
    return await Transfer.filter(kind=TransferKind.SETTLEMENT).order_by("id").values_list("points", flat=True)


async def seal_everything() -> None:
    async with in_transaction():
        await seal_transfers()


async def test_a_capture_committed_after_its_periods_run_is_settled_by_the_next_run(settings):
    # given: November is settled, then a capture stamped 20 November commits (its transaction was open)
    bank = await make_bank(settings)
    await redeem(bank, 700, at("2026-11-10T02:00:00"), "order:on-time")
    november = (await settle_issuers(settings, "2026-11", "BANKA")).issued[0]
    late = await redeem(bank, 300, at("2026-11-20T02:00:00"), "order:late")
    await redeem(bank, 200, at("2026-12-05T02:00:00"), "order:december")

    # when
    outcome = await settle_issuers(settings, "2026-12", "BANKA")

    # then: December carries it once, on a line of its own naming the transfer; the figures reconcile
    december = outcome.issued[0]
    assert outcome.run.status == RunStatus.SUCCEEDED
    assert await lines_of(december) == [
        (LineKind.ORDER, "order:december", 200, 0, 2_000_000),
        (LineKind.LATE_ARRIVAL, "order:late", 300, 0, 3_000_000),
    ]
    assert (december.points_net, str(december.amount_due)) == (500, "5.00")
    assert await entries_naming(late) == [december.id]
    assert await settled_points() == [700, 500]
    again = await Statement.get(id=november.id)
    assert (again.points_net, again.line_count) == (700, 1)


async def test_the_liability_summary_carries_on_from_the_previous_closing(settings):
    # given
    bank = await make_bank(settings)
    await redeem(bank, 700, at("2026-11-10T02:00:00"))
    november = (await settle_issuers(settings, "2026-11", "BANKA")).issued[0]
    await redeem(bank, 300, at("2026-11-20T02:00:00"))

    # when
    december = (await settle_issuers(settings, "2026-12", "BANKA")).issued[0]

    # then: the late 300 are redeemed in December, not hidden in its opening figure
    assert (november.liability_opening, november.liability_redeemed, november.liability_closing) == (
        100_000, 700, 99_300)
    assert (december.liability_opening, december.liability_redeemed, december.liability_closing) == (
        99_300, 300, 99_000)


async def test_a_late_refund_is_a_late_arrival_line_that_reduces_what_the_bank_owes(settings):
    # given: an order captured and settled in November, refunded on 25 November after the run
    bank = await make_bank(settings)
    capture = await redeem(bank, 1_000, at("2026-11-10T02:00:00"), "order:kettle")
    await settle_issuers(settings, "2026-11", "BANKA")
    await refund(capture, 400, at("2026-11-25T02:00:00"))

    # when
    december = (await settle_issuers(settings, "2026-12", "BANKA")).issued[0]

    # then
    assert await lines_of(december) == [(LineKind.LATE_ARRIVAL, "order:kettle", 0, 400, -4_000_000)]
    assert (december.points_net, str(december.amount_due)) == (-400, "-4.00")


async def test_a_late_arrival_is_settled_once_whatever_runs_follow(settings):
    # given: a late November capture settled by December
    bank = await make_bank(settings)
    await settle_issuers(settings, "2026-11", "BANKA")
    late = await redeem(bank, 300, at("2026-11-20T02:00:00"), "order:late")
    december = (await settle_issuers(settings, "2026-12", "BANKA")).issued[0]

    # when: December runs again, then January
    again = await settle_issuers(settings, "2026-12", "BANKA")
    january = (await settle_issuers(settings, "2027-01", "BANKA")).issued[0]

    # then
    assert [s.id for s in again.skipped] == [december.id]
    assert await lines_of(january) == []
    assert await entries_naming(late) == [december.id]
    assert await settled_points() == [300]


async def test_transfers_before_the_first_settled_period_are_not_late_arrivals(settings):
    # given: nothing was ever settled for October
    bank = await make_bank(settings)
    await redeem(bank, 100, at("2026-10-20T02:00:00"), "order:october")
    await settle_issuers(settings, "2026-11", "BANKA")

    # when
    december = (await settle_issuers(settings, "2026-12", "BANKA")).issued[0]

    # then
    assert await lines_of(december) == []


async def test_a_statement_records_the_ledger_watermark_it_was_built_at(settings):
    # given: three transfers sealed (the welcome credit, a hold and its capture)
    bank = await make_bank(settings)
    await redeem(bank, 700, at("2026-11-10T02:00:00"))
    await seal_everything()

    # when
    november = (await settle_issuers(settings, "2026-11", "BANKA")).issued[0]

    # then
    assert november.ledger_watermark == 3
    assert (await Statement.get(id=november.id)).ledger_watermark == 3


async def test_a_transaction_open_across_the_run_is_caught_although_its_id_is_below_what_the_run_saw(
    settings, is_postgres
):
    if not is_postgres:
        pytest.skip("SQLite runs one transaction at a time: nothing can stay open across the run")
    # given: a capture stamped 20 November is written but not committed; meanwhile another member's
    # capture (higher ids) commits and is sealed, and November is settled
    bank = await make_bank(settings)
    other = await make_member(settings, email="other@banka.example")
    await credit_points(bank.channel, other.id, 1_000, Request("welcome:other", "system:test", "feed:test"))
    written, release = asyncio.Event(), asyncio.Event()

    async def slow_redemption() -> Transfer:
        async with in_transaction():
            capture = await redeem(bank, 300, at("2026-11-20T02:00:00"), "order:slow")
            written.set()
            await release.wait()
        return capture

    slow = asyncio.create_task(slow_redemption())
    await written.wait()
    fast = await redeem(Bank(bank.issuer, bank.channel, other), 700, at("2026-11-21T02:00:00"), "order:fast")
    await seal_everything()
    november = (await settle_issuers(settings, "2026-11", "BANKA")).issued[0]
    release.set()
    late = await slow
    await seal_everything()

    # when
    december = (await settle_issuers(settings, "2026-12", "BANKA")).issued[0]

    # then: the late capture's id is below the transfers November saw, its sealing sequence above
    sealed = dict(await Transfer.filter(id__in=[late.id, fast.id]).values_list("id", "sequence"))
    assert late.id < fast.id
    assert sealed[late.id] > november.ledger_watermark >= sealed[fast.id]
    assert await lines_of(november) == [(LineKind.ORDER, "order:fast", 700, 0, 7_000_000)]
    assert await lines_of(december) == [(LineKind.LATE_ARRIVAL, "order:slow", 300, 0, 3_000_000)]
    assert await settled_points() == [700, 300]
