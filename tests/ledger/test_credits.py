"""Credits (accruals): accounts per points unit, a lot per credit, refusals that change nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kernel.errors import DomainError
from ledger.models import Account, AccountKind, Lot, TransferKind
from ledger.policy import ExpiryPolicy, ExpiryRule
from ledger.services import Request, credit_points
from tests.factories import make_channel, make_member
from tests.ledger.helpers import (
    NOW,
    assert_ledger_consistent,
    balances,
    codes,
    credit,
    request,
    snapshot,
    wallet,
)


async def test_first_credit_opens_the_wallet_and_the_units_accounts(channel, member):
    # when
    await credit(channel, member, 100)

    # then
    accounts = await Account.filter(channel_id=channel.id).order_by("name").values_list("name", "kind", "member_id")
    assert accounts == [
        ("adjustments", AccountKind.ADJUSTMENTS, None),
        ("expired", AccountKind.EXPIRED, None),
        ("issuer:BANKA", AccountKind.ISSUER_LIABILITY, None),
        (f"member:{member.id}", AccountKind.MEMBER, member.id),
        ("operator_fee", AccountKind.OPERATOR_FEE, None),
        ("redemption_clearing", AccountKind.REDEMPTION_CLEARING, None),
    ]


async def test_credit_moves_points_from_the_issuer_liability_to_the_wallet(channel, member):
    # when
    transfer = await credit(channel, member, 100)

    # then
    issuer = await Account.get(channel_id=channel.id, name="issuer:BANKA")
    account = await wallet(channel, member)
    assert (transfer.kind, transfer.points, transfer.reference, transfer.actor) == (
        TransferKind.ACCRUAL, 100, "feed:1", "user:1")
    assert (transfer.debit_account_id, transfer.credit_account_id) == (issuer.id, account.id)  # type: ignore[attr-defined]
    assert transfer.created_at == NOW
    assert await balances(channel, member) == (100, 0)
    await assert_ledger_consistent()


async def test_each_credit_opens_a_lot_with_the_policys_expiry(channel, member):
    # when
    first = await credit(channel, member, 100, key="c1")
    second = await credit(channel, member, 50, key="c2", policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 30))

    # then
    lots = await Lot.all().order_by("id").values_list(
        "transfer_id", "points_credited", "points_remaining", "expires_at"
    )
    assert lots == [(first.id, 100, 100, None), (second.id, 50, 50, NOW + timedelta(days=30))]


async def test_channels_are_separate_points_units(channel, member, settings):
    # given
    other = await make_channel("bank-b-mall", issuer_code="BANKB", currency_code="MILES")

    # when
    await credit(channel, member, 100, key="c1")
    await credit(other, member, 7, key="c2")

    # then
    assert await balances(channel, member) == (100, 0)
    assert await balances(other, member) == (7, 0)
    assert await Account.filter(channel_id=other.id, name="issuer:BANKB").exists()
    await assert_ledger_consistent()


async def test_a_channel_without_an_issuer_credits_from_an_unassigned_liability(member):
    # given
    channel = await make_channel("house-mall", issuer_code=None)

    # when
    await credit(channel, member, 10)

    # then
    assert await Account.filter(channel_id=channel.id, name="issuer:unassigned").exists()


@pytest.mark.parametrize(
    ("points", "req", "code", "field"),
    [
        (0, Request("k"), "INVALID", "amount"),
        (-1, Request("k"), "INVALID", "amount"),
        (1.5, Request("k"), "INVALID", "amount"),
        (10, Request("  "), "REQUIRED", "idempotency_key"),
        (10, Request("k", actor=""), "REQUIRED", "actor"),
        (10, Request("k" * 201), "INVALID", "idempotency_key"),
        (10, Request("k", reference="r" * 201), "INVALID", "reference"),
        (10, Request("k", reason="r" * 501), "INVALID", "reason"),
    ],
)
async def test_invalid_credit_is_refused_and_changes_nothing(channel, member, points, req, code, field):
    # given
    await credit(channel, member, 100)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await credit_points(channel, member.id, points, req, now=NOW)

    # then
    assert codes(failure) == [code]
    assert failure.value.details[0].field == field
    assert await snapshot() == before


async def test_credit_for_an_unknown_user_is_refused(channel):
    # given
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await credit_points(channel, 4242, 10, request("c1"), now=NOW)

    # then
    assert codes(failure) == ["NOT_FOUND"]
    assert await snapshot() == before


async def test_transfers_default_to_the_current_time(channel, settings):
    # given
    member = await make_member(settings, "li@example.com")
    before = datetime.now(UTC)

    # when
    transfer = await credit_points(channel, member.id, 10, request("c1"))

    # then
    assert before <= transfer.created_at <= datetime.now(UTC)
