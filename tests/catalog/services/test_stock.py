from __future__ import annotations

import pytest

from catalog.models import Stock
from catalog.services.stock import StockLevel, remove_stock, set_stock_levels
from kernel.errors import DomainError
from tests.catalog.services.builders import OPERATOR, active_partner, gift, partner_editor, variant, warehouse


async def test_stock_is_set_and_overwritten():
    # given
    item = await variant(await gift())
    depot = await warehouse()

    # when
    await set_stock_levels(OPERATOR, item, [StockLevel(str(depot.id), 10)])
    await set_stock_levels(OPERATOR, item, [StockLevel(str(depot.id), 7)])

    # then
    assert await Stock.filter(variant_id=item.id).values_list("quantity", "quantity_allocated") == [(7, 0)]


async def test_stock_cannot_drop_below_allocated_units():
    # given
    item = await variant(await gift())
    depot = await warehouse()
    await set_stock_levels(OPERATOR, item, [StockLevel(str(depot.id), 10)])
    await Stock.filter(variant_id=item.id).update(quantity_allocated=4)

    # when
    with pytest.raises(DomainError) as raised:
        await set_stock_levels(OPERATOR, item, [StockLevel(str(depot.id), 3)])

    # then
    assert raised.value.details[0].code == "INVALID"
    assert await Stock.filter(variant_id=item.id).values_list("quantity", "quantity_allocated") == [(10, 4)]


async def test_negative_and_duplicate_levels_are_refused():
    # given
    item = await variant(await gift())
    depot = await warehouse()

    # when
    with pytest.raises(DomainError) as negative:
        await set_stock_levels(OPERATOR, item, [StockLevel(str(depot.id), -1)])
    with pytest.raises(DomainError) as duplicate:
        await set_stock_levels(OPERATOR, item, [StockLevel(str(depot.id), 1), StockLevel(str(depot.id), 2)])

    # then
    assert negative.value.details[0].code == "INVALID"
    assert duplicate.value.details[0].code == "DUPLICATED_INPUT_ITEM"
    assert await Stock.all().count() == 0


async def test_partner_cannot_stock_another_partners_warehouse():
    # given
    await active_partner("ACME")
    await active_partner("BETA")
    item = await variant(await gift(partner_editor("ACME")))
    beta_depot = await warehouse(partner_editor("BETA"), "Beta DC")

    # when
    with pytest.raises(DomainError) as raised:
        await set_stock_levels(partner_editor("ACME"), item, [StockLevel(str(beta_depot.id), 5)])

    # then
    assert raised.value.details[0].code == "NOT_FOUND"
    assert await Stock.all().count() == 0


async def test_stock_with_allocations_cannot_be_removed():
    # given
    item = await variant(await gift())
    depot = await warehouse()
    await set_stock_levels(OPERATOR, item, [StockLevel(str(depot.id), 5)])
    await Stock.filter(variant_id=item.id).update(quantity_allocated=1)

    # when
    with pytest.raises(DomainError) as raised:
        await remove_stock(OPERATOR, item, [str(depot.id)])

    # then
    assert raised.value.details[0].code == "INVALID"
    assert await Stock.all().count() == 1
