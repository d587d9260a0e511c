"""Which products a caller sees, per channel: Saleor's rules (conventions.md section 5)."""

from __future__ import annotations

import pytest

from catalog.models import ProductChannelListing
from mall.accounts.models import ScopeKind
from mall.graphql.ids import to_global_id
from tests.catalog.factories import (
    list_product,
    make_gift,
    make_product,
    make_variant,
    soon,
)
from tests.factories import make_channel, make_member, make_staff, token_for

PRODUCTS = """
query($channel: String) {
  products(first: 10, channel: $channel) {
    totalCount edges { node { name channel pricing { priceRange { start { gross { amount } } } } } }
  }
}
"""
PRODUCT = """
query($slug: String!, $channel: String) {
  product(slug: $slug, channel: $channel) {
    name channel isAvailable pricing { priceRange { start { gross { amount currency } } } }
  }
}
"""


def names(data: dict) -> list[str]:
    return [edge["node"]["name"] for edge in data["products"]["edges"]]


async def test_members_see_published_listings_of_the_channel_only(api):
    # given
    bank_a = await make_channel("bank-a-mall")
    bank_b = await make_channel("bank-b-mall", issuer_code="BANKB", currency_code="BPT")
    await make_gift(bank_a, "Tea Set", 1200)
    await make_gift(bank_a, "Draft Kettle", 900, published=False)
    await make_gift(bank_b, "Bank B Only", 500)

    # when
    data = await api.ok(PRODUCTS, {"channel": "bank-a-mall"})

    # then
    assert names(data) == ["Tea Set"]
    assert data["products"]["totalCount"] == 1


async def test_a_listing_published_in_the_future_is_hidden_until_then(api):
    # given
    channel = await make_channel()
    await make_gift(channel, "Mooncake Box", 300, published_at=soon())

    # when
    data = await api.ok(PRODUCTS, {"channel": "bank-a-mall"})

    # then
    assert names(data) == []


async def test_lists_hide_products_not_visible_in_listings_but_lookups_find_them(api):
    # given
    channel = await make_channel()
    await make_gift(channel, "Secret Sale", 700, visible_in_listings=False)

    # when
    listed = await api.ok(PRODUCTS, {"channel": "bank-a-mall"})
    looked_up = await api.ok(PRODUCT, {"slug": "secret-sale", "channel": "bank-a-mall"})

    # then
    assert names(listed) == []
    assert looked_up["product"]["name"] == "Secret Sale"


async def test_an_inactive_channel_shows_members_nothing(api):
    # given
    channel = await make_channel(is_active=False)
    await make_gift(channel, "Tea Set", 1200)

    # when
    listed = await api.ok(PRODUCTS, {"channel": "bank-a-mall"})
    looked_up = await api.ok(PRODUCT, {"slug": "tea-set", "channel": "bank-a-mall"})

    # then
    assert names(listed) == []
    assert looked_up == {"product": None}


async def test_a_product_without_a_priced_variant_is_hidden_from_members(api):
    # given
    channel = await make_channel()
    product = await make_product("Empty Box")
    await make_variant(product, "BOX-1")
    await list_product(product, channel)

    # when
    listed = await api.ok(PRODUCTS, {"channel": "bank-a-mall"})
    looked_up = await api.ok(PRODUCT, {"slug": "empty-box", "channel": "bank-a-mall"})

    # then
    assert names(listed) == []
    assert looked_up == {"product": None}


async def test_staff_see_unpublished_listings_of_the_channel(api, settings):
    # given
    bank_a = await make_channel("bank-a-mall")
    bank_b = await make_channel("bank-b-mall", issuer_code="BANKB", currency_code="BPT")
    await make_gift(bank_a, "Tea Set", 1200)
    await make_gift(bank_a, "Draft Kettle", 900, published=False)
    await make_gift(bank_b, "Bank B Only", 500)
    staff = await make_staff(permissions=["MANAGE_PRODUCTS"])

    # when
    data = await api.ok(PRODUCTS, {"channel": "bank-a-mall"}, token_for(staff, settings))

    # then
    assert names(data) == ["Draft Kettle", "Tea Set"]


async def test_staff_without_a_channel_see_every_product_without_pricing(api, settings):
    # given
    bank_a = await make_channel("bank-a-mall")
    await make_channel("bank-b-mall", issuer_code="BANKB", currency_code="BPT")
    await make_gift(bank_a, "Tea Set", 1200)
    await make_product("Unlisted Lamp")
    staff = await make_staff(permissions=["MANAGE_ORDERS"])

    # when
    data = await api.ok(PRODUCTS, {}, token_for(staff, settings))

    # then
    assert data["products"]["edges"] == [
        {"node": {"name": "Tea Set", "channel": None, "pricing": None}},
        {"node": {"name": "Unlisted Lamp", "channel": None, "pricing": None}},
    ]


@pytest.mark.parametrize("permissions", [[], ["MANAGE_USERS"]])
async def test_callers_without_product_permissions_need_a_channel_when_several_exist(api, settings, permissions):
    # given
    await make_channel("bank-a-mall")
    await make_channel("bank-b-mall", issuer_code="BANKB", currency_code="BPT")
    staff = await make_staff(permissions=permissions)

    # when
    response = await api.post(PRODUCTS, {}, token_for(staff, settings))

    # then
    assert response.data == {"products": None}
    assert response.error_messages == ["More than one channel exists. Specify which channel to use."]


async def test_members_fall_back_to_the_only_channel(api, settings):
    # given
    channel = await make_channel()
    await make_gift(channel, "Tea Set", 1200)
    member = await make_member(settings)

    # when
    data = await api.ok(PRODUCTS, {}, token_for(member, settings))

    # then
    assert data["products"]["edges"] == [
        {
            "node": {
                "name": "Tea Set",
                "channel": "bank-a-mall",
                "pricing": {"priceRange": {"start": {"gross": {"amount": 1200.0}}}},
            }
        }
    ]


async def test_without_any_channel_members_get_saleors_error(api):
    # when
    response = await api.post(PRODUCTS)

    # then
    assert response.error_messages == ["A default channel does not exist."]


async def test_an_unknown_channel_answers_empty_not_an_error(api):
    # given
    channel = await make_channel()
    await make_gift(channel, "Tea Set", 1200)

    # when
    listed = await api.ok(PRODUCTS, {"channel": "no-such-mall"})
    looked_up = await api.ok(PRODUCT, {"slug": "tea-set", "channel": "no-such-mall"})

    # then
    assert listed == {"products": {"totalCount": 0, "edges": []}}
    assert looked_up == {"product": None}


async def test_a_variant_without_a_price_in_the_channel_is_not_shown(api):
    # given
    channel = await make_channel()
    product = await make_gift(channel, "Tea Set", 1200)
    await make_variant(product, "TEA-GOLD", "Gold", sort_order=1)
    query = """query($slug: String!) { product(slug: $slug, channel: "bank-a-mall") {
      productVariants(first: 10) { totalCount edges { node { sku } } } variants { sku } } }"""

    # when
    data = await api.ok(query, {"slug": "tea-set"})

    # then
    assert data["product"]["productVariants"] == {"totalCount": 1, "edges": [{"node": {"sku": "SKU-TEA-SET"}}]}
    assert data["product"]["variants"] == [{"sku": "SKU-TEA-SET"}]


async def test_partner_staff_list_their_own_gifts_only_and_see_anothers_as_a_member(api, settings):
    # given
    channel = await make_channel()
    await make_gift(channel, "Jade Wok", 800, partner_code="JADE", published=False)
    await make_gift(channel, "Volt Radio", 900, partner_code="VOLT", published=False)
    await make_gift(channel, "Volt Speaker", 1500, partner_code="VOLT")
    jade = await make_staff("jade@example.com", ["MANAGE_PRODUCTS"], scope=(ScopeKind.PARTNER, "JADE"))
    token = token_for(jade, settings)

    # when
    listed = await api.ok(PRODUCTS, {"channel": "bank-a-mall"}, token)
    without_channel = await api.ok(PRODUCTS, {}, token)
    own = await api.ok(PRODUCT, {"slug": "jade-wok", "channel": "bank-a-mall"}, token)
    other = await api.ok(PRODUCT, {"slug": "volt-radio", "channel": "bank-a-mall"}, token)

    # then
    # lists: the partner's own gifts, published or not (issue 17: the back office lists what it manages)
    assert names(listed) == ["Jade Wok"]
    assert names(without_channel) == ["Jade Wok"]
    assert own["product"]["name"] == "Jade Wok"
    assert other == {"product": None}


async def test_partner_staff_cannot_read_another_partners_channel_listings(api, settings):
    # given
    channel = await make_channel()
    await make_gift(channel, "Volt Speaker", 1500, partner_code="VOLT")
    jade = await make_staff("jade@example.com", ["MANAGE_PRODUCTS"], scope=(ScopeKind.PARTNER, "JADE"))
    query = '{ product(slug: "volt-speaker", channel: "bank-a-mall") { name channelListings { isPublished } } }'

    # when
    response = await api.post(query, token=token_for(jade, settings))

    # then
    assert response.data == {"product": {"name": "Volt Speaker", "channelListings": None}}
    assert response.error_codes == ["PermissionDenied"]


async def test_product_by_id_and_errors_for_missing_or_conflicting_arguments(api):
    # given
    channel = await make_channel()
    product = await make_gift(channel, "Tea Set", 1200)
    by_id = 'query($id: ID!) { product(id: $id, channel: "bank-a-mall") { slug } }'

    # when
    found = await api.ok(by_id, {"id": to_global_id("Product", product.id)})
    neither = await api.post('{ product(channel: "bank-a-mall") { slug } }')
    both = await api.post('{ product(id: "UHJvZHVjdDox", slug: "tea-set", channel: "bank-a-mall") { slug } }')
    wrong_type = await api.post(by_id, {"id": to_global_id("Category", product.id)})

    # then
    assert found == {"product": {"slug": "tea-set"}}
    assert neither.error_messages == ["At least one of arguments is required: 'id', 'slug', 'external_reference'."]
    assert both.error_messages == ["Argument 'id' cannot be combined with 'slug'"]
    assert wrong_type.error_messages == [
        f"Invalid ID: {to_global_id('Category', product.id)}. Expected: Product, received: Category."
    ]


async def test_unpublishing_hides_a_product_at_once(api):
    # given
    channel = await make_channel()
    product = await make_gift(channel, "Tea Set", 1200)
    await ProductChannelListing.filter(product_id=product.id).update(is_published=False)

    # when
    data = await api.ok(PRODUCT, {"slug": "tea-set", "channel": "bank-a-mall"})

    # then
    assert data == {"product": None}


async def test_node_resolves_catalogue_ids_with_the_same_rules(api):
    # given
    channel = await make_channel()
    visible = await make_gift(channel, "Tea Set", 1200)
    draft = await make_gift(channel, "Draft Kettle", 900, published=False)
    query = "query($id: ID!) { node(id: $id) { id ... on Product { name channel } } }"

    # when
    found = await api.ok(query, {"id": to_global_id("Product", visible.id)})
    hidden = await api.ok(query, {"id": to_global_id("Product", draft.id)})

    # then
    assert found == {"node": {"id": to_global_id("Product", visible.id), "name": "Tea Set", "channel": "bank-a-mall"}}
    assert hidden == {"node": None}
