"""Booking the bank's points: a take-back that names its credit reverses that credit, out of its own lot."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from tortoise.transactions import in_transaction

from bank_link.imports import RowError
from bank_link.issuers import find_issuer
from bank_link.member_import import import_members
from bank_link.models import Member
from bank_link.points import BankPoints, Booked, book_bank_points, parse_points_record
from kernel.errors import DomainError
from ledger.models import Lot, Transfer, TransferKind
from ledger.services import Request, capture_hold, hold_points, points_balance
from mall.channels.models import Channel
from tests.bank_link.helpers import snapshot, write_file

NOW = datetime(2026, 11, 20, tzinfo=UTC)
EARNED = datetime(2026, 11, 1, tzinfo=UTC)
SOON = datetime(2027, 3, 31, tzinfo=UTC)  # before Bank A's policy expiry of November's points (2028-01-01)
ACTOR = "system:bank-feed"


@pytest.fixture
async def users(channel, tmp_path) -> dict[str, int]:
    roster = ["customer_reference,name,email,phone,status", "C001,Mei Lin,mei@example.com,,",
              "C002,Bo Wang,bo@example.com,,"]
    await import_members("BANKA", str(write_file(tmp_path, "roster.csv", roster)))
    return {m.customer_reference: m.user_id for m in await Member.all()}  # type: ignore[attr-defined]


async def book(channel: Channel, transaction_id: str, customer: str, points: int, *, reverses: str = "",
               expires_at: datetime | None = None) -> Booked:
    """One bank transaction booked as a use case does: in its own transaction."""
    issuer = await find_issuer("BANKA")
    item = BankPoints(transaction_id, customer, points, EARNED, expires_at, "refund" if reverses else "spend",
                      reverses)
    async with in_transaction():
        return await book_bank_points(issuer, channel, item, ACTOR, now=NOW)


async def refusal(channel: Channel, transaction_id: str, customer: str, points: int, reverses: str) -> list[dict]:
    with pytest.raises(DomainError) as refused:
        await book(channel, transaction_id, customer, points, reverses=reverses)
    return [{"field": d.field, "message": d.message, "code": d.code} for d in refused.value.details]


async def lots_remaining(transaction_ids: list[str]) -> list[int]:
    """What is left of the lot each credit opened, in the order given."""
    remaining = []
    for transaction_id in transaction_ids:
        credit = await Transfer.get(idempotency_key=f"bank:BANKA:{transaction_id}")
        remaining.append((await Lot.get(transfer_id=credit.id)).points_remaining)
    return remaining


async def available(channel: Channel, user_id: int) -> int:
    return (await points_balance(channel.id, user_id, now=NOW)).points_available


async def test_a_take_back_naming_its_credit_comes_out_of_that_credits_lot(channel, users):
    # given: T2's lot expires first, so a plain take-back would empty it before touching T1's
    await book(channel, "T1", "C001", 100)
    await book(channel, "T2", "C001", 80, expires_at=SOON)

    # when: the purchase behind T1 was refunded
    booked = await book(channel, "R1", "C001", -100, reverses="T1")

    # then
    credit = await Transfer.get(idempotency_key="bank:BANKA:T1")
    reversal = booked.transfer
    assert booked.replayed is False
    assert (reversal.kind, reversal.points, reversal.reverses_id, reversal.idempotency_key, reversal.reference,  # type: ignore[attr-defined]
            reversal.reason) == (TransferKind.ACCRUAL, 100, credit.id, "bank:BANKA:R1", "feed:R1", "refund")
    assert (reversal.debit_account_id, reversal.credit_account_id) == (  # type: ignore[attr-defined]
        credit.credit_account_id, credit.debit_account_id)  # type: ignore[attr-defined]
    assert await lots_remaining(["T1", "T2"]) == [0, 80]
    assert await available(channel, users["C001"]) == 80


async def test_the_same_reversal_again_changes_nothing(channel, users):
    # given
    await book(channel, "T1", "C001", 100)
    first = await book(channel, "R1", "C001", -100, reverses="T1")
    before = await snapshot()

    # when
    again = await book(channel, "R1", "C001", -100, reverses="T1")

    # then
    assert (again.replayed, again.transfer.id) == (True, first.transfer.id)
    assert await snapshot() == before
    assert await available(channel, users["C001"]) == 0


async def test_a_take_back_without_reverses_still_takes_the_first_expiring_points(channel, users):
    # given
    await book(channel, "T1", "C001", 100)
    await book(channel, "T2", "C001", 80, expires_at=SOON)

    # when
    booked = await book(channel, "D1", "C001", -100)

    # then
    assert booked.transfer.reverses_id is None  # type: ignore[attr-defined]
    assert await lots_remaining(["T1", "T2"]) == [80, 0]
    assert await available(channel, users["C001"]) == 80


async def test_reversing_an_unknown_transaction_is_refused_and_changes_nothing(channel, users):
    # given: Mei has points enough for a plain take-back
    await book(channel, "T1", "C001", 100)
    before = await snapshot()

    # when
    errors = await refusal(channel, "R1", "C001", -100, "T9")

    # then
    assert errors == [{"field": "reverses", "message": "Issuer BANKA has no booked transaction 'T9'.",
                       "code": "NOT_FOUND"}]
    assert await snapshot() == before


async def test_reversing_another_members_credit_is_refused_and_changes_nothing(channel, users):
    # given: Bo earned T2; Mei has points enough for a plain take-back
    await book(channel, "T1", "C001", 100)
    await book(channel, "T2", "C002", 100)
    before = await snapshot()

    # when
    errors = await refusal(channel, "R1", "C001", -100, "T2")

    # then
    assert errors == [{"field": "reverses", "code": "INVALID",
                       "message": "Transaction 'T2' is not a credit of member 'C001' in channel bank-a-mall."}]
    assert await snapshot() == before


async def test_reversing_a_credit_twice_is_refused_and_changes_nothing(channel, users):
    # given: T1 was reversed; Mei still has T3's points
    await book(channel, "T1", "C001", 100)
    await book(channel, "T3", "C001", 100)
    await book(channel, "R1", "C001", -100, reverses="T1")
    before = await snapshot()

    # when
    errors = await refusal(channel, "R2", "C001", -100, "T1")

    # then
    assert errors == [{"field": "reverses", "message": "Transaction 'T1' was already reversed.",
                       "code": "ALREADY_REVERSED"}]
    assert await snapshot() == before
    assert await available(channel, users["C001"]) == 100


async def test_reversing_a_credit_whose_points_were_spent_is_refused_and_changes_nothing(channel, users):
    # given: Mei redeemed 150 points, which emptied T2's lot (first to expire) and took 70 of T1's;
    # she still has 130 points in T1's and T3's lots
    await book(channel, "T1", "C001", 100)
    await book(channel, "T2", "C001", 80, expires_at=SOON)
    await book(channel, "T3", "C001", 100)
    held = await hold_points(channel, users["C001"], 150, Request("order:1:hold"), now=NOW)
    await capture_hold(held.id, Request("order:1:capture"), now=NOW)
    before = await snapshot()

    # when
    errors = await refusal(channel, "R1", "C001", -100, "T1")

    # then
    assert errors == [{"field": "points", "code": "INSUFFICIENT_POINTS",
                       "message": "The lot of transaction 'T1' no longer holds its 100 points (spent or expired)."}]
    assert await snapshot() == before
    assert await lots_remaining(["T1", "T2", "T3"]) == [30, 0, 100]


async def test_reversing_part_of_a_credit_is_refused_and_changes_nothing(channel, users):
    # given
    await book(channel, "T1", "C001", 100)
    before = await snapshot()

    # when
    errors = await refusal(channel, "R1", "C001", -40, "T1")

    # then
    assert errors == [{"field": "points", "code": "INVALID", "message": "A reversal takes back the whole credit "
                       "'T1' (100 points); send a partial take-back without reverses."}]
    assert await snapshot() == before


async def test_reversing_a_take_back_is_refused_and_changes_nothing(channel, users):
    # given
    await book(channel, "T1", "C001", 100)
    await book(channel, "D1", "C001", -10)
    before = await snapshot()

    # when
    errors = await refusal(channel, "R1", "C001", -10, "D1")

    # then
    assert errors == [{"field": "reverses", "code": "NOT_REVERSIBLE",
                       "message": "Transaction 'D1' took points back: only a credit can be reversed."}]
    assert await snapshot() == before


@pytest.mark.parametrize(
    ("points", "reverses", "reason"),
    [
        ("50", "T1", "reverses is only for negative points (the bank taking a credit back)"),
        ("-50", "R1", "reverses must name another transaction than this one"),
        ("-50", "T 1", "reverses must be 1-100 letters, digits, '.', '_', ':' or '-'"),
    ],
)
def test_a_malformed_reverses_is_refused_when_parsed(points, reverses, reason):
    # given
    fields = {"transaction_id": "R1", "customer_reference": "C001", "points": points, "earned_at": "2026-11-01",
              "reverses": reverses}

    # when
    with pytest.raises(RowError) as refused:
        parse_points_record(fields, ZoneInfo("UTC"))

    # then
    assert str(refused.value) == reason
