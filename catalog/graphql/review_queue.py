"""`productReviews` (mall-only name): the listings in review, for the operator's queue and for partners to see
the operator's decision and reason on their own gifts."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from catalog.graphql.mutations.common import editor_of, staff_view
from catalog.graphql.mutations.review import ProductPriceAlert, price_alert_node
from catalog.graphql.product import Product
from catalog.models import ReviewStatus
from catalog.services.review import review_items
from mall.graphql.context import Info

ProductReviewStatusEnum = strawberry.enum(
    Enum("ProductReviewStatusEnum", {status.name: status.value for status in ReviewStatus}),  # type: ignore[misc]
    name="ProductReviewStatusEnum",
    description="Points mall: where a listing is in review: DRAFT, SUBMITTED (waiting for the operator), "
    "APPROVED (may be published), REJECTED (the partner may change it and submit again).",
)


@strawberry.type(description="Points mall: the operator's last approval or rejection of a listing.")
class ProductReviewDecision:
    step: str = strawberry.field(description="`approve` or `reject`.")
    note: str = strawberry.field(description="The operator's note, or the reason for a rejection.")
    created: datetime = strawberry.field(description="When it was decided.")


@strawberry.type(description="Points mall: a listing in review, with its price alerts and last decision.")
class ProductReviewItem:
    product: Product = strawberry.field(description="The gift.")
    status: ProductReviewStatusEnum = strawberry.field(description="Its review status.")  # type: ignore[valid-type]
    price_alerts: list[ProductPriceAlert] = strawberry.field(description="Prices to look at before approving.")
    last_decision: ProductReviewDecision | None = strawberry.field(description="The operator's last decision.")


@strawberry.type
class ReviewQueueQueries:
    @strawberry.field(description="Points mall: listings in review (default: SUBMITTED, the operator's queue), "
                      "those with price alerts first, then the longest waiting; at most 100. Requires "
                      "MANAGE_PRODUCTS; a partner's staff see their own gifts only.")
    async def product_reviews(
        self, info: Info,
        statuses: Annotated[list[ProductReviewStatusEnum] | None,  # type: ignore[valid-type]
                            strawberry.argument(description="Review statuses to list.")] = None,
    ) -> list[ProductReviewItem]:
        editor = await editor_of(info)
        wanted = [ReviewStatus(status.value) for status in statuses] if statuses else [ReviewStatus.SUBMITTED]
        view = await staff_view(info)
        items = await review_items(editor, wanted)
        return [
            ProductReviewItem(
                product=Product.of(item.product, view),
                status=ProductReviewStatusEnum(ReviewStatus(item.product.review_status).value),  # type: ignore[operator]
                price_alerts=[price_alert_node(alert) for alert in item.alerts],
                last_decision=None if item.decision is None else ProductReviewDecision(
                    step=item.decision.type, note=item.decision.note, created=item.decision.created_at),
            )
            for item in items
        ]
