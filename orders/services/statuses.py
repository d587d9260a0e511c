"""Payment statuses of checkouts and orders, derived from points amounts the way Saleor derives them from
its transactions: what is covered (held or redeemed) and what is charged (redeemed), against the total.

A checkout without lines is covered by nothing (NONE); a checkout of free gifts is fully covered by nothing.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum


class CoverStatus(StrEnum):
    """Saleor's CheckoutAuthorizeStatusEnum / CheckoutChargeStatusEnum / Order*StatusEnum values."""

    NONE = "NONE"
    PARTIAL = "PARTIAL"
    FULL = "FULL"
    OVERCHARGED = "OVERCHARGED"


class PaymentStatus(StrEnum):
    """Saleor's legacy PaymentChargeStatusEnum, still read by storefronts (`Order.paymentStatus`)."""

    NOT_CHARGED = "NOT_CHARGED"
    PARTIALLY_CHARGED = "PARTIALLY_CHARGED"
    FULLY_CHARGED = "FULLY_CHARGED"
    PARTIALLY_REFUNDED = "PARTIALLY_REFUNDED"
    FULLY_REFUNDED = "FULLY_REFUNDED"


def authorize_status(covered_points: int, total_points: int, has_lines: bool = True) -> CoverStatus:
    """Held plus redeemed points against the total: never OVERCHARGED (holding more is still FULL)."""
    if not has_lines:
        return CoverStatus.NONE
    if covered_points >= total_points:
        return CoverStatus.FULL
    return CoverStatus.PARTIAL if covered_points > 0 else CoverStatus.NONE


def charge_status(charged_points: int, total_points: int, has_lines: bool = True) -> CoverStatus:
    """Redeemed points against the total."""
    if charged_points > total_points:
        return CoverStatus.OVERCHARGED
    if not has_lines:
        return CoverStatus.NONE
    if charged_points == total_points:
        return CoverStatus.FULL
    return CoverStatus.PARTIAL if charged_points > 0 else CoverStatus.NONE


def payment_status(charged_points: int, refunded_points: int, total_points: int) -> PaymentStatus:
    """An order's legacy payment status: refunds first, then how much of the total was redeemed."""
    if refunded_points > 0:
        return PaymentStatus.FULLY_REFUNDED if refunded_points >= charged_points else PaymentStatus.PARTIALLY_REFUNDED
    if charged_points >= total_points:
        return PaymentStatus.FULLY_CHARGED
    return PaymentStatus.PARTIALLY_CHARGED if charged_points > 0 else PaymentStatus.NOT_CHARGED


def cash_points_kept(covered_points: int, cash_charged: Decimal, cash_refunded: Decimal) -> int:
    """The points of a points + cash order that its cash still pays for: all of them until a card refund,
    then the share of the cash not refunded, rounded down (a refund never leaves the order looking paid)."""
    if covered_points <= 0 or cash_charged <= 0:
        return 0
    kept = max(cash_charged - cash_refunded, Decimal(0))
    return int(covered_points * kept / cash_charged)
