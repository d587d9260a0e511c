"""Saleor's CheckoutLine: one gift in a member's cart, priced from the rows its checkout reads once.

A line asks its checkout for those rows (contents, delivery needs, problems) instead of reading them itself, so
a checkout's lines and its own fields share one read however many lines there are.
"""

from __future__ import annotations

from typing import Any, Protocol

import strawberry

from catalog.graphql.types import ProductVariant
from mall.graphql.common import Money, Node, ObjectWithMetadata, TaxedMoney
from mall.graphql.context import Info
from mall.graphql.ids import to_global_id
from mall.graphql.permissions import require_permission
from orders.graphql.checkout_problems import CheckoutLineProblem
from orders.graphql.common import points, taxed_points
from orders.models import CheckoutLine as CheckoutLineModel

TAXES = "Points carry no tax: net equals gross."


class LineCheckout(Protocol):
    """What a line reads through its checkout (orders.graphql.checkout.Checkout): memoised per checkout."""

    @property
    def unit(self) -> str: ...

    def contents(self) -> Any: ...

    def shipping(self) -> Any: ...

    def problem_objects(self) -> Any: ...

    async def variant(self, info: Info, variant_id: int) -> ProductVariant: ...


@strawberry.type(description="Represents an item in the checkout.")
class CheckoutLine(Node, ObjectWithMetadata):
    model: strawberry.Private[CheckoutLineModel]
    checkout: strawberry.Private[LineCheckout]

    @classmethod
    def of(cls, model: CheckoutLineModel, checkout: LineCheckout) -> CheckoutLine:
        return cls(id=to_global_id("CheckoutLine", model.id), model=model, checkout=checkout)

    async def _unit_points(self) -> int:
        return (await self.checkout.contents()).totals.line_prices.get(self.model.id, 0)

    async def _undiscounted_unit_points(self) -> int:
        """The listing price, before promotions and the member's tier discount."""
        contents = await self.checkout.contents()
        listed = contents.listing_prices.get(self.model.variant_id)  # type: ignore[attr-defined]
        return listed if listed is not None else contents.totals.list_prices.get(self.model.id, 0)

    @strawberry.field(description="The product variant from which the checkout line was created.")
    async def variant(self, info: Info) -> ProductVariant:
        return await self.checkout.variant(info, self.model.variant_id)  # type: ignore[attr-defined]

    @strawberry.field(description="The quantity of product variant assigned to the checkout line.")
    def quantity(self) -> int:
        return self.model.quantity

    @strawberry.field(description="The unit price of the checkout line, in points. " + TAXES)
    async def unit_price(self) -> TaxedMoney:
        return taxed_points(await self._unit_points(), self.checkout.unit)

    @strawberry.field(description="The unit price of the checkout line, without discounts.")
    async def undiscounted_unit_price(self) -> Money:
        return points(await self._undiscounted_unit_points(), self.checkout.unit)

    @strawberry.field(description="The unit price of the checkout line prior to promotion.")
    def prior_unit_price(self) -> Money | None:
        return None

    @strawberry.field(description="The sum of the checkout line price, in points. " + TAXES)
    async def total_price(self) -> TaxedMoney:
        return taxed_points(await self._unit_points() * self.model.quantity, self.checkout.unit)

    @strawberry.field(description="The sum of the checkout line price, without discounts.")
    async def undiscounted_total_price(self) -> Money:
        return points(await self._undiscounted_unit_points() * self.model.quantity, self.checkout.unit)

    @strawberry.field(description="The sum of the checkout line price prior to promotion.")
    def prior_total_price(self) -> Money | None:
        return None

    @strawberry.field(description="Indicates whether the item need to be delivered.")
    async def requires_shipping(self) -> bool:
        return (await self.checkout.shipping()).get(self.model.variant_id, False)  # type: ignore[attr-defined]

    @strawberry.field(description="List of problems with the checkout line.")
    async def problems(self) -> list[CheckoutLineProblem] | None:
        return [problem for problem in await self.checkout.problem_objects() if _line_of(problem) is self]

    @strawberry.field(description="Determine if the line is a gift (promotions): never.")
    def is_gift(self) -> bool | None:
        return False

    @strawberry.field(description="Reason for a custom price. Requires MANAGE_CHECKOUTS or HANDLE_CHECKOUTS.")
    async def price_override_reason(self, info: Info) -> str | None:
        await require_permission(info, "MANAGE_CHECKOUTS", "HANDLE_CHECKOUTS")
        return None


def _line_of(problem: Any) -> CheckoutLine | None:
    return getattr(problem, "line", None)
