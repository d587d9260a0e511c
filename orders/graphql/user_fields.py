"""Fields the orders domain adds to `User` (assembled in mall.graphql.composed): the member's orders."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from mall.accounts.models import User as UserModel
from mall.graphql.connection import PageArgs, SortKey
from mall.graphql.context import Info
from mall.graphql.errors import PermissionDenied
from mall.graphql.permissions import has_any_permission
from orders.graphql.order_filters import CustomerOrderWhereInput, as_order_where, where_orders
from orders.graphql.queries import OrderCountableConnection, page_of_orders
from orders.models import Order as OrderModel
from orders.services.visibility import visible_orders

NEWEST_FIRST = [SortKey("number", descending=True)]
# Saleor's MANAGE_STAFF, and the mall's staff who look members up (a bank's desk: MANAGE_USERS) or handle orders;
# whichever it is, `visible_orders` confines a scoped caller to its own issuer's or partner's orders.
USER_ORDERS_PERMISSIONS = ("MANAGE_STAFF", "MANAGE_USERS", "MANAGE_ORDERS")


@strawberry.type
class UserOrderFields:
    model: strawberry.Private[UserModel]

    @strawberry.field(
        description="List of user's orders, newest first. Requires one of the following permissions: "
        "MANAGE_STAFF, OWNER (points mall: also MANAGE_USERS or MANAGE_ORDERS). Scoped staff see only the orders "
        "of their scope."
    )
    async def orders(
        self,
        info: Info,
        before: Annotated[str | None, strawberry.argument(description="Return elements before this cursor.")] = None,
        after: Annotated[str | None, strawberry.argument(description="Return elements after this cursor.")] = None,
        first: Annotated[int | None, strawberry.argument(description="Return the first n elements.")] = None,
        last: Annotated[int | None, strawberry.argument(description="Return the last n elements.")] = None,
        where: Annotated[CustomerOrderWhereInput | None,
                         strawberry.argument(description="Where filtering options for orders.")] = None,
    ) -> OrderCountableConnection | None:  # type: ignore[valid-type]
        principal = await info.context.principal()
        user = principal.user
        if (user is None or user.id != self.model.id) and not has_any_permission(principal, USER_ORDERS_PERMISSIONS):
            raise PermissionDenied([*USER_ORDERS_PERMISSIONS, "OWNER"])
        query = OrderModel.filter(visible_orders(principal.scope), user_id=self.model.id)
        if where is not None:
            query = query.filter(where_orders(as_order_where(where)))
        result: Any = await page_of_orders(info, query, PageArgs(first, last, after, before), NEWEST_FIRST)
        return result
