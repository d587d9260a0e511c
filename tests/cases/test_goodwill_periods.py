"""Goodwill for a complaint about a month already settled: booked into the period open when the case is
resolved and paid on that period's statement; a goodwill transfer stamped inside a settled month but
committed after its run is settled once, by the next run. Issued statements never change."""

from __future__ import annotations

from decimal import Decimal

from tortoise.transactions import in_transaction

from cases.models import Party, ResolutionKind
from cases.services import Resolution, resolve_case
from ledger.models import Transfer
from ledger.services import seal_transfers
from settlement.models import LineKind, Statement, StatementEntry, StatementLine
from tests.cases.world import ACME_STAFF, BANK_STAFF, build_mall, deliver, opened, shipment_case
from tests.settlement.helpers import settle_issuers
from tests.settlement.partner.helpers import GIFT_POINTS, settle_partner

SORRY = "Sorry for the broken kettle."


async def goodwill(settings, mall, viewer, payer: Party, points: int) -> Transfer:
    """A case about the November order, resolved with goodwill in its own transaction, as the mutation does."""
    case = await opened(settings, mall.member, shipment_case(mall))
    async with in_transaction():
        await resolve_case(viewer, case.id, Resolution(ResolutionKind.GOODWILL, SORRY, points=points, payer=payer))
    return await Transfer.get(reference=f"case:{case.id}")


async def goodwill_lines(statement: Statement) -> list[tuple[str, int, int]]:
    return await StatementLine.filter(statement_id=statement.id, kind=LineKind.GOODWILL).values_list(
        "reference", "points_value", "amount_micros")


async def unchanged(statement: Statement) -> tuple[object, ...]:
    again = await Statement.get(id=statement.id)
    return again.status, again.line_count, again.amount_due, again.liability_adjusted


async def test_goodwill_for_a_settled_month_is_paid_on_the_statement_of_the_month_it_was_given(settings, set_clock):
    # given: the kettle was delivered on 3 November and November is settled with ACME
    mall = await build_mall(settings)
    await deliver(mall)
    [november] = (await settle_partner(settings, "2026-11")).issued
    before = await unchanged(november)

    # when: on 2 December ACME gives 500 points for the complaint, then December is settled
    set_clock("2026-12-02T10:00:00+08:00")
    transfer = await goodwill(settings, mall, ACME_STAFF, Party.PARTNER, 500)
    [december] = (await settle_partner(settings, "2026-12")).issued

    # then: booked in December, deducted on December's statement; November's is as it was issued
    assert f"{transfer.created_at:%Y-%m-%d}" == "2026-12-02"  # UTC, as the clock set it
    assert await goodwill_lines(december) == [(transfer.reference, 0, -5_000_000)]
    assert december.amount_due == Decimal("-5.00")
    assert await unchanged(november) == before
    assert await goodwill_lines(november) == []


async def test_partner_goodwill_stamped_in_a_settled_month_is_settled_once_by_the_next_run(settings, set_clock):
    # given: on 30 November, ACME's November is settled while a goodwill resolution is still open; the
    # resolution then commits, stamped 30 November, and is sealed in the ledger
    mall = await build_mall(settings)
    await deliver(mall)
    set_clock("2026-11-30T10:00:00+08:00")
    [november] = (await settle_partner(settings, "2026-11")).issued
    before = await unchanged(november)
    late = await goodwill(settings, mall, ACME_STAFF, Party.PARTNER, 500)
    async with in_transaction():
        await seal_transfers()

    # when: December is settled, then December's run again
    [december] = (await settle_partner(settings, "2026-12")).issued
    again = await settle_partner(settings, "2026-12")

    # then: December deducts it once, on a goodwill line whose entry names the transfer; November is untouched
    assert f"{late.created_at:%Y-%m-%d}" == "2026-11-30"
    assert await goodwill_lines(december) == [(late.reference, 0, -5_000_000)]
    assert december.amount_due == Decimal("-5.00")
    assert await StatementEntry.filter(transfer_id=late.id).values_list("statement_id", flat=True) == [december.id]
    assert again.issued == []
    assert await unchanged(november) == before


async def test_issuer_goodwill_stamped_in_a_settled_month_is_settled_by_the_next_run(settings, set_clock):
    # given: the bank's November is settled, then the bank's goodwill resolution, stamped 30 November, commits
    mall = await build_mall(settings)
    set_clock("2026-11-30T10:00:00+08:00")
    [november] = (await settle_issuers(settings, "2026-11", "BANKA")).issued
    before = await unchanged(november)
    late = await goodwill(settings, mall, BANK_STAFF, Party.ISSUER, 200)

    # when
    [december] = (await settle_issuers(settings, "2026-12", "BANKA")).issued

    # then: December shows the 200 points granted and counts them as adjusted in December, so its opening
    # is November's closing; November's statement is as it was issued
    assert await goodwill_lines(december) == [(late.reference, 200, 0)]
    assert (november.points_net, november.liability_adjusted) == (GIFT_POINTS * 2, 0)
    assert (december.liability_opening, december.liability_adjusted) == (november.liability_closing, 200)
    assert december.liability_closing == november.liability_closing + 200
    assert await StatementEntry.filter(transfer_id=late.id).values_list("statement_id", flat=True) == [december.id]
    assert await unchanged(november) == before
