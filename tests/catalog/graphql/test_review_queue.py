"""`productReviews`: the operator's review queue (price alerts first) and a partner's view of its own reviews."""

from __future__ import annotations

import pytest

from catalog.services.review import ReviewStep, apply_step
from mall.accounts.models import ScopeKind
from tests.catalog.services.builders import OPERATOR, active_partner, gift, listed, partner_editor, variant
from tests.factories import make_channel, make_staff, token_for

QUEUE = """
query Queue($statuses: [ProductReviewStatusEnum!]) {
  productReviews(statuses: $statuses) {
    product { name partnerCode } status priceAlerts { pricePoints reason } lastDecision { step note }
  }
}
"""


@pytest.fixture(autouse=True)
def reviewed_in_november(set_clock):
    set_clock("2026-11-20T10:00:00+08:00")


@pytest.fixture
async def listings():
    """ACME submits a fairly priced kettle, then an overpriced lamp; ZETA submits a mug the operator rejects."""
    await active_partner("ACME")
    await active_partner("ZETA")
    channel = await make_channel()
    kettle = await gift(partner_editor("ACME"), "Acme Kettle")
    await listed(partner_editor("ACME"), kettle, channel.id, (await variant(kettle, "K-1"), 10_000))
    lamp = await gift(partner_editor("ACME"), "Acme Lamp")
    await listed(partner_editor("ACME"), lamp, channel.id, (await variant(lamp, "L-1"), 15_000))
    mug = await gift(partner_editor("ZETA"), "Zeta Mug")
    await listed(partner_editor("ZETA"), mug, channel.id, (await variant(mug, "M-1"), 10_000))
    for product, code in ((kettle, "ACME"), (lamp, "ACME"), (mug, "ZETA")):
        await apply_step(partner_editor(code), product, ReviewStep.SUBMIT)
    await apply_step(OPERATOR, mug, ReviewStep.REJECT, "Photo is blurry")


async def test_the_operator_sees_the_queue_with_price_alerts_first(api, settings, listings):
    # given
    operator = await make_staff("ops@mall.example", is_superuser=True)

    # when
    data = await api.ok(QUEUE, {}, token=token_for(operator, settings))

    # then: the lamp (150.00 CNY of points for a 120.00 CNY retail price) comes before the older kettle
    assert data["productReviews"] == [
        {"product": {"name": "Acme Lamp", "partnerCode": "ACME"}, "status": "SUBMITTED",
         "priceAlerts": [{"pricePoints": 15_000, "reason": "ABOVE_RETAIL"}], "lastDecision": None},
        {"product": {"name": "Acme Kettle", "partnerCode": "ACME"}, "status": "SUBMITTED", "priceAlerts": [],
         "lastDecision": None},
    ]


async def test_a_partner_sees_its_own_reviews_and_the_operators_reason(api, settings, listings):
    # given
    zeta = await make_staff("clerk@zeta.example", ["MANAGE_PRODUCTS"], (ScopeKind.PARTNER, "ZETA"))

    # when
    data = await api.ok(QUEUE, {"statuses": ["SUBMITTED", "REJECTED", "APPROVED"]}, token=token_for(zeta, settings))

    # then
    assert data["productReviews"] == [
        {"product": {"name": "Zeta Mug", "partnerCode": "ZETA"}, "status": "REJECTED", "priceAlerts": [],
         "lastDecision": {"step": "reject", "note": "Photo is blurry"}},
    ]


async def test_a_banks_staff_cannot_read_the_queue(api, settings, listings):
    # given
    bank = await make_staff("points@bank-a.example", ["MANAGE_PRODUCTS"], (ScopeKind.ISSUER, "BANKA"))

    # when
    response = await api.post(QUEUE, {}, token=token_for(bank, settings))

    # then
    assert response.error_codes == ["PermissionDenied"]
