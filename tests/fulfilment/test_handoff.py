"""Handing shipments to carriers through the outbox and `mall worker`: a real local carrier API (http mode),
moto's S3 server (manifest mode), retries with backoff, dead letters the operator sees and revives."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from fulfilment.models import HandoffMode, HandoffStatus, Manifest, Shipment
from fulfilment.services.handoff import HANDOFF_TOPIC
from mall.outbox.models import OutboxMessage, OutboxStatus
from mall.outbox.services import MAX_ATTEMPTS
from mall.worker import run_once
from tests.fulfilment.carrier_api import CarrierApi, serve_carrier_api
from tests.fulfilment.world import build_mall, fulfil, gid, make_carrier, operator_token

HANDOFFS = """
query Handoffs($dead: Boolean!) { shipmentHandoffs(deadOnly: $dead) {
  fulfillment { id trackingNumber } status attempts lastError } }
"""
RETRY = """
mutation Retry($id: ID!) { shipmentHandoffRetry(id: $id) { fulfillment { id } errors { field code } } }
"""


@pytest.fixture(scope="module")
def carrier_api() -> Iterator[CarrierApi]:
    yield from serve_carrier_api()


@pytest.fixture
def fresh_carrier_api(carrier_api: CarrierApi) -> CarrierApi:
    carrier_api.received.clear()
    carrier_api.idempotency_keys.clear()
    carrier_api.failing = False
    return carrier_api


async def ship_with(api, settings, carrier_code: str):
    mall = await build_mall(settings)
    token = await operator_token(settings)
    answer = await fulfil(api, token, mall, (mall.operator_line, mall.operator_warehouse, 2),
                          carrierCode=carrier_code)
    assert answer["errors"] == []
    return mall, token


async def test_the_worker_posts_a_signed_shipment_and_stores_tracking_and_label(api, settings, fresh_carrier_api):
    # given
    await make_carrier("fast", HandoffMode.HTTP, endpoint_url=fresh_carrier_api.url)
    mall, _ = await ship_with(api, settings, "fast")

    # when
    report = await run_once(settings)
    again = await run_once(settings)

    # then: the hand-off and the member's news (order placed, points redeemed), then the news's e-mails
    assert (report.delivered, again.delivered) == (3, 2)
    assert await OutboxMessage.filter(topic=HANDOFF_TOPIC, status=OutboxStatus.DELIVERED).count() == 1
    shipment = await Shipment.get()
    assert (shipment.handoff_status, shipment.tracking_number, shipment.label_url) == (
        HandoffStatus.HANDED_OVER, "CN000001", "https://labels.example.com/CN000001.pdf")
    assert fresh_carrier_api.received == [{
        "reference": f"{mall.order.number}-1",
        "recipient": {"name": "Mei Lin", "street": "88 Century Avenue", "city": "Shanghai", "postal_code": "200120",
                      "country": "CN", "phone": "+8613800000000"},
        "sender": {"name": "DC TEA-1", "city": ""},
        "items": [{"sku": "TEA-1", "name": "Gift TEA-1", "quantity": 2}],
    }]
    assert fresh_carrier_api.idempotency_keys == [f"{mall.order.number}-1"]


async def test_a_failing_carrier_is_retried_then_dead_lettered_and_the_operator_revives_it(
    api, settings, fresh_carrier_api
):
    # given
    await make_carrier("fast", HandoffMode.HTTP, endpoint_url=fresh_carrier_api.url)
    _, token = await ship_with(api, settings, "fast")
    fresh_carrier_api.failing = True

    # when: the first attempt fails and waits for its backoff
    first = await run_once(settings)
    message = await OutboxMessage.get(topic="fulfilment.handoff")
    # when: the attempts run out
    await OutboxMessage.filter(id=message.id).update(attempts=MAX_ATTEMPTS - 1, available_at=message.created_at)
    last = await run_once(settings)
    dead = (await api.ok(HANDOFFS, {"dead": True}, token))["shipmentHandoffs"]
    # when: the carrier is back and the operator retries
    fresh_carrier_api.failing = False
    retried = (await api.ok(RETRY, {"id": dead[0]["fulfillment"]["id"]}, token))["shipmentHandoffRetry"]
    after = await run_once(settings)

    # then
    assert (first.failed, last.dead, after.delivered) == (1, 1, 1)
    assert dead == [{"fulfillment": {"id": gid("Fulfillment", (await Shipment.get()).id), "trackingNumber": ""},
                     "status": "DEAD", "attempts": MAX_ATTEMPTS,
                     "lastError": "CarrierRefused: carrier answered 503: {\"error\":\"maintenance\"}"}]
    assert retried["errors"] == []
    assert (await Shipment.get()).tracking_number == "CN000001"
    assert (await OutboxMessage.get(id=message.id)).status == OutboxStatus.DELIVERED


async def test_retrying_a_live_handoff_is_refused(api, settings, fresh_carrier_api):
    # given
    await make_carrier("fast", HandoffMode.HTTP, endpoint_url=fresh_carrier_api.url)
    _, token = await ship_with(api, settings, "fast")

    # when
    answer = (await api.ok(RETRY, {"id": gid("Fulfillment", (await Shipment.get()).id)}, token))[
        "shipmentHandoffRetry"]

    # then
    assert answer["errors"] == [{"field": "id", "code": "INVALID"}]
    assert (await OutboxMessage.get(topic=HANDOFF_TOPIC)).attempts == 0


async def test_manifest_shipments_are_batched_into_one_csv_in_the_carriers_bucket(api, settings, s3_server,
                                                                                s3_bucket):
    # given
    await make_carrier("bulk", HandoffMode.MANIFEST, endpoint_url=s3_server.endpoint_url,
                       storage_location=f"{s3_bucket}/inbound")
    mall, _ = await ship_with(api, settings, "bulk")
    worker_settings = replace(settings, extra={"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"})

    # when
    report = await run_once(worker_settings)

    # then
    manifest = await Manifest.get()
    key = f"inbound/manifest-{manifest.id:08d}.csv"
    content = s3_server.client().get_object(Bucket=s3_bucket, Key=key)["Body"].read().decode()
    reference = f"{mall.order.number}-1"
    assert report.delivered == 3  # the manifest, and the member's news (order placed, points redeemed)
    assert await OutboxMessage.filter(topic=HANDOFF_TOPIC, status=OutboxStatus.DELIVERED).count() == 1
    assert content == (
        "tracking_number,reference,recipient_name,street,city,postal_code,country,phone,sender,sku,item,quantity\n"
        f"{reference},{reference},Mei Lin,88 Century Avenue,Shanghai,200120,CN,+8613800000000,DC TEA-1,TEA-1,"
        "Gift TEA-1,2\n"
    )
    shipment = await Shipment.get()
    assert (shipment.handoff_status, shipment.tracking_number) == (HandoffStatus.HANDED_OVER, reference)
