"""`programmeHealth`: each bank programme's members with points, accrual, redemption and its rate, breakage,
and the points redeemed per partner and per category; the operator reads every bank's, a bank's staff only
their own, partners' staff nothing."""

from __future__ import annotations

from typing import Any

from catalog.models import Category, Product, ProductVariant
from mall.accounts.models import ScopeKind
from tests.factories import make_channel, make_staff, token_for
from tests.fulfilment.world import build_mall, partner_token

HEALTH = """query Health($issuer: String, $months: Int) {
  programmeHealth(issuer: $issuer, months: $months) {
    programmes { issuerCode issuerName channel pointsUnit membersWithPoints pointsOutstanding accrued redeemed
      expired breakageToDate redemptionRatePercent breakageRatePercent months { month accrued redeemed expired } }
    redeemedByPartner { channel name points }
    redeemedByCategory { channel name points }
  }
}"""


async def a_redemption(settings: Any, set_clock: Any) -> None:
    """In November, Bank A's member receives 10,000 points and redeems 2 teas (1,200 points each, the operator's,
    in category Tea) and an umbrella (800 points, ACME's, no category); Bank B's programme has no activity."""
    set_clock("2026-11-20T12:00:00+08:00")
    mall = await build_mall(settings)
    tea = await Category.create(name="Tea", slug="tea")
    await Product.filter(id=(await ProductVariant.get(id=mall.world.item.id)).product_id).update(category_id=tea.id)
    await make_channel("bank-b-mall", issuer_code="BANKB", currency_code="BPT")


async def operator(settings: Any) -> str:
    return token_for(await make_staff("ops@example.com", ["VIEW_REPORTS"]), settings)


async def test_the_operator_reads_every_banks_programme_and_where_points_were_redeemed(api, settings, set_clock):
    # given
    await a_redemption(settings, set_clock)

    # when
    report = (await api.ok(HEALTH, {"months": 2}, await operator(settings)))["programmeHealth"]

    # then
    assert report["programmes"] == [
        {"issuerCode": "BANKA", "issuerName": "Bank A Mall", "channel": "bank-a-mall", "pointsUnit": "PTS",
         "membersWithPoints": 1, "pointsOutstanding": 6800, "accrued": 10000, "redeemed": 3200, "expired": 0,
         "breakageToDate": 0, "redemptionRatePercent": 32.0, "breakageRatePercent": 0.0,
         "months": [{"month": "2026-10", "accrued": 0, "redeemed": 0, "expired": 0},
                    {"month": "2026-11", "accrued": 10000, "redeemed": 3200, "expired": 0}]},
        {"issuerCode": "BANKB", "issuerName": "Bank B Mall", "channel": "bank-b-mall", "pointsUnit": "BPT",
         "membersWithPoints": 0, "pointsOutstanding": 0, "accrued": 0, "redeemed": 0, "expired": 0,
         "breakageToDate": 0, "redemptionRatePercent": None, "breakageRatePercent": None,
         "months": [{"month": "2026-10", "accrued": 0, "redeemed": 0, "expired": 0},
                    {"month": "2026-11", "accrued": 0, "redeemed": 0, "expired": 0}]},
    ]
    assert report["redeemedByPartner"] == [{"channel": "bank-a-mall", "name": "", "points": 2400},
                                           {"channel": "bank-a-mall", "name": "ACME", "points": 800}]
    assert report["redeemedByCategory"] == [{"channel": "bank-a-mall", "name": "Tea", "points": 2400},
                                            {"channel": "bank-a-mall", "name": "", "points": 800}]


async def test_a_banks_staff_read_their_own_programme_only(api, settings, set_clock):
    # given
    await a_redemption(settings, set_clock)
    bank_b = token_for(await make_staff("analyst@bankb.example", ["VIEW_REPORTS"], scope=(ScopeKind.ISSUER, "BANKB")),
                       settings)

    # when
    own = (await api.ok(HEALTH, {}, bank_b))["programmeHealth"]
    other = await api.post(HEALTH, {"issuer": "BANKA"}, token=bank_b)

    # then
    assert ([row["issuerCode"] for row in own["programmes"]], own["redeemedByPartner"]) == (["BANKB"], [])
    assert (other.data, other.error_codes) == (None, ["PermissionDenied"])


async def test_partner_staff_and_anonymous_callers_are_refused(api, settings, set_clock):
    # given
    await a_redemption(settings, set_clock)
    partner = token_for(await make_staff("reports@acme.example", ["VIEW_REPORTS"], scope=(ScopeKind.PARTNER, "ACME")),
                        settings)

    # when
    answers = [await api.post(HEALTH, {}, token=token) for token in (partner, await partner_token(settings), None)]

    # then
    assert [(answer.data, answer.error_codes) for answer in answers] == [(None, ["PermissionDenied"])] * 3
