"""Listing review: partners submit gifts, the operator approves or rejects them with a reason.

The lifecycle is data: TRANSITIONS says which step may follow which state, and `apply_step` is the only
function that changes `Product.review_status`; it records every step as a ProductEvent.

Review also flags price transparency problems: a listing whose points, at the channel's cash value per
point, are worth more than `price_alert_ratio` times the gift's reference retail price, or are worth less
than the cost price the operator pays the partner (every redemption of it would lose money).

An approved gift whose points price a partner then moves by more than REPRICE_REVIEW_CHANGE goes back to
review (step REPRICE, unpublished until approved again): the operator approved a price, not any price.

Errors (DomainError, CatalogErrorCode): INVALID_REVIEW_TRANSITION, REQUIRED (reason for a rejection),
INVALID (a partner trying to decide its own review).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from catalog.errors import CatalogErrorCode
from catalog.models import Product, ProductChannelListing, ProductVariantChannelListing, ReviewStatus
from catalog.pricing import cash_value
from catalog.services.access import Editor, ensure_operator
from catalog.services.products import record_event
from kernel.errors import DomainError


class ReviewStep(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    WITHDRAW = "withdraw"
    REPRICE = "reprice"  # taken by the listing service, never asked for: a partner's big price change


# A partner's change of an approved points price by more than this fraction, up or down, is reviewed again.
REPRICE_REVIEW_CHANGE = Decimal("0.20")


# (step, from state) -> to state. Anything not listed is refused.
TRANSITIONS: dict[tuple[ReviewStep, ReviewStatus], ReviewStatus] = {
    (ReviewStep.SUBMIT, ReviewStatus.DRAFT): ReviewStatus.SUBMITTED,
    (ReviewStep.SUBMIT, ReviewStatus.REJECTED): ReviewStatus.SUBMITTED,
    (ReviewStep.WITHDRAW, ReviewStatus.SUBMITTED): ReviewStatus.DRAFT,
    (ReviewStep.APPROVE, ReviewStatus.SUBMITTED): ReviewStatus.APPROVED,
    (ReviewStep.REJECT, ReviewStatus.SUBMITTED): ReviewStatus.REJECTED,
    (ReviewStep.REPRICE, ReviewStatus.APPROVED): ReviewStatus.SUBMITTED,
}
OPERATOR_STEPS = frozenset({ReviewStep.APPROVE, ReviewStep.REJECT})


class PriceAlertReason(StrEnum):
    ABOVE_RETAIL = "above_retail"  # the points are worth more than the allowed multiple of the retail price
    BELOW_COST = "below_cost"  # the points are worth less than the cost price paid to the partner


@dataclass(frozen=True)
class PriceAlert:
    """A variant whose points price the operator should look at: `ratio` is cash value / reference price
    (ABOVE_RETAIL) or cash value / cost price (BELOW_COST)."""

    variant_id: int
    channel_id: int
    price_points: int
    cash_value: Decimal
    reference_price: Decimal | None
    ratio: Decimal
    currency: str
    reason: PriceAlertReason = PriceAlertReason.ABOVE_RETAIL
    cost_price: Decimal | None = None


async def apply_step(editor: Editor, product: Product, step: ReviewStep, note: str = "") -> Product:
    if step in OPERATOR_STEPS:
        ensure_operator(editor)
    if step == ReviewStep.REJECT and not note.strip():
        raise DomainError.single(
            "reason", "Say why the listing is rejected: the partner needs to know.", CatalogErrorCode.REQUIRED
        )
    target = TRANSITIONS.get((step, ReviewStatus(product.review_status)))
    if target is None:
        raise DomainError.single(
            None,
            f"A listing in state '{product.review_status}' cannot be {step.value}ed.",
            CatalogErrorCode.INVALID_REVIEW_TRANSITION,
        )
    updated = await Product.filter(id=product.id, review_status=product.review_status).update(review_status=target)
    if not updated:  # someone else moved it meanwhile: their decision stands
        raise DomainError.single(
            None, "The listing changed meanwhile, reload it.", CatalogErrorCode.INVALID_REVIEW_TRANSITION
        )
    alerts = await price_alerts(product.id) if step in (ReviewStep.SUBMIT, ReviewStep.REPRICE) else []
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
        "reference_price": None if alert.reference_price is None else str(alert.reference_price),
        "cost_price": None if alert.cost_price is None else str(alert.cost_price),
        "ratio": str(alert.ratio),
        "reason": alert.reason.value,
    }


async def price_alerts(product_id: int) -> list[PriceAlert]:
    """Every priced variant of the product whose points are worth more than the channel allows vs retail,
    or less than their cost price."""
    listings = await ProductVariantChannelListing.filter(variant__product_id=product_id).select_related("channel")
    alerts = []
    for listing in listings:
        alerts += [alert for alert in (_above_retail(listing), _below_cost(listing)) if alert is not None]
    return alerts


def _above_retail(listing: ProductVariantChannelListing) -> PriceAlert | None:
    reference = listing.reference_price_amount
    if not reference:
        return None
    value = cash_value(listing.price_points, listing.channel)
    ratio = (value / reference).quantize(Decimal("0.001"), ROUND_HALF_UP)
    if ratio <= listing.channel.price_alert_ratio:
        return None
    return PriceAlert(listing.variant_id, listing.channel_id, listing.price_points, value,  # type: ignore[attr-defined]
                      reference, ratio, listing.channel.cash_currency)


def _below_cost(listing: ProductVariantChannelListing) -> PriceAlert | None:
    cost = listing.cost_price_amount
    value = cash_value(listing.price_points, listing.channel)
    if not cost or value >= cost:
        return None
    ratio = (value / cost).quantize(Decimal("0.001"), ROUND_HALF_UP)
    return PriceAlert(listing.variant_id, listing.channel_id, listing.price_points, value,  # type: ignore[attr-defined]
                      listing.reference_price_amount, ratio, listing.channel.cash_currency,
                      PriceAlertReason.BELOW_COST, cost)


def needs_review_again(old_points: int, new_points: int) -> bool:
    """Whether a partner's price change moves an approved price too far to stand without the operator."""
    if old_points == new_points:
        return False
    if old_points == 0:
        return True  # from free to any price
    return abs(Decimal(new_points - old_points)) / old_points > REPRICE_REVIEW_CHANGE
