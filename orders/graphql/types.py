"""Order types as far as the foundation needs them (`me.orders`); the redemption issue fills them in."""

from __future__ import annotations

from datetime import datetime

import strawberry

from catalog.graphql.types import ProductVariant
from mall.graphql.common import Node, TaxedMoney
from mall.graphql.enums import saleor_enum

OrderStatus = saleor_enum("OrderStatus")
PaymentChargeStatusEnum = saleor_enum("PaymentChargeStatusEnum")


@strawberry.type(description="Represents order line of particular order.")
class OrderLine(Node):
    variant: ProductVariant | None = None
    quantity: int = 0


@strawberry.type(description="Represents an order in the shop.")
class Order(Node):
    number: str = ""
    created: datetime | None = None
    total: TaxedMoney | None = None
    lines: list[OrderLine] = strawberry.field(default_factory=list)
    status: OrderStatus | None = None  # type: ignore[valid-type]
    status_display: str | None = None
    payment_status: PaymentChargeStatusEnum | None = None  # type: ignore[valid-type]
