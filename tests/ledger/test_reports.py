"""The reports the ledger offers other packages: the record each transfer is for, points redeemed per record,
and the transfer relation settlement aggregates in its own SQL."""

from __future__ import annotations

from datetime import timedelta

from ledger.models import Transfer
from ledger.services import (
    TRANSFER_REPORT,
    Request,
    capture_hold,
    credit_points,
    hold_points,
    redeemed_by_subject,
    refund_capture,
)
from ledger.transfers import Subject, subject_of
from mall import sql
from tests.ledger.helpers import NOW, credit, request


async def redeem(channel, member, points: int, reference: str, key: str, now=NOW) -> Transfer:
    held = await hold_points(channel, member.id, points, request(f"hold-{key}", reference=reference), now=now,
                             expires_at=now + timedelta(minutes=15))
    return await capture_hold(held.id, request(f"capture-{key}", reference=reference), now=now)


def test_a_reference_names_its_record_up_to_the_first_colon():
    assert subject_of("order:0b6f-11") == Subject("order", "0b6f-11")
    assert subject_of("order:0b6f:late") == Subject("order", "0b6f:late")
    assert subject_of(":x") == Subject("", "x")
    assert subject_of("desk correction") == Subject(None, None)
    assert subject_of("") == Subject(None, None)


async def test_every_transfer_stores_the_record_its_reference_names(channel, member):
    # given: an accrual, a redemption (hold and capture) and a refund, and a free-text adjustment reference
    await credit(channel, member, 100)
    capture = await redeem(channel, member, 30, "order:0b6f-11", "a")
    await refund_capture(capture.id, request("refund-a", reference="order:0b6f-11"), points=10, now=NOW)
    await credit_points(channel, member.id, 5, request("credit-free-text", reference="desk correction"), now=NOW)

    # when
    stored = await Transfer.all().order_by("id").values_list("kind", "subject_kind", "subject_id")

    # then: written the same way on both databases (PostgreSQL writes holds and captures in one statement)
    assert stored == [("accrual", "feed", "1"), ("hold", "order", "0b6f-11"), ("capture", "order", "0b6f-11"),
                      ("refund", "order", "0b6f-11"), ("accrual", None, None)]


async def test_points_redeemed_per_order_net_of_refunds_before_the_instant(channel, member):
    # given: order A captured 70 and refunded 20, order B captured 30 after the instant, a hold not captured
    await credit(channel, member, 500)
    capture = await redeem(channel, member, 70, "order:A", "a")
    await refund_capture(capture.id, request("refund-a", reference="order:A"), points=20, now=NOW)
    await redeem(channel, member, 30, "order:B", "b", now=NOW + timedelta(hours=1))
    await hold_points(channel, member.id, 40, request("hold-c", reference="order:C"), now=NOW,
                      expires_at=NOW + timedelta(minutes=15))

    # when
    redeemed = await redeemed_by_subject("order", ["A", "B", "C", "missing"], NOW + timedelta(minutes=1))

    # then
    assert redeemed == {"A": 50}
    assert await redeemed_by_subject("order", [], NOW) == {}
    assert await redeemed_by_subject("checkout", ["A"], NOW + timedelta(days=1)) == {}


async def test_the_transfer_report_signs_each_movement_from_the_member_wallet(channel, member):
    # given
    await credit(channel, member, 100)
    capture = await redeem(channel, member, 30, "order:A", "a")
    await refund_capture(capture.id, Request("refund-a", "user:1", "order:A"), points=10, now=NOW)

    # when
    rows = await sql.fetch(f"SELECT t.kind, t.points, t.subject_id, t.member_movement FROM {TRANSFER_REPORT} t"
                           " ORDER BY t.id")

    # then
    assert [(row["kind"], int(row["points"]), row["subject_id"], int(row["member_movement"])) for row in rows] == [
        ("accrual", 100, "1", 100), ("hold", 30, "A", -30), ("capture", 30, "A", -30), ("refund", 10, "A", 10),
    ]
