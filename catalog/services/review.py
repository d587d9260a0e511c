"""Listing review: partners submit gifts, the operator approves or rejects them with a reason.

The lifecycle is data: TRANSITIONS says which step may follow which state, and `apply_step` is the only
function that changes `Product.review_status`; it records every step as a ProductEvent.

Review also flags price transparency problems: a listing whose points, at the channel's cash value per
point, are worth more than `price_alert_ratio` times the gift's reference retail price.

Errors (DomainError codes, ProductErrorCode): INVALID_REVIEW_TRANSITION, REQUIRED (reason for a rejection),
INVALID (a partner trying to decide its own review).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from catalog.models import Product, ProductChannelListing, ProductVariantChannelListing, ReviewStatus
from catalog.services.access import Editor, ensure_operator
from catalog.services.products import record_event
from mall.channels.models import Channel
from mall.graphql.errors import DomainError


class ReviewStep(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    WITHDRAW = "withdraw"


# (step, from state) -> to state. Anything not listed is refused.
TRANSITIONS: dict[tuple[ReviewStep, ReviewStatus], ReviewStatus] = {
    (ReviewStep.SUBMIT, ReviewStatus.DRAFT): ReviewStatus.SUBMITTED,
    (ReviewStep.SUBMIT, ReviewStatus.REJECTED): ReviewStatus.SUBMITTED,
    (ReviewStep.WITHDRAW, ReviewStatus.SUBMITTED): ReviewStatus.DRAFT,
    (ReviewStep.APPROVE, ReviewStatus.SUBMITTED): ReviewStatus.APPROVED,
    (ReviewStep.REJECT, ReviewStatus.SUBMITTED): ReviewStatus.REJECTED,
}
OPERATOR_STEPS = frozenset({ReviewStep.APPROVE, ReviewStep.REJECT})


@dataclass(frozen=True)
class PriceAlert:
    """A variant whose points price is worth more in cash than the allowed multiple of its retail price."""

    variant_id: int
    channel_id: int
    price_points: int
    cash_value: Decimal
    reference_price: Decimal
    ratio: Decimal
    currency: str


async def apply_step(editor: Editor, product: Product, step: ReviewStep, note: str = "") -> Product:
    if step in OPERATOR_STEPS:
        ensure_operator(editor)
    if step == ReviewStep.REJECT and not note.strip():
        raise DomainError.single("reason", "Say why the listing is rejected: the partner needs to know.", "REQUIRED")
    target = TRANSITIONS.get((step, ReviewStatus(product.review_status)))
    if target is None:
        raise DomainError.single(
            None, f"A listing in state '{product.review_status}' cannot be {step.value}ed.", "INVALID_REVIEW_TRANSITION"
        )
    updated = await Product.filter(id=product.id, review_status=product.review_status).update(review_status=target)
    if not updated:  # someone else moved it meanwhile: their decision stands
        raise DomainError.single(None, "The listing changed meanwhile, reload it.", "INVALID_REVIEW_TRANSITION")
    alerts = await price_alerts(product.id) if step == ReviewStep.SUBMIT else []
    await record_event(
        product, editor, step.value, note, to=target.value, price_alerts=[_alert_data(a) for a in alerts]
    )
    if target != ReviewStatus.APPROVED:
        await ProductChannelListing.filter(product_id=product.id).update(is_published=False)
    product.review_status = target
    return product


def _alert_data(alert: PriceAlert) -> dict[str, object]:
    return {
        "variant_id": alert.variant_id,
        "channel_id": alert.channel_id,
        "price_points": alert.price_points,
        "cash_value": str(alert.cash_value),
        "reference_price": str(alert.reference_price),
        "ratio": str(alert.ratio),
    }


def cash_value(price_points: int, channel: Channel) -> Decimal:
    return (Decimal(price_points) * channel.points_cash_value).quantize(Decimal("0.01"), ROUND_HALF_UP)


async def price_alerts(product_id: int) -> list[PriceAlert]:
    """Every priced variant of the product whose points cost more than the channel allows vs retail."""
    listings = await ProductVariantChannelListing.filter(variant__product_id=product_id).select_related("channel")
    alerts = []
    for listing in listings:
        reference = listing.reference_price_amount
        if not reference:
            continue
        value = cash_value(listing.price_points, listing.channel)
        ratio = (value / reference).quantize(Decimal("0.001"), ROUND_HALF_UP)
        if ratio > listing.channel.price_alert_ratio:
            alerts.append(
                PriceAlert(
                    listing.variant_id,
                    listing.channel_id,
                    listing.price_points,
                    value,  # type: ignore[attr-defined]
                    reference,
                    ratio,
                    listing.channel.cash_currency,
                )
            )
    return alerts
