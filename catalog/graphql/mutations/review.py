"""Listing review in the API (mall-only names): submit, withdraw, approve, reject, with price alerts."""

from __future__ import annotations

import strawberry

from catalog.graphql.mutations.common import ProductError, editor_of, errors_field, int_id, operator_of, run, staff_view
from catalog.graphql.product import Product
from catalog.services.access import Editor, product_for_editing
from catalog.services.review import PriceAlert, PriceAlertReason, ReviewStep, apply_step, price_alerts
from mall.graphql.common import Money, money
from mall.graphql.context import Info
from mall.graphql.ids import to_global_id

ProductPriceAlertReasonEnum = strawberry.enum(
    PriceAlertReason, name="ProductPriceAlertReasonEnum",
    description="Points mall: why a price is flagged: ABOVE_RETAIL, its points are worth more than the "
    "allowed multiple of the retail price; BELOW_COST, they are worth less than the partner's cost price.",
)


@strawberry.type(
    description="Points mall: a variant whose points price, at the channel's cash value per point, "
    "is worth more than the allowed multiple of its reference retail price, or less than its cost price."
)
class ProductPriceAlert:
    variant_id: strawberry.ID = strawberry.field(description="The variant.")
    channel_id: strawberry.ID = strawberry.field(description="The channel whose price is flagged.")
    price_points: int = strawberry.field(description="The points price.")
    cash_value: Money = strawberry.field(description="What those points are worth in cash.")
    reference_price: Money | None = strawberry.field(description="The gift's reference retail price, if given.")
    ratio: float = strawberry.field(
        description="Cash value divided by the reference price (ABOVE_RETAIL) or by the cost price (BELOW_COST)."
    )
    reason: ProductPriceAlertReasonEnum = strawberry.field(description="Why the price is flagged.")  # type: ignore[valid-type]
    cost_price: Money | None = strawberry.field(description="The partner's cost price, if given.")


def price_alert_node(alert: PriceAlert) -> ProductPriceAlert:
    return ProductPriceAlert(
        variant_id=strawberry.ID(to_global_id("ProductVariant", alert.variant_id)),
        channel_id=strawberry.ID(to_global_id("Channel", alert.channel_id)),
        price_points=alert.price_points,
        cash_value=money(alert.cash_value, alert.currency, 2),
        reference_price=None if alert.reference_price is None else money(alert.reference_price, alert.currency, 2),
        ratio=float(alert.ratio),
        reason=alert.reason,
        cost_price=None if alert.cost_price is None else money(alert.cost_price, alert.currency, 2),
    )


@strawberry.type(description="Points mall: the result of a review step.")
class ProductReviewStep:
    product: Product | None = None
    price_alerts: list[ProductPriceAlert] = strawberry.field(
        default_factory=list, description="Prices the operator should look at before approving."
    )
    errors: list[ProductError] = errors_field()


async def _step(info: Info, editor: Editor, id: strawberry.ID, step: ReviewStep, note: str) -> ProductReviewStep | None:
    async def work() -> ProductReviewStep:
        product = await product_for_editing(editor, int_id(id, "Product", "id"))
        product = await apply_step(editor, product, step, note)
        alerts = [price_alert_node(a) for a in await price_alerts(product.id)]
        return ProductReviewStep(product=Product.of(product, await staff_view(info)), price_alerts=alerts)

    return await run(ProductReviewStep, ProductError, work)


@strawberry.type
class ReviewMutations:
    @strawberry.mutation(
        description="Points mall: a partner submits a gift for the operator's review. Requires MANAGE_PRODUCTS."
    )
    async def product_review_submit(self, info: Info, id: strawberry.ID) -> ProductReviewStep | None:
        return await _step(info, await editor_of(info), id, ReviewStep.SUBMIT, "")

    @strawberry.mutation(description="Points mall: takes a submitted gift back to draft. Requires MANAGE_PRODUCTS.")
    async def product_review_withdraw(self, info: Info, id: strawberry.ID) -> ProductReviewStep | None:
        return await _step(info, await editor_of(info), id, ReviewStep.WITHDRAW, "")

    @strawberry.mutation(
        description="Points mall: the operator approves a submitted gift, so it can be published. "
        "Requires MANAGE_PRODUCTS (operator only)."
    )
    async def product_review_approve(
        self, info: Info, id: strawberry.ID, note: str | None = None
    ) -> ProductReviewStep | None:
        return await _step(info, await operator_of(info), id, ReviewStep.APPROVE, note or "")

    @strawberry.mutation(
        description="Points mall: the operator rejects a submitted gift, saying why. "
        "Requires MANAGE_PRODUCTS (operator only)."
    )
    async def product_review_reject(self, info: Info, id: strawberry.ID, reason: str) -> ProductReviewStep | None:
        return await _step(info, await operator_of(info), id, ReviewStep.REJECT, reason)
