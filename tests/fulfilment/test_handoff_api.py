"""Dead hand-offs through the API: `shipmentHandoffs` lists them (partner staff: their own), and
`shipmentHandoffRetry` (the operator's) makes `mall worker` deliver them to the real local carrier API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fulfilment.models import HandoffMode, HandoffStatus, Shipment
from fulfilment.services.handoff import pending_handoffs
from mall.graphql.ids import parse_int_id
from mall.outbox.models import OutboxMessage, OutboxStatus
from mall.outbox.services import MAX_ATTEMPTS, retry_dead
from mall.worker import run_once
from tests.factories import token_for
from tests.fulfilment.carrier_api import CarrierApi, serve_carrier_api
from tests.fulfilment.world import Mall, build_mall, fulfil, gid, make_carrier, operator_token, partner_token
from tests.graphql_client import GraphQLClient

HANDOFFS = """
query Handoffs($dead: Boolean!) { shipmentHandoffs(deadOnly: $dead) {
  fulfillment { id } status attempts } }
"""
RETRY = """
mutation Retry($id: ID!) { shipmentHandoffRetry(id: $id) { fulfillment { id trackingNumber } errors { field code } } }
"""


@pytest.fixture(scope="module")
def carrier_api() -> Iterator[CarrierApi]:
    yield from serve_carrier_api()


@pytest.fixture
def failing_carrier_api(carrier_api: CarrierApi) -> CarrierApi:
    carrier_api.received.clear()
    carrier_api.idempotency_keys.clear()
    carrier_api.failing = True
    return carrier_api


async def dead_handoffs(api: GraphQLClient, settings, carrier: CarrierApi) -> tuple[Mall, str, dict[str, str]]:
    """The operator's parcel and ACME's, both for an http carrier that failed every attempt."""
    await make_carrier("fast", HandoffMode.HTTP, endpoint_url=carrier.url)
    mall = await build_mall(settings)
    token = await operator_token(settings)
    answer = await fulfil(api, token, mall, (mall.operator_line, mall.operator_warehouse, 2),
                          (mall.partner_line, mall.partner_warehouse, 1), carrierCode="fast")
    await run_once(settings)
    await OutboxMessage.filter(topic="fulfilment.handoff").update(attempts=MAX_ATTEMPTS - 1,
                                                                  available_at=mall.order.created_at)
    assert (await run_once(settings)).dead == 2
    operator_id, partner_id = (item["id"] for item in answer["fulfillments"])
    return mall, token, {"operator": operator_id, "partner": partner_id}


def dead(global_id: str) -> dict[str, object]:
    return {"fulfillment": {"id": global_id}, "status": "DEAD", "attempts": MAX_ATTEMPTS}


async def test_dead_handoffs_are_listed_for_the_operator_and_partner_staff_see_only_their_own(
    api, settings, failing_carrier_api
):
    # given
    mall, operator, ids = await dead_handoffs(api, settings, failing_carrier_api)

    # when
    everyone = (await api.ok(HANDOFFS, {"dead": True}, operator))["shipmentHandoffs"]
    acme = (await api.ok(HANDOFFS, {"dead": False}, await partner_token(settings)))["shipmentHandoffs"]
    other = (await api.ok(HANDOFFS, {"dead": True}, await partner_token(settings, "OTHER")))["shipmentHandoffs"]
    as_member = await api.post(HANDOFFS, {"dead": True}, token_for(mall.world.member, settings))

    # then
    assert everyone == [dead(ids["operator"]), dead(ids["partner"])]
    assert (acme, other) == ([dead(ids["partner"])], [])
    assert (as_member.data, as_member.error_codes) == (None, ["PermissionDenied"])


async def test_the_operators_retry_makes_the_worker_deliver_the_parcel_to_the_carrier(
    api, settings, failing_carrier_api
):
    # given: the carrier is back
    mall, operator, ids = await dead_handoffs(api, settings, failing_carrier_api)
    failing_carrier_api.failing = False

    # when
    retried = (await api.ok(RETRY, {"id": ids["partner"]}, operator))["shipmentHandoffRetry"]
    report = await run_once(settings)
    still_dead = (await api.ok(HANDOFFS, {"dead": True}, operator))["shipmentHandoffs"]

    # then
    assert retried == {"fulfillment": {"id": ids["partner"], "trackingNumber": ""}, "errors": []}
    assert report.delivered == 1
    assert [(parcel["reference"], parcel["items"]) for parcel in failing_carrier_api.received] == [
        (f"{mall.order.number}-2", [{"sku": "UMB-1", "name": "Umbrella", "quantity": 1}])]
    partner_parcel = await Shipment.get(partner_code="ACME")
    assert (partner_parcel.handoff_status, partner_parcel.tracking_number) == (HandoffStatus.HANDED_OVER, "CN000001")
    assert still_dead == [dead(ids["operator"])]


async def test_partner_staff_cannot_retry_and_nothing_changes(api, settings, failing_carrier_api):
    # given
    _, _, ids = await dead_handoffs(api, settings, failing_carrier_api)

    # when
    answer = await api.post(RETRY, {"id": ids["partner"]}, await partner_token(settings))

    # then
    assert (answer.data, answer.error_codes) == ({"shipmentHandoffRetry": None}, ["PermissionDenied"])
    messages = await OutboxMessage.filter(topic="fulfilment.handoff").values_list("status", "attempts")
    assert sorted(messages) == [(OutboxStatus.DEAD, MAX_ATTEMPTS)] * 2


async def test_retrying_an_unknown_shipment_is_not_found(api, settings, failing_carrier_api):
    # given
    _, operator, _ = await dead_handoffs(api, settings, failing_carrier_api)

    # when
    answer = (await api.ok(RETRY, {"id": gid("Fulfillment", 999999)}, operator))["shipmentHandoffRetry"]

    # then
    assert answer == {"fulfillment": None, "errors": [{"field": "id", "code": "NOT_FOUND"}]}
    assert await OutboxMessage.filter(topic="fulfilment.handoff", status=OutboxStatus.DEAD).count() == 2


async def test_live_handoffs_do_not_crowd_the_dead_ones_out_of_a_page(api, settings, failing_carrier_api):
    # given: the older parcel's hand-off is dead, the newer one's is queued again
    _, _, ids = await dead_handoffs(api, settings, failing_carrier_api)
    older = await Shipment.get(id=parse_int_id(ids["operator"], "Fulfillment"))
    await retry_dead(older.handoff_message_id)

    # when: a page of one
    page = await pending_handoffs(dead_only=True, limit=1)

    # then
    assert [(item.shipment.id, item.is_dead) for item in page] == [(parse_int_id(ids["partner"], "Fulfillment"), True)]
