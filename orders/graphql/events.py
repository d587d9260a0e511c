"""Saleor's OrderEvent: one entry of an order's timeline (placed, confirmed, canceled, refunded...)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from catalog.graphql.types import Warehouse
from mall.accounts.customer_scope import mask_email
from mall.graphql.common import Money, Node
from mall.graphql.context import Info
from mall.graphql.ids import int_pk, to_global_id
from mall.graphql.saleor_absent.generated import App
from mall.graphql.scalars import PositiveDecimal
from orders.graphql.common import user_node, user_row
from orders.graphql.enums import DiscountValueTypeEnum, OrderEventsEmailsEnum, OrderEventsEnum
from orders.models import OrderEvent as OrderEventModel
from orders.services.visibility import OrderView

if TYPE_CHECKING:
    from mall.graphql.composed import FulfillmentLine, User
    from orders.graphql.order import Order
    from orders.graphql.order_lines import OrderLine

UserRef = Annotated["User", strawberry.lazy("mall.graphql.composed")]
# Shipments live in the fulfilment domain; the composition root hands their types to orders.
FulfillmentLineRef = Annotated["FulfillmentLine", strawberry.lazy("mall.graphql.composed")]
OrderRef = Annotated["Order", strawberry.lazy("orders.graphql.order")]
OrderLineRef = Annotated["OrderLine", strawberry.lazy("orders.graphql.order_lines")]


@strawberry.type
class OrderEventDiscountObject:
    value_type: DiscountValueTypeEnum = strawberry.field(description="Type of the discount: fixed or percent.")
    value: PositiveDecimal = strawberry.field(description="Value of the discount.")
    reason: str | None = strawberry.field(description="Explanation for the applied discount.")
    amount: Money | None = strawberry.field(description="Returns amount of discount.")
    old_value_type: DiscountValueTypeEnum | None = strawberry.field(
        description="Type of the discount: fixed or percent."
    )
    old_value: PositiveDecimal | None = strawberry.field(description="Value of the discount.")
    old_amount: Money | None = strawberry.field(description="Returns amount of discount.")


@strawberry.type
class OrderEventOrderLineObject:
    quantity: int | None = strawberry.field(description="The variant quantity.")
    order_line: OrderLineRef | None = strawberry.field(description="The order line.")
    item_name: str | None = strawberry.field(description="The variant name.")
    discount: OrderEventDiscountObject | None = strawberry.field(description="The discount applied to the order line.")


@strawberry.type(description="History log of the order.")
class OrderEvent(Node):
    model: strawberry.Private[OrderEventModel]
    order: strawberry.Private[Any]

    @classmethod
    def of(cls, model: OrderEventModel, order: Any) -> OrderEvent:
        return cls(id=to_global_id("OrderEvent", model.id), model=model, order=order)

    def _data(self, key: str) -> Any:
        return (self.model.data or {}).get(key)

    @strawberry.field(description="Date when event happened at in ISO 8601 format.")
    def date(self) -> datetime.datetime | None:
        return self.model.created_at

    @strawberry.field(description="Order event type.")
    def type(self) -> OrderEventsEnum | None:
        return OrderEventsEnum.__members__.get(self.model.type, OrderEventsEnum.OTHER)

    @strawberry.field(description="User who performed the action.")
    async def user(self, info: Info) -> UserRef | None:
        kind, _, pk = self.model.actor.partition(":")
        key = int_pk(pk) if kind == "user" else None
        if key is None:
            return None
        return await user_node(info, await user_row(info.context, key))

    @strawberry.field(description="App that performed the action: the mall's API apps act through the same "
                      "services as staff and are not recorded apart (null).")
    def app(self) -> App | None:
        return None

    @strawberry.field(description="Content of the event.")
    def message(self) -> str | None:
        return self.model.message or None

    @strawberry.field(description="Email of the customer (masked as the order's `userEmail` is).")
    async def email(self, info: Info) -> str | None:
        email = self._data("email")
        if not email or await self.order.view(info) == OrderView.FULL:
            return email
        return mask_email(email)

    @strawberry.field(description="Type of an email sent to the customer.")
    def email_type(self) -> OrderEventsEmailsEnum | None:
        return None

    @strawberry.field(description="Amount of money (points) involved.")
    def amount(self) -> float | None:
        value = self._data("amount")
        return float(value) if value is not None else None

    @strawberry.field(description="The payment reference from the payment provider.")
    def payment_id(self) -> str | None:
        return self._data("payment_id")

    @strawberry.field(description="The payment gateway of the payment.")
    def payment_gateway(self) -> str | None:
        return self._data("gateway")

    @strawberry.field(description="Number of items.")
    def quantity(self) -> int | None:
        return self._data("quantity")

    @strawberry.field(description="Composed ID of the Fulfillment.")
    def composed_id(self) -> str | None:
        return None

    @strawberry.field(description="User-friendly number of an order.")
    def order_number(self) -> str | None:
        return str(self.order.model.number)

    @strawberry.field(description="Number of an invoice related to the order.")
    def invoice_number(self) -> str | None:
        return None

    @strawberry.field(description="List of oversold lines names.")
    def oversold_items(self) -> list[str] | None:
        return None

    @strawberry.field(description="The concerned lines.")
    def lines(self) -> list[OrderEventOrderLineObject] | None:
        return None

    @strawberry.field(description="The lines fulfilled.")
    def fulfilled_items(self) -> list[FulfillmentLineRef] | None:
        return None

    @strawberry.field(description="The warehouse were items were restocked.")
    def warehouse(self) -> Warehouse | None:
        return None

    @strawberry.field(description="The transaction reference of captured payment.")
    def transaction_reference(self) -> str | None:
        return self._data("transaction_reference")

    @strawberry.field(description="Define if shipping costs were included to the refund.")
    def shipping_costs_included(self) -> bool | None:
        return None

    @strawberry.field(description="The order referenced in event.")
    def related_order(self) -> OrderRef | None:
        return None

    @strawberry.field(description="The order event which is related to this event.")
    def related(self) -> OrderEvent | None:
        return None

    @strawberry.field(description="The discount applied to the order.")
    def discount(self) -> OrderEventDiscountObject | None:
        return None

    @strawberry.field(description="The reference of payment's transaction.")
    def reference(self) -> str | None:
        return self._data("reference")
