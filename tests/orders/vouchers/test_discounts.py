"""What a voucher takes off a cart (orders/vouchers/discounts.py): Saleor's rules, in whole points."""

from __future__ import annotations

from decimal import Decimal

from orders.vouchers.discounts import PricedLine, VoucherOffer, discount_points
from orders.vouchers.models import DiscountValueType, VoucherType

LINES = [PricedLine(1, 1_200, 2), PricedLine(2, 300, 1)]  # a subtotal of 2,700 points


def offer(value: str, value_type: DiscountValueType = DiscountValueType.FIXED,
          kind: VoucherType = VoucherType.ENTIRE_ORDER, **terms: object) -> VoucherOffer:
    base = {"min_spent_points": None, "min_quantity": None, "apply_once_per_order": False}
    return VoucherOffer(1, 1, "CODE", "Voucher", kind, value_type, Decimal(value), **(base | terms))  # type: ignore[arg-type]


def test_a_fixed_voucher_takes_its_points_off_the_subtotal():
    assert discount_points(offer("500"), LINES, 2_700, 100, 3) == 500


def test_a_percentage_is_rounded_half_up():
    # 2,700 x 12.5 % = 337.5 points
    assert discount_points(offer("12.5", DiscountValueType.PERCENTAGE), LINES, 2_700, 0, 3) == 338


def test_a_fixed_voucher_never_takes_more_than_the_subtotal():
    assert discount_points(offer("5000"), LINES, 2_700, 100, 3) == 2_700


def test_below_the_minimum_points_the_voucher_takes_nothing():
    assert discount_points(offer("500", min_spent_points=3_000), LINES, 2_700, 0, 3) == 0
    assert discount_points(offer("500", min_spent_points=2_700), LINES, 2_700, 0, 3) == 500


def test_below_the_minimum_items_the_voucher_takes_nothing():
    assert discount_points(offer("500", min_quantity=4), LINES, 2_700, 0, 3) == 0


def test_a_specific_product_voucher_discounts_only_its_gifts():
    specific = offer("50", DiscountValueType.PERCENTAGE, VoucherType.SPECIFIC_PRODUCT, variant_ids=frozenset({1}))
    assert discount_points(specific, LINES, 2_700, 0, 3) == 1_200


def test_applied_once_per_order_a_voucher_discounts_one_unit_only():
    once = offer("50", DiscountValueType.PERCENTAGE, VoucherType.SPECIFIC_PRODUCT, variant_ids=frozenset({1}),
                 apply_once_per_order=True)
    assert discount_points(once, LINES, 2_700, 0, 3) == 600


def test_a_shipping_voucher_discounts_the_delivery_only():
    assert discount_points(offer("100", kind=VoucherType.SHIPPING), LINES, 2_700, 80, 3) == 80
