"""Expiry policies: when credited points expire."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mall.graphql.errors import DomainError
from mall.ledger.policy import ExpiryPolicy, ExpiryRule

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
