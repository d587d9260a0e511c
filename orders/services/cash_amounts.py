"""Points to cash for points + cash redemptions, in Decimal (never float).

A shortfall of N points costs N x the issuer's cash value per point, rounded UP to the currency's smallest
unit (the cent for CNY, USD, EUR; the yen for JPY): the member never pays less than the points are worth,
and the difference is at most one cent. Stripe takes amounts as integers of that smallest unit.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

# Stripe's zero-decimal currencies that an issuer might plausibly settle in: amounts are whole units.
ZERO_DECIMAL_CURRENCIES = frozenset({"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX",
                                     "VND", "VUV", "XAF", "XOF", "XPF"})


def currency_exponent(currency: str) -> int:
    """How many fraction digits the currency's smallest unit has (2 for a cent)."""
    return 0 if currency.upper() in ZERO_DECIMAL_CURRENCIES else 2


def smallest_unit(currency: str) -> Decimal:
    return Decimal(1).scaleb(-currency_exponent(currency))


def cash_for_points(points: int, cash_value_per_point: Decimal, currency: str) -> Decimal:
    """What `points` are worth in cash, rounded up to the currency's smallest unit."""
    return (Decimal(points) * cash_value_per_point).quantize(smallest_unit(currency), rounding=ROUND_CEILING)


def to_minor_units(amount: Decimal, currency: str) -> int:
    """`amount` as Stripe's integer amount. Raises ValueError when it has more digits than the currency."""
    minor = amount.scaleb(currency_exponent(currency))
    if minor != minor.to_integral_value():
        raise ValueError(f"{amount} {currency} is finer than the currency's smallest unit")
    return int(minor)


def from_minor_units(amount: int, currency: str) -> Decimal:
    return Decimal(amount).scaleb(-currency_exponent(currency)).quantize(smallest_unit(currency))


def plain(amount: Decimal) -> str:
    """A Decimal as people write it: 30 not 3E+1 or 30.00, 0.01234 not 0.012340."""
    return format(amount.normalize(), "f")
