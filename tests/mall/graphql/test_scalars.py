"""Saleor's scalars as the API parses them."""

from __future__ import annotations

import pytest

from tests.factories import make_staff, token_for

ORDERS_CREATED_FROM = "query($from: DateTime) { orders(first: 1, where: {createdAt: {gte: $from}}) { totalCount } }"


@pytest.mark.parametrize("instant", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"])
async def test_a_date_time_with_no_utc_equivalent_is_refused_as_input(api, settings, instant):
    # given
    operator = token_for(await make_staff(is_superuser=True), settings)

    # when
    response = await api.post(ORDERS_CREATED_FROM, {"from": instant}, operator)

    # then
    assert response.status_code == 400
    assert response.error_messages == [
        "Variable '$from' has invalid value: Expected value of type 'DateTime', but encountered error "
        f"'The date and time is out of range.'; found: '{instant}'."
    ]


async def test_a_date_time_with_an_offset_is_read_as_that_instant(api, settings):
    # given
    operator = token_for(await make_staff(is_superuser=True), settings)

    # when
    response = await api.post(ORDERS_CREATED_FROM, {"from": "2026-11-02T08:00:00+08:00"}, operator)

    # then
    assert response.status_code == 200
    assert response.data == {"orders": {"totalCount": 0}}
