"""Idempotency: a retry returns the first result and changes nothing; a reused key with new content is refused."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest

from kernel.errors import DomainError
from ledger.models import AccountKind, Transfer
from ledger.services import (
    Request,
    SystemAccount,
    adjust_points,
    capture_hold,
    credit_points,
    hold_points,
    refund_capture,
    reverse_transfer,
    settle_points,
    void_hold,
)
from tests.factories import make_member
from tests.ledger.helpers import NOW, codes, credit, hold, request, snapshot

AGAIN = request("again", reference="order:7", reason="retry me")
LATER = NOW + timedelta(minutes=1)
Operation = Callable[[dict[str, Any]], Awaitable[Transfer]]


async def given_a_busy_wallet(channel, member) -> dict[str, Any]:
    await credit(channel, member, 100, key="base")
    accrual = await credit(channel, member, 40, key="base-untouched")  # the holds take from the first lot
    open_hold = await hold(channel, member, 30, key="base-h1")
    captured_hold = await hold(channel, member, 20, key="base-h2")
    capture = await capture_hold(captured_hold.id, request("base-cap"), now=NOW)
    return {"channel": channel, "member": member, "accrual": accrual, "hold": open_hold, "capture": capture}


OPERATIONS: dict[str, Operation] = {
    "credit": lambda s: credit_points(s["channel"], s["member"].id, 10, AGAIN, now=NOW),
    "credit adjustment": lambda s: adjust_points(s["channel"], s["member"].id, 5, AGAIN, now=NOW),
    "debit adjustment": lambda s: adjust_points(s["channel"], s["member"].id, -5, AGAIN, now=NOW),
    "hold": lambda s: hold_points(s["channel"], s["member"].id, 10, AGAIN, now=NOW),
    "capture": lambda s: capture_hold(s["hold"].id, AGAIN, now=NOW),
    "partial capture": lambda s: capture_hold(s["hold"].id, AGAIN, points=12, now=NOW),
    "void": lambda s: void_hold(s["hold"].id, AGAIN, now=NOW),
    "refund": lambda s: refund_capture(s["capture"].id, AGAIN, points=4, now=NOW),
    "full refund": lambda s: refund_capture(s["capture"].id, AGAIN, now=NOW),
    "reversal": lambda s: reverse_transfer(s["accrual"].id, AGAIN, now=NOW),
    "settlement": lambda s: settle_points(s["channel"], SystemAccount(AccountKind.REDEMPTION_CLEARING),
                                          SystemAccount(AccountKind.OPERATOR_FEE), 3, AGAIN, now=NOW),
}


@pytest.mark.parametrize("operation", list(OPERATIONS))
async def test_a_retry_returns_the_original_and_changes_nothing(channel, member, operation):
    # given
    state = await given_a_busy_wallet(channel, member)
    first = await OPERATIONS[operation](state)
    before = await snapshot()

    # when
    again = await OPERATIONS[operation](state)

    # then
    assert (again.id, again.kind, again.points, again.idempotency_key) == (first.id, first.kind, first.points, "again")
    assert await snapshot() == before


async def test_a_hold_retried_after_the_wallet_was_spent_returns_the_original(channel, member):
    # given
    await credit(channel, member, 100)
    first = await hold(channel, member, 60, key="hold-1")
    await hold(channel, member, 40, key="hold-2")
    before = await snapshot()

    # when
    again = await hold(channel, member, 60, key="hold-1")

    # then
    assert again.id == first.id
    assert await snapshot() == before


CONFLICTS: dict[str, tuple[Operation, Operation]] = {
    "credit of another amount": (
        lambda s: credit_points(s["channel"], s["member"].id, 10, AGAIN, now=NOW),
        lambda s: credit_points(s["channel"], s["member"].id, 11, AGAIN, now=NOW),
    ),
    "credit by another actor": (
        lambda s: credit_points(s["channel"], s["member"].id, 10, AGAIN, now=NOW),
        lambda s: credit_points(s["channel"], s["member"].id, 10, Request("again", "user:2", "order:7", "retry me")),
    ),
    "credit with another reference": (
        lambda s: credit_points(s["channel"], s["member"].id, 10, AGAIN, now=NOW),
        lambda s: credit_points(s["channel"], s["member"].id, 10, Request("again", "user:1", "order:8", "retry me")),
    ),
    "hold of another amount": (
        lambda s: hold_points(s["channel"], s["member"].id, 10, AGAIN, now=NOW),
        lambda s: hold_points(s["channel"], s["member"].id, 9, AGAIN, now=NOW),
    ),
    "capture of another amount": (
        lambda s: capture_hold(s["hold"].id, AGAIN, points=12, now=NOW),
        lambda s: capture_hold(s["hold"].id, AGAIN, now=NOW),
    ),
    "capture of another hold": (
        lambda s: capture_hold(s["hold"].id, AGAIN, now=NOW),
        lambda s: capture_hold(s["capture"].pending_id, AGAIN, now=NOW),
    ),
    "void after a capture with the key": (
        lambda s: capture_hold(s["hold"].id, AGAIN, now=NOW),
        lambda s: void_hold(s["hold"].id, AGAIN, now=NOW),
    ),
    "refund of another amount": (
        lambda s: refund_capture(s["capture"].id, AGAIN, points=4, now=NOW),
        lambda s: refund_capture(s["capture"].id, AGAIN, points=5, now=NOW),
    ),
    "hold with a credit's key": (
        lambda s: credit_points(s["channel"], s["member"].id, 10, AGAIN, now=NOW),
        lambda s: hold_points(s["channel"], s["member"].id, 10, AGAIN, now=NOW),
    ),
    "debit adjustment with a credit adjustment's key": (
        lambda s: adjust_points(s["channel"], s["member"].id, 5, AGAIN, now=NOW),
        lambda s: adjust_points(s["channel"], s["member"].id, -5, AGAIN, now=NOW),
    ),
    "reversal with a settlement's key": (
        lambda s: settle_points(s["channel"], SystemAccount(AccountKind.REDEMPTION_CLEARING),
                                SystemAccount(AccountKind.OPERATOR_FEE), 3, AGAIN, now=NOW),
        lambda s: reverse_transfer(s["accrual"].id, AGAIN, now=NOW),
    ),
}


@pytest.mark.parametrize("case", list(CONFLICTS))
async def test_a_reused_key_with_other_content_is_refused_and_changes_nothing(channel, member, case):
    # given
    state = await given_a_busy_wallet(channel, member)
    first, second = CONFLICTS[case]
    await first(state)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await second(state)

    # then
    assert codes(failure) == ["IDEMPOTENCY_CONFLICT"]
    assert failure.value.details[0].field == "idempotency_key"
    assert await snapshot() == before


async def test_a_reused_key_for_another_member_opens_no_wallet(channel, member, settings):
    # given
    other = await make_member(settings, "li@example.com")
    await credit(channel, member, 100, key="feed:1")
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await credit(channel, other, 100, key="feed:1")

    # then
    assert codes(failure) == ["IDEMPOTENCY_CONFLICT"]
    assert await snapshot() == before


async def test_a_reused_key_for_a_new_partner_opens_no_account(channel, member):
    # given
    await credit(channel, member, 100)
    clearing = SystemAccount(AccountKind.REDEMPTION_CLEARING)
    await settle_points(channel, clearing, SystemAccount(AccountKind.PARTNER_PAYABLE, "ACME"), 5, AGAIN, now=NOW)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await settle_points(channel, clearing, SystemAccount(AccountKind.PARTNER_PAYABLE, "NEWCO"), 5, AGAIN, now=NOW)

    # then
    assert codes(failure) == ["IDEMPOTENCY_CONFLICT"]
    assert await snapshot() == before
