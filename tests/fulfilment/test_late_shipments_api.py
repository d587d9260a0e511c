"""`lateShipments` through the API: shipments outside their carrier's service level (not handed over, or
not delivered, in time) with when they were due; partner staff read only their partner's, members and
anonymous callers nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from fulfilment.models import Shipment
from mall.graphql.ids import parse_int_id
from tests.factories import token_for
from tests.fulfilment.world import build_mall, fulfil, make_carrier, operator_token, partner_token
from tests.graphql_client import GraphQLClient

LATE = "query { lateShipments { fulfillment { id trackingNumber } lateFor dueAt } }"
LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)  # the carrier allows 2 days to hand over and 5 to deliver


async def three_shipments(api: GraphQLClient, settings) -> tuple[object, dict[str, str], str]:
    """The operator's parcel created long ago and never handed over, another created just now, and ACME's
    parcel handed over long ago and never delivered."""
    mall = await build_mall(settings)
    await make_carrier("swift", handover_days=2, delivery_days=5)
    token = await operator_token(settings)
    stale = await fulfil(api, token, mall, (mall.operator_line, mall.operator_warehouse, 1), carrierCode="swift")
    fresh = await fulfil(api, token, mall, (mall.operator_line, mall.operator_warehouse, 1), carrierCode="swift")
    travelling = await fulfil(api, token, mall, (mall.partner_line, mall.partner_warehouse, 1),
                              trackingNumber="SF9", carrierCode="swift")
    ids = {"stale": stale["fulfillments"][0]["id"], "fresh": fresh["fulfillments"][0]["id"],
           "travelling": travelling["fulfillments"][0]["id"]}
    await Shipment.filter(id=parse_int_id(ids["stale"], "Fulfillment")).update(created_at=LONG_AGO)
    await Shipment.filter(id=parse_int_id(ids["travelling"], "Fulfillment")).update(created_at=LONG_AGO,
                                                                                   handed_over_at=LONG_AGO)
    return mall, ids, token


async def test_the_operator_sees_parcels_late_for_handover_and_for_delivery_with_their_due_time(api, settings):
    # given
    _, ids, operator = await three_shipments(api, settings)

    # when
    late = (await api.ok(LATE, token=operator))["lateShipments"]

    # then: the parcel created just now is in time
    assert late == [
        {"fulfillment": {"id": ids["stale"], "trackingNumber": ""}, "lateFor": "HANDOVER",
         "dueAt": "2026-01-03T00:00:00+00:00"},
        {"fulfillment": {"id": ids["travelling"], "trackingNumber": "SF9"}, "lateFor": "DELIVERY",
         "dueAt": "2026-01-06T00:00:00+00:00"},
    ]


async def test_partner_staff_see_only_their_own_partners_late_parcels(api, settings):
    # given
    _, ids, _ = await three_shipments(api, settings)

    # when
    acme = (await api.ok(LATE, token=await partner_token(settings)))["lateShipments"]
    other = (await api.ok(LATE, token=await partner_token(settings, "OTHER")))["lateShipments"]

    # then
    assert [(item["fulfillment"]["id"], item["lateFor"]) for item in acme] == [(ids["travelling"], "DELIVERY")]
    assert other == []


async def test_members_and_anonymous_callers_are_refused_and_read_nothing(api, settings):
    # given
    mall, _, _ = await three_shipments(api, settings)

    # when
    as_member = await api.post(LATE, token=token_for(mall.world.member, settings))
    anonymous = await api.post(LATE)

    # then
    assert (as_member.data, as_member.error_codes) == (None, ["PermissionDenied"])
    assert (anonymous.data, anonymous.error_codes) == (None, ["PermissionDenied"])
