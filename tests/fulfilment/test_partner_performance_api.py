"""`partnerPerformance` through the API: a partner's parcels shipped and delivered on time against the
carrier's service level, its return rate and the points redeemed on its gifts, month by month in the
settlement time zone; partner staff read only their own partner, banks' staff and members nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fulfilment.models import ReturnLine, ReturnRequest, Shipment, ShipmentLine
from mall.accounts.models import ScopeKind
from mall.graphql.ids import parse_int_id
from tests.factories import make_staff, token_for
from tests.fulfilment.world import build_mall, fulfil, make_carrier, operator_token, partner_token
from tests.graphql_client import GraphQLClient

PERFORMANCE = """query Performance($partner: String, $months: Int) {
  partnerPerformance(partner: $partner, months: $months) {
    partnerCode months { month shipments shippedOnTime handedOver deliveredOnTime unitsDelivered unitsReturned
      pointsRedeemed shippedOnTimePercent returnRatePercent }
  }
}"""


def utc(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T00:00:00").replace(tzinfo=UTC)


async def shipped_twice(api: GraphQLClient, settings: Any, set_clock: Any) -> str:
    """ACME's two umbrellas of an order placed in November (800 points each), sent as two parcels with a
    carrier allowing 2 days to hand over and 5 to deliver: October's handed over late and delivered in time,
    November's handed over in time and delivered late, then one unit asked back."""
    set_clock("2026-11-20T12:00:00+08:00")
    mall = await build_mall(settings, partner_units=2)
    await make_carrier("swift", handover_days=2, delivery_days=5)
    token = await operator_token(settings)
    ids = []
    for _ in range(2):
        made = await fulfil(api, token, mall, (mall.partner_line, mall.partner_warehouse, 1), carrierCode="swift",
                            trackingNumber="SF1")
        ids.append(parse_int_id(made["fulfillments"][-1]["id"], "Fulfillment"))
    october, november = ids
    await Shipment.filter(id=october).update(created_at=utc("2026-10-05"), handed_over_at=utc("2026-10-09"),
                                             delivered_at=utc("2026-10-12"))
    await Shipment.filter(id=november).update(created_at=utc("2026-11-02"), handed_over_at=utc("2026-11-03"),
                                              delivered_at=utc("2026-11-10"))
    request = await ReturnRequest.create(order_id=mall.order.id, shipment_id=november, partner_code="ACME",
                                         reason="Too small")
    line = await ShipmentLine.get(shipment_id=november)
    await ReturnLine.create(return_request=request, shipment_line=line, quantity=1)
    return token  # the operator's


async def test_partner_staff_read_their_months_shipping_returns_and_points(api, settings, set_clock):
    # given
    await shipped_twice(api, settings, set_clock)

    # when
    report = (await api.ok(PERFORMANCE, {"months": 2}, await partner_token(settings)))["partnerPerformance"]

    # then
    assert report == {"partnerCode": "ACME", "months": [
        {"month": "2026-10", "shipments": 1, "shippedOnTime": 0, "handedOver": 1, "deliveredOnTime": 1,
         "unitsDelivered": 1, "unitsReturned": 0, "pointsRedeemed": 0, "shippedOnTimePercent": 0.0,
         "returnRatePercent": 0.0},
        {"month": "2026-11", "shipments": 1, "shippedOnTime": 1, "handedOver": 1, "deliveredOnTime": 0,
         "unitsDelivered": 1, "unitsReturned": 1, "pointsRedeemed": 1600, "shippedOnTimePercent": 100.0,
         "returnRatePercent": 100.0},
    ]}


async def test_the_operator_names_the_partner_and_a_month_without_activity_reads_zeros(api, settings, set_clock):
    # given
    operator = await shipped_twice(api, settings, set_clock)

    # when
    report = (await api.ok(PERFORMANCE, {"partner": "ACME", "months": 3}, operator))["partnerPerformance"]

    # then
    assert report["months"][0] == {
        "month": "2026-09", "shipments": 0, "shippedOnTime": 0, "handedOver": 0, "deliveredOnTime": 0,
        "unitsDelivered": 0, "unitsReturned": 0, "pointsRedeemed": 0, "shippedOnTimePercent": None,
        "returnRatePercent": None}
    assert [month["pointsRedeemed"] for month in report["months"]] == [0, 0, 1600]


async def test_another_partner_a_bank_and_a_member_are_refused_acmes_figures(api, settings, set_clock):
    # given
    await shipped_twice(api, settings, set_clock)
    bank = token_for(await make_staff("bank@example.com", ["MANAGE_SETTLEMENTS"], scope=(ScopeKind.ISSUER, "BANKA")),
                     settings)

    # when
    answers = [await api.post(PERFORMANCE, {"partner": "ACME"}, token=token)
               for token in (await partner_token(settings, "OTHER"), bank)]
    anonymous = await api.post(PERFORMANCE, {"partner": "ACME"})

    # then
    assert [(answer.data, answer.error_codes) for answer in [*answers, anonymous]] == [
        (None, ["PermissionDenied"])] * 3


async def test_the_operator_must_name_a_partner(api, settings):
    # when
    answer = await api.post(PERFORMANCE, {}, token=await operator_token(settings))

    # then
    assert (answer.data, answer.error_codes) == (None, ["PermissionDenied"])
