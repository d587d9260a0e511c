from __future__ import annotations

from decimal import Decimal

import pytest

from catalog.models import ProductChannelListing, ProductEvent, ReviewStatus
from catalog.services.review import ReviewStep, apply_step, price_alerts
from mall.graphql.errors import DomainError
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
