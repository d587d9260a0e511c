"""Types assembled from several domains: the composition root may know every domain, nothing else may.

`User` is Saleor's user type: its core fields come from mall.accounts, its `orders` from the orders domain,
its `pointsBalance` and `pointsTransfers` from the ledger, its `tier` and `tierProgress` from the loyalty engine.

`Fulfillment` and `FulfillmentLine` are the fulfilment domain's, which depends on orders: orders reach them
(the `Order.fulfillments` type and rows, `OrderEvent.fulfilledItems`, the mall's `Order.returnRequests`)
through here, never by importing fulfilment.
"""

from __future__ import annotations

import strawberry

from fulfilment.graphql.return_schema import ReturnRequest
from fulfilment.graphql.types import Fulfillment, FulfillmentLine, fulfillments_of_order
from fulfilment.models import ReturnRequest as ReturnRequestModel
from ledger.graphql.user_fields import UserPointsFields
from loyalty.graphql.schema import UserLoyaltyFields
from mall.accounts.graphql.types import UserCoreFields
from mall.accounts.models import User as UserModel
from mall.graphql.connection import countable_connection
from mall.graphql.ids import to_global_id
from orders.graphql.user_fields import UserOrderFields

__all__ = ["Fulfillment", "FulfillmentLine", "ReturnRequest", "User", "UserCountableConnection",
           "order_fulfillments", "order_return_requests"]
order_fulfillments = fulfillments_of_order


async def order_return_requests(order_id: object) -> list[ReturnRequest]:
    """The returns a member asked for on an order, oldest first."""
    rows = await ReturnRequestModel.filter(order_id=order_id).order_by("id")
    return [ReturnRequest(model=row) for row in rows]


@strawberry.type(name="User", description="Represents user data.")
class User(UserCoreFields, UserOrderFields, UserPointsFields, UserLoyaltyFields):
    @classmethod
    def of(cls, model: UserModel) -> User:
        return cls(id=to_global_id("User", model.id), model=model)


UserCountableConnection, UserCountableEdge = countable_connection(User, "User")
