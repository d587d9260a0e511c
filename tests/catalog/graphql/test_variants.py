"""`productVariant(id|sku)` and `productVariants`: a member needs the variant priced in the channel."""

from __future__ import annotations

from mall.graphql.ids import to_global_id
from tests.catalog.factories import list_product, make_gift, make_product, make_variant, price_variant
from tests.factories import make_channel, make_staff, token_for

VARIANT = """
query($id: ID, $sku: String) {
  productVariant(id: $id, sku: $sku, channel: "bank-a-mall") { sku name product { slug channel } }
}
"""
VARIANTS = """
query($ids: [ID!], $where: ProductVariantWhereInput) {
  productVariants(first: 10, channel: "bank-a-mall", ids: $ids, where: $where) { totalCount edges { node { sku } } }
}
"""


async def tea_set():
    channel = await make_channel()
    product = await make_product("Tea Set")
    priced = await make_variant(product, "TEA-S", "Small")
    unpriced = await make_variant(product, "TEA-GOLD", "Gold", sort_order=1)
    await price_variant(priced, channel, 1200)
    await list_product(product, channel)
    return channel, priced, unpriced


async def test_a_member_finds_a_priced_variant_by_sku_or_id(api):
    # given
    _, priced, _ = await tea_set()

    # when
    by_sku = await api.ok(VARIANT, {"sku": "TEA-S"})
    by_id = await api.ok(VARIANT, {"id": to_global_id("ProductVariant", priced.id)})

    # then
    expected = {
        "productVariant": {"sku": "TEA-S", "name": "Small", "product": {"slug": "tea-set", "channel": "bank-a-mall"}}
    }
    assert by_sku == expected
    assert by_id == expected


async def test_a_variant_without_a_price_is_only_for_staff(api, settings):
    # given
    await tea_set()
    staff = await make_staff(permissions=["MANAGE_PRODUCTS"])

    # when
    as_member = await api.ok(VARIANT, {"sku": "TEA-GOLD"})
    as_staff = await api.ok(VARIANT, {"sku": "TEA-GOLD"}, token_for(staff, settings))

    # then
    assert as_member == {"productVariant": None}
    assert as_staff["productVariant"]["sku"] == "TEA-GOLD"


async def test_variants_of_unpublished_products_are_hidden_from_members(api):
    # given
    channel = await make_channel()
    await make_gift(channel, "Draft Kettle", 900, published=False)

    # when
    data = await api.ok(VARIANT, {"sku": "SKU-DRAFT-KETTLE"})

    # then
    assert data == {"productVariant": None}


async def test_variant_list_by_ids_and_sku(api):
    # given
    channel, priced, unpriced = await tea_set()
    other = await make_gift(channel, "Iron Wok", 800)
    assert other.slug == "iron-wok"

    # when
    by_ids = await api.ok(VARIANTS, {"ids": [to_global_id("ProductVariant", v.id) for v in (priced, unpriced)]})
    by_sku = await api.ok(VARIANTS, {"where": {"sku": {"oneOf": ["SKU-IRON-WOK", "TEA-GOLD"]}}})
    everything = await api.ok(VARIANTS)

    # then
    assert by_ids["productVariants"] == {"totalCount": 1, "edges": [{"node": {"sku": "TEA-S"}}]}
    assert by_sku["productVariants"] == {"totalCount": 1, "edges": [{"node": {"sku": "SKU-IRON-WOK"}}]}
    assert everything["productVariants"]["totalCount"] == 2


async def test_nested_variant_pages_go_both_ways(api):
    # given
    channel = await make_channel()
    product = await make_product("Tea Set")
    for position, size in enumerate(["XS", "S", "M", "L", "XL"]):
        await price_variant(await make_variant(product, f"TEA-{size}", size, sort_order=position), channel, 100)
    await list_product(product, channel)
    query = """query($first: Int, $after: String, $last: Int, $before: String) {
      product(slug: "tea-set", channel: "bank-a-mall") {
        productVariants(first: $first, after: $after, last: $last, before: $before) {
          totalCount edges { node { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }"""

    # when
    first = await api.ok(query, {"first": 2})
    second = await api.ok(query, {"first": 2, "after": first["product"]["productVariants"]["pageInfo"]["endCursor"]})
    back = await api.ok(query, {"last": 1, "before": second["product"]["productVariants"]["pageInfo"]["startCursor"]})

    # then
    def names(data):
        return [edge["node"]["name"] for edge in data["product"]["productVariants"]["edges"]]

    assert names(first) == ["XS", "S"]
    assert names(second) == ["M", "L"]
    assert second["product"]["productVariants"]["pageInfo"]["hasNextPage"] is True
    assert names(back) == ["S"]
    assert back["product"]["productVariants"]["pageInfo"]["hasPreviousPage"] is True
    assert first["product"]["productVariants"]["totalCount"] == 5
