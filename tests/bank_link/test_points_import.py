"""`mall bank import-points`: credits and reversals through the ledger, idempotent by bank transaction id."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bank_link.member_import import import_members
from bank_link.points_import import import_points
from ledger.jobs import run_ledger_jobs
from ledger.models import Lot, Transfer, TransferKind
from ledger.services import points_balance
from tests.bank_link.helpers import snapshot, write_file

ROSTER = ["customer_reference,name,email,phone,status", "C001,Mei Lin,mei@example.com,,",
          "C002,Bo Wang,bo@example.com,,", "C008,Sleeping,sleep@example.com,,inactive"]
HEADER = "transaction_id,customer_reference,points,earned_at,expires_at,kind"
FEED = [
    HEADER,
    "T1,C001,100,2026-11-01T10:00:00,,spend",
    "T2,C002,50,2026-11-01,2027-12-31,welcome",
    "T3,C999,10,2026-11-01,,spend",
    "T4,C001,-30,2026-11-02,,reversal",
    "T5,C001,-500,2026-11-02,,reversal",
    "T6,C001,5,2020-01-01,2020-06-30,old",
    "T7,C001,abc,2026-11-01,,spend",
    "T8,C008,10,2026-11-01,,spend",
]


async def given_members(tmp_path) -> dict[str, int]:
    await import_members("BANKA", str(write_file(tmp_path, "roster.csv", ROSTER)))
    from bank_link.models import Member

    return {m.customer_reference: m.user_id for m in await Member.all()}  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def imported_in_late_november(set_clock):
    """The bank's points were earned in November 2026 and reach the mall on 25 November (Shanghai): under
    Bank A's policy (end of the next year) they are spendable until the end of 2027, whatever today is."""
    set_clock("2026-11-25T10:00:00+08:00")


async def test_credits_and_reversals_are_booked_and_bad_rows_written_with_the_reason(channel, tmp_path):
    # given
    users = await given_members(tmp_path)
    feed = write_file(tmp_path, "feed.csv", FEED)

    # when
    summary = await import_points("BANKA", str(feed), batch_size=3)

    # then
    assert summary.line() == f"8 rows: 2 credited, 1 reversed, 0 unchanged, 5 refused (see {feed}.errors.csv)"
    assert (await points_balance(channel.id, users["C001"])).points_available == 70
    assert (await points_balance(channel.id, users["C002"])).points_available == 50
    assert (tmp_path / "feed.csv.errors.csv").read_text() == (
        f"{HEADER},error\n"
        "T3,C999,10,2026-11-01,,spend,issuer BANKA has no member 'C999'\n"
        "T5,C001,-500,2026-11-02,,reversal,The member does not have enough points. (INSUFFICIENT_POINTS)\n"
        "T6,C001,5,2020-01-01,2020-06-30,old,These points expired at 2020-06-30T16:00:00+00:00. (EXPIRED)\n"
        'T7,C001,abc,2026-11-01,,spend,"points must be a whole number from -2147483647 to 2147483647, '
        'not zero"\n'
        "T8,C008,10,2026-11-01,,spend,Member 'C008' is not active. (INACTIVE)\n"
    )


async def test_transfers_carry_the_bank_transaction(channel, tmp_path):
    # given
    await given_members(tmp_path)

    # when
    await import_points("BANKA", str(write_file(tmp_path, "feed.csv", FEED[:2] + FEED[4:5])))

    # then
    rows = await Transfer.all().order_by("id").values_list("kind", "points", "idempotency_key", "reference", "reason",
                                                           "actor")
    assert rows == [
        (TransferKind.ACCRUAL, 100, "bank:BANKA:T1", "feed:T1", "spend", "system:bank-feed"),
        (TransferKind.ACCRUAL, 30, "bank:BANKA:T4", "feed:T4", "reversal", "system:bank-feed"),
    ]


async def test_lots_expire_by_the_issuers_policy_from_when_the_points_were_earned(channel, tmp_path):
    # given: Bank A's points expire at the end of the year after the year they were earned
    await given_members(tmp_path)

    # when
    await import_points("BANKA", str(write_file(tmp_path, "feed.csv", FEED[:3])))

    # then: both at the end of 2027 in Shanghai, the issuer's zone: T1 by the policy, T2 on its own expiry day
    assert await Lot.all().order_by("id").values_list("points_credited", "expires_at") == [
        (100, datetime(2027, 12, 31, 16, tzinfo=UTC)),
        (50, datetime(2027, 12, 31, 16, tzinfo=UTC)),
    ]


async def test_points_expire_on_the_issuers_policy(channel, tmp_path):
    # given
    users = await given_members(tmp_path)
    await import_points("BANKA", str(write_file(tmp_path, "feed.csv", FEED[:2])))

    # when: the worker runs after the end of 2027
    report = await run_ledger_jobs(now=datetime(2028, 1, 1, 0, 0, 1, tzinfo=UTC))

    # then
    assert report.lots_expired == 1
    balance = await points_balance(channel.id, users["C001"], now=datetime(2028, 1, 2, tzinfo=UTC))
    assert balance.points_available == 0
    assert await Transfer.filter(kind=TransferKind.EXPIRY).values_list("points", flat=True) == [100]


async def test_importing_the_same_feed_again_changes_nothing(channel, tmp_path):
    # given
    await given_members(tmp_path)
    feed = write_file(tmp_path, "feed.csv", FEED)
    await import_points("BANKA", str(feed))
    before = await snapshot()

    # when
    summary = await import_points("BANKA", str(feed), error_location=str(tmp_path / "again.csv"))

    # then
    assert summary.line() == (f"8 rows: 0 credited, 0 reversed, 3 unchanged, 5 refused (see {tmp_path}/again.csv)")
    assert await snapshot() == before


async def test_a_transaction_id_sent_again_with_other_points_is_refused(channel, tmp_path):
    # given
    users = await given_members(tmp_path)
    await import_points("BANKA", str(write_file(tmp_path, "feed.csv", FEED[:2])))
    changed = write_file(tmp_path, "changed.csv", [HEADER, "T1,C001,999,2026-11-01T10:00:00,,spend"])

    # when
    summary = await import_points("BANKA", str(changed))

    # then
    assert summary.counts["refused"] == 1
    assert (tmp_path / "changed.csv.errors.csv").read_text().splitlines()[1] == (
        "T1,C001,999,2026-11-01T10:00:00,,spend,"
        "This idempotency key was already used for a different request. (IDEMPOTENCY_CONFLICT)"
    )
    assert (await points_balance(channel.id, users["C001"])).points_available == 100


async def test_a_reversal_is_taken_from_an_inactive_member(channel, tmp_path):
    # given: Mei was credited, then the bank closed her card
    users = await given_members(tmp_path)
    await import_points("BANKA", str(write_file(tmp_path, "feed.csv", FEED[:2])))
    await import_members("BANKA", str(write_file(tmp_path, "closed.csv", [ROSTER[0], "C001,Mei Lin,mei@example.com,,"
                                                                                    "inactive"])))

    # when
    summary = await import_points("BANKA", str(write_file(tmp_path, "reverse.csv", [HEADER, *FEED[4:5]])))

    # then
    assert summary.counts["reversed"] == 1
    assert (await points_balance(channel.id, users["C001"])).points_available == 70


async def test_json_lines_feed(channel, tmp_path):
    # given
    users = await given_members(tmp_path)
    lines = [json.dumps({"transaction_id": "J1", "customer_reference": "C002", "points": 7,
                         "earned_at": "2026-11-03T08:00:00+08:00", "kind": "campaign"}),
             "not json", json.dumps({"transaction_id": "J2", "customer_reference": "C002", "points": 1.5,
                                     "earned_at": "2026-11-03"})]
    feed = write_file(tmp_path, "feed.jsonl", lines)

    # when
    summary = await import_points("BANKA", str(feed))

    # then
    assert summary.line() == f"3 rows: 1 credited, 0 reversed, 0 unchanged, 2 refused (see {feed}.errors.jsonl)"
    assert (await points_balance(channel.id, users["C002"])).points_available == 7
    assert (tmp_path / "feed.jsonl.errors.jsonl").read_text() == (
        '{"line": "not json", "error": "not a JSON object"}\n'
        '{"transaction_id": "J2", "customer_reference": "C002", "points": 1.5, "earned_at": "2026-11-03", '
        '"error": "points must be a whole number"}\n'
    )


REVERSAL_HEADER = f"{HEADER},reverses"
MIXED_FEED = [
    REVERSAL_HEADER,
    "T1,C001,100,2026-11-01,,spend,",
    "T2,C001,80,2026-11-01,2027-03-31,spend,",
    "T3,C002,60,2026-11-01,,spend,",
    "R1,C001,-100,2026-11-05,,refund,T1",
    "R2,C001,-100,2026-11-06,,refund,T1",
    "R3,C001,-60,2026-11-06,,refund,T3",
    "R4,C002,-10,2026-11-06,,refund,T9",
    "D1,C002,-10,2026-11-06,,adjustment,",
    "R5,C002,-60,2026-11-07,,refund,T3",
]


async def credit_lots_remaining(*transaction_ids: str) -> list[int]:
    remaining = []
    for transaction_id in transaction_ids:
        credit = await Transfer.get(idempotency_key=f"bank:BANKA:{transaction_id}")
        remaining.append((await Lot.get(transfer_id=credit.id)).points_remaining)
    return remaining


async def test_a_feed_mixing_credits_and_reversals_takes_each_reversal_from_its_credits_lot(channel, tmp_path):
    # given: T2 expires before T1, so only a reversal empties T1's lot while T2's stays whole
    users = await given_members(tmp_path)
    feed = write_file(tmp_path, "feed.csv", MIXED_FEED)

    # when
    summary = await import_points("BANKA", str(feed), batch_size=4)

    # then
    assert summary.line() == f"9 rows: 3 credited, 2 reversed, 0 unchanged, 4 refused (see {feed}.errors.csv)"
    assert await credit_lots_remaining("T1", "T2", "T3") == [0, 80, 50]
    assert (await points_balance(channel.id, users["C001"])).points_available == 80
    assert (await points_balance(channel.id, users["C002"])).points_available == 50
    reversal = await Transfer.get(idempotency_key="bank:BANKA:R1")
    assert reversal.reverses_id == (await Transfer.get(idempotency_key="bank:BANKA:T1")).id  # type: ignore[attr-defined]
    assert (tmp_path / "feed.csv.errors.csv").read_text() == (
        f"{REVERSAL_HEADER},error\n"
        "R2,C001,-100,2026-11-06,,refund,T1,Transaction 'T1' was already reversed. (ALREADY_REVERSED)\n"
        "R3,C001,-60,2026-11-06,,refund,T3,"
        "Transaction 'T3' is not a credit of member 'C001' in channel bank-a-mall. (INVALID)\n"
        "R4,C002,-10,2026-11-06,,refund,T9,Issuer BANKA has no booked transaction 'T9'. (NOT_FOUND)\n"
        "R5,C002,-60,2026-11-07,,refund,T3,"
        "The lot of transaction 'T3' no longer holds its 60 points (spent or expired). (INSUFFICIENT_POINTS)\n"
    )


async def test_importing_a_feed_with_reversals_again_changes_nothing(channel, tmp_path):
    # given
    await given_members(tmp_path)
    feed = write_file(tmp_path, "feed.csv", MIXED_FEED)
    await import_points("BANKA", str(feed), batch_size=4)
    before = await snapshot()

    # when
    summary = await import_points("BANKA", str(feed), batch_size=4, error_location=str(tmp_path / "again.csv"))

    # then
    assert summary.line() == f"9 rows: 0 credited, 0 reversed, 5 unchanged, 4 refused (see {tmp_path}/again.csv)"
    assert await snapshot() == before
