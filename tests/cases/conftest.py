"""Every cases test is set in November 2026: orders placed on Monday 2 November, 10:00 in Shanghai (so their
ledger captures fall in the period partner settlement tests settle), whatever today is."""

from __future__ import annotations

import pytest

MONDAY_MORNING = "2026-11-02T10:00:00+08:00"


@pytest.fixture(autouse=True)
def monday_morning_in_november(set_clock):
    set_clock(MONDAY_MORNING)
