"""The Dashboard's product list (its datagrid's query with filters, sorts and attribute columns) and the
product page's bulk and ordering mutations, as the operator and as a partner's staff."""

from __future__ import annotations

from catalog.models import Product, ProductMedia, ProductVariant, ProductVariantChannelListing, Stock
from mall.graphql.ids import to_global_id
from tests.catalog.factories import add_media, make_gift
from tests.catalog.graphql.admin.conftest import BackOffice

PRODUCT_LIST = """
query ProductList($first: Int, $after: String, $last: Int, $before: String, $filter: ProductFilterInput,
                  $search: String, $where: ProductWhereInput, $channel: String, $sort: ProductOrder,
                  $hasChannel: Boolean!, $includeCategories: Boolean!, $includeCollections: Boolean!) {
  products(before: $before, after: $after, first: $first, last: $last, filter: $filter, search: $search,
           where: $where, sortBy: $sort, channel: $channel) {
    edges { node { ...ProductWithChannelListings updatedAt created description
                   attributes { ...ProductListAttribute } } }
    pageInfo { hasPreviousPage hasNextPage startCursor endCursor }
    totalCount
  }
}
fragment AttributeValue on AttributeValue {
  id name slug file { ...File } reference boolean date dateTime value
}
fragment ChannelListingProductWithoutPricing on ProductChannelListing {
  id isPublished publishedAt isAvailableForPurchase availableForPurchaseAt visibleInListings
  channel { id name slug currencyCode isActive }
}
fragment File on File { url contentType }
fragment Money on Money { amount currency }
fragment PriceRange on TaxedMoneyRange { start { net { ...Money } } stop { net { ...Money } } }
fragment ProductListAttribute on SelectedAttribute { attribute { id } values { ...AttributeValue } }
fragment ProductWithChannelListings on Product {
  id name thumbnail(size: 1024) { url } productType { id name hasVariants }
  category @include(if: $includeCategories) { id name }
  collections @include(if: $includeCollections) { id name }
  channelListings {
    ...ChannelListingProductWithoutPricing
    pricing @include(if: $hasChannel) { priceRange { ...PriceRange } }
  }
}
"""
GRID_ATTRIBUTES = """
query GridAttributes($ids: [ID!]!, $hasAttributes: Boolean!) {
  grid: attributes(first: 25, filter: {ids: $ids}) @include(if: $hasAttributes) { edges { node { id name } } }
}
"""
PRODUCT_BULK_DELETE = """
mutation productBulkDelete($ids: [ID!]!) { productBulkDelete(ids: $ids) { errors { ...ProductError } } }
fragment ProductError on ProductError { code field message }
"""
VARIANT_BULK_DELETE = """
mutation ProductVariantBulkDelete($ids: [ID!]!) {
  productVariantBulkDelete(ids: $ids) { errors { ...ProductVariantBulkDeleteError } }
}
fragment ProductVariantBulkDeleteError on ProductError { code field message }
"""
VARIANT_REORDER = """
mutation ProductVariantReorder($move: ReorderInput!, $productId: ID!) {
  productVariantReorder(moves: [$move], productId: $productId) { errors { ...ProductError } }
}
fragment ProductError on ProductError { code field message }
"""
VARIANT_SET_DEFAULT = """
mutation ProductVariantSetDefault($productId: ID!, $variantId: ID!) {
  productVariantSetDefault(productId: $productId, variantId: $variantId) {
    errors { ...ProductError }
    product { id defaultVariant { id name } }
  }
}
fragment ProductError on ProductError { code field message }
"""
MEDIA_REORDER = """
mutation ProductMediaReorder($productId: ID!, $mediaIds: [ID!]!) {
  productMediaReorder(productId: $productId, mediaIds: $mediaIds) {
    errors { ...ProductError }
    product { id media { ...ProductMedia } }
  }
}
fragment ProductError on ProductError { code field message }
fragment ProductMedia on ProductMedia { id alt sortOrder url(size: 1024) type oembedData }
"""
MEDIA_UPDATE = """
mutation ProductMediaUpdate($id: ID!, $alt: String!) {
  productMediaUpdate(id: $id, input: {alt: $alt}) {
    errors { ...ProductError }
    product { id media { ...ProductMedia } }
  }
}
fragment ProductError on ProductError { code field message }
fragment ProductMedia on ProductMedia { id alt sortOrder url(size: 1024) type oembedData }
"""
MEDIA_BULK_DELETE = """
mutation ProductMediaBulkDelete($ids: [ID!]!) { productMediaBulkDelete(ids: $ids) { errors { ...ProductError } } }
fragment ProductError on ProductError { code field message }
"""
VARIANT_MEDIA_ASSIGN = """
mutation VariantMediaAssign($variantId: ID!, $mediaId: ID!) {
  variantMediaAssign(variantId: $variantId, mediaId: $mediaId) {
    errors { ...ProductError }
    productVariant { id }
  }
}
fragment ProductError on ProductError { code field message }
"""
# What the datagrid sends for its first page: the channel picked in the list's settings, sorted by name
FIRST_PAGE = {"first": 20, "channel": "bank-a-mall", "hasChannel": True, "includeCategories": True,
              "includeCollections": True, "sort": {"direction": "ASC", "field": "NAME"}, "where": {}, "search": ""}


def names(data: dict) -> list[str]:
    return [edge["node"]["name"] for edge in data["products"]["edges"]]


async def test_the_operator_lists_every_gift_with_its_channel_and_price(api, back_office: BackOffice):
    # given: an unpublished gift of the operator's own
    await make_gift(back_office.channel, "Mall Mug", 300, published=False)

    # when
    data = await api.ok(PRODUCT_LIST, FIRST_PAGE, back_office.operator)

    # then
    assert names(data) == ["Acme Kettle", "Beta Scarf", "Mall Mug"]
    kettle = data["products"]["edges"][0]["node"]
    assert kettle["category"]["name"] == "Kitchen"
    assert kettle["attributes"] == []
    assert kettle["channelListings"][0]["channel"]["slug"] == "bank-a-mall"
    assert kettle["channelListings"][0]["pricing"]["priceRange"] == {
        "start": {"net": {"amount": 1200.0, "currency": "PTS"}}, "stop": {"net": {"amount": 1500.0, "currency": "PTS"}}
    }
    assert data["products"]["totalCount"] == 3


async def test_a_partner_lists_only_its_own_gifts_without_permission_errors(api, back_office: BackOffice):
    # when
    response = await api.post(PRODUCT_LIST, FIRST_PAGE, back_office.acme)

    # then
    assert response.errors == []
    assert names(response.data) == ["Acme Kettle"]
    assert response.data["products"]["totalCount"] == 1


async def test_the_list_filters_searches_and_sorts_as_the_datagrid_asks(api, back_office: BackOffice):
    # when
    by_price = await api.ok(PRODUCT_LIST, FIRST_PAGE | {"sort": {"direction": "DESC", "field": "PRICE"}},
                            back_office.operator)
    searched = await api.ok(PRODUCT_LIST, FIRST_PAGE | {"search": "scarf"}, back_office.operator)
    in_category = await api.ok(PRODUCT_LIST, FIRST_PAGE | {"where": {"category": {
        "oneOf": [back_office.gid(await back_office.acme_gift.category)]}}}, back_office.operator)
    attribute_columns = await api.ok(GRID_ATTRIBUTES, {"ids": [], "hasAttributes": True}, back_office.operator)

    # then
    assert names(by_price) == ["Acme Kettle", "Beta Scarf"]
    assert names(searched) == ["Beta Scarf"]
    assert names(in_category) == ["Acme Kettle"]
    assert attribute_columns == {"grid": {"edges": []}}


async def test_bulk_delete_deletes_a_partners_own_gifts(api, back_office: BackOffice):
    # given
    mug = await make_gift(back_office.channel, "Acme Mug", 300, partner_code="ACME")

    # when
    data = await api.ok(PRODUCT_BULK_DELETE, {"ids": [back_office.gid(mug), back_office.gid(back_office.acme_gift)]},
                        back_office.acme)

    # then
    assert data == {"productBulkDelete": {"errors": []}}
    assert await Product.filter(partner_code="ACME").count() == 0


async def test_bulk_delete_with_another_partners_gift_deletes_nothing(api, back_office: BackOffice):
    # when
    data = await api.ok(PRODUCT_BULK_DELETE, {"ids": [back_office.gid(back_office.acme_gift),
                                                      back_office.gid(back_office.beta_gift)]}, back_office.acme)

    # then
    assert data["productBulkDelete"]["errors"][0]["code"] == "NOT_FOUND"
    assert await Product.all().count() == 2


async def test_a_variant_moves_down_and_another_becomes_the_default(api, back_office: BackOffice):
    # given
    small, large = back_office.acme_sizes
    kettle = back_office.gid(back_office.acme_gift)

    # when
    moved = await api.ok(VARIANT_REORDER, {"productId": kettle, "move": {"id": back_office.gid(small),
                                                                        "sortOrder": 1}}, back_office.acme)
    order = [variant.id async for variant in ProductVariant.filter(product_id=back_office.acme_gift.id).order_by(
        "sort_order")]
    back = await api.ok(VARIANT_SET_DEFAULT, {"productId": kettle, "variantId": back_office.gid(small)},
                        back_office.acme)

    # then
    assert moved == {"productVariantReorder": {"errors": []}}
    assert order == [large.id, small.id]
    assert back["productVariantSetDefault"] == {"errors": [], "product": {
        "id": kettle, "defaultVariant": {"id": back_office.gid(small), "name": ""}}}


async def test_another_partners_variants_cannot_be_reordered_or_deleted(api, back_office: BackOffice):
    # given
    small = back_office.acme_sizes[0]

    # when
    reorder = await api.ok(VARIANT_REORDER, {"productId": back_office.gid(back_office.acme_gift),
                                             "move": {"id": back_office.gid(small), "sortOrder": 1}}, back_office.beta)
    delete = await api.ok(VARIANT_BULK_DELETE, {"ids": [back_office.gid(small)]}, back_office.beta)

    # then
    assert reorder["productVariantReorder"]["errors"][0]["code"] == "NOT_FOUND"
    assert delete["productVariantBulkDelete"]["errors"][0]["code"] == "NOT_FOUND"
    assert await ProductVariant.filter(product_id=back_office.acme_gift.id).count() == 2


async def test_media_reorder_update_and_bulk_delete(api, back_office: BackOffice):
    # given
    front = await add_media(back_office.acme_gift, "products/front.png", alt="Front", sort_order=0)
    side = await add_media(back_office.acme_gift, "products/side.png", alt="Side", sort_order=1)
    kettle = back_office.gid(back_office.acme_gift)

    # when
    reordered = await api.ok(MEDIA_REORDER, {"productId": kettle, "mediaIds": [back_office.gid(side),
                                                                                back_office.gid(front)]},
                             back_office.acme)
    renamed = await api.ok(MEDIA_UPDATE, {"id": back_office.gid(side), "alt": "Side view"}, back_office.acme)
    deleted = await api.ok(MEDIA_BULK_DELETE, {"ids": [back_office.gid(front)]}, back_office.acme)

    # then
    assert [(m["alt"], m["sortOrder"]) for m in reordered["productMediaReorder"]["product"]["media"]] == [
        ("Side", 0), ("Front", 1)]
    assert renamed["productMediaUpdate"]["product"]["media"][0]["alt"] == "Side view"
    assert deleted == {"productMediaBulkDelete": {"errors": []}}
    assert [media.alt async for media in ProductMedia.filter(product_id=back_office.acme_gift.id)] == ["Side view"]


async def test_media_are_not_assigned_per_variant(api, back_office: BackOffice):
    # given
    front = await add_media(back_office.acme_gift, "products/front.png", alt="Front")

    # when
    data = await api.ok(VARIANT_MEDIA_ASSIGN, {"variantId": back_office.gid(back_office.acme_sizes[0]),
                                               "mediaId": back_office.gid(front)}, back_office.acme)

    # then
    assert data == {"variantMediaAssign": {"errors": [{
        "code": "INVALID", "field": "mediaId",
        "message": "The points mall shows a gift's media on every variant; media are not assigned per variant.",
    }], "productVariant": None}}


VARIANT_BULK_ERROR = """
fragment ProductVariantBulkError on ProductVariantBulkError {
  field code message attributes values warehouses channels
}
"""
VARIANT_BULK_CREATE = """
mutation ProductVariantBulkCreate($id: ID!, $inputs: [ProductVariantBulkCreateInput!]!, $errorPolicy: ErrorPolicyEnum) {
  productVariantBulkCreate(product: $id, variants: $inputs, errorPolicy: $errorPolicy) {
    errors { ...BulkProductError }
    results { errors { ...ProductVariantBulkError } productVariant { id name } }
    productVariants { id name }
  }
}
fragment BulkProductError on BulkProductError { field code index channels message }
""" + VARIANT_BULK_ERROR
VARIANT_BULK_UPDATE = """
mutation ProductVariantBulkUpdate($product: ID!, $input: [ProductVariantBulkUpdateInput!]!,
                                  $errorPolicy: ErrorPolicyEnum) {
  productVariantBulkUpdate(errorPolicy: $errorPolicy, product: $product, variants: $input) {
    errors { ...ProductVariantBulkError }
    results { errors { ...ProductVariantBulkError } }
  }
}
""" + VARIANT_BULK_ERROR
STOCKS_AND_PRICES = """
query($id: ID!) { product(id: $id) { variants { name sku stocks { warehouse { name } quantity }
  channelListings { price { amount } } } } }
"""


async def test_the_variants_grid_creates_variants_with_stock_and_prices(api, back_office: BackOffice):
    # given: the grid's new row, as the Dashboard sends it
    row = {"name": "Travel", "sku": "SKU-ACME-KETTLE-T", "attributes": [], "trackInventory": True,
           "stocks": [{"warehouse": back_office.gid(back_office.acme_warehouse), "quantity": 7}],
           "channelListings": [{"channelId": back_office.gid(back_office.channel), "price": 900}]}

    # when
    data = await api.ok(VARIANT_BULK_CREATE, {"id": back_office.gid(back_office.acme_gift), "inputs": [row],
                                              "errorPolicy": "REJECT_FAILED_ROWS"}, back_office.acme)
    shown = await api.ok(STOCKS_AND_PRICES, {"id": back_office.gid(back_office.acme_gift)}, back_office.acme)

    # then
    created = data["productVariantBulkCreate"]
    assert created["errors"] == []
    assert [variant["name"] for variant in created["productVariants"]] == ["Travel"]
    travel = next(v for v in shown["product"]["variants"] if v["sku"] == "SKU-ACME-KETTLE-T")
    assert travel["stocks"] == [{"warehouse": {"name": "Acme Dc"}, "quantity": 7}]
    assert travel["channelListings"] == [{"price": {"amount": 900.0}}]


async def test_one_refused_row_refuses_the_whole_grid_by_default(api, back_office: BackOffice):
    # given: the second row takes a SKU the kettle already has
    rows = [{"name": "Travel", "sku": "SKU-ACME-KETTLE-T", "attributes": []},
            {"name": "Copy", "sku": "SKU-ACME-KETTLE-L", "attributes": []}]

    # when
    data = await api.ok(VARIANT_BULK_CREATE, {"id": back_office.gid(back_office.acme_gift), "inputs": rows},
                        back_office.acme)

    # then
    assert data["productVariantBulkCreate"]["errors"][0]["code"] == "UNIQUE"
    assert data["productVariantBulkCreate"]["errors"][0]["index"] == 1
    assert await ProductVariant.filter(product_id=back_office.acme_gift.id).count() == 2


async def test_rejecting_failed_rows_keeps_the_good_ones(api, back_office: BackOffice):
    # given
    rows = [{"name": "Travel", "sku": "SKU-ACME-KETTLE-T", "attributes": []},
            {"name": "Copy", "sku": "SKU-ACME-KETTLE-L", "attributes": []}]

    # when
    data = await api.ok(VARIANT_BULK_CREATE, {"id": back_office.gid(back_office.acme_gift), "inputs": rows,
                                              "errorPolicy": "REJECT_FAILED_ROWS"}, back_office.acme)

    # then
    results = data["productVariantBulkCreate"]["results"]
    assert results[0]["productVariant"]["name"] == "Travel"
    assert results[1]["productVariant"] is None
    assert results[1]["errors"][0]["code"] == "UNIQUE"
    assert await ProductVariant.filter(product_id=back_office.acme_gift.id).count() == 3


async def test_the_grid_updates_names_stock_and_prices(api, back_office: BackOffice):
    # given
    small = back_office.acme_sizes[0]
    stock_row = await Stock.get(variant_id=small.id)
    listing = await ProductVariantChannelListing.get(variant_id=small.id)
    row = {"id": back_office.gid(small), "name": "Small", "attributes": [],
           "stocks": {"update": [{"stock": to_global_id("Stock", stock_row.id), "quantity": 3}]},
           "channelListings": {"update": [{"channelListing": to_global_id("ProductVariantChannelListing", listing.id),
                                           "price": 1100}]}}

    # when
    data = await api.ok(VARIANT_BULK_UPDATE, {"product": back_office.gid(back_office.acme_gift), "input": [row]},
                        back_office.acme)

    # then
    assert data == {"productVariantBulkUpdate": {"errors": [], "results": [{"errors": []}]}}
    assert (await ProductVariant.get(id=small.id)).name == "Small"
    assert (await Stock.get(id=stock_row.id)).quantity == 3
    assert (await ProductVariantChannelListing.get(id=listing.id)).price_points == 1100


async def test_another_partners_grid_is_not_there(api, back_office: BackOffice):
    # when
    data = await api.ok(VARIANT_BULK_UPDATE, {"product": back_office.gid(back_office.acme_gift), "input": [
        {"id": back_office.gid(back_office.acme_sizes[0]), "name": "Hijacked"}]}, back_office.beta)

    # then
    assert data["productVariantBulkUpdate"]["errors"][0]["code"] == "NOT_FOUND"
    assert (await ProductVariant.get(id=back_office.acme_sizes[0].id)).name == ""
