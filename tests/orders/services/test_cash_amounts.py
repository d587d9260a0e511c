"""Points to cash: Decimal arithmetic, rounded up to the currency's smallest unit, never a float."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bank_link.policy import CashPolicy
from orders.models import CashStatus
from orders.services.cash_amounts import cash_for_points, from_minor_units, plain, to_minor_units
from orders.services.cash_status import TRANSITIONS, status_of_intent
from orders.services.stripe_gateway import IntentState


@pytest.mark.parametrize(
    ("points", "value_per_point", "currency", "cash"),
    [
        (200, "0.01", "CNY", "2.00"),
        (200, "0.01234", "CNY", "2.47"),  # 2.468 rounds up
        (1, "0.000001", "USD", "0.01"),  # a fraction of a cent is a cent
        (333, "0.1", "JPY", "34"),  # 33.3 yen: yen have no fraction
        (0, "0.05", "CNY", "0.00"),
    ],
)
def test_cash_for_points_rounds_up_to_the_smallest_unit(points, value_per_point, currency, cash):
    # when
    amount = cash_for_points(points, Decimal(value_per_point), currency)

    # then
    assert (type(amount), str(amount)) == (Decimal, cash)


def test_minor_units_are_what_stripe_counts():
    # then
    assert (to_minor_units(Decimal("2.47"), "CNY"), to_minor_units(Decimal("34"), "JPY")) == (247, 34)
    assert (from_minor_units(247, "CNY"), from_minor_units(34, "JPY")) == (Decimal("2.47"), Decimal("34"))
    with pytest.raises(ValueError, match="finer than"):
        to_minor_units(Decimal("2.475"), "CNY")


def test_the_cash_share_is_compared_exactly():
    # given
    policy = CashPolicy("BANKA", Decimal("0.01"), "CNY", Decimal("33.33"))

    # then: 3,333 of 10,000 points is 33.33%, one more point is over
    assert (policy.allows_share(3_333, 10_000), policy.allows_share(3_334, 10_000)) == (True, False)
    assert plain(Decimal("30.00")) == "30"


@pytest.mark.parametrize(
    ("status", "failure", "expected"),
    [
        ("requires_payment_method", "", CashStatus.ACTION_REQUIRED),
        ("requires_payment_method", "Your card was declined.", CashStatus.FAILED),
        ("requires_action", "", CashStatus.ACTION_REQUIRED),
        ("processing", "", CashStatus.ACTION_REQUIRED),
        ("requires_capture", "", CashStatus.AUTHORIZED),
        ("succeeded", "", CashStatus.CHARGED),
        ("canceled", "", CashStatus.CANCELED),
    ],
)
def test_a_payment_intents_status_maps_to_ours(status, failure, expected):
    # when
    mapped = status_of_intent(IntentState("pi_1", status, 100, "CNY", "", failure))

    # then
    assert mapped is expected


def test_refunded_and_canceled_payments_are_final():
    # then
    assert TRANSITIONS[CashStatus.REFUNDED] == TRANSITIONS[CashStatus.CANCELED] == frozenset()
    assert CashStatus.RELEASING not in TRANSITIONS[CashStatus.RELEASING]
