from __future__ import annotations

import asyncio

import pytest
from tortoise.transactions import in_transaction

from catalog.models import Stock
from catalog.services.stock import (
    Allocation,
    InsufficientStock,
    StockLevel,
    allocate,
    available_quantity,
    deallocate,
    lock_channel_stocks,
    set_stock_levels,
)
from catalog.services.warehouses import link_channels
from tests.catalog.services.builders import OPERATOR, gift, variant, warehouse
from tests.factories import make_channel


@pytest.fixture
async def stocked():
    """A variant with 3 units in the preferred warehouse and 5 in the second, both shipping the channel."""
    channel = await make_channel()
    item = await variant(await gift())
    first, second = await warehouse(OPERATOR, "North DC"), await warehouse(OPERATOR, "South DC")
    await link_channels(first, [channel.id], [])
    await link_channels(second, [channel.id], [])
    await set_stock_levels(OPERATOR, item, [StockLevel(str(first.id), 3), StockLevel(str(second.id), 5)])
    return channel, item, first, second


async def test_allocation_prefers_the_channels_first_warehouse(stocked):
    # given
    channel, item, first, second = stocked

    # when
    allocations = await allocate(item.id, channel.id, 4)

    # then
    by_warehouse = dict(await Stock.filter(variant_id=item.id).values_list("warehouse_id", "quantity_allocated"))
    assert [a.quantity for a in allocations] == [3, 1]
    assert (by_warehouse[first.id], by_warehouse[second.id]) == (3, 1)
    assert await available_quantity(item.id, channel.id) == 4


async def test_stock_rows_for_allocation_come_per_variant_in_the_channels_preference(stocked):
    # given: a second variant whose row in the second warehouse is numbered before its row in the first
    channel, item, first, second = stocked
    other = await variant(await gift(OPERATOR, "Umbrella"), "UMB-1")
    await set_stock_levels(OPERATOR, other, [StockLevel(str(second.id), 2), StockLevel(str(first.id), 4)])

    # when
    async with in_transaction():
        stocks = await lock_channel_stocks([other.id, item.id, other.id], channel.id)

    # then
    assert {variant_id: [(row.warehouse_id, row.quantity) for row in rows] for variant_id, rows in stocks.items()} == {
        item.id: [(first.id, 3), (second.id, 5)], other.id: [(first.id, 4), (second.id, 2)]}


async def test_allocating_more_than_available_is_refused_and_rolled_back(stocked):
    # given
    channel, item, _, _ = stocked

    # when
    with pytest.raises(InsufficientStock) as raised:
        async with in_transaction():
            await allocate(item.id, channel.id, 9)

    # then
    assert raised.value.details[0].message == f"Could not add items {item.id}. Only 8 remaining in stock."
    assert raised.value.details[0].extra == {"variants": [item.id]}
    assert await Stock.filter(variant_id=item.id).values_list("quantity_allocated", flat=True) == [0, 0]


async def test_deallocation_returns_units(stocked):
    # given
    channel, item, _, _ = stocked
    allocations = await allocate(item.id, channel.id, 6)

    # when
    await deallocate(allocations)

    # then
    assert await available_quantity(item.id, channel.id) == 8
    assert await deallocate([Allocation(allocations[0].stock_id, 99)]) is None  # never below zero
    assert await Stock.filter(variant_id=item.id).values_list("quantity_allocated", flat=True) == [0, 0]


async def test_concurrent_allocations_never_oversell(stocked):
    # given: 8 units, 30 buyers of one unit each, each in its own transaction at the same time
    channel, item, _, _ = stocked

    async def buy() -> bool:
        try:
            async with in_transaction():
                await allocate(item.id, channel.id, 1)
        except InsufficientStock:
            return False
        return True

    # when
    results = await asyncio.gather(*(buy() for _ in range(30)))

    # then
    assert results.count(True) == 8
    assert await available_quantity(item.id, channel.id) == 0
    rows = await Stock.filter(variant_id=item.id).values_list("quantity", "quantity_allocated")
    assert sorted(rows) == [(3, 3), (5, 5)]
