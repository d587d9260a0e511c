"""Queries and steps shared by the ledger's GraphQL tests."""

from __future__ import annotations

from mall.accounts.models import User
from mall.graphql.ids import to_global_id
from tests.factories import make_staff

BALANCE = """
query Balance($channel: String!, $days: Int) {
  me { pointsBalance(channel: $channel, expiringWithinDays: $days) {
    channel currency available held expiringSoonTotal expiringSoon { expiresAt points }
  } }
}
"""

USER_BALANCE = """
query UserBalance($id: ID!, $channel: String!) {
  user(id: $id) { email pointsBalance(channel: $channel) { available held } }
}
"""

HISTORY = """
query History($channel: String!, $first: Int, $after: String, $last: Int, $before: String) {
  me { pointsTransfers(channel: $channel, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node {
      kind description points availableChange heldChange reference reason actor reverses hold createdAt
    } }
  } }
}
"""

USER_HISTORY = """
query UserHistory($id: ID!, $channel: String!) {
  user(id: $id) { pointsTransfers(channel: $channel, first: 10) {
    totalCount edges { node { kind points actor reason } }
  } }
}
"""

ADJUST = """
mutation Adjust($input: PointsAdjustInput!) {
  pointsAdjust(input: $input) {
    transfer { id kind points availableChange reason actor description }
    errors { field message code }
  }
}
"""


def user_id(user: User) -> str:
    return to_global_id("User", user.id)


async def points_staff(email: str = "points@example.com", **options: object) -> User:
    """Staff who can find users and manage their points."""
    permissions = options.pop("permissions", ["MANAGE_USERS", "MANAGE_POINTS"])
    return await make_staff(email, permissions=permissions, **options)  # type: ignore[arg-type]
