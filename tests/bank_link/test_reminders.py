"""Expiry reminders: members are told once per lot that expires within their issuer's window (e-mail, SMS, inbox)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tortoise.queryset import QuerySet

from bank_link.issuers import IssuerData, update_issuer
from bank_link.jobs import BankJobs
from bank_link.member_import import import_members
from bank_link.points import BankPoints, book_bank_points
from bank_link.reminders import send_expiry_reminders
from mall.notifications.models import Notification
from mall.outbox.models import OutboxMessage
from tests.bank_link.helpers import write_file

NOW = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
MALL = "https://mall.example"


def reminders() -> QuerySet[OutboxMessage]:
    """The reminders queued (booking the points queued "points credited" news too)."""
    return OutboxMessage.filter(dedup_key__startswith="expiry-reminder:").order_by("id")


async def given_points(issuer, channel, tmp_path) -> None:
    """Mei: 100 points expiring in 10 days, 200 in 45 days. Bo (no e-mail): 50 in 5 days. Lu (inactive): 70."""
    roster = ["customer_reference,name,email,phone,status", "C001,Mei Lin,mei@example.com,,",
              "C002,Bo,,+86 138 0000 0002,", "C003,Lu,lu@example.com,,"]
    await import_members("BANKA", str(write_file(tmp_path, "roster.csv", roster)))
    for number, (reference, points, days) in enumerate([("C001", 100, 10), ("C001", 200, 45), ("C002", 50, 5),
                                                        ("C003", 70, 3)]):
        item = BankPoints(f"T{number}", reference, points, NOW, NOW + timedelta(days=days), "spend")
        await book_bank_points(issuer, channel, item, "test", now=NOW)
    closed = [roster[0], "C003,Lu,lu@example.com,,inactive"]
    await import_members("BANKA", str(write_file(tmp_path, "closed.csv", closed)))


async def test_members_are_reminded_of_points_expiring_within_the_window(issuer, channel, tmp_path):
    # given
    await given_points(issuer, channel, tmp_path)

    # when
    reminded = await send_expiry_reminders(MALL, now=NOW)

    # then: Mei's lot in 10 days by e-mail, Bo's by text (he has no e-mail); not Mei's in 45 days, not Lu
    assert reminded == 2
    messages = await reminders().values_list("topic", "payload")
    assert messages == [
        ("notify.email", {
            "to": "mei@example.com", "subject": "100 PTS expire soon",
            "body": "100 PTS of your Bank A rewards expire on 2026-12-11 12:00 (Asia/Shanghai).\n"
                    "Redeem them for a gift before then: https://mall.example",
            "key": "expiry-reminder:lot:1:u1:email"}),
        ("notify.sms", {
            "to": "+8613800000002",
            "text": "Bank A: 50 PTS expire on 2026-12-06 12:00. Redeem them: https://mall.example",
            "key": "expiry-reminder:lot:3:u2:sms"}),
    ]
    assert await Notification.filter(key__startswith="expiry-").order_by("id").values_list("user_id", "key") == [
        (1, "expiry-reminder:lot:1"), (2, "expiry-reminder:lot:3")]


async def test_a_second_run_sends_nothing_new(issuer, channel, tmp_path):
    # given
    await given_points(issuer, channel, tmp_path)
    await send_expiry_reminders(MALL, now=NOW)

    # when
    again = await send_expiry_reminders(MALL, now=NOW + timedelta(hours=1))

    # then
    assert again == 0
    assert await reminders().count() == 2


async def test_the_window_slides_over_later_lots(issuer, channel, tmp_path):
    # given
    await given_points(issuer, channel, tmp_path)
    await send_expiry_reminders(MALL, now=NOW)

    # when: 20 days later Mei's second lot is 25 days from expiry
    later = await send_expiry_reminders(MALL, now=NOW + timedelta(days=20))

    # then
    assert later == 1
    assert await reminders().values_list("dedup_key", flat=True) == [
        "expiry-reminder:lot:1:u1:email", "expiry-reminder:lot:3:u2:sms", "expiry-reminder:lot:2:u1:email"]


async def test_an_issuer_without_a_window_sends_none(issuer, channel, tmp_path):
    # given
    await given_points(issuer, channel, tmp_path)
    await update_issuer(issuer, IssuerData(reminder_days=0))

    # when
    reminded = await send_expiry_reminders(MALL, now=NOW)

    # then
    assert reminded == 0
    assert await reminders().count() == 0


async def test_the_worker_looks_again_only_after_the_interval(issuer, channel, tmp_path):
    # given
    await given_points(issuer, channel, tmp_path)
    jobs = BankJobs(MALL)
    await jobs.run(NOW - timedelta(days=30))  # nothing due yet: the run only starts the interval

    # when
    soon = await jobs.run(NOW - timedelta(days=30) + timedelta(minutes=1))
    later = await jobs.run(NOW)

    # then
    assert (soon, later) == (0, 2)
