"""`...CountableConnection`: keyset pages, cursors, and Saleor's argument errors."""

from __future__ import annotations

import base64
import json

import pytest
from graphql import GraphQLError

from mall.graphql.connection import SortKey, decode_cursor
from orders.models import Order
from tests.factories import make_member, make_staff, token_for

CUSTOMERS = """
query($first: Int, $after: String, $last: Int, $before: String) {
  customers(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { email } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


@pytest.fixture
async def reader_token(settings):
    staff = await make_staff(permissions=["MANAGE_USERS"])
    for letter in "abcde":
        await make_member(settings, f"{letter}@example.com")
    return token_for(staff, settings)


def emails(data):
    return [edge["node"]["email"] for edge in data["customers"]["edges"]]


async def test_first_pages_forward_with_cursors(api, reader_token):
    # when
    first_page = await api.ok(CUSTOMERS, {"first": 2}, reader_token)
    after = first_page["customers"]["pageInfo"]["endCursor"]
    second_page = await api.ok(CUSTOMERS, {"first": 2, "after": after}, reader_token)
    after = second_page["customers"]["pageInfo"]["endCursor"]
    last_page = await api.ok(CUSTOMERS, {"first": 2, "after": after}, reader_token)

    # then
    assert emails(first_page) == ["a@example.com", "b@example.com"]
    assert emails(second_page) == ["c@example.com", "d@example.com"]
    assert emails(last_page) == ["e@example.com"]
    assert first_page["customers"]["pageInfo"]["hasNextPage"] is True
    assert first_page["customers"]["pageInfo"]["hasPreviousPage"] is False
    assert second_page["customers"]["pageInfo"]["hasPreviousPage"] is True
    assert last_page["customers"]["pageInfo"]["hasNextPage"] is False
    assert last_page["customers"]["totalCount"] == 5


async def test_last_pages_backward(api, reader_token):
    # when
    tail = await api.ok(CUSTOMERS, {"last": 2}, reader_token)
    before = tail["customers"]["pageInfo"]["startCursor"]
    previous = await api.ok(CUSTOMERS, {"last": 2, "before": before}, reader_token)

    # then
    assert emails(tail) == ["d@example.com", "e@example.com"]
    assert tail["customers"]["pageInfo"]["hasPreviousPage"] is True
    assert tail["customers"]["pageInfo"]["hasNextPage"] is False
    assert emails(previous) == ["b@example.com", "c@example.com"]
    assert previous["customers"]["pageInfo"]["hasNextPage"] is True


async def test_rows_added_between_pages_do_not_shift_the_next_page(api, settings, reader_token):
    # given
    first_page = await api.ok(CUSTOMERS, {"first": 2}, reader_token)
    await make_member(settings, "aa@example.com")  # sorts before the cursor

    # when
    after = first_page["customers"]["pageInfo"]["endCursor"]
    second_page = await api.ok(CUSTOMERS, {"first": 2, "after": after}, reader_token)

    # then
    assert emails(second_page) == ["c@example.com", "d@example.com"]


async def test_total_count_alone_needs_no_first(api, reader_token):
    # when
    data = await api.ok("{ customers { totalCount } }", token=reader_token)

    # then
    assert data == {"customers": {"totalCount": 5}}


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        (
            {"first": 101},
            "Requesting 101 records on the `customers` connection exceeds the `first` limit of 100 records.",
        ),
        (
            {"last": 500},
            "Requesting 500 records on the `customers` connection exceeds the `last` limit of 100 records.",
        ),
        ({}, "You must provide a `first` or `last` value to properly paginate the `customers` connection."),
        ({"first": -1}, "Argument `first` must be a non-negative integer."),
        ({"first": 2, "last": 2}, "Argument `last` cannot be combined with `first`."),
        ({"first": 2, "before": "WyJhIiwgIjEiXQ=="}, "Argument `first` cannot be combined with `before`."),
        ({"last": 2, "after": "WyJhIiwgIjEiXQ=="}, "Argument `last` cannot be combined with `after`."),
        ({"first": 2, "after": "not-a-cursor"}, "Received cursor is invalid."),
        ({"first": 2, "after": "WyJvbmx5LW9uZSJd"}, "Received cursor is invalid."),
    ],
)
async def test_pagination_argument_errors(api, reader_token, variables, message):
    # when
    response = await api.post(CUSTOMERS, variables, reader_token)

    # then
    assert response.status_code == 200
    assert response.data == {"customers": None}
    assert response.error_messages == [message]
    assert response.error_codes == ["GraphQLError"]


@pytest.mark.parametrize(
    "values",
    [
        [1, 1],  # numbers: cursors we issue hold strings
        ["0001-01-01T00:00:00+14:00", "1"],  # an instant before year 1 in UTC
        ["2026-13-45T99:00:00", "1"],
        ["2026-11-02T08:00:00+00:00", "not-a-uuid"],
    ],
)
def test_a_cursor_the_server_did_not_issue_is_refused_as_invalid(values):
    # given: a client-made cursor for orders sorted by creation time (then id, a UUID)
    cursor = base64.b64encode(json.dumps(values).encode()).decode()

    # when / then
    with pytest.raises(GraphQLError, match=r"^Received cursor is invalid\.$"):
        decode_cursor(cursor, Order, [SortKey("created_at"), SortKey("id")])
