"""The Order fields the fulfilment domain answers: the order's shipments and the returns asked for on it.

Shipments and returns live in the fulfilment domain, which depends on orders, never the reverse: the
composition root (mall.graphql.composed) hands orders their types and their rows. It imports this package,
so its functions are imported when a field resolves, not when this module loads.

Each field is assigned into `Order` where Saleor's schema lists it, which keeps the schema's field order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from mall.graphql.context import Info
from orders.graphql.common import require_owner_or

if TYPE_CHECKING:
    from mall.graphql.composed import Fulfillment, ReturnRequest
    from orders.graphql.order import Order

FulfillmentRef = Annotated["Fulfillment", strawberry.lazy("mall.graphql.composed")]
ReturnRequestRef = Annotated["ReturnRequest", strawberry.lazy("mall.graphql.composed")]


@strawberry.field(description="List of shipments for the order.")
async def fulfillments(self: Order, info: Info) -> list[FulfillmentRef]:
    from mall.graphql.composed import order_fulfillments

    return await order_fulfillments(info, self.model)


@strawberry.field(description="Points mall: the returns asked for on this order, oldest first. Requires one "
                  "of: MANAGE_ORDERS, OWNER.")
async def return_requests(self: Order, info: Info) -> list[ReturnRequestRef]:
    await require_owner_or(info, self.model.user_id, "MANAGE_ORDERS")  # type: ignore[attr-defined]
    from mall.graphql.composed import order_return_requests

    return await order_return_requests(self.model.id)
