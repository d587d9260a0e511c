"""Stock per warehouse: set, remove, and the checked arithmetic every stock change goes through.

Stock never goes below what is allocated to orders: each change is a conditional UPDATE whose row count
says whether it applied, with database CHECKs behind it (never read-then-write).

Errors (DomainError codes, ProductErrorCode / WarehouseErrorCode): INVALID (negative quantity, or below
the allocated quantity), NOT_FOUND (warehouse), DUPLICATED_INPUT_ITEM.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.expressions import F

from catalog.models import ProductVariant, Stock
from catalog.services.access import Editor, warehouse_for_editing
from mall.graphql.errors import DomainError

MAX_STOCK_QUANTITY = 10_000_000


@dataclass
class StockLevel:
    warehouse_id: str
    quantity: int


def _check_levels(levels: list[StockLevel]) -> None:
    ids = [level.warehouse_id for level in levels]
    if len(set(ids)) != len(ids):
        raise DomainError.single("warehouse", "Each warehouse can appear only once.", "DUPLICATED_INPUT_ITEM")
    for index, level in enumerate(levels):
        if not 0 <= level.quantity <= MAX_STOCK_QUANTITY:
            raise DomainError.single(
                "quantity", f"Quantity must be between 0 and {MAX_STOCK_QUANTITY}.", "INVALID", index=index
            )


async def set_stock_levels(editor: Editor, variant: ProductVariant, levels: list[StockLevel]) -> list[Stock]:
    """Create or overwrite the quantity in each warehouse; refuses to drop below allocated units."""
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
                    "INVALID",
                    warehouse=str(warehouse.id),
                )
            await Stock.create(warehouse=warehouse, variant=variant, quantity=level.quantity)
        stocks.append(await Stock.get(warehouse_id=warehouse.id, variant_id=variant.id))
    return stocks


async def remove_stock(editor: Editor, variant: ProductVariant, warehouse_ids: list[str]) -> None:
    """Remove the variant from warehouses; a warehouse still holding allocated units refuses."""
    for warehouse_id in warehouse_ids:
        warehouse = await warehouse_for_editing(editor, warehouse_id)
        deleted = await Stock.filter(warehouse_id=warehouse.id, variant_id=variant.id, quantity_allocated=0).delete()
        if not deleted and await Stock.filter(warehouse_id=warehouse.id, variant_id=variant.id).exists():
            raise DomainError.single(
                "warehouseIds", "Stock allocated to orders cannot be removed.", "INVALID", warehouse=str(warehouse.id)
            )


async def add_to_stock(stock_id: int, quantity: int) -> None:
    """Restock (returns, corrections). Conditional so the row must exist."""
    if quantity <= 0:
        raise DomainError.single("quantity", "Quantity must be positive.", "INVALID")
    await Stock.filter(id=stock_id).update(quantity=F("quantity") + quantity)
