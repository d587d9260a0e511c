"""Rows for tests, created through the services (the only writers), never by hand-written SQL."""

from __future__ import annotations

from mall.accounts.models import ScopeKind, User
from mall.accounts.services import Registration, StaffData, create_staff, register_member
from mall.accounts.tokens import create_access_token
from mall.channels.models import Channel
from mall.settings import Settings

MEMBER_PASSWORD = "correct-horse-battery"
STAFF_PASSWORD = "orchid-lantern-2026"


async def make_member(settings: Settings, email: str = "mei@example.com", **fields: str) -> User:
    return await register_member(Registration(email=email, password=MEMBER_PASSWORD, **fields), settings)


async def make_staff(
    email: str = "staff@example.com",
    permissions: list[str] | None = None,
    scope: tuple[ScopeKind, str] | None = None,
    is_superuser: bool = False,
) -> User:
    data = StaffData(email=email, password=STAFF_PASSWORD, permissions=permissions or [], scope=scope,
                     is_superuser=is_superuser)
    return await create_staff(data)


async def make_channel(slug: str = "bank-a-mall", issuer_code: str | None = "BANKA", currency_code: str = "PTS",
                       is_active: bool = True) -> Channel:
    """A channel row as the channel service would write it, without asking for its issuer: most tests name
    an issuer they never create (the service refuses that; tests/mall/channels checks it)."""
    return await Channel.create(name=slug.replace("-", " ").title(), slug=slug, currency_code=currency_code,
                                default_country="CN", issuer_code=issuer_code, is_active=is_active)


def token_for(user: User, settings: Settings) -> str:
    return create_access_token(user, settings)


async def make_inactive_staff(email: str = "former@example.com") -> User:
    """A staff account switched off (the only inactive accounts the services create, besides deletion)."""
    return await create_staff(StaffData(email=email, password=STAFF_PASSWORD, is_active=False))


async def give_points(channel: Channel, member: User, points: int, key: str | None = None) -> None:
    """Credit a member's points in a channel through the ledger (an accrual that never expires)."""
    from uuid import uuid4

    from ledger.services import Request, credit_points

    request = Request(key or f"test-credit:{uuid4().hex}", "system:test", "feed:test")
    await credit_points(channel, member.id, points, request)
