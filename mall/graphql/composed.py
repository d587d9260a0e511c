"""Types assembled from several domains: the composition root may know every domain, nothing else may.

`User` is Saleor's user type: its core fields come from mall.accounts, its `orders` from the orders domain,
its `pointsBalance` and `pointsTransfers` from the ledger, its `tier` and `tierProgress` from the loyalty engine.

`Shop` is mall.graphql.shop's with what other domains know: the payment gateways (orders), the weight unit
(the catalogue's enum) and the tax apps (none).

`Fulfillment` and `FulfillmentLine` are the fulfilment domain's, which depends on orders: orders reach them
(the `Order.fulfillments` type and rows, `OrderEvent.fulfilledItems`, the mall's `Order.returnRequests`)
through here, never by importing fulfilment.
"""

from __future__ import annotations

import strawberry

from catalog.graphql.enums import WeightUnitsEnum
from catalog.models import ProductVariant as VariantModel
from catalog.models import Warehouse as WarehouseModel
from fulfilment.graphql.return_schema import ReturnRequest
from fulfilment.graphql.types import Fulfillment, FulfillmentLine, fulfillments_of_order
from fulfilment.models import ReturnRequest as ReturnRequestModel
from ledger.graphql.user_fields import UserPointsFields
from loyalty.graphql.schema import UserLoyaltyFields
from mall.accounts.graphql.groups import UserGroupFields
from mall.accounts.graphql.types import UserCoreFields
from mall.accounts.models import User as UserModel
from mall.channels.models import Channel as ChannelModel
from mall.graphql.connection import countable_connection
from mall.graphql.context import Info
from mall.graphql.ids import to_global_id
from mall.graphql.permissions import require_staff_or_app
from mall.graphql.saleor_absent.answers import absent_connection
from mall.graphql.saleor_absent.generated import App, GiftCardCountableConnection, LimitInfo, Limits
from mall.graphql.shop import Shop as ShopCore
from orders.graphql.shipping import PaymentGateway, points_gateway
from orders.graphql.user_fields import UserOrderFields
from orders.models import Order as OrderModel

__all__ = ["Fulfillment", "FulfillmentLine", "ReturnRequest", "Shop", "ShopQueries", "User", "UserCountableConnection",
           "order_fulfillments", "order_return_requests"]
order_fulfillments = fulfillments_of_order


async def order_return_requests(order_id: object) -> list[ReturnRequest]:
    """The returns a member asked for on an order, oldest first."""
    rows = await ReturnRequestModel.filter(order_id=order_id).order_by("id")
    return [ReturnRequest(model=row) for row in rows]


@strawberry.type
class UserGiftCardFields:
    @strawberry.field(description="List of the user gift cards: the mall has none.")
    def gift_cards(self, first: int | None = None, last: int | None = None, before: str | None = None,
                   after: str | None = None) -> GiftCardCountableConnection | None:
        return absent_connection(GiftCardCountableConnection)


@strawberry.type(name="User", description="Represents user data.")
class User(UserCoreFields, UserOrderFields, UserPointsFields, UserLoyaltyFields, UserGroupFields, UserGiftCardFields):
    @classmethod
    def of(cls, model: UserModel) -> User:
        return cls(id=to_global_id("User", model.id), model=model)


UserCountableConnection, UserCountableEdge = countable_connection(User, "User")


@strawberry.type(name="Shop", description="Represents a shop resource containing general shop data and "
                 "configuration.")
class Shop(ShopCore):
    @strawberry.field(description="List of available payment gateways: `mall.points`, in each channel's points "
                      "unit (or the given channel's, or those of the given currency).")
    async def available_payment_gateways(self, currency: str | None = None,
                                         channel: str | None = None) -> list[PaymentGateway]:
        channels = ChannelModel.all().order_by("slug")
        if channel is not None:
            channels = channels.filter(slug=channel)
        units = dict.fromkeys(await channels.values_list("currency_code", flat=True))
        return [points_gateway(unit) for unit in units if currency is None or unit == currency]

    @strawberry.field(description="Default weight unit: gifts' weights are kept in kilograms.")
    def default_weight_unit(self) -> WeightUnitsEnum | None:  # type: ignore[valid-type]
        return WeightUnitsEnum.KG

    @strawberry.field(description="List of tax apps that can be set in the tax configuration: none, points are "
                      "never taxed.")
    def available_tax_apps(self) -> list[App]:
        return []

    @strawberry.field(description="Resource limitations and current usage if any set for a shop. The points mall "
                      "sets no limit (`allowedUsage` all null); `currentUsage` counts the whole mall for the operator "
                      "and is null for staff of one partner or bank. Requires staff or an app.")
    async def limits(self, info: Info) -> LimitInfo:
        principal = await require_staff_or_app(info)
        usage = Limits() if principal.scope is not None else await _mall_usage()
        return LimitInfo(current_usage=usage, allowed_usage=Limits())


async def _mall_usage() -> Limits:
    return Limits(
        channels=await ChannelModel.all().count(),
        orders=await OrderModel.all().count(),
        product_variants=await VariantModel.all().count(),
        staff_users=await UserModel.filter(is_staff=True).count(),
        warehouses=await WarehouseModel.all().count(),
    )


@strawberry.type
class ShopQueries:
    @strawberry.field(description="Return information about the shop.")
    def shop(self) -> Shop:
        return Shop()
