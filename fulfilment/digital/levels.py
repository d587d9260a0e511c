"""How full each partner's code pools are: what the partner's console shows beside its code uploads.

A pool runs dry mid-sale unless the partner refills it in time, so each level says how many codes are still
free, how many of those expire within the warning window (the worker withdraws them on their last day), and
whether what is left is below the partner's low-stock threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.functions import Count

from catalog.models import ProductVariant
from fulfilment.digital.models import CodeStatus, DigitalCode, DigitalGift, DigitalMode

# Codes that expire within this many days are about to leave the pool: counted apart so the partner refills.
EXPIRY_WARNING_DAYS = 30
MAX_LOW_STOCK_THRESHOLD = 100_000


@dataclass(frozen=True)
class PoolLevel:
    variant_id: int
    product_name: str
    variant_name: str
    sku: str | None
    partner_code: str | None
    available: int  # free codes: the variant's stock
    expiring_soon: int  # free codes whose last day is within EXPIRY_WARNING_DAYS
    sold: int  # codes assigned to members, whether shown, used or not
    withdrawn: int  # burned: expired, given back under BURN, or voided

    def is_low(self, threshold: int) -> bool:
        return self.available < threshold


async def _counts(variant_ids: list[int]) -> dict[tuple[int, str], int]:
    rows = await (DigitalCode.filter(variant_id__in=variant_ids).annotate(codes=Count("id"))
                  .group_by("variant_id", "status").values("variant_id", "status", "codes"))
    return {(row["variant_id"], str(row["status"])): row["codes"] for row in rows}


async def _expiring(variant_ids: list[int], today: date) -> dict[int, int]:
    rows = await (DigitalCode.filter(variant_id__in=variant_ids, status=CodeStatus.AVAILABLE,
                                     valid_until__lte=today + timedelta(days=EXPIRY_WARNING_DAYS))
                  .annotate(codes=Count("id")).group_by("variant_id").values("variant_id", "codes"))
    return {row["variant_id"]: row["codes"] for row in rows}


async def pool_levels(partner_code: str | None, today: date) -> list[PoolLevel]:
    """Every code-backed gift's pool (a partner's own when `partner_code` is given; the operator's: all),
    emptiest first. Counting is done in SQL, grouped by variant and status: pools hold thousands of codes."""
    gifts = DigitalGift.filter(mode=DigitalMode.CODE_POOL)
    if partner_code is not None:
        gifts = gifts.filter(partner_code=partner_code)
    rows = await gifts.order_by("variant_id")
    variant_ids = [row.variant_id for row in rows]
    variants = {variant.id: variant for variant in
                await ProductVariant.filter(id__in=variant_ids).prefetch_related("product")}
    counts, expiring = await _counts(variant_ids), await _expiring(variant_ids, today)
    levels = [_level(row, variants[row.variant_id], counts, expiring) for row in rows if row.variant_id in variants]
    return sorted(levels, key=lambda level: (level.available, level.variant_id))


def _level(gift: DigitalGift, variant: ProductVariant, counts: dict[tuple[int, str], int],
           expiring: dict[int, int]) -> PoolLevel:
    def count(status: CodeStatus) -> int:
        return counts.get((gift.variant_id, str(status)), 0)

    return PoolLevel(variant_id=gift.variant_id, product_name=variant.product.name, variant_name=variant.name,
                     sku=variant.sku, partner_code=gift.partner_code, available=count(CodeStatus.AVAILABLE),
                     expiring_soon=expiring.get(gift.variant_id, 0),
                     sold=count(CodeStatus.ASSIGNED) + count(CodeStatus.USED), withdrawn=count(CodeStatus.BURNED))
