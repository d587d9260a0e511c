"""Every partner settlement test is set in November 2026: its gifts are redeemed on 2 November (10:00 in
Shanghai), so their ledger captures fall in the period the tests settle ("2026-11"), whatever today is.
Settling runs with an explicit `now` after everything (tests.settlement.helpers)."""

from __future__ import annotations

import pytest

ORDERS_PLACED_AT = "2026-11-02T10:00:00+08:00"


@pytest.fixture(autouse=True)
def orders_placed_in_november(set_clock):
    set_clock(ORDERS_PLACED_AT)
