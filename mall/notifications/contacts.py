"""Where and how a member is told: the contact details and the programme's rules for transactional news.

The mall knows a member's account; the bank link knows the roster (phone, name) and the programme (its
time zone, whether it texts members, its quiet hours). Accounts sit below the bank link, so the bank link's
answer reaches here through a hook that the composition root fills (mall.wiring); without it, members are
told by e-mail and the inbox only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

DEFAULT_TIME_ZONE = "Asia/Shanghai"
DEFAULT_QUIET_HOURS = (21, 8)  # no text messages from 21:00 until 08:00 in the member's time zone


@dataclass(frozen=True)
class ProgrammeContact:
    """What the member's programme (their issuer) knows about them and how it tells them."""

    programme: str  # the name shown in messages
    email: str  # the roster's e-mail; empty: the account's
    phone: str  # E.164, empty when the bank gave none
    time_zone: str
    sms_allowed: bool  # the programme texts transactional news
    quiet_hours: tuple[int, int]  # (from hour, until hour) in the member's time zone
    # What the programme calls its points, by language code (mall.channels.unit_names); empty: the defaults.
    unit_names: dict[str, str] = field(default_factory=dict)
    unit_names_singular: dict[str, str] = field(default_factory=dict)  # the same, for exactly one point


ContactSource = Callable[[int, int | None], Awaitable[ProgrammeContact | None]]


async def _no_programme(user_id: int, channel_id: int | None) -> ProgrammeContact | None:
    return None


_source: list[ContactSource] = [_no_programme]


def set_contact_source(source: ContactSource) -> None:
    """The lookup (user id, channel id or None: their first programme) filled by mall.wiring."""
    _source[0] = source


async def programme_contact(user_id: int, channel_id: int | None) -> ProgrammeContact | None:
    return await _source[0](user_id, channel_id)
