from __future__ import annotations

from decimal import Decimal

import pytest

from catalog.models import Product, ProductChannelListing, ProductEvent, ReviewStatus
from catalog.services.listings import (
    ProductListingChange,
    VariantPrice,
    update_product_listings,
    update_variant_listings,
)
from catalog.services.review import PriceAlertReason, ReviewStep, apply_step, price_alerts
from kernel.errors import DomainError
from tests.catalog.services.builders import OPERATOR, active_partner, gift, listed, partner_editor, variant
from tests.factories import make_channel


@pytest.fixture
async def acme_gift():
    await active_partner("ACME")
    return await gift(partner_editor("ACME"), "Acme Kettle")


async def test_submit_then_approve(acme_gift):
    # when
    await apply_step(partner_editor("ACME"), acme_gift, ReviewStep.SUBMIT)
    await apply_step(OPERATOR, acme_gift, ReviewStep.APPROVE, "Looks good")

    # then
    assert acme_gift.review_status == ReviewStatus.APPROVED
    events = await ProductEvent.filter(product_id=acme_gift.id).values_list("type", "actor", "note")
    assert events == [("created", "user:acme", ""), ("submit", "user:acme", ""), ("approve", "user:1", "Looks good")]


async def test_reject_needs_a_reason_and_can_be_resubmitted(acme_gift):
    # given
    await apply_step(partner_editor("ACME"), acme_gift, ReviewStep.SUBMIT)

    # when
    with pytest.raises(DomainError) as no_reason:
        await apply_step(OPERATOR, acme_gift, ReviewStep.REJECT, " ")
    await apply_step(OPERATOR, acme_gift, ReviewStep.REJECT, "Photo is blurry")
    await apply_step(partner_editor("ACME"), acme_gift, ReviewStep.SUBMIT)

    # then
    assert no_reason.value.details[0].code == "REQUIRED"
    assert acme_gift.review_status == ReviewStatus.SUBMITTED


async def test_a_partner_cannot_approve_its_own_listing(acme_gift):
    # given
    await apply_step(partner_editor("ACME"), acme_gift, ReviewStep.SUBMIT)

    # when
    with pytest.raises(DomainError):
        await apply_step(partner_editor("ACME"), acme_gift, ReviewStep.APPROVE)

    # then
    assert acme_gift.review_status == ReviewStatus.SUBMITTED


async def test_steps_out_of_order_are_refused(acme_gift):
    # when
    with pytest.raises(DomainError) as raised:
        await apply_step(OPERATOR, acme_gift, ReviewStep.APPROVE)

    # then
    assert raised.value.details[0].code == "INVALID_REVIEW_TRANSITION"
    assert acme_gift.review_status == ReviewStatus.DRAFT


async def test_withdrawing_unpublishes(acme_gift):
    # given
    channel = await make_channel()
    await listed(partner_editor("ACME"), acme_gift, channel.id)
    await apply_step(partner_editor("ACME"), acme_gift, ReviewStep.SUBMIT)

    # when
    await apply_step(partner_editor("ACME"), acme_gift, ReviewStep.WITHDRAW)

    # then
    assert await ProductChannelListing.filter(is_published=True).count() == 0
    assert acme_gift.review_status == ReviewStatus.DRAFT


async def test_submitting_flags_points_prices_worth_more_than_retail(acme_gift):
    # given: 1 point = 0.01 CNY, alert above 1.2 x the reference price of 120 CNY
    channel = await make_channel()
    cheap, dear = await variant(acme_gift, "K-1"), await variant(acme_gift, "K-2")
    await listed(partner_editor("ACME"), acme_gift, channel.id, (cheap, 12_000), (dear, 15_000))

    # when
    await apply_step(partner_editor("ACME"), acme_gift, ReviewStep.SUBMIT)

    # then
    alerts = await price_alerts(acme_gift.id)
    assert [(a.variant_id, a.cash_value, a.reference_price, a.ratio) for a in alerts] == [
        (dear.id, Decimal("150.00"), Decimal("120.00"), Decimal("1.250"))
    ]
    event = await ProductEvent.get(product_id=acme_gift.id, type="submit")
    assert event.data["price_alerts"][0]["ratio"] == "1.250"


async def test_submitting_flags_points_prices_worth_less_than_their_cost(acme_gift):
    # given: the partner is paid 50.00 CNY a kettle; 4,000 points are worth 40.00 CNY at 1 point = 0.01 CNY
    channel = await make_channel()
    item = await variant(acme_gift, "K-1")
    await listed(partner_editor("ACME"), acme_gift, channel.id, (item, 4_000))

    # when
    await apply_step(partner_editor("ACME"), acme_gift, ReviewStep.SUBMIT)

    # then
    alerts = await price_alerts(acme_gift.id)
    assert [(a.reason, a.cash_value, a.cost_price, a.ratio) for a in alerts] == [
        (PriceAlertReason.BELOW_COST, Decimal("40.00"), Decimal("50.00"), Decimal("0.800"))
    ]
    event = await ProductEvent.get(product_id=acme_gift.id, type="submit")
    assert (event.data["price_alerts"][0]["reason"], event.data["price_alerts"][0]["cost_price"]) == (
        "below_cost", "50.00")


async def live_at(product, channel, item, points: int) -> None:
    """The gift approved and published at `points`."""
    await listed(partner_editor("ACME"), product, channel.id, (item, points))
    await apply_step(partner_editor("ACME"), product, ReviewStep.SUBMIT)
    await apply_step(OPERATOR, product, ReviewStep.APPROVE)
    publish = ProductListingChange(channel.id, is_published=True)
    await update_product_listings(partner_editor("ACME"), product, [publish], [])


async def test_a_partners_big_price_change_sends_an_approved_gift_back_to_review(acme_gift):
    # given: approved and published at 12,000 points (120.00 CNY, its retail price)
    channel = await make_channel()
    item = await variant(acme_gift, "K-1")
    await live_at(acme_gift, channel, item, 12_000)

    # when: the partner asks 1,000 times as much
    await update_variant_listings(partner_editor("ACME"), item,
                                  [VariantPrice(channel.id, 12_000_000, Decimal("50"), Decimal("120"))], [])

    # then: the operator reviews it again, and members no longer see it meanwhile
    product = await Product.get(id=acme_gift.id)
    assert product.review_status == ReviewStatus.SUBMITTED
    assert await ProductChannelListing.filter(product_id=acme_gift.id).values_list("is_published", flat=True) == [False]
    event = await ProductEvent.get(product_id=acme_gift.id, type="reprice")
    assert (event.actor, event.note) == ("user:acme", "Variant K-1: 12000 to 12000000 points.")
    assert [alert["reason"] for alert in event.data["price_alerts"]] == ["above_retail"]


@pytest.mark.parametrize(
    ("editor", "new_points"),
    [(partner_editor("ACME"), 14_400), (partner_editor("ACME"), 9_600), (OPERATOR, 12_000_000)],
    ids=["partner +20%", "partner -20%", "operator x1000"],
)
async def test_small_changes_and_the_operators_own_keep_an_approved_gift_live(acme_gift, editor, new_points):
    # given
    channel = await make_channel()
    item = await variant(acme_gift, "K-1")
    await live_at(acme_gift, channel, item, 12_000)

    # when
    await update_variant_listings(editor, item, [VariantPrice(channel.id, new_points, Decimal("50"), Decimal("120"))],
                                  [])

    # then
    assert (await Product.get(id=acme_gift.id)).review_status == ReviewStatus.APPROVED
    assert await ProductChannelListing.filter(product_id=acme_gift.id).values_list("is_published", flat=True) == [True]
    assert not await ProductEvent.filter(product_id=acme_gift.id, type="reprice").exists()
