"""`mall.graphql.common`: Saleor's Money values for points and cash."""

from __future__ import annotations

from decimal import Decimal

from mall.graphql.common import Money, money


def test_whole_points_and_the_same_points_as_a_decimal_make_the_same_money():
    # given
    points, as_decimal = 1200, Decimal("1200")

    # when
    from_int, from_decimal = money(points, "PTS"), money(as_decimal, "PTS")

    # then
    assert from_int == Money(currency="PTS", amount=1200.0, fraction_digits=0, fractional_amount=1200)
    assert from_decimal == from_int
    assert from_int.fractional_amount.__class__ is int


def test_cash_is_rounded_to_its_currency_digits():
    # given
    amount = Decimal("12.346")

    # when
    cash = money(amount, "CNY", 2)

    # then
    assert cash == Money(currency="CNY", amount=12.35, fraction_digits=2, fractional_amount=1235)
