"""Payment statuses from points amounts, as Saleor derives them from transactions."""

from __future__ import annotations

import pytest

from orders.services.statuses import authorize_status, charge_status, payment_status


@pytest.mark.parametrize(
    ("covered", "total", "has_lines", "expected"),
    [(0, 100, True, "NONE"), (40, 100, True, "PARTIAL"), (100, 100, True, "FULL"), (150, 100, True, "FULL"),
     (0, 0, True, "FULL"), (0, 0, False, "NONE")],
)
def test_authorize_status(covered, total, has_lines, expected):
    assert authorize_status(covered, total, has_lines).value == expected


@pytest.mark.parametrize(
    ("charged", "total", "has_lines", "expected"),
    [(0, 100, True, "NONE"), (40, 100, True, "PARTIAL"), (100, 100, True, "FULL"), (150, 100, True, "OVERCHARGED"),
     (0, 0, True, "FULL"), (0, 0, False, "NONE")],
)
def test_charge_status(charged, total, has_lines, expected):
    assert charge_status(charged, total, has_lines).value == expected


@pytest.mark.parametrize(
    ("charged", "refunded", "total", "expected"),
    [(0, 0, 100, "NOT_CHARGED"), (40, 0, 100, "PARTIALLY_CHARGED"), (100, 0, 100, "FULLY_CHARGED"),
     (0, 0, 0, "FULLY_CHARGED"), (100, 30, 100, "PARTIALLY_REFUNDED"), (100, 100, 100, "FULLY_REFUNDED")],
)
def test_payment_status(charged, refunded, total, expected):
    assert payment_status(charged, refunded, total).value == expected
