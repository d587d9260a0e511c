"""`orderFulfillmentUpdateTracking(notifyCustomer: true)` through the API: exactly one e-mail is queued in
the outbox for each tracking number (mall/notifications), and `mall worker` writes it as one .eml file in the
mail folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mall.notifications.services import EMAIL_TOPIC
from mall.outbox.models import OutboxMessage
from mall.worker import run_once
from tests.fulfilment.world import Mall, build_mall, fulfil, operator_token
from tests.graphql_client import GraphQLClient

TRACKING = """
mutation Tracking($id: ID!, $number: String!, $notify: Boolean!) {
  orderFulfillmentUpdateTracking(id: $id, input: {trackingNumber: $number, notifyCustomer: $notify}) {
    fulfillment { trackingNumber } errors { field code } } }
"""


async def shipped_without_tracking(api: GraphQLClient, settings, **options: Any) -> tuple[Mall, str, str]:
    mall = await build_mall(settings)
    token = await operator_token(settings)
    answer = await fulfil(api, token, mall, (mall.operator_line, mall.operator_warehouse, 2), **options)
    return mall, token, answer["fulfillments"][0]["id"]


async def track(api: GraphQLClient, token: str, shipment_id: str, number: str, notify: bool) -> dict[str, Any]:
    variables = {"id": shipment_id, "number": number, "notify": notify}
    return (await api.ok(TRACKING, variables, token))["orderFulfillmentUpdateTracking"]


async def mails() -> list[tuple[str, str, str]]:
    """The shipping e-mails queued (not those of the order placed and the points it took)."""
    rows = await OutboxMessage.filter(topic=EMAIL_TOPIC, dedup_key__startswith="shipments:").order_by("id")
    return [(row.payload["to"], row.payload["subject"], row.payload["body"]) for row in rows]


def eml_files(folder: Path) -> dict[Path, int]:
    """Each .eml file with its modification time: the mail folder is shared by the whole session, and an
    earlier test may have left a file of the same name (outbox ids restart when tables are emptied)."""
    return {path: path.stat().st_mtime_ns for path in folder.glob("*.eml")} if folder.exists() else {}


def written_since(folder: Path, before: dict[Path, int]) -> set[Path]:
    return {path for path, modified in eml_files(folder).items() if before.get(path) != modified}


async def test_a_tracking_number_with_notify_customer_mails_the_member_once(api, settings):
    # given
    mall, token, shipment_id = await shipped_without_tracking(api, settings)
    existing = eml_files(settings.mail_dir)

    # when: the same update arrives twice (a retried request)
    answers = [await track(api, token, shipment_id, "SF123", True) for _ in range(2)]
    report = await run_once(settings)

    # then
    assert answers == [{"fulfillment": {"trackingNumber": "SF123"}, "errors": []}] * 2
    number = mall.order.number
    body = f"Your gifts from order {number} are on their way.\nTracking: SF123"
    assert await mails() == [("mei@example.com", f"Order {number} shipped", body)]
    assert report.delivered == 3  # with the member's news of the order placed and the points redeemed
    written = [path for path in written_since(settings.mail_dir, existing)
               if f"Subject: Order {number} shipped" in path.read_text()]
    assert len(written) == 1
    content = written.pop().read_text()
    assert "To: mei@example.com\n" in content
    assert content.endswith(f"\n\n{body}\n")


async def test_a_tracking_number_without_notify_customer_mails_nobody(api, settings):
    # given
    _, token, shipment_id = await shipped_without_tracking(api, settings)

    # when
    answer = await track(api, token, shipment_id, "SF123", False)

    # then
    assert answer["errors"] == []
    assert await mails() == []


async def test_a_tracking_number_after_the_shipped_mail_is_mailed_too(api, settings):
    # given: the member was told the parcel left, tracking to follow
    mall, token, shipment_id = await shipped_without_tracking(api, settings, notifyCustomer=True)

    # when
    await track(api, token, shipment_id, "SF123", True)

    # then
    number = mall.order.number
    assert [body for _, _, body in await mails()] == [
        f"Your gifts from order {number} are on their way.\nTracking: -",
        f"Your gifts from order {number} are on their way.\nTracking: SF123",
    ]
