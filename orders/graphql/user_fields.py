"""Fields the orders domain adds to `User` (assembled in mall.graphql.composed)."""

from __future__ import annotations

from typing import Any

import strawberry

from mall.accounts.models import User as UserModel
from mall.graphql.connection import PageArgs, countable_connection, empty_connection
from mall.graphql.context import Info
from mall.graphql.errors import PermissionDenied
from mall.graphql.permissions import has_any_permission
from orders.graphql.types import Order

OrderCountableConnection, OrderCountableEdge = countable_connection(Order, "Order")


@strawberry.type
class UserOrderFields:
    model: strawberry.Private[UserModel]

    @strawberry.field(
        description="List of user's orders. Requires one of the following permissions: MANAGE_STAFF, OWNER."
    )
    async def orders(
        self,
        info: Info,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> OrderCountableConnection | None:  # type: ignore[valid-type]
        user = await info.context.user()
        principal = await info.context.principal()
        if (user is None or user.id != self.model.id) and not has_any_permission(principal, ("MANAGE_STAFF",)):
            raise PermissionDenied(["MANAGE_STAFF", "OWNER"])
        # Orders arrive with the redemption issue; until then every member has none.
        result: Any = empty_connection(info, PageArgs(first, last, after, before), OrderCountableConnection)
        return result
