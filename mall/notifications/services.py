"""Tell a member the news: render it in their language, file it in their inbox, queue e-mail and SMS.

`notify` runs inside the caller's transaction (the use case that made the news): the inbox row and the
outbox messages commit or roll back with it. The inbox is a row of our own database, written at once; what
leaves the database (e-mail, SMS) goes through the outbox, one message per channel, each keyed by the news
and the channel, so a retried use case queues nothing twice and a retried delivery is recognised by the
provider handlers (mall/notifications/delivery.py).

Which channels carry a message:
- marketing (`OFFER`): only those the member chose (`NotificationPreference`);
- transactional news: the inbox, e-mail when there is an address, SMS when the member's programme texts
  members and the bank gave a phone number; SMS waits for the end of quiet hours in the member's time zone;
- a confirmation code: only the channel the caller names, at once (the member is waiting for it), never
  the inbox (a code shown to whoever holds the session confirms nothing).

News that carries a secret (a digital gift's code, `secret=`) files the inbox row from the masked texts and
queues e-mail and SMS without their texts: the worker opens the secret and renders them when it sends
(mall/notifications/secrets.py), so the outbox holds a reference, never the code.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kernel import clock
from kernel.errors import DomainError
from mall import sql
from mall.accounts.models import User
from mall.channels.models import Channel
from mall.channels.unit_names import unit_name_for_amount
from mall.notifications.contacts import (
    DEFAULT_QUIET_HOURS,
    DEFAULT_TIME_ZONE,
    ProgrammeContact,
    programme_contact,
)
from mall.notifications.errors import NotificationErrorCode
from mall.notifications.models import Notification, NotificationPreference
from mall.notifications.quiet_hours import next_sendable
from mall.notifications.secrets import Secret
from mall.notifications.templates import (
    MARKETING_KINDS,
    SECRET_TEMPLATES,
    Language,
    NotificationKind,
    Rendered,
    language_of,
    render,
)
from mall.outbox.services import enqueue, enqueue_all

EMAIL_TOPIC = "notify.email"
SMS_TOPIC = "notify.sms"
EVENT_TOPIC = "notify.event"  # news told later by the worker (notify_later)
DEFAULT_PROGRAMME = "Points Mall"
MAX_MARK_READ = 100


class Via(StrEnum):
    INBOX = "inbox"
    EMAIL = "email"
    SMS = "sms"


@dataclass(frozen=True)
class Audience:
    """Where one member can be reached, and the rules that apply to them."""

    email: str
    phone: str
    time_zone: str
    quiet_hours: tuple[int, int]
    programme: str
    sms_allowed: bool
    unit_names: dict[str, str] = field(default_factory=dict)  # the programme's names of its points
    unit_names_singular: dict[str, str] = field(default_factory=dict)  # the same, beside exactly one point


@dataclass(frozen=True)
class Sealed:
    """E-mail and SMS of news with a secret: rendered by the worker from these (the outbox payload's part)."""

    kind: NotificationKind
    rendered: Rendered  # the masked texts, for the inbox
    params: dict[str, str]  # every template parameter but the secret's
    secret: Secret

    def payload(self, to: str, key: str) -> dict[str, Any]:
        return {"to": to, "key": key, "kind": self.kind.value, "language": self.rendered.language.value,
                "params": self.params, "secret": self.secret.as_payload()}


async def notify(user_id: int, kind: NotificationKind, params: dict[str, str], key: str, *,
                 channel_id: int | None = None, link: str = "", only: Via | None = None,
                 secret: Secret | None = None) -> list[Via]:
    """Tell member `user_id` about `kind` (once per `key`); returns the channels it goes out on.

    `params` fill the templates (mall/notifications/templates.py); `programme` is added. With `secret`, the
    inbox reads the masked texts and e-mail and SMS carry the secret, opened at send time. Staff and inactive
    accounts are told nothing. Raises KeyError when a template needs a parameter `params` lacks.
    """
    user = await User.get_or_none(id=user_id)
    if user is None or user.is_staff or not user.is_active:
        return []
    audience = await _audience(user, channel_id)
    language = language_of(user.language_code)
    full_params = _with_unit_named({"programme": audience.programme, **params}, language, audience.unit_names,
                                   audience.unit_names_singular)
    rendered = render(kind, language, full_params)
    sealed = _sealed(kind, rendered, full_params, secret)
    channels = await _channels(user, kind, audience, only)
    for via in channels:
        await _send(via, user, kind, rendered, key, link, audience, sealed)
    return channels


def _with_unit_named(
    params: dict[str, str], language: Language, names: Mapping[str, str], singular_names: Mapping[str, str]
) -> dict[str, str]:
    """Callers give the unit's code (`unit`: PTS); members read what their programme calls it in their
    language (mall.channels.unit_names: the code in English and 积分 in Chinese where it names none), in the
    singular beside exactly one point ("1 point")."""
    if "unit" not in params:
        return params
    amount = 1 if params.get("points") == "1" else None
    named = unit_name_for_amount(amount, names, singular_names, language.value, params["unit"])
    return {**params, "unit": named}


def _sealed(kind: NotificationKind, rendered: Rendered, params: dict[str, str],
            secret: Secret | None) -> Sealed | None:
    if secret is None:
        return None
    SECRET_TEMPLATES[rendered.language][kind]  # KeyError now, in the use case, rather than at every send
    return Sealed(kind, rendered, params, secret)


async def notify_later(user_id: int, kind: NotificationKind, params: dict[str, str], key: str, *,
                       channel_id: int | None = None, link: str = "") -> None:
    """As `notify`, but told by `mall worker` (the outbox topic EVENT_TOPIC, then `tell_event`): one row in
    the caller's transaction instead of a dozen statements, for use cases that hold hot locks (a checkout
    holds its gifts' stock rows until it commits)."""
    await notify_all_later([LaterNotice(user_id, kind, params, key, channel_id, link)])


@dataclass(frozen=True)
class LaterNotice:
    """One `notify_later` call's arguments."""

    user_id: int
    kind: NotificationKind
    params: dict[str, str]
    key: str
    channel_id: int | None = None
    link: str = ""


async def notify_all_later(notices: list[LaterNotice]) -> None:
    """`notify_later` for each notice, their outbox rows written in one statement."""
    await enqueue_all([(EVENT_TOPIC, _event_payload(notice), f"{notice.key}:u{notice.user_id}") for notice in notices])


def _event_payload(notice: LaterNotice) -> dict[str, Any]:
    return {"user_id": notice.user_id, "kind": notice.kind.value, "params": notice.params, "key": notice.key,
            "channel_id": notice.channel_id, "link": notice.link}


@dataclass(frozen=True)
class News:
    """One member's share of news told to many at once (`notify_many_later`)."""

    user_id: int
    params: dict[str, str]
    key: str


MAX_NEWS = 10_000  # per call: one statement's arrays stay bounded
# PostgreSQL: many `notify_later` rows in one statement (a job that tells thousands of members per key range).
ENQUEUE_NEWS = (
    "INSERT INTO outbox_message (topic, dedup_key, payload, status, attempts, available_at, created_at)"
    " SELECT $1, n.dedup_key, n.payload::jsonb, 'pending', 0, $4, $4 FROM unnest($2::text[], $3::text[])"
    " AS n (dedup_key, payload) ORDER BY n.dedup_key ON CONFLICT (topic, dedup_key) DO NOTHING"
)


async def notify_many_later(kind: NotificationKind, news: list[News], *, channel_id: int | None = None,
                            link: str = "") -> None:
    """`notify_later` for each of up to MAX_NEWS members, in one statement on PostgreSQL: the tier review
    tells a key range's level changes at once instead of a dozen statements per member (bench/README.md).
    Raises ValueError past MAX_NEWS."""
    if len(news) > MAX_NEWS:
        raise ValueError(f"at most {MAX_NEWS} members' news at once")
    if not news:
        return
    if not sql.is_postgres():
        for each in news:
            await notify_later(each.user_id, kind, each.params, each.key, channel_id=channel_id, link=link)
        return
    payloads = [json.dumps({"user_id": each.user_id, "kind": kind.value, "params": each.params, "key": each.key,
                            "channel_id": channel_id, "link": link}) for each in news]
    await sql.execute(ENQUEUE_NEWS, EVENT_TOPIC, [f"{each.key}:u{each.user_id}" for each in news], payloads,
                      clock.now())


async def tell_event(payload: dict[str, Any]) -> None:
    """The worker's side of `notify_later`; inside the delivery's transaction."""
    await notify(int(payload["user_id"]), NotificationKind(payload["kind"]), dict(payload["params"]),
                 str(payload["key"]), channel_id=payload["channel_id"], link=str(payload["link"]))


async def notify_guest(email: str, language_code: str, kind: NotificationKind, params: dict[str, str],
                       key: str, *, secret: Secret | None = None) -> None:
    """Tell a buyer without an account (a guest checkout): e-mail only, in the order's language (with
    `secret`, the e-mail carries it, opened at send time: a guest has no order page to read it on)."""
    if not email:
        return
    language = language_of(language_code)
    full_params = _with_unit_named({"programme": DEFAULT_PROGRAMME, **params}, language, {}, {})
    rendered = render(kind, language, full_params)
    sealed = _sealed(kind, rendered, full_params, secret)
    dedup_key = f"{key}:guest:email"
    payload = sealed.payload(email, dedup_key) if sealed else {
        "to": email, "subject": rendered.title, "body": rendered.body, "key": dedup_key}
    await enqueue(EMAIL_TOPIC, payload, dedup_key)


async def _audience(user: User, channel_id: int | None) -> Audience:
    contact: ProgrammeContact | None = await programme_contact(user.id, channel_id)
    preference = await NotificationPreference.get_or_none(user_id=user.id)
    own_zone = preference.time_zone if preference else ""
    names, singular = await _unit_names(channel_id, contact)
    if contact is None:
        return Audience(user.email, "", own_zone or DEFAULT_TIME_ZONE, DEFAULT_QUIET_HOURS, DEFAULT_PROGRAMME, False,
                        names, singular)
    return Audience(contact.email, contact.phone, own_zone or contact.time_zone, contact.quiet_hours,
                    contact.programme, contact.sms_allowed, names, singular)


async def _unit_names(
    channel_id: int | None, contact: ProgrammeContact | None
) -> tuple[dict[str, str], dict[str, str]]:
    """The names (plural, singular) the news's channel shows beside its prices (a member off the roster reads
    the mall's wording too), else those of the member's programme."""
    if channel_id is not None:
        rows = await Channel.filter(id=channel_id).values_list("points_unit_names", "one_point_names")
        if rows and rows[0][0]:
            return dict(rows[0][0]), dict(rows[0][1] or {})
    return (dict(contact.unit_names), dict(contact.unit_names_singular)) if contact else ({}, {})


async def _channels(user: User, kind: NotificationKind, audience: Audience, only: Via | None) -> list[Via]:
    reachable = {Via.INBOX: True, Via.EMAIL: bool(audience.email), Via.SMS: bool(audience.phone)}
    if only is not None:
        return [only] if reachable[only] else []
    if kind in MARKETING_KINDS:
        preference = await NotificationPreference.get_or_none(user_id=user.id)
        chosen = {Via.INBOX: preference is None or preference.marketing_inbox,
                  Via.EMAIL: preference is not None and preference.marketing_email,
                  Via.SMS: preference is not None and preference.marketing_sms}
        return [via for via in Via if reachable[via] and chosen[via]]
    allowed = {Via.INBOX: True, Via.EMAIL: True, Via.SMS: audience.sms_allowed}
    return [via for via in Via if reachable[via] and allowed[via]]


async def _send(via: Via, user: User, kind: NotificationKind, rendered: Rendered, key: str, link: str,
                audience: Audience, sealed: Sealed | None) -> None:
    if via is Via.INBOX:
        await Notification.get_or_create(user_id=user.id, key=key, defaults={
            "kind": kind.value, "language": rendered.language.value, "title": rendered.title,
            "body": rendered.body, "link": link})
        return
    dedup_key = f"{key}:u{user.id}:{via.value}"
    if via is Via.EMAIL:
        payload = sealed.payload(audience.email, dedup_key) if sealed else {
            "to": audience.email, "subject": rendered.title, "body": rendered.body, "key": dedup_key}
        await enqueue(EMAIL_TOPIC, payload, dedup_key)
        return
    at_once = kind is NotificationKind.CONFIRMATION_CODE
    now = clock.now().astimezone(UTC)  # stored as UTC: an UPDATE would take an offset's wall time as UTC
    available_at = now if at_once else next_sendable(now, audience.time_zone, audience.quiet_hours)
    payload = sealed.payload(audience.phone, dedup_key) if sealed else {
        "to": audience.phone, "text": rendered.sms, "key": dedup_key}
    await enqueue(SMS_TOPIC, payload, dedup_key, available_at)


async def unread_count(user_id: int) -> int:
    return await Notification.filter(user_id=user_id, read_at__isnull=True).count()


async def mark_read(user_id: int, notification_ids: list[int] | None) -> int:
    """Mark the member's notifications read (None: all of them); returns how many changed.

    Raises DomainError INVALID for more than MAX_MARK_READ ids, NOT_FOUND when an id is not the member's
    (nothing is marked then)."""
    query = Notification.filter(user_id=user_id, read_at__isnull=True)
    if notification_ids is not None:
        if len(notification_ids) > MAX_MARK_READ:
            raise DomainError.single("ids", f"Mark at most {MAX_MARK_READ} notifications at once.",
                                     NotificationErrorCode.INVALID)
        owned = await Notification.filter(user_id=user_id, id__in=notification_ids).count()
        if owned != len(set(notification_ids)):
            raise DomainError.single("ids", "Notification not found.", NotificationErrorCode.NOT_FOUND)
        query = query.filter(id__in=notification_ids)
    return await query.update(read_at=clock.now().astimezone(UTC))


@dataclass(frozen=True)
class PreferenceChanges:
    marketing_email: bool | None = None
    marketing_sms: bool | None = None
    marketing_inbox: bool | None = None
    time_zone: str | None = None


async def preferences(user_id: int) -> NotificationPreference:
    """The member's choices (the defaults, unsaved, when they never chose)."""
    found = await NotificationPreference.get_or_none(user_id=user_id)
    return found or NotificationPreference(user_id=user_id)


async def update_preferences(user_id: int, changes: PreferenceChanges) -> NotificationPreference:
    """Save the member's choices. Raises DomainError INVALID for an unknown time zone (nothing saved)."""
    if changes.time_zone and not _known_zone(changes.time_zone):
        raise DomainError.single("time_zone", "Unknown time zone.", NotificationErrorCode.INVALID)
    preference, _ = await NotificationPreference.get_or_create(user_id=user_id)
    for name in ("marketing_email", "marketing_sms", "marketing_inbox", "time_zone"):
        value = getattr(changes, name)
        if value is not None:
            setattr(preference, name, value)
    await preference.save()
    return preference


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
