"""Reconciliation: a statement that differs from the ledger refuses the whole run, and says why."""

from __future__ import annotations

from ledger.models import Transfer, TransferKind
from settlement.models import RunStatus, SettlementRun, Statement, StatementEntry, StatementLine
from tests.settlement.helpers import at, make_bank, redeem, settle_issuers


async def test_a_capture_that_names_no_order_refuses_the_run_with_a_readable_difference(settings):
    # given: an order's capture and a deliberately inconsistent one whose reference names no order
    bank = await make_bank(settings)
    await redeem(bank, 1_000, at("2026-11-10T02:00:00"), "order:kettle")
    stray = await redeem(bank, 300, at("2026-11-11T02:00:00"), "manual:desk-correction")
    other = await make_bank(settings, code="BANKB")
    await redeem(other, 50, at("2026-11-10T02:00:00"))

    # when
    outcome = await settle_issuers(settings, "2026-11")

    # then: nothing is issued for anyone, and the run says what differs
    assert outcome.run.status == RunStatus.REFUSED
    assert outcome.differences == [
        "issuer BANKA 2026-11: captures 1,300 points in the ledger, 1,000 on the statement (difference 300)",
        f"issuer BANKA 2026-11: capture transfer {stray.id} of 300 points is on no line "
        "(reference 'manual:desk-correction' names no order)",
        "issuer BANKA 2026-11: net redeemed points 1,000 on the lines, 1,300 out of member wallets",
    ]
    stored = await SettlementRun.get(id=outcome.run.id)
    assert (stored.status, stored.differences, stored.statements_issued) == (RunStatus.REFUSED,
                                                                            outcome.differences, 0)
    assert await Statement.all().count() == 0
    assert await StatementLine.all().count() == 0
    assert await StatementEntry.all().count() == 0
    assert await Transfer.filter(kind=TransferKind.SETTLEMENT).count() == 0
