"""The request context looks the caller up once, and every field asking meanwhile gets that caller."""

from __future__ import annotations

import asyncio

from mall.graphql.context import Context
from mall.settings import Settings
from tests.factories import make_staff, token_for


async def test_fields_asking_for_the_caller_at_once_all_get_the_signed_in_caller(settings: Settings) -> None:
    # given
    staff = await make_staff(permissions=["MANAGE_ORDERS"])
    context = Context(settings=settings, token=token_for(staff, settings))

    # when: two fields ask before the first lookup has finished
    first, second = await asyncio.gather(context.principal(), context.principal())

    # then
    assert first.user is not None
    assert first.user.id == staff.id
    assert second.user is not None
    assert second.user.id == staff.id
    assert first is second


async def test_a_bad_token_fails_every_field_that_asks(settings: Settings) -> None:
    # given: one of our tokens with a broken signature
    staff = await make_staff()
    token = token_for(staff, settings)
    context = Context(settings=settings, token=token[:-6] + ("AAAAAA" if not token.endswith("AAAAAA") else "BBBBBB"))

    # when
    outcomes = await asyncio.gather(context.principal(), context.principal(), return_exceptions=True)

    # then
    assert [type(outcome).__name__ for outcome in outcomes] == ["InvalidTokenError", "InvalidTokenError"]
    assert outcomes[0] is not outcomes[1]  # each field reports its own error, with its own path
