"""Expiry reminders: members are e-mailed once per lot that expires within their issuer's window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bank_link.issuers import IssuerData, update_issuer
from bank_link.jobs import BankJobs
from bank_link.member_import import import_members
from bank_link.points import BankPoints, book_bank_points
from bank_link.reminders import send_expiry_reminders
from mall.outbox.mail import MAIL_TOPIC
from mall.outbox.models import OutboxMessage
from tests.bank_link.helpers import write_file


def mails_queued():
    """The outbox's mails (the roster import also announces new members to the loyalty engine)."""
    return OutboxMessage.filter(topic=MAIL_TOPIC)

NOW = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
MALL = "https://mall.example"


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

    # then: Mei's lot in 10 days and Bo's (recorded, but Bo has no e-mail); not Mei's in 45 days, not Lu
    assert reminded == 2
    mails = await mails_queued().values_list("dedup_key", "payload")
    assert mails == [("expiry-reminder:lot:1", {
        "to": "mei@example.com", "subject": "100 PTS points expire soon",
        "body": "Dear Mei Lin,\n\n100 PTS points of your Bank A rewards expire on 2026-12-11 at 12:00 "
                "(Asia/Shanghai).\nRedeem them for a gift before then: https://mall.example\n",
    })]


async def test_a_second_run_sends_nothing_new(issuer, channel, tmp_path):
    # given
    await given_points(issuer, channel, tmp_path)
    await send_expiry_reminders(MALL, now=NOW)

    # when
    again = await send_expiry_reminders(MALL, now=NOW + timedelta(hours=1))

    # then
    assert again == 0
    assert await mails_queued().count() == 1


async def test_the_window_slides_over_later_lots(issuer, channel, tmp_path):
    # given
    await given_points(issuer, channel, tmp_path)
    await send_expiry_reminders(MALL, now=NOW)

    # when: 20 days later Mei's second lot is 25 days from expiry
    later = await send_expiry_reminders(MALL, now=NOW + timedelta(days=20))

    # then
    assert later == 1
    assert await mails_queued().order_by("id").values_list("dedup_key", flat=True) == [
        "expiry-reminder:lot:1", "expiry-reminder:lot:2"]


async def test_an_issuer_without_a_window_sends_none(issuer, channel, tmp_path):
    # given
    await given_points(issuer, channel, tmp_path)
    await update_issuer(issuer, IssuerData(reminder_days=0))

    # when
    reminded = await send_expiry_reminders(MALL, now=NOW)

    # then
    assert reminded == 0
    assert await mails_queued().count() == 0


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
