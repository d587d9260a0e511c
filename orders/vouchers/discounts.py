"""What a voucher takes off a cart, in whole points: pure functions over the cart's priced lines.

Saleor's rules, in points: ENTIRE_ORDER discounts the lines' subtotal, SPECIFIC_PRODUCT the lines of the gifts
it names (only the cheapest unit with `apply_once_per_order`), SHIPPING the delivery price. A percentage's
points are rounded half up; a discount never exceeds what it applies to, so no total goes below zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from orders.vouchers.models import DiscountValueType, VoucherType


@dataclass(frozen=True)
class VoucherOffer:
    """A voucher code valid in the cart's channel now, with its channel listing."""

    voucher_id: int
    code_id: int
    code: str
    name: str
    type: VoucherType
    value_type: DiscountValueType
    value: Decimal
    min_spent_points: int | None
    min_quantity: int | None
    apply_once_per_order: bool
    variant_ids: frozenset[int] = frozenset()  # SPECIFIC_PRODUCT: the cart's variants it covers


@dataclass(frozen=True)
class PricedLine:
    variant_id: int
    unit_price_points: int
    quantity: int


def _off(offer: VoucherOffer, base_points: int) -> int:
    if base_points <= 0:
        return 0
    if offer.value_type == DiscountValueType.PERCENTAGE:
        off = (Decimal(base_points) * offer.value / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    else:
        off = offer.value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return min(int(off), base_points)


def _specific_base(offer: VoucherOffer, lines: Iterable[PricedLine]) -> int:
    covered = [line for line in lines if line.variant_id in offer.variant_ids]
    if not covered:
        return 0
    if offer.apply_once_per_order:
        return min(line.unit_price_points for line in covered)
    return sum(line.unit_price_points * line.quantity for line in covered)


def base_points(offer: VoucherOffer, lines: Iterable[PricedLine], shipping_points: int) -> int:
    """The points the voucher's discount applies to."""
    if offer.type == VoucherType.SHIPPING:
        return shipping_points
    rows = list(lines)
    if offer.type == VoucherType.SPECIFIC_PRODUCT:
        return _specific_base(offer, rows)
    if offer.apply_once_per_order:  # Saleor: the whole-order voucher then discounts the cheapest unit
        return min((line.unit_price_points for line in rows), default=0)
    return sum(line.unit_price_points * line.quantity for line in rows)


def meets_minimums(offer: VoucherOffer, subtotal_points: int, quantity: int) -> bool:
    if offer.min_spent_points is not None and subtotal_points < offer.min_spent_points:
        return False
    return offer.min_quantity is None or quantity >= offer.min_quantity


def discount_points(offer: VoucherOffer, lines: Iterable[PricedLine], subtotal_points: int, shipping_points: int,
                    quantity: int) -> int:
    """What the voucher takes off; 0 when the cart is below its minimums or has nothing it applies to."""
    rows = list(lines)
    if not meets_minimums(offer, subtotal_points, quantity):
        return 0
    return _off(offer, base_points(offer, rows, shipping_points))
