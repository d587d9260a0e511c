"""A redeemed voucher's codes reach the member by e-mail and SMS, whole, with how to use them: opened from the
vault by the worker as it sends. The outbox, the inbox and the logs never hold them, and sending counts as
showing them (the partner's "shown codes cannot be returned" applies)."""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from fulfilment.digital.giving_back import refuse_shown_codes
from fulfilment.digital.models import CodeStatus, DigitalCode
from kernel.errors import DomainError
from mall.notifications.models import DeliveryReceipt, Notification
from mall.outbox.models import OutboxMessage, OutboxStatus
from mall.settings import Settings
from mall.worker import run_once
from orders.models import Order, OrderLine
from tests.fulfilment.digital.world import build_digital_mall, redeem, stock_codes
from tests.mall.notifications.world import build_world
from tests.orders.services.world import give_points

CODES = ("BREW-AAAA-1111", "BREW-BBBB-2222")
BOTH_CODES = "BREW-AAAA-1111 (valid until 2027-06-30)\nBREW-BBBB-2222 (valid until 2027-06-30)"


@dataclass(frozen=True)
class Redeemed:
    order: Order
    line: OrderLine
    sending: Settings  # the settings of a worker writing mail and texts into this test's folders
    mail_dir: Path
    sms_dir: Path


async def two_coffees_redeemed(settings: Settings, tmp_path: Path, chinese: bool = False) -> Redeemed:
    """Mei (English, e-mail and phone) or Lin (Chinese, phone only) redeems two coffee vouchers."""
    world = await build_world(tmp_path)
    member = world.lin if chinese else world.mei
    await give_points(world.channel, member, 1_000)
    mall = await build_digital_mall(settings, channel=world.channel, member=member)
    await stock_codes(mall, *CODES)
    order = await redeem(mall, [(mall.coffee, 2)])
    sending = dataclasses.replace(settings, mail_dir=tmp_path / "mail", sms_dir=tmp_path / "sms")
    return Redeemed(order, await OrderLine.get(order_id=order.id), sending, tmp_path / "mail", tmp_path / "sms")


def holds_a_code(text: str) -> bool:
    return any(code in text for code in CODES)


async def test_the_email_carries_the_codes_and_how_to_use_them(settings, set_clock, tmp_path):
    # given
    set_clock("2026-12-01T10:00:00+08:00")
    redeemed = await two_coffees_redeemed(settings, tmp_path)

    # when
    report = await run_once(redeemed.sending)

    # then
    assert (report.failed, report.dead) == (0, 0)
    [eml] = list(redeemed.mail_dir.glob("*.eml"))
    mail = message_from_bytes(eml.read_bytes(), policy=policy.default)
    number = redeemed.order.number
    assert (mail["To"], mail["Subject"]) == ("mei@example.com", f"Order {number}: your gift code is ready")
    assert mail.get_body(("plain",)).get_content().strip() == (
        f"Your gift code for COFFEE-50 voucher from order {number}:\n\n{BOTH_CODES}\n\n"
        "How to use it: Show the code at the till.\n"
        "The code is also in the mall, under My orders. Never share it with anyone but the shop.")


async def test_the_text_message_carries_the_codes(settings, set_clock, tmp_path):
    # given
    set_clock("2026-12-01T10:00:00+08:00")
    redeemed = await two_coffees_redeemed(settings, tmp_path)

    # when
    await run_once(redeemed.sending)

    # then
    [text] = list(redeemed.sms_dir.glob("*.txt"))
    assert text.read_text() == (
        f"To: +8613800000001\n\nBank A: your COFFEE-50 voucher code (order {redeemed.order.number}): "
        f"{BOTH_CODES}. Show the code at the till.\n")


async def test_a_chinese_member_reads_the_codes_in_chinese(settings, set_clock, tmp_path):
    # given: Lin reads Chinese and has a phone only
    set_clock("2026-12-01T10:00:00+08:00")
    redeemed = await two_coffees_redeemed(settings, tmp_path, chinese=True)

    # when
    await run_once(redeemed.sending)

    # then
    [text] = list(redeemed.sms_dir.glob("*.txt"))
    assert text.read_text() == (
        f"To: +8613800000002\n\n【Bank A】订单 {redeemed.order.number} COFFEE-50 voucher 券码："
        "BREW-AAAA-1111 (有效期至 2027-06-30)\nBREW-BBBB-2222 (有效期至 2027-06-30)。在收银台出示券码。\n")
    assert list(redeemed.mail_dir.glob("*.eml")) == []


async def test_the_outbox_the_inbox_the_receipts_and_the_logs_never_hold_a_code(settings, set_clock, tmp_path,
                                                                                  caplog):
    # given
    caplog.set_level(logging.DEBUG)
    set_clock("2026-12-01T10:00:00+08:00")
    redeemed = await two_coffees_redeemed(settings, tmp_path)

    # when
    await run_once(redeemed.sending)

    # then: the messages went, and what we keep of them holds a reference to the line, never the code
    messages = await OutboxMessage.filter(topic__in=["notify.email", "notify.sms"],
                                          dedup_key__startswith="digital:line:").order_by("topic")
    assert [m.status for m in messages] == [OutboxStatus.DELIVERED, OutboxStatus.DELIVERED]
    assert [m.payload["secret"] for m in messages] == [
        {"source": "digital_line", "reference": str(redeemed.line.id)}] * 2
    assert not any(holds_a_code(json.dumps(m.payload, ensure_ascii=False)) for m in await OutboxMessage.all())
    [inbox] = await Notification.filter(kind="gift_code_issued")
    assert (inbox.body.splitlines()[0], inbox.link) == (
        f"Your gift code for COFFEE-50 voucher from order {redeemed.order.number} is ready: ********.",
        f"/orders/{redeemed.order.id}")
    receipts = await DeliveryReceipt.all().values_list("provider_message_id", flat=True)
    assert not any(holds_a_code(receipt) for receipt in receipts)
    assert not any(holds_a_code(record.getMessage() + repr(record.__dict__)) for record in caplog.records)


async def test_sending_the_codes_counts_as_showing_them(settings, set_clock, tmp_path):
    # given: the partner's contract says codes once shown cannot be returned (the default)
    set_clock("2026-12-01T10:00:00+08:00")
    redeemed = await two_coffees_redeemed(settings, tmp_path)

    # when
    await run_once(redeemed.sending)

    # then
    shown = await DigitalCode.filter(order_line_id=redeemed.line.id, revealed_at__isnull=False).count()
    assert shown == 2
    with pytest.raises(DomainError):
        await refuse_shown_codes([redeemed.line.id])


async def test_codes_withdrawn_before_the_message_went_are_not_sent(settings, set_clock, tmp_path):
    # given: the line's codes were burned (its order cancelled) before the worker came
    set_clock("2026-12-01T10:00:00+08:00")
    redeemed = await two_coffees_redeemed(settings, tmp_path)
    await DigitalCode.filter(order_line_id=redeemed.line.id).update(status=CodeStatus.BURNED)

    # when
    report = await run_once(redeemed.sending)

    # then: the messages are done with, nothing was sent, and no code counts as shown
    assert (report.failed, report.dead) == (0, 0)
    assert list(redeemed.mail_dir.glob("*.eml")) == list(redeemed.sms_dir.glob("*.txt")) == []
    assert await OutboxMessage.filter(dedup_key__startswith="digital:line:", status=OutboxStatus.PENDING).count() == 0
    assert await DigitalCode.filter(order_line_id=redeemed.line.id, revealed_at__isnull=False).count() == 0
