"""Saleor's checkout problems: what stands between a cart and an order, shown before completion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from catalog.graphql.types import ProductVariant
from mall.graphql.context import Info
from orders.graphql.shipping import Delivery

if TYPE_CHECKING:
    from orders.graphql.checkout_lines import CheckoutLine

CheckoutLineRef = Annotated["CheckoutLine", strawberry.lazy("orders.graphql.checkout_lines")]


@strawberry.type(description="Indicates insufficient stock for a given checkout line. "
                 "Placing the order will not be possible until solving this problem.")
class CheckoutLineProblemInsufficientStock:
    available_quantity: int | None = strawberry.field(description="Available quantity of a variant.")
    line: CheckoutLineRef = strawberry.field(description="The line that has variant with insufficient stock.")

    @strawberry.field(description="The variant with insufficient stock.")
    async def variant(self, info: Info) -> ProductVariant:
        return await self.line.checkout.variant(info, self.line.model.variant_id)  # type: ignore[attr-defined]


@strawberry.type(description="The variant assigned to the checkout line is not available. "
                 "Placing the order will not be possible until solving this problem.")
class CheckoutLineProblemVariantNotAvailable:
    line: CheckoutLineRef = strawberry.field(description="The line that has variant that is not available.")


@strawberry.type(description="Indicates that the delivery methods are stale.")
class CheckoutProblemDeliveryMethodStale:
    delivery: Delivery


@strawberry.type(description="Indicates that the selected delivery method is invalid.")
class CheckoutProblemDeliveryMethodInvalid:
    delivery: Delivery


CheckoutLineProblem = Annotated[
    CheckoutLineProblemInsufficientStock | CheckoutLineProblemVariantNotAvailable,
    strawberry.union("CheckoutLineProblem", description="Represents an problem in the checkout line."),
]
CheckoutProblem = Annotated[
    CheckoutProblemDeliveryMethodStale
    | CheckoutProblemDeliveryMethodInvalid
    | CheckoutLineProblemInsufficientStock
    | CheckoutLineProblemVariantNotAvailable,
    strawberry.union("CheckoutProblem", description="Represents an problem in the checkout."),
]
