"""The statement lifecycle: a table of allowed moves, each recorded as an event; refused moves change nothing."""

from __future__ import annotations

import pytest

from kernel.errors import DomainError
from settlement.lifecycle import TRANSITIONS, confirm_statement, dispute_statement, move_statement
from settlement.models import Statement, StatementEvent, StatementStatus
from tests.settlement.helpers import at, make_bank, redeem, settle_issuers


async def issued_statement(settings) -> Statement:
    bank = await make_bank(settings)
    await redeem(bank, 300, at("2026-11-10T02:00:00"))
    return (await settle_issuers(settings, "2026-11", "BANKA")).issued[0]


def test_the_transition_table():
    assert {status: sorted(targets) for status, targets in TRANSITIONS.items()} == {
        StatementStatus.DRAFT: [StatementStatus.ISSUED],
        StatementStatus.ISSUED: [StatementStatus.CONFIRMED, StatementStatus.DISPUTED],
        StatementStatus.DISPUTED: [StatementStatus.CONFIRMED],
        StatementStatus.CONFIRMED: [StatementStatus.PAID],
        StatementStatus.PAID: [],
    }


async def test_a_disputed_statement_is_confirmed_once_resolved(settings):
    # given
    statement = await issued_statement(settings)

    # when
    await dispute_statement(statement, "user:7", "Order 12 was canceled")
    await confirm_statement(statement, "user:7")

    # then
    events = await StatementEvent.filter(statement_id=statement.id).order_by("id").values_list(
        "from_status", "to_status", "note")
    assert events[2:] == [
        (StatementStatus.ISSUED, StatementStatus.DISPUTED, "Order 12 was canceled"),
        (StatementStatus.DISPUTED, StatementStatus.CONFIRMED, "confirmed by the counterparty"),
    ]


@pytest.mark.parametrize("target", [StatementStatus.DRAFT, StatementStatus.PAID, StatementStatus.ISSUED])
async def test_a_move_outside_the_table_is_refused_and_nothing_changes(settings, target):
    # given
    statement = await issued_statement(settings)
    events_before = await StatementEvent.filter(statement_id=statement.id).count()

    # when
    with pytest.raises(DomainError) as refused:
        await move_statement(statement, target, "user:1")

    # then
    assert [d.code for d in refused.value.details] == ["INVALID_TRANSITION"]
    assert (await Statement.get(id=statement.id)).status == StatementStatus.ISSUED
    assert await StatementEvent.filter(statement_id=statement.id).count() == events_before


async def test_a_stale_copy_cannot_move_a_statement_that_moved_meanwhile(settings):
    # given: two copies of the same issued statement; the first is confirmed
    statement = await issued_statement(settings)
    stale = await Statement.get(id=statement.id)
    await confirm_statement(statement, "user:7")

    # when: the stale copy still says issued and tries to dispute
    with pytest.raises(DomainError) as refused:
        await dispute_statement(stale, "user:8", "late")

    # then
    assert [d.message for d in refused.value.details] == ["The statement changed meanwhile, reload it."]
    assert (await Statement.get(id=statement.id)).status == StatementStatus.CONFIRMED
