"""What fulfilment tells members (mall/notifications): shipped with tracking, delivered, a return decided,
gift codes issued. Each call runs inside the use case's transaction and is keyed by the news, so a retried
use case tells nothing twice. Buyers without an account (guests) are e-mailed only."""

from __future__ import annotations

from fulfilment.models import ReturnRequest, ReturnStatus, Shipment
from fulfilment.services.carriers import tracking_url
from mall.notifications.secrets import Secret
from mall.notifications.services import notify, notify_guest
from mall.notifications.templates import DECISIONS, NotificationKind, language_of
from orders.models import Order

MASK_VISIBLE = 4  # the last characters of a gift code a message may show


async def _tell(order: Order, kind: NotificationKind, params: dict[str, str], key: str,
                secret: Secret | None = None) -> None:
    params = {"order": str(order.number), **params}
    if order.user_id is None:  # type: ignore[attr-defined]
        await notify_guest(order.user_email, order.language_code, kind, params, key, secret=secret)
        return
    await notify(order.user_id, kind, params, key, channel_id=order.channel_id,  # type: ignore[attr-defined]
                 link=f"/orders/{order.id}", secret=secret)


async def tell_shipped(order: Order, shipments: list[Shipment], key: str) -> None:
    """The gifts left, with each tracking number and the carrier's tracking page when it has one."""
    numbers = ", ".join(s.tracking_number for s in shipments if s.tracking_number) or "-"
    links = []
    for shipment in shipments:
        await shipment.fetch_related("carrier")
        url = tracking_url(shipment.carrier, shipment)
        if url:
            links.append(url)
    await _tell(order, NotificationKind.ORDER_SHIPPED, {"tracking": numbers, "tracking_link": " ".join(links)}, key)


async def tell_delivered(order: Order, shipment: Shipment) -> None:
    await _tell(order, NotificationKind.ORDER_DELIVERED, {}, f"shipment:{shipment.id}:delivered")


async def tell_return_decided(order: Order, request: ReturnRequest, note: str) -> None:
    decision = "approved" if request.status == ReturnStatus.APPROVED else "rejected"
    language = language_of(order.language_code)
    await _tell(order, NotificationKind.RETURN_DECIDED, {"decision": DECISIONS[language][decision], "note": note},
                f"return:{request.id}:{decision}")


def mask_code(code: str) -> str:
    """All but the last MASK_VISIBLE characters hidden: enough to tell codes apart, useless to a reader."""
    visible = code[-MASK_VISIBLE:] if len(code) > MASK_VISIBLE * 2 else ""
    return "*" * max(len(code) - len(visible), 4) + visible


async def tell_gift_code(order: Order, gift_name: str, code: str, key: str, secret: Secret | None = None) -> None:
    """The inbox reads `code` masked; with `secret` (the line's codes), e-mail and SMS carry them whole."""
    await _tell(order, NotificationKind.GIFT_CODE_ISSUED, {"gift": gift_name, "masked_code": mask_code(code)}, key,
                secret)
