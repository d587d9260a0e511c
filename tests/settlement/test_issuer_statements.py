"""Issuer statements: period boundaries in the issuer's time zone, refunds, lines, liability summary."""

from __future__ import annotations

import asyncio

import pytest

from kernel.errors import DomainError
from ledger.models import Transfer, TransferKind
from settlement.models import (
    LineKind,
    RunStatus,
    Statement,
    StatementEntry,
    StatementEvent,
    StatementLine,
    StatementStatus,
)
from tests.settlement.helpers import at, make_bank, redeem, refund, settle_issuers


async def lines_of(statement: Statement) -> list[tuple]:
    return await StatementLine.filter(statement_id=statement.id).order_by("reference").values_list(
        "kind", "reference", "points_captured", "points_refunded", "amount_micros"
    )


async def test_a_month_runs_from_midnight_to_midnight_in_the_issuers_time_zone(settings):
    # given: November in Shanghai is 2026-10-31T16:00Z .. 2026-11-30T16:00Z
    bank = await make_bank(settings)
    await redeem(bank, 100, at("2026-10-31T15:59:59"), "order:october-last")
    await redeem(bank, 200, at("2026-10-31T16:00:00"), "order:november-first")
    await redeem(bank, 300, at("2026-11-30T15:59:59"), "order:november-last")
    await redeem(bank, 400, at("2026-11-30T16:00:00"), "order:december-first")

    # when
    outcome = await settle_issuers(settings, "2026-11", "BANKA")

    # then
    statement = outcome.issued[0]
    assert outcome.run.status == RunStatus.SUCCEEDED
    assert (statement.period_start, statement.period_end) == (at("2026-10-31T16:00:00"), at("2026-11-30T16:00:00"))
    assert await lines_of(statement) == [
        (LineKind.ORDER, "order:november-first", 200, 0, 2_000_000),
        (LineKind.ORDER, "order:november-last", 300, 0, 3_000_000),
    ]
    assert (statement.points_captured, statement.points_net, str(statement.amount_due)) == (500, 500, "5.00")


async def test_the_same_instants_fall_into_other_months_in_another_time_zone(settings):
    # given: a bank in UTC, a capture on 1 November in Shanghai (still October in UTC) and one on 1 December
    # in Shanghai (still November in UTC)
    bank = await make_bank(settings, time_zone="UTC")
    await redeem(bank, 100, at("2026-10-31T17:00:00"), "order:a")
    await redeem(bank, 400, at("2026-11-30T17:00:00"), "order:b")

    # when
    outcome = await settle_issuers(settings, "2026-11", "BANKA")

    # then
    assert await lines_of(outcome.issued[0]) == [(LineKind.ORDER, "order:b", 400, 0, 4_000_000)]


async def test_refunds_in_the_period_reduce_what_the_bank_owes(settings):
    # given
    bank = await make_bank(settings, rate="0.025")
    capture = await redeem(bank, 1_000, at("2026-11-10T02:00:00"), "order:kettle")
    await refund(capture, 400, at("2026-11-12T02:00:00"))

    # when
    statement = (await settle_issuers(settings, "2026-11", "BANKA")).issued[0]

    # then
    assert await lines_of(statement) == [(LineKind.ORDER, "order:kettle", 1_000, 400, 15_000_000)]
    assert (statement.points_net, str(statement.gross_amount), str(statement.amount_due)) == (600, "15.00", "15.00")


async def test_a_refund_after_the_close_is_an_adjustment_line_of_the_next_period(settings):
    # given: November was settled, then part of a November order was refunded in December
    bank = await make_bank(settings)
    capture = await redeem(bank, 1_000, at("2026-11-10T02:00:00"), "order:kettle")
    november = (await settle_issuers(settings, "2026-11", "BANKA")).issued[0]
    await refund(capture, 250, at("2026-12-03T02:00:00"))

    # when
    december = (await settle_issuers(settings, "2026-12", "BANKA")).issued[0]

    # then: November is unchanged and December carries the refund as an adjustment
    again = await Statement.get(id=november.id)
    assert (again.points_net, str(again.amount_due), again.status) == (1_000, "10.00", StatementStatus.ISSUED)
    assert await lines_of(december) == [(LineKind.ADJUSTMENT, "order:kettle", 0, 250, -2_500_000)]
    assert (december.points_net, str(december.amount_due)) == (-250, "-2.50")


async def test_re_running_a_period_doubles_nothing(settings):
    # given
    bank = await make_bank(settings)
    await redeem(bank, 700, at("2026-11-10T02:00:00"))
    first = await settle_issuers(settings, "2026-11", "BANKA")

    # when
    second = await settle_issuers(settings, "2026-11", "BANKA")

    # then
    assert (len(first.issued), len(second.issued), [s.id for s in second.skipped]) == (1, 0, [first.issued[0].id])
    assert await Statement.all().count() == 1
    assert await StatementLine.all().count() == 1
    assert await StatementEntry.all().count() == 1
    assert await Transfer.filter(kind=TransferKind.SETTLEMENT).values_list("points", flat=True) == [700]


async def test_each_line_names_its_ledger_transfers_and_issuing_is_an_event(settings):
    # given
    bank = await make_bank(settings)
    capture = await redeem(bank, 900, at("2026-11-10T02:00:00"), "order:tea")
    refunded = await refund(capture, 100, at("2026-11-11T02:00:00"))

    # when
    statement = (await settle_issuers(settings, "2026-11", "BANKA")).issued[0]

    # then
    entries = await StatementEntry.filter(statement_id=statement.id).order_by("transfer_id").values_list(
        "source", "transfer_id", "points"
    )
    assert entries == [(f"transfer:{capture.id}", capture.id, 900), (f"transfer:{refunded.id}", refunded.id, -100)]
    events = await StatementEvent.filter(statement_id=statement.id).values_list("from_status", "to_status", "actor")
    assert events == [
        (None, StatementStatus.DRAFT, "user:1"),
        (StatementStatus.DRAFT, StatementStatus.ISSUED, "user:1"),
    ]


async def test_the_liability_summary_follows_the_member_wallets(settings):
    # given: 100,000 welcome points in January, then in November 5,000 more, 1,200 redeemed, 200 refunded
    bank = await make_bank(settings)
    from ledger.services import Request, credit_points

    await credit_points(bank.channel, bank.member.id, 5_000, Request("nov-credit", "system:test"),
                        now=at("2026-11-05T00:00:00"))
    capture = await redeem(bank, 1_200, at("2026-11-10T02:00:00"))
    await refund(capture, 200, at("2026-11-11T02:00:00"))

    # when
    statement = (await settle_issuers(settings, "2026-11", "BANKA")).issued[0]

    # then
    summary = (statement.liability_opening, statement.liability_accrued, statement.liability_redeemed,
               statement.liability_expired, statement.liability_closing)
    assert summary == (100_000, 5_000, 1_000, 0, 104_000)


async def test_an_open_period_is_refused_and_nothing_is_recorded(settings):
    # given
    await make_bank(settings)

    # when
    with pytest.raises(DomainError) as refused:
        await settle_issuers(settings, "2026-11", "BANKA", now=at("2026-11-30T15:59:59"))

    # then
    assert [d.code for d in refused.value.details] == ["PERIOD_OPEN"]
    assert await Statement.all().count() == 0


async def test_two_runs_of_the_same_period_at_once_issue_one_statement(settings):
    # given (on PostgreSQL the runs are concurrent transactions, on SQLite they are serialised)
    bank = await make_bank(settings)
    await redeem(bank, 700, at("2026-11-10T02:00:00"))

    # when
    outcomes = await asyncio.gather(settle_issuers(settings, "2026-11", "BANKA"),
                                    settle_issuers(settings, "2026-11", "BANKA"))

    # then: one issued it; the other lost the race, or came after and skipped it
    assert sorted(len(outcome.issued) for outcome in outcomes) == [0, 1]
    assert await Statement.all().count() == 1
    assert await Transfer.filter(kind=TransferKind.SETTLEMENT).values_list("points", flat=True) == [700]
