"""The one rule for a tier price: the list price less the tier's discount, rounded in the member's favour."""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType

import pytest

from catalog.tier_benefits import NO_BENEFITS, ReservedFor, TierBenefits


@pytest.mark.parametrize(("percent", "list_price", "price"), [
    ("0", 1_200, 1_200), ("10", 1_200, 1_080), ("5", 999, 950), ("12.5", 7, 7), ("100", 80, 0), ("33.33", 3, 3),
])
def test_the_tier_price_takes_off_the_discount_in_whole_points(percent, list_price, price):
    assert TierBenefits("gold", "Gold", 1, Decimal(percent)).price_for(list_price) == price


def test_free_delivery_waives_the_delivery_price_and_nothing_else():
    assert (TierBenefits(free_delivery=True).delivery_price_for(30), NO_BENEFITS.delivery_price_for(30)) == (0, 30)


def test_a_reserved_gift_is_above_the_tiers_below_its_tier_only():
    reserved = MappingProxyType({"tea": ReservedFor("gold", "Gold", 1)})
    ranks = {rank: TierBenefits(rank=rank, reserved=reserved).reserved_above("tea") for rank in (-1, 0, 1, 2)}
    assert [rank for rank, above in ranks.items() if above is not None] == [-1, 0]
    assert TierBenefits(rank=0, reserved=reserved).reserved_above("coffee") is None
