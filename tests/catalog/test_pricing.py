"""Price transparency arithmetic: points are whole numbers, cash values are rounded to cents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from catalog.models import ProductChannelListing
from catalog.pricing import cash_value, is_available_for_purchase, margin_percent, price_exceeds_alert_ratio
from mall.channels.models import Channel


def channel(cash_per_point: str = "0.01", alert_ratio: str = "1.2") -> Channel:
    return Channel(points_cash_value=Decimal(cash_per_point), price_alert_ratio=Decimal(alert_ratio))


@pytest.mark.parametrize(
    ("points", "per_point", "expected"),
    [(1200, "0.01", "12.00"), (3450, "0.0075", "25.88"), (1, "0.005", "0.01"), (0, "0.01", "0.00")],
)
def test_cash_value_rounds_half_up_to_cents(points, per_point, expected):
    assert cash_value(points, channel(per_point)) == Decimal(expected)


def test_the_alert_fires_above_the_ratio_only():
    # given
    mall = channel("0.01", "1.2")

    # then
    assert price_exceeds_alert_ratio(3600, Decimal("30.00"), mall) is False  # exactly 1.2x
    assert price_exceeds_alert_ratio(3601, Decimal("30.00"), mall) is True
    assert price_exceeds_alert_ratio(99999, None, mall) is False


def test_margin_compares_the_cash_value_with_the_cost():
    assert margin_percent(1200, Decimal("8.00"), channel()) == 33
    assert margin_percent(1000, Decimal("12.00"), channel()) == -20
    assert margin_percent(1000, None, channel()) is None


def test_available_for_purchase_needs_a_date_that_has_come():
    # given
    now = datetime(2026, 11, 1, tzinfo=UTC)

    # then
    assert is_available_for_purchase(ProductChannelListing(available_for_purchase_at=now), now) is True
    assert (
        is_available_for_purchase(ProductChannelListing(available_for_purchase_at=now + timedelta(seconds=1)), now)
        is False
    )
    assert is_available_for_purchase(ProductChannelListing(available_for_purchase_at=None), now) is False
    assert is_available_for_purchase(None, now) is False
