"""What a flash sale does to a checkout's prices: the one call site for checkout pricing
(orders.services.totals.checkout_prices calls `flash_prices`; completion uses `sale_lines`).

A line is priced at a sale's price when, now, a live sale of its variant in the channel has at least the
line's quantity left and the member stays within the sale's per-member limit with it. Otherwise it keeps the
gift's own price: the sale's units are the only ones sold at its price, the rest of the stock keeps its price.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from mall import sql
from mall.rule_versions import cached
from orders.flash_sales.models import FlashSale, FlashSaleMember

LIVE_SALES = (
    f"SELECT * FROM {FlashSale._meta.db_table} WHERE channel_id = $1 AND is_ended = $2 "
    "AND starts_at <= $3 AND ends_at > $3 AND variant_id IN ({variants}) ORDER BY id"
)
UNENDED_SALES = (
    f"SELECT variant_id, starts_at, ends_at FROM {FlashSale._meta.db_table} "
    "WHERE channel_id = $1 AND is_ended = $2 AND ends_at > $3"
)
MEMBER_COUNTS = (
    f"SELECT sale_id, quantity FROM {FlashSaleMember._meta.db_table} WHERE user_id = $1 AND sale_id IN ({{sales}})"
)


@dataclass(frozen=True)
class SaleLine:
    """A live sale of a line's variant and what it means for this member and quantity."""

    sale: FlashSale
    quantity: int
    member_quantity: int  # units of this sale the member already holds in live orders

    @property
    def has_units(self) -> bool:
        return self.sale.remaining >= self.quantity

    @property
    def within_limit(self) -> bool:
        limit = self.sale.limit_per_member
        return limit is None or self.member_quantity + self.quantity <= limit

    @property
    def applies(self) -> bool:
        return self.has_units and self.within_limit


async def live_sales(channel_id: int, variant_ids: list[int], now: datetime) -> dict[int, FlashSale]:
    """The live sale of each variant that has one (at most one: sales of a variant never overlap). Raw SQL,
    unlocked: read on every checkout price, and what it says is re-checked by the conditional take. Asked only
    when this worker's copy of the channel's sales says one of the variants may be on sale now: the copy knows
    when and what each sale sells, never how many units are left, so a live sale's row is always read fresh."""
    wanted = sorted(set(variant_ids))
    if not wanted or not await _may_be_on_sale(channel_id, wanted, now):
        return {}
    query = LIVE_SALES.format(variants=sql.placeholders(len(wanted), first=4))
    rows = await sql.fetch(query, channel_id, False, now, *wanted)
    return {sale.variant_id: sale for sale in (FlashSale._init_from_db(**row) for row in rows)}  # type: ignore[attr-defined]


@dataclass(frozen=True)
class _SaleTimes:
    variant_id: int
    starts_at: datetime
    ends_at: datetime


async def _unended_sales(channel_id: int, now: datetime) -> tuple[datetime, list[_SaleTimes]]:
    rows = await sql.fetch(UNENDED_SALES, channel_id, False, now)
    return now, [_SaleTimes(row["variant_id"], _moment(row["starts_at"]), _moment(row["ends_at"])) for row in rows]


def _moment(value: object) -> datetime:
    moment = sql.as_datetime(value)
    assert moment is not None  # both columns are NOT NULL
    return moment


async def _may_be_on_sale(channel_id: int, variant_ids: list[int], now: datetime) -> bool:
    """Whether a sale of one of the variants runs now, by this worker's copy (mall.rule_versions)."""
    loaded_at, sales = await cached(("flash_sales", channel_id), lambda: _unended_sales(channel_id, now))
    if now < loaded_at:  # the clock went back (tests set it): the copy may lack sales ended since
        return True
    wanted = set(variant_ids)
    return any(sale.variant_id in wanted and sale.starts_at <= now < sale.ends_at for sale in sales)


async def _member_quantities(user_id: int | None, sale_ids: list[int]) -> dict[int, int]:
    if user_id is None or not sale_ids:
        return {}
    query = MEMBER_COUNTS.format(sales=sql.placeholders(len(sale_ids), first=2))
    return {row["sale_id"]: row["quantity"] for row in await sql.fetch(query, user_id, *sale_ids)}


async def sale_lines(
    channel_id: int, user_id: int | None, quantities: Mapping[int, int], now: datetime
) -> dict[int, SaleLine]:
    """variant id -> its live sale as it stands for this member buying `quantities[variant id]` units."""
    sales = await live_sales(channel_id, list(quantities), now)
    limited = [sale.id for sale in sales.values() if sale.limit_per_member is not None]
    held = await _member_quantities(user_id, limited)
    return {
        variant_id: SaleLine(sale, quantities[variant_id], held.get(sale.id, 0)) for variant_id, sale in sales.items()
    }


async def flash_prices(
    channel_id: int, user_id: int | None, quantities: Mapping[int, int], now: datetime
) -> dict[int, int]:
    """variant id -> the sale's points price, for the variants a live sale prices for this member now."""
    lines = await sale_lines(channel_id, user_id, quantities, now)
    return {variant_id: line.sale.price_points for variant_id, line in lines.items() if line.applies}
