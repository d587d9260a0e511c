"""A code-backed gift's stock is its pool: staff writing its stock by hand (the Dashboard's VariantUpdate
document: productVariantStocksUpdate/Create/Delete and productVariantUpdate) are refused when they
contradict it, with nothing changed, and pass, changing nothing, when they agree."""

from __future__ import annotations

from catalog.models import ProductVariant, Stock
from tests.catalog.services.builders import partner_editor, warehouse
from tests.fulfilment.digital.api import gid, staff_token
from tests.fulfilment.digital.world import COFFEE_PARTNER, build_digital_mall, coffee_stock, stock_codes

STOCKS_UPDATE = """
mutation($id: ID!, $stocks: [StockInput!]!) {
  productVariantStocksUpdate(variantId: $id, stocks: $stocks) {
    productVariant { stocks { quantity } } errors { field code message index }
  }
}
"""
STOCKS_CREATE = """
mutation($id: ID!, $stocks: [StockInput!]!) {
  productVariantStocksCreate(variantId: $id, stocks: $stocks) { errors { field code message } }
}
"""
STOCKS_DELETE = """
mutation($id: ID!, $warehouses: [ID!]!) {
  productVariantStocksDelete(variantId: $id, warehouseIds: $warehouses) { errors { field code message } }
}
"""
VARIANT_UPDATE = """
mutation($id: ID!, $input: ProductVariantInput!) {
  productVariantUpdate(id: $id, input: $input) { errors { field code message } }
}
"""
POOL = "This gift's stock is its code pool (2 unsold codes): upload codes to add stock."


async def update_stocks(api, token: str, variant, depot, quantity: int) -> dict[str, object]:
    variables = {"id": gid("ProductVariant", variant.id), "stocks": stocks(depot, quantity)}
    return (await api.ok(STOCKS_UPDATE, variables, token))["productVariantStocksUpdate"]


async def pooled_mall(settings, set_clock):
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await stock_codes(mall, "BREW-AAAA-1111", "BREW-BBBB-2222")
    token = await staff_token(settings, "brew@example.com", ["MANAGE_PRODUCTS"], COFFEE_PARTNER)
    return mall, token


def stocks(depot, quantity: int) -> list[dict[str, object]]:
    return [{"warehouse": gid("Warehouse", depot.id), "quantity": quantity}]


async def test_a_stock_update_contradicting_the_pool_is_refused_and_changes_nothing(api, settings, set_clock):
    # given: two codes, so two units
    mall, token = await pooled_mall(settings, set_clock)

    # when: the partner types 50
    answer = await update_stocks(api, token, mall.coffee, mall.coffee_depot, 50)

    # then
    assert answer["errors"] == [{"field": "quantity", "code": "INVALID", "index": None,
                                 "message": f"The quantity must be 2. {POOL}"}]
    assert await coffee_stock(mall) == (2, 0)


async def test_a_stock_update_agreeing_with_the_pool_passes_and_changes_nothing(api, settings, set_clock):
    # given
    mall, token = await pooled_mall(settings, set_clock)

    # when: the Dashboard saves the variant page as it showed it
    answer = await update_stocks(api, token, mall.coffee, mall.coffee_depot, 2)

    # then
    assert answer == {"productVariant": {"stocks": [{"quantity": 2}]}, "errors": []}
    assert await coffee_stock(mall) == (2, 0)


async def test_stock_of_a_code_backed_gift_in_another_warehouse_is_refused(api, settings, set_clock):
    # given: another warehouse of the same partner
    mall, token = await pooled_mall(settings, set_clock)
    shop = await warehouse(partner_editor(COFFEE_PARTNER), "BREW shop")

    # when
    answer = (await api.ok(STOCKS_CREATE, {"id": gid("ProductVariant", mall.coffee.id), "stocks": stocks(shop, 5)},
                           token))["productVariantStocksCreate"]

    # then
    assert answer["errors"] == [{"field": "warehouse", "code": "INVALID",
                                 "message": f"Stock this gift in its own warehouse only. {POOL}"}]
    assert await Stock.filter(variant_id=mall.coffee.id).values_list("warehouse_id", "quantity") == [
        (mall.coffee_depot.id, 2)]


async def test_the_pool_s_stock_row_cannot_be_removed(api, settings, set_clock):
    # given
    mall, token = await pooled_mall(settings, set_clock)

    # when
    answer = (await api.ok(STOCKS_DELETE, {"id": gid("ProductVariant", mall.coffee.id),
                                           "warehouses": [gid("Warehouse", mall.coffee_depot.id)]},
                           token))["productVariantStocksDelete"]

    # then
    assert answer["errors"] == [{"field": "warehouseIds", "code": "INVALID",
                                 "message": f"This warehouse's stock row cannot be removed. {POOL}"}]
    assert await coffee_stock(mall) == (2, 0)


async def test_a_code_backed_gift_cannot_stop_tracking_its_inventory(api, settings, set_clock):
    # given
    mall, token = await pooled_mall(settings, set_clock)

    # when
    answer = (await api.ok(VARIANT_UPDATE, {"id": gid("ProductVariant", mall.coffee.id),
                                            "input": {"trackInventory": False}}, token))["productVariantUpdate"]

    # then
    assert answer["errors"] == [{"field": "trackInventory", "code": "INVALID",
                                 "message": f"This gift must track its inventory. {POOL}"}]
    assert (await ProductVariant.get(id=mall.coffee.id)).track_inventory is True


async def test_a_gift_issued_by_the_partner_s_api_keeps_hand_written_stock(api, settings, set_clock):
    # given: the top-up is digital but not code-backed: its partner sets its stock
    mall, _ = await pooled_mall(settings, set_clock)
    token = await staff_token(settings, "topup@example.com", ["MANAGE_PRODUCTS"], "TOPUP")

    # when
    answer = await update_stocks(api, token, mall.topup, mall.topup_depot, 40)

    # then
    assert answer == {"productVariant": {"stocks": [{"quantity": 40}]}, "errors": []}
