"""Expiry policies: when credited points expire."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kernel.errors import DomainError
from ledger.policy import ExpiryPolicy, ExpiryRule

CREDITED = datetime(2026, 11, 23, 12, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (ExpiryPolicy(), None),
        (ExpiryPolicy(ExpiryRule.FIXED_DAYS, 30), datetime(2026, 12, 23, 12, 30, tzinfo=UTC)),
        (ExpiryPolicy(ExpiryRule.END_OF_MONTH, 0), datetime(2026, 12, 1, tzinfo=UTC)),
        (ExpiryPolicy(ExpiryRule.END_OF_MONTH, 1), datetime(2027, 1, 1, tzinfo=UTC)),
        (ExpiryPolicy(ExpiryRule.END_OF_MONTH, 14), datetime(2028, 2, 1, tzinfo=UTC)),
        (ExpiryPolicy(ExpiryRule.END_OF_YEAR, 0), datetime(2027, 1, 1, tzinfo=UTC)),
        (ExpiryPolicy(ExpiryRule.END_OF_YEAR, 2), datetime(2029, 1, 1, tzinfo=UTC)),
    ],
)
def test_policy_gives_the_expiry_of_a_credit(policy, expected):
    # when
    expires_at = policy.expires_at(CREDITED)

    # then
    assert expires_at == expected


@pytest.mark.parametrize(
    ("rule", "count"),
    [(ExpiryRule.FIXED_DAYS, 0), (ExpiryRule.FIXED_DAYS, 36_601), (ExpiryRule.END_OF_MONTH, -1),
     (ExpiryRule.END_OF_YEAR, 101)],
)
def test_policy_with_a_count_out_of_range_is_refused(rule, count):
    # when
    with pytest.raises(DomainError) as failure:
        ExpiryPolicy(rule, count)

    # then
    assert [(d.field, d.code) for d in failure.value.details] == [("expiry", "INVALID")]


@pytest.mark.parametrize(
    ("policy", "credited", "expected"),
    [
        # 31 December 23:30 in Shanghai is still 2026 there (15:30 UTC): the year ends at 2027-12-31 16:00 UTC
        (ExpiryPolicy(ExpiryRule.END_OF_YEAR, 1, "Asia/Shanghai"), "2026-12-31T23:30:00+08:00",
         datetime(2027, 12, 31, 16, 0, tzinfo=UTC)),
        # half an hour later it is 2027 in Shanghai, though still 31 December in UTC
        (ExpiryPolicy(ExpiryRule.END_OF_YEAR, 1, "Asia/Shanghai"), "2027-01-01T00:30:00+08:00",
         datetime(2028, 12, 31, 16, 0, tzinfo=UTC)),
        (ExpiryPolicy(ExpiryRule.END_OF_MONTH, 0, "Asia/Shanghai"), "2026-11-30T23:59:00+08:00",
         datetime(2026, 11, 30, 16, 0, tzinfo=UTC)),
        (ExpiryPolicy(ExpiryRule.END_OF_MONTH, 0, "Asia/Shanghai"), "2026-12-01T00:00:00+08:00",
         datetime(2026, 12, 31, 16, 0, tzinfo=UTC)),
        # a leap day: the end of February 2028 is the start of 1 March in the issuer's zone
        (ExpiryPolicy(ExpiryRule.END_OF_MONTH, 0, "America/Mexico_City"), "2028-02-29T20:00:00-06:00",
         datetime(2028, 3, 1, 6, 0, tzinfo=UTC)),
        (ExpiryPolicy(ExpiryRule.FIXED_DAYS, 1, "Asia/Shanghai"), "2028-02-28T12:00:00+08:00",
         datetime(2028, 2, 29, 4, 0, tzinfo=UTC)),
    ],
)
def test_months_and_years_end_in_the_policys_time_zone(policy, credited, expected):
    # when
    expires_at = policy.expires_at(datetime.fromisoformat(credited))

    # then
    assert expires_at == expected
