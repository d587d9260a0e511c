"""Points pricing, price transparency (cash value beside the reference price), quantities, availability."""

from __future__ import annotations

from decimal import Decimal

from catalog.models import ProductVariant
from mall.channels.models import Channel
from tests.catalog.factories import (
    list_product,
    make_product,
    make_variant,
    make_warehouse,
    price_variant,
    soon,
    stock,
)
from tests.factories import make_channel, make_staff, token_for

PRODUCT = """
query($slug: String!) {
  product(slug: $slug, channel: "bank-a-mall") {
    isAvailable isAvailableForPurchase
    pricing {
      onSale displayGrossPrices
      priceRange {
        start { currency gross { amount currency fractionDigits fractionalAmount } net { amount } tax { amount } }
                   stop { gross { amount } } }
      priceRangeUndiscounted { start { gross { amount } } stop { gross { amount } } }
    }
    productVariants(first: 10) {
      edges { node { sku quantityAvailable
        pricing { price { gross { amount currency } } priceUndiscounted { gross { amount } }
                  pointsCashValue { amount currency fractionDigits } referenceRetailPrice { amount currency } } } }
    }
  }
}
"""


async def tea_set(channel: Channel) -> list[ProductVariant]:
    product = await make_product("Tea Set")
    small = await make_variant(product, "TEA-S", "Small")
    large = await make_variant(product, "TEA-L", "Large", sort_order=1)
    await price_variant(small, channel, 1200, cost="8.00", reference="15.00")
    await price_variant(large, channel, 3450, cost="20.00", reference="25.00")
    await list_product(product, channel)
    return [small, large]


async def test_prices_are_whole_points_in_the_channels_unit_with_cash_transparency(api):
    # given
    channel = await make_channel()
    await Channel.filter(id=channel.id).update(points_cash_value=Decimal("0.0075"), cash_currency="CNY")
    small, large = await tea_set(channel)
    warehouse = await make_warehouse("jade", [channel])
    await stock(small, warehouse, 5, allocated=2)
    await stock(large, warehouse, 0)

    # when
    data = await api.ok(PRODUCT, {"slug": "tea-set"})

    # then
    product = data["product"]
    assert product["pricing"] == {
        "onSale": False,
        "displayGrossPrices": True,
        "priceRange": {
            "start": {
                "currency": "PTS",
                "gross": {"amount": 1200.0, "currency": "PTS", "fractionDigits": 0, "fractionalAmount": 1200},
                "net": {"amount": 1200.0},
                "tax": {"amount": 0.0},
            },
            "stop": {"gross": {"amount": 3450.0}},
        },
        "priceRangeUndiscounted": {"start": {"gross": {"amount": 1200.0}}, "stop": {"gross": {"amount": 3450.0}}},
    }
    assert product["productVariants"]["edges"] == [
        {
            "node": {
                "sku": "TEA-S",
                "quantityAvailable": 3,
                "pricing": {
                    "price": {"gross": {"amount": 1200.0, "currency": "PTS"}},
                    "priceUndiscounted": {"gross": {"amount": 1200.0}},
                    "pointsCashValue": {"amount": 9.0, "currency": "CNY", "fractionDigits": 2},
                    "referenceRetailPrice": {"amount": 15.0, "currency": "CNY"},
                },
            }
        },
        {
            "node": {
                "sku": "TEA-L",
                "quantityAvailable": 0,
                "pricing": {
                    "price": {"gross": {"amount": 3450.0, "currency": "PTS"}},
                    "priceUndiscounted": {"gross": {"amount": 3450.0}},
                    "pointsCashValue": {"amount": 25.88, "currency": "CNY", "fractionDigits": 2},
                    "referenceRetailPrice": {"amount": 25.0, "currency": "CNY"},
                },
            }
        },
    ]
    assert (product["isAvailable"], product["isAvailableForPurchase"]) == (True, True)


async def test_quantity_available_counts_only_the_channels_warehouses(api):
    # given
    bank_a = await make_channel("bank-a-mall")
    bank_b = await make_channel("bank-b-mall", issuer_code="BANKB", currency_code="BPT")
    small, _ = await tea_set(bank_a)
    shared = await make_warehouse("shared", [bank_a, bank_b])
    only_b = await make_warehouse("only-b", [bank_b])
    await stock(small, shared, 7, allocated=1)
    await stock(small, only_b, 40)
    query = '{ productVariant(sku: "TEA-S", channel: "bank-a-mall") { quantityAvailable } }'

    # when
    data = await api.ok(query)

    # then
    assert data == {"productVariant": {"quantityAvailable": 6}}


async def test_untracked_stock_has_no_quantity_and_is_always_available(api):
    # given
    channel = await make_channel()
    product = await make_product("Hotpot Voucher")
    voucher = await make_variant(product, "HOTPOT", track_inventory=False)
    await price_variant(voucher, channel, 5000)
    await list_product(product, channel)

    # when
    data = await api.ok(
        '{ product(slug: "hotpot-voucher", channel: "bank-a-mall") { isAvailable variants { quantityAvailable } } }'
    )

    # then
    assert data == {"product": {"isAvailable": True, "variants": [{"quantityAvailable": None}]}}


async def test_is_available_needs_stock_and_a_purchase_date_that_has_come(api):
    # given
    channel = await make_channel()
    warehouse = await make_warehouse("jade", [channel])
    for name, quantity, available_at in (("Sold Out", 0, None), ("Coming Soon", 9, soon()), ("In Stock", 9, None)):
        product = await make_product(name)
        variant = await make_variant(product, name.upper())
        await price_variant(variant, channel, 100)
        if available_at:
            await list_product(product, channel, available_for_purchase_at=available_at)
        else:
            await list_product(product, channel)
        await stock(variant, warehouse, quantity)
    query = (
        '{ products(first: 5, channel: "bank-a-mall") { edges { node { name isAvailable isAvailableForPurchase } } } }'
    )

    # when
    data = await api.ok(query)

    # then
    assert [edge["node"] for edge in data["products"]["edges"]] == [
        {"name": "Coming Soon", "isAvailable": False, "isAvailableForPurchase": False},
        {"name": "In Stock", "isAvailable": True, "isAvailableForPurchase": True},
        {"name": "Sold Out", "isAvailable": False, "isAvailableForPurchase": True},
    ]


async def test_cost_price_and_margin_are_for_product_managers(api, settings):
    # given
    channel = await make_channel()
    await tea_set(channel)
    query = """{ productVariant(sku: "TEA-S", channel: "bank-a-mall") {
      channelListings { price { amount } costPrice { amount currency } margin pointsPriceAlert } } }"""
    manager = await make_staff("manager@example.com", ["MANAGE_PRODUCTS"])
    viewer = await make_staff("viewer@example.com", ["MANAGE_ORDERS"])

    # when
    as_manager = await api.ok(query, token=token_for(manager, settings))
    as_viewer = await api.post(query, token=token_for(viewer, settings))

    # then
    assert as_manager == {
        "productVariant": {
            "channelListings": [
                {
                    "price": {"amount": 1200.0},
                    "costPrice": {"amount": 8.0, "currency": "CNY"},
                    "margin": 33,
                    "pointsPriceAlert": False,
                }
            ]
        }
    }
    assert as_viewer.error_codes == ["PermissionDenied", "PermissionDenied"]


async def test_a_points_price_worth_far_more_than_the_reference_price_is_flagged(api, settings):
    # given
    channel = await make_channel()
    product = await make_product("Overpriced Mug")
    mug = await make_variant(product, "MUG-1")
    await price_variant(mug, channel, 5000, reference="30.00")
    await list_product(product, channel)
    staff = await make_staff(permissions=["MANAGE_PRODUCTS"])
    query = """{ productVariant(sku: "MUG-1", channel: "bank-a-mall") {
      channelListings { pointsCashValue { amount } pointsPriceAlert } } }"""

    # when
    data = await api.ok(query, token=token_for(staff, settings))

    # then
    assert data == {
        "productVariant": {"channelListings": [{"pointsCashValue": {"amount": 50.0}, "pointsPriceAlert": True}]}
    }


async def test_stocks_are_for_staff_and_partner_staff_only_see_their_own(api, settings):
    # given
    from mall.accounts.models import ScopeKind

    channel = await make_channel()
    product = await make_product("Jade Wok", partner_code="JADE")
    wok = await make_variant(product, "WOK-1")
    await price_variant(wok, channel, 800)
    await list_product(product, channel)
    await stock(wok, await make_warehouse("jade", [channel], partner_code="JADE"), 12, allocated=2)
    query = """{ productVariant(sku: "WOK-1", channel: "bank-a-mall") {
      stocks { quantity quantityAllocated warehouse { slug } } } }"""
    jade = await make_staff("jade@example.com", ["MANAGE_PRODUCTS"], scope=(ScopeKind.PARTNER, "JADE"))
    volt = await make_staff("volt@example.com", ["MANAGE_PRODUCTS"], scope=(ScopeKind.PARTNER, "VOLT"))

    # when
    anonymous = await api.post(query)
    own = await api.ok(query, token=token_for(jade, settings))
    other = await api.post(query, token=token_for(volt, settings))

    # then
    assert anonymous.error_codes == ["PermissionDenied"]
    assert own == {
        "productVariant": {"stocks": [{"quantity": 12, "quantityAllocated": 2, "warehouse": {"slug": "jade"}}]}
    }
    assert other.error_codes == ["PermissionDenied"]
