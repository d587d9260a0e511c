"""Expiry reminders: tell members whose points expire within their issuer's reminder window.

Each lot is reminded once: the reminder row (unique per lot) and the notification (key
`expiry-reminder:lot:<id>`: the inbox, e-mail and SMS as the programme's rules say, mall/notifications)
are written in one transaction, so a second run, a second worker or a retried run sends nothing new.
Members the bank gave no e-mail are told by text message and in the inbox. Inactive members and issuers,
and issuers with `reminder_days` 0, are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from bank_link.issuers import issuer_channels, time_zone
from bank_link.models import ExpiryReminder, Issuer, Member, MemberStatus
from kernel import clock
from ledger import services as ledger
from mall.channels.models import Channel
from mall.notifications.services import notify
from mall.notifications.templates import NotificationKind

PAGE_SIZE = 500
MAX_REMINDERS_PER_RUN = 2000  # the worker comes back for the rest


@dataclass(frozen=True)
class Reminder:
    issuer: Issuer
    channel: Channel
    lot: ledger.ExpiringLot
    member: Member


async def send_expiry_reminders(mall_url: str, now: datetime | None = None,
                                limit: int = MAX_REMINDERS_PER_RUN) -> int:
    """Queue the reminders that are due; returns how many lots were reminded."""
    now = (now or clock.now()).astimezone(UTC)
    sent = 0
    for issuer in await Issuer.filter(is_active=True, reminder_days__gt=0).order_by("id"):
        for channel in await issuer_channels(issuer):
            sent += await _remind_channel(issuer, channel, mall_url, now, limit - sent)
    return sent


async def _remind_channel(issuer: Issuer, channel: Channel, mall_url: str, now: datetime, limit: int) -> int:
    sent, after = 0, 0
    end = now + timedelta(days=issuer.reminder_days)
    while sent < limit:
        lots = await ledger.lots_expiring_between(channel.id, now, end, after_lot_id=after, limit=PAGE_SIZE)
        if not lots:
            return sent
        after = lots[-1].lot_id
        for reminder in await _due(issuer, channel, lots):
            sent += await _remind(reminder, mall_url)
    return sent


async def _due(issuer: Issuer, channel: Channel, lots: list[ledger.ExpiringLot]) -> list[Reminder]:
    """The page's lots not reminded yet, of active members of the issuer, with where to write."""
    lot_ids = [lot.lot_id for lot in lots]
    reminded = set(await ExpiryReminder.filter(lot_id__in=lot_ids).values_list("lot_id", flat=True))
    user_ids = {lot.member_id for lot in lots}
    members = {m.user_id: m for m in await Member.filter(  # type: ignore[attr-defined]
        issuer_id=issuer.id, user_id__in=user_ids, status=MemberStatus.ACTIVE)}
    return [Reminder(issuer, channel, lot, members[lot.member_id])
            for lot in lots if lot.lot_id not in reminded and lot.member_id in members]


async def _remind(reminder: Reminder, mall_url: str) -> int:
    lot = reminder.lot
    try:
        async with in_transaction():
            await ExpiryReminder.create(lot_id=lot.lot_id, member=reminder.member, points=lot.points,
                                        expires_at=lot.expires_at)
            await notify(reminder.member.user_id, NotificationKind.POINTS_EXPIRING,  # type: ignore[attr-defined]
                         _params(reminder, mall_url), f"expiry-reminder:lot:{lot.lot_id}",
                         channel_id=reminder.channel.id, link=mall_url)
    except IntegrityError:  # another worker reminded this lot meanwhile
        return 0
    return 1


def _params(reminder: Reminder, mall_url: str) -> dict[str, str]:
    local = reminder.lot.expires_at.astimezone(time_zone(reminder.issuer))
    return {"points": str(reminder.lot.points), "unit": reminder.channel.currency_code,
            "expires_on": f"{local:%Y-%m-%d %H:%M}", "time_zone": reminder.issuer.time_zone, "link": mall_url}
