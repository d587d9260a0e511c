"""Allocating a cart's stock in one statement on PostgreSQL: lock, take and record, one round trip.

A completion used to read the channel's stock rows, take each line's units by a conditional UPDATE and then
insert the caller's record of each allocation: three round trips on the hottest rows of a flash sale, the
stock rows locked from the first one to the commit (issue 23). Here one data-modifying WITH does all three:

- `locked` reads the variants' rows in the channel's warehouses FOR UPDATE, in ascending id (mall.locking),
  so what it reads is the latest committed state and stays so until the commit: the plan is exact;
- `planned` takes each variant's units in the channel's preference order, as `stock.allocate` does;
- `taken` adds them to `quantity_allocated`, still guarded by `quantity >= quantity_allocated + take` (and the
  table's CHECK) so that a wrong plan could refuse but never oversell;
- the caller's record of each allocation (`AllocationRecord`: orders' allocation rows) is inserted from what
  `taken` returns, so it can only ever name units really taken.

SQLite has no INSERT or UPDATE inside WITH: callers keep `stock.lock_channel_stocks` and `stock.allocate`
there. Errors: InsufficientStock (the first variant short of units; the caller rolls its transaction back).
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.models import ChannelWarehouse, Stock
from catalog.services.stock import Allocation, InsufficientStock
from mall import sql


@dataclass(frozen=True)
class AllocationRecord:
    """Where the caller records its allocations: `table` has `quantity`, `stock_id` and `owner_column`, whose
    value for each variant's units is in `owners` (one owner per variant) and whose SQL type is `owner_type`."""

    table: str
    owner_column: str
    owner_type: str
    owners: dict[int, object]


def _statement(record: AllocationRecord) -> str:
    stock, link = Stock._meta.db_table, ChannelWarehouse._meta.db_table
    return (
        "WITH wanted AS (SELECT * FROM unnest($2::int[], $3::int[], "
        f"$4::{record.owner_type}[]) AS w(variant_id, quantity, owner)), "
        "locked AS MATERIALIZED (SELECT s.id, s.variant_id, GREATEST(s.quantity - s.quantity_allocated, 0) AS free, "
        f"cw.sort_order, cw.id AS link_id FROM {stock} s JOIN {link} cw ON cw.warehouse_id = s.warehouse_id "
        "AND cw.channel_id = $1 WHERE s.variant_id = ANY($2::int[]) ORDER BY s.id FOR UPDATE OF s), "
        "ranked AS (SELECT l.id, l.variant_id, l.free, w.quantity, SUM(l.free) OVER (PARTITION BY l.variant_id "
        "ORDER BY l.sort_order, l.link_id, l.id) - l.free AS before FROM locked l JOIN wanted w USING (variant_id)), "
        "planned AS (SELECT id, LEAST(free, quantity - before) AS take FROM ranked "
        "WHERE free > 0 AND before < quantity), "
        f"taken AS (UPDATE {stock} s SET quantity_allocated = s.quantity_allocated + p.take FROM planned p "
        "WHERE s.id = p.id AND s.quantity >= s.quantity_allocated + p.take RETURNING s.id, s.variant_id, p.take) "
        f'INSERT INTO {record.table} (quantity, stock_id, "{record.owner_column}") '
        "SELECT t.take, t.id, w.owner FROM taken t JOIN wanted w USING (variant_id) "
        f'RETURNING stock_id, quantity, "{record.owner_column}" AS owner'
    )


async def allocate_and_record(
    quantities: dict[int, int], channel_id: int, record: AllocationRecord
) -> dict[int, list[Allocation]]:
    """Take each variant's `quantities[variant]` units from the channel's warehouses and record them, in one
    statement (PostgreSQL only; call inside the use case's transaction). Returns each variant's allocations.
    Raises InsufficientStock for a variant with too few free units (some units may have been taken: the
    caller's transaction rolls them back)."""
    variants = sorted(quantities)
    rows = await sql.fetch(
        _statement(record),
        channel_id,
        variants,
        [quantities[variant] for variant in variants],
        [record.owners[variant] for variant in variants],
    )
    variant_of = {str(record.owners[variant]): variant for variant in variants}
    allocations: dict[int, list[Allocation]] = {variant: [] for variant in variants}
    for row in rows:
        allocations[variant_of[str(row["owner"])]].append(Allocation(row["stock_id"], row["quantity"]))
    for variant in variants:
        taken = sum(allocation.quantity for allocation in allocations[variant])
        if taken < quantities[variant]:
            raise InsufficientStock(variant, quantities[variant], taken)
    return allocations
