"""What orders tell members (mall/notifications): an order placed with the points it took, a refund made.

Called inside the use case's transaction and keyed by the news (the order, the refund's key), so a retried
use case tells nothing twice. Guests (no account) are e-mailed the order news only. A placed order is told
through the worker (`notify_later`): the checkout's transaction writes one outbox row, not the dozen
statements of telling it, while it holds its gifts' stock rows."""

from __future__ import annotations

from mall.channels.models import Channel
from mall.notifications.services import LaterNotice, notify, notify_all_later, notify_guest
from mall.notifications.templates import NotificationKind
from orders.models import Order


async def _unit(order: Order) -> str:
    channel = getattr(order, "_channel", None)  # a new order carries its cart's channel: not read again
    if not isinstance(channel, Channel):
        await order.fetch_related("channel")
        channel = order.channel
    return str(channel.currency_code)


async def tell_placed(order: Order) -> None:
    """Order placed; and, when points paid for it, the points redeemed (their own news: a points statement)."""
    params = {"order": str(order.number), "points": str(order.total_points), "unit": await _unit(order)}
    if order.user_id is None:  # type: ignore[attr-defined]
        await notify_guest(order.user_email, order.language_code, NotificationKind.ORDER_PLACED, params,
                           f"order:{order.id}:placed")
        return
    link, member, channel_id = f"/orders/{order.id}", order.user_id, order.channel_id  # type: ignore[attr-defined]
    notices = [LaterNotice(member, NotificationKind.ORDER_PLACED, params, f"order:{order.id}:placed", channel_id, link)]
    if order.points_charged > 0:
        redeemed = params | {"points": str(order.points_charged)}
        notices.append(LaterNotice(member, NotificationKind.POINTS_REDEEMED, redeemed, f"order:{order.id}:redeemed",
                                   channel_id, link))
    await notify_all_later(notices)  # one statement for both rows


async def tell_refunded(order: Order, points: int, refund_key: str) -> None:
    if order.user_id is None or points <= 0:  # type: ignore[attr-defined]
        return
    params = {"order": str(order.number), "points": str(points), "unit": await _unit(order)}
    await notify(order.user_id, NotificationKind.REFUND_MADE, params, f"refund:{refund_key}",  # type: ignore[attr-defined]
                 channel_id=order.channel_id, link=f"/orders/{order.id}")  # type: ignore[attr-defined]
