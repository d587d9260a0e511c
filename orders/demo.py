"""Demo redemption settings: each demo channel's delivery methods, and points for the demo member to spend.

Idempotent like the rest of the demo: methods are created once by name, the points credit once by key.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from kernel import clock
from ledger.policy import ExpiryPolicy, channel_expiry_policy
from ledger.services import Request, credit_points
from mall.accounts.models import User
from mall.channels.models import Channel
from orders.models import ShippingMethod
from orders.services.shipping_translations import translate_shipping_method

DEMO_MEMBER_POINTS = 200_000
# A smaller lot that runs out soon, inside the demo issuers' 30-day reminder window, so the member mall's
# expiring-points nudge and the worker's reminder e-mail have something to show.
DEMO_EXPIRING_POINTS = 3_000
DEMO_EXPIRING_DAYS = 20


@dataclass(frozen=True)
class DemoShipping:
    name: str
    description: str
    price_points: int
    minimum_days: int
    maximum_days: int
    name_zh: str
    description_zh: str


DEMO_SHIPPING = (
    DemoShipping("Standard delivery", "Free delivery by the partner's courier.", 0, 3, 5,
                 "标准配送", "由合作商户的快递免费配送。"),
    DemoShipping("Express", "Next-day delivery in major cities.", 800, 1, 2, "次日达", "主要城市次日送达。"),
)
LANGUAGE_ZH = "ZH_HANS"


async def _shipping(channel: Channel) -> int:
    created = 0
    for method in DEMO_SHIPPING:
        row, new = await ShippingMethod.get_or_create(
            channel=channel,
            name=method.name,
            defaults={
                "description": method.description,
                "price_points": method.price_points,
                "minimum_delivery_days": method.minimum_days,
                "maximum_delivery_days": method.maximum_days,
            },
        )
        created += new
        await translate_shipping_method(row.id, LANGUAGE_ZH, method.name_zh, method.description_zh)
    return created


async def _credit_expiring(channel: Channel, member_id: int) -> None:
    request = Request(idempotency_key=f"demo:expiring:{channel.slug}:{member_id}", actor="system:demo")
    expires_at = clock.now() + timedelta(days=DEMO_EXPIRING_DAYS)
    await credit_points(channel, member_id, DEMO_EXPIRING_POINTS, request, expires_at=expires_at)


async def load_orders_demo(
    step: Callable[[str], None], member_email: str,
    policy_for: Callable[[Channel], Awaitable[ExpiryPolicy]] = channel_expiry_policy,
) -> int:
    """Delivery methods in every channel; `member_email`'s wallet credited once per channel, expiring as the
    channel's issuer says (`policy_for`)."""
    member = await User.get_or_none(email=member_email)
    created = 0
    for channel in await Channel.all().order_by("slug"):
        created += await _shipping(channel)
        if member is not None:
            request = Request(idempotency_key=f"demo:welcome:{channel.slug}:{member.id}", actor="system:demo")
            await credit_points(channel, member.id, DEMO_MEMBER_POINTS, request, policy=await policy_for(channel))
            await _credit_expiring(channel, member.id)
    step(f"delivery methods: {', '.join(method.name for method in DEMO_SHIPPING)}")
    if member is not None:
        step(f"{DEMO_MEMBER_POINTS} points for {member_email} in each channel")
    return created
