"""What stands between a cart and an order right now, shown to the member before they try to complete
(Saleor's `Checkout.problems`): gifts no longer redeemable, stock that ran out, a delivery method that
is no longer offered. Read only: the cart is left as it is, the member decides.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from catalog.services.stock import available_quantity
from kernel import clock
from kernel.errors import DomainError
from mall.channels.models import Channel
from orders.models import CheckoutLine, ShippingMethod
from orders.services.lines import priced_variant


class ProblemKind(StrEnum):
    INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK"
    VARIANT_NOT_AVAILABLE = "VARIANT_NOT_AVAILABLE"


@dataclass(frozen=True)
class LineProblem:
    line_id: uuid.UUID
    variant_id: int
    kind: ProblemKind
    available_quantity: int | None = None


async def line_problems(channel: Channel, lines: list[CheckoutLine]) -> list[LineProblem]:
    """One problem at most per line, in line order. Stock is compared with every line of the same gift."""
    now = clock.now()
    wanted: dict[int, int] = defaultdict(int)
    for line in lines:
        wanted[line.variant_id] += line.quantity  # type: ignore[attr-defined]
    verdicts: dict[int, tuple[ProblemKind, int | None] | None] = {}
    for variant_id, quantity in wanted.items():
        verdicts[variant_id] = await _variant_problem(channel, variant_id, quantity, now)
    problems = []
    for line in lines:
        verdict = verdicts[line.variant_id]  # type: ignore[attr-defined]
        if verdict is not None:
            problems.append(LineProblem(line.id, line.variant_id, verdict[0], verdict[1]))  # type: ignore[attr-defined]
    return problems


async def _variant_problem(
    channel: Channel, variant_id: int, quantity: int, now: datetime
) -> tuple[ProblemKind, int | None] | None:
    try:
        priced = await priced_variant(channel, variant_id, now)
    except DomainError:
        return ProblemKind.VARIANT_NOT_AVAILABLE, None
    if not priced.variant.track_inventory:
        return None
    available = await available_quantity(variant_id, channel.id)
    if quantity > available:
        return ProblemKind.INSUFFICIENT_STOCK, max(available, 0)
    return None


def delivery_method_invalid(method: ShippingMethod | None, channel_id: int) -> bool:
    """The chosen method was switched off or belongs to another channel since the member chose it."""
    return method is not None and (not method.is_active or method.channel_id != channel_id)  # type: ignore[attr-defined]
