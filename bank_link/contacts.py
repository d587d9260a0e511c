"""The bank link's answer to notifications' question: how is this member told, under which programme?

Filled into mall.notifications by mall.wiring. The programme is the issuer of the channel the news is
about, else the member's first active membership; the contact details are the roster's (an account made
for a member without an e-mail carries a placeholder address, never written to).
"""

from __future__ import annotations

from bank_link.models import Issuer, Member, MemberStatus
from bank_link.roster import NO_EMAIL_DOMAIN
from mall.accounts.models import User
from mall.channels.models import Channel
from mall.notifications.contacts import ProgrammeContact


async def member_contact(user_id: int, channel_id: int | None) -> ProgrammeContact | None:
    """The member's programme contact; None when they belong to no active programme (or to none there)."""
    member = await _membership(user_id, channel_id)
    if member is None:
        return None
    issuer = await Issuer.get(id=member.issuer_id)  # type: ignore[attr-defined]
    account_email = await User.filter(id=user_id).values_list("email", flat=True)
    return ProgrammeContact(
        programme=issuer.name, email=_recipient(member, str(account_email[0]) if account_email else ""),
        phone=_phone(member.phone), time_zone=issuer.time_zone, sms_allowed=issuer.sms_notifications,
        quiet_hours=(issuer.sms_quiet_from_hour, issuer.sms_quiet_until_hour),
        unit_names=dict(issuer.points_unit_names), unit_names_singular=dict(issuer.points_unit_names_singular))


async def _membership(user_id: int, channel_id: int | None) -> Member | None:
    active = Member.filter(user_id=user_id, status=MemberStatus.ACTIVE, issuer__is_active=True)
    if channel_id is None:
        return await active.order_by("id").first()
    codes = await Channel.filter(id=channel_id).values_list("issuer_code", flat=True)
    if not codes or not codes[0]:
        return None
    return await active.filter(issuer__code=codes[0]).first()


def _recipient(member: Member, account_email: str) -> str:
    """The roster's e-mail, else the account's unless it is a placeholder; empty when there is none."""
    if member.email:
        return member.email
    return "" if account_email.endswith("@" + NO_EMAIL_DOMAIN) else account_email


def _phone(roster_phone: str) -> str:
    """The roster's number as SNS takes it (E.164: `+` and digits); empty when the bank gave none."""
    digits = "".join(ch for ch in roster_phone if ch.isdigit())
    return f"+{digits}" if roster_phone.strip().startswith("+") and digits else ""
