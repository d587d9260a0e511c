"""Stock per warehouse: set, remove, and the checked arithmetic every stock change goes through.

Stock never goes below what is allocated to orders: each change is a conditional UPDATE whose row count
says whether it applied, with database CHECKs behind it (never read-then-write).

Some variants' stock is kept by another domain: a digital gift's stock row holds exactly as many free units
as its code pool has unsold codes (fulfilment.digital.pools). Which ones, the composition root tells through
`set_managed_stock_source` (the catalogue sits below fulfilment and cannot ask it). Staff writing such a
variant's stock by hand (the Dashboard's productVariantStocksUpdate, a bulk update) are refused unless they
write what the keeper already holds, which then changes nothing; the keeper writes through
`mirror_stock_levels`.

Errors (DomainError, CatalogErrorCode): INVALID (negative quantity, below the allocated quantity, or a
managed variant's stock written by hand), NOT_FOUND (warehouse), DUPLICATED_INPUT_ITEM.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from tortoise.expressions import F

from catalog.errors import CatalogErrorCode
from catalog.models import ChannelWarehouse, ProductVariant, Stock
from catalog.services.access import Editor, warehouse_for_editing
from kernel.errors import DomainError, ErrorDetail
from mall import sql
from mall.locking import in_lock_order, lock_rows

MAX_STOCK_QUANTITY = 10_000_000


@dataclass
class StockLevel:
    warehouse_id: str
    quantity: int


def _check_levels(levels: list[StockLevel]) -> None:
    ids = [level.warehouse_id for level in levels]
    if len(set(ids)) != len(ids):
        raise DomainError.single(
            "warehouse", "Each warehouse can appear only once.", CatalogErrorCode.DUPLICATED_INPUT_ITEM
        )
    for index, level in enumerate(levels):
        if not 0 <= level.quantity <= MAX_STOCK_QUANTITY:
            raise DomainError.single(
                "quantity",
                f"Quantity must be between 0 and {MAX_STOCK_QUANTITY}.",
                CatalogErrorCode.INVALID,
                index=index,
            )


@dataclass(frozen=True)
class ManagedStock:
    """A variant whose stock another domain keeps: its one warehouse, and the free units it must hold there."""

    warehouse_id: int
    free_units: int
    explanation: str  # for staff refused: what keeps it and how to change it


ManagedStockSource = Callable[[int], Awaitable[ManagedStock | None]]


async def _no_managed_stock(variant_id: int) -> None:
    return None


_managed_stock: list[ManagedStockSource] = [_no_managed_stock]


def set_managed_stock_source(source: ManagedStockSource) -> None:
    """Filled once by the composition root (mall.wiring): which variants' stock another domain keeps."""
    _managed_stock[0] = source


async def managed_stock(variant_id: int) -> ManagedStock | None:
    """The variant's stock as its keeper holds it, or None when staff set it by hand."""
    return await _managed_stock[0](variant_id)


def _refused_by_keeper(managed: ManagedStock, field: str, message: str) -> DomainError:
    return DomainError.single(field, f"{message} {managed.explanation}", CatalogErrorCode.INVALID)


async def _agrees_with_keeper(managed: ManagedStock, warehouse_id: int, variant_id: int, quantity: int) -> bool:
    """Whether a hand-written level is what the keeper holds already (so nothing needs writing); raises
    INVALID when it is not. Elsewhere than the kept warehouse only an empty level is accepted."""
    if warehouse_id != managed.warehouse_id:
        if quantity:
            raise _refused_by_keeper(managed, "warehouse", "Stock this gift in its own warehouse only.")
        return False
    row = await Stock.get_or_none(warehouse_id=warehouse_id, variant_id=variant_id)
    held = (row.quantity_allocated if row else 0) + managed.free_units
    if quantity != held:
        raise _refused_by_keeper(managed, "quantity", f"The quantity must be {held}.")
    return row is not None


async def set_stock_levels(editor: Editor, variant: ProductVariant, levels: list[StockLevel]) -> list[Stock]:
    """Create or overwrite the quantity in each warehouse by hand; refuses to drop below allocated units,
    and to contradict a keeper (see the module's docstring)."""
    _check_levels(levels)
    managed = await managed_stock(variant.id)
    if managed is None:
        return await mirror_stock_levels(editor, variant, levels)
    stocks = []
    for level in levels:
        warehouse = await warehouse_for_editing(editor, level.warehouse_id)
        if await _agrees_with_keeper(managed, warehouse.id, variant.id, level.quantity):
            stocks.append(await Stock.get(warehouse_id=warehouse.id, variant_id=variant.id))  # left as it is
        else:
            stocks.extend(await mirror_stock_levels(editor, variant, [level]))
    return stocks


async def mirror_stock_levels(editor: Editor, variant: ProductVariant, levels: list[StockLevel]) -> list[Stock]:
    """Create or overwrite the quantity in each warehouse, as the domain keeping the variant's stock has
    computed it (and for every other variant, as staff set it); refuses to drop below allocated units."""
    _check_levels(levels)
    stocks = []
    for level in levels:
        warehouse = await warehouse_for_editing(editor, level.warehouse_id)
        updated = await Stock.filter(
            warehouse_id=warehouse.id, variant_id=variant.id, quantity_allocated__lte=level.quantity
        ).update(quantity=level.quantity)
        if not updated:
            if await Stock.filter(warehouse_id=warehouse.id, variant_id=variant.id).exists():
                raise DomainError.single(
                    "quantity",
                    "Quantity cannot be lower than the units already allocated to orders.",
                    CatalogErrorCode.INVALID,
                    warehouse=str(warehouse.id),
                )
            await Stock.create(warehouse=warehouse, variant=variant, quantity=level.quantity)
        stocks.append(await Stock.get(warehouse_id=warehouse.id, variant_id=variant.id))
    return stocks


async def remove_stock(editor: Editor, variant: ProductVariant, warehouse_ids: list[str]) -> None:
    """Remove the variant from warehouses; a warehouse still holding allocated units refuses, and so does the
    one whose stock a keeper mirrors (it would have nowhere to put what it adds)."""
    managed = await managed_stock(variant.id)
    for warehouse_id in warehouse_ids:
        warehouse = await warehouse_for_editing(editor, warehouse_id)
        if managed is not None and warehouse.id == managed.warehouse_id:
            raise _refused_by_keeper(managed, "warehouse_ids", "This warehouse's stock row cannot be removed.")
        deleted = await Stock.filter(warehouse_id=warehouse.id, variant_id=variant.id, quantity_allocated=0).delete()
        if not deleted and await Stock.filter(warehouse_id=warehouse.id, variant_id=variant.id).exists():
            raise DomainError.single(
                "warehouse_ids",
                "Stock allocated to orders cannot be removed.",
                CatalogErrorCode.INVALID,
                warehouse=str(warehouse.id),
            )


async def add_to_stock(stock_id: int, quantity: int) -> None:
    """Restock (returns, corrections). Conditional so the row must exist."""
    if quantity <= 0:
        raise DomainError.single("quantity", "Quantity must be positive.", CatalogErrorCode.INVALID)
    await Stock.filter(id=stock_id).update(quantity=F("quantity") + quantity)


@dataclass(frozen=True)
class Allocation:
    stock_id: int
    quantity: int


class InsufficientStock(DomainError):
    """Not enough units in the channel's warehouses; `available` says how many there were."""

    def __init__(self, variant_id: int, requested: int, available: int) -> None:
        super().__init__()
        self.details = [
            ErrorDetail(
                "quantity",
                f"Could not add items {variant_id}. Only {max(available, 0)} remaining in stock.",
                CatalogErrorCode.INSUFFICIENT_STOCK,
                {"variants": [variant_id]},
            )
        ]
        self.available = available
        self.variant_id = variant_id


# Each retry means another buyer just took units, so retries end quickly. The bound is a safety net only.
MAX_ALLOCATION_RETRIES = 100


CHANNEL_STOCKS = (
    f"SELECT s.* FROM {Stock._meta.db_table} s JOIN {ChannelWarehouse._meta.db_table} cw "
    "ON cw.warehouse_id = s.warehouse_id AND cw.channel_id = $2 WHERE s.variant_id = $1 ORDER BY cw.sort_order, cw.id"
)
TAKE_UNITS = (
    f"UPDATE {Stock._meta.db_table} SET quantity_allocated = quantity_allocated + $1 "
    "WHERE id = $2 AND quantity >= quantity_allocated + $1"
)


# The rows of several variants, in ascending id (mall.locking); the warehouse link's columns give the
# channel's preference order back. FOR UPDATE OF the stock alone, when asked: the links are only read.
CHANNEL_STOCKS_OF_VARIANTS = (
    f"SELECT s.*, cw.sort_order AS link_sort_order, cw.id AS link_id FROM {Stock._meta.db_table} s "
    f"JOIN {ChannelWarehouse._meta.db_table} cw ON cw.warehouse_id = s.warehouse_id AND cw.channel_id = $1 "
    "WHERE s.variant_id IN ({variants}) ORDER BY s.id"
)


async def lock_stocks(
    stock_ids: Iterable[int] = (), *, warehouse_ids: Iterable[object] = (), variant_ids: Iterable[int] = ()
) -> None:
    """Lock these stock rows, and the rows of these variants in these warehouses, before changing several of
    them in one transaction: all at once, in the global lock order (ascending id, after every other row the
    use case locks; mall.locking says why)."""
    wanted = set(stock_ids)
    warehouses, variants = list(set(warehouse_ids)), list(set(variant_ids))
    if warehouses and variants:
        wanted.update(await Stock.filter(warehouse_id__in=warehouses, variant_id__in=variants).values_list(
            "id", flat=True))
    await lock_rows(Stock._meta.db_table, wanted)


async def lock_channel_stocks(variant_ids: Iterable[int], channel_id: int,
                              lock_single: bool = False) -> dict[int, list[Stock]]:
    """The variants' stock rows in the warehouses that ship the channel, each variant's in the channel's
    preference order (as `allocate` takes them), locked in the global lock order when there are several.

    A single row is not locked here unless `lock_single` says so (a caller that checks the rows' free units
    before it takes them): the UPDATE that takes its units locks it, and it is the only stock row the
    transaction locks, so no order is at stake. That keeps the hottest row of a flash sale (one gift, one
    warehouse) locked for one statement less."""
    wanted = in_lock_order(variant_ids)
    if not wanted:
        return {}
    query = CHANNEL_STOCKS_OF_VARIANTS.format(variants=sql.placeholders(len(wanted), first=2))
    rows = await sql.fetch(query, channel_id, *wanted)
    if (len(rows) > 1 or lock_single) and sql.is_postgres():  # again, locked: the rows once no one else can change them
        rows = await sql.fetch(query + " FOR UPDATE OF s", channel_id, *wanted)
    preference = {row["id"]: (row.pop("link_sort_order"), row.pop("link_id")) for row in rows}
    stocks: dict[int, list[Stock]] = {variant_id: [] for variant_id in wanted}
    for stock in sorted((Stock._init_from_db(**row) for row in rows), key=lambda stock: preference[stock.id]):
        stocks[stock.variant_id].append(stock)  # type: ignore[attr-defined]
    return stocks


async def channel_stocks(variant_id: int, channel_id: int) -> list[Stock]:
    """The variant's stock rows in the warehouses that ship the channel, in the channel's preference order.
    Raw SQL: every completion reads this (mall.sql says why)."""
    return [Stock._init_from_db(**row) for row in await sql.fetch(CHANNEL_STOCKS, variant_id, channel_id)]


async def available_quantity(variant_id: int, channel_id: int) -> int:
    return sum(max(s.quantity - s.quantity_allocated, 0) for s in await channel_stocks(variant_id, channel_id))


async def _take(stock: Stock, wanted: int) -> int:
    """Allocate up to `wanted` units from one row. The UPDATE's condition is the guard against
    overselling: if another transaction took units meanwhile, it matches no row and we re-read."""
    for _ in range(MAX_ALLOCATION_RETRIES):
        take = min(wanted, stock.quantity - stock.quantity_allocated)
        if take <= 0:
            return 0
        if await sql.execute(TAKE_UNITS, take, stock.id):
            return take
        await stock.refresh_from_db(fields=["quantity", "quantity_allocated"])
    return 0


async def allocate(
    variant_id: int, channel_id: int, quantity: int, stocks: list[Stock] | None = None
) -> list[Allocation]:
    """Promise `quantity` units to an order from the channel's warehouses, preferred warehouse first.

    Call inside the use case's transaction: on InsufficientStock the caller rolls back the units this
    call already took. Callers allocating several variants lock their rows first with `lock_channel_stocks`
    and pass each variant's `stocks` (deadlocks: mall.locking).
    """
    allocations, remaining = [], quantity
    for stock in stocks if stocks is not None else await channel_stocks(variant_id, channel_id):
        taken = await _take(stock, remaining)
        if taken:
            allocations.append(Allocation(stock.id, taken))
            remaining -= taken
        if remaining == 0:
            return allocations
    raise InsufficientStock(variant_id, quantity, quantity - remaining)


async def ship_allocated(stock_id: int, quantity: int) -> bool:
    """Promised units leave the warehouse (an order line shipped): the quantity and the allocation both
    shrink. False, changing nothing, when fewer units are allocated on the row."""
    shipped = await Stock.filter(id=stock_id, quantity_allocated__gte=quantity).update(
        quantity=F("quantity") - quantity, quantity_allocated=F("quantity_allocated") - quantity
    )
    return shipped == 1


async def ship_free(stock_id: int, quantity: int) -> bool:
    """Units nobody was promised leave the warehouse (a line shipped from another warehouse than the one it
    was allocated in). False, changing nothing, when the row has fewer free units."""
    shipped = await Stock.filter(id=stock_id, quantity__gte=F("quantity_allocated") + quantity).update(
        quantity=F("quantity") - quantity
    )
    return shipped == 1


async def free_quantity(stock_id: int) -> int:
    row = await Stock.get_or_none(id=stock_id)
    return max(row.quantity - row.quantity_allocated, 0) if row else 0


async def unship_allocated(stock_id: int, quantity: int) -> None:
    """A cancelled shipment: its units are back on the shelf, promised again to the same order line."""
    if quantity <= 0:
        raise DomainError.single("quantity", "Quantity must be positive.", CatalogErrorCode.INVALID)
    await Stock.filter(id=stock_id).update(
        quantity=F("quantity") + quantity, quantity_allocated=F("quantity_allocated") + quantity
    )


async def stock_row(warehouse_id: object, variant_id: int) -> Stock | None:
    return await Stock.get_or_none(warehouse_id=warehouse_id, variant_id=variant_id)


async def deallocate(allocations: list[Allocation]) -> None:
    """Release promised units (order cancelled, checkout failed), row by row in the global lock order."""
    for allocation in sorted(allocations, key=lambda a: a.stock_id):
        await Stock.filter(id=allocation.stock_id, quantity_allocated__gte=allocation.quantity).update(
            quantity_allocated=F("quantity_allocated") - allocation.quantity
        )
