"""Catalogue mutations through the API: the operator's and partners' flows, and every refusal."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest

from catalog.models import (
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ReviewStatus,
    Stock,
    Warehouse,
)
from catalog.services.images import DAMAGED
from mall.accounts.models import ScopeKind
from mall.graphql.ids import to_global_id
from tests.catalog.services.builders import active_partner
from tests.factories import make_channel, make_member, make_staff, token_for

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)

PRODUCT_CREATE = """
mutation($input: ProductCreateInput!) {
  productCreate(input: $input) { product { id name slug } errors { field code message } }
}
"""
LISTING_UPDATE = """
mutation($id: ID!, $input: ProductChannelListingUpdateInput!) {
  productChannelListingUpdate(id: $id, input: $input) { product { id } errors { field code message channels } }
}
"""
VARIANT_CREATE = """
mutation($input: ProductVariantCreateInput!) {
  productVariantCreate(input: $input) { productVariant { id sku } errors { field code message } }
}
"""
VARIANT_PRICES = """
mutation($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
  productVariantChannelListingUpdate(id: $id, input: $input) { variant { id } errors { field code message } }
}
"""
STOCKS_UPDATE = """
mutation($variantId: ID!, $stocks: [StockInput!]!) {
  productVariantStocksUpdate(variantId: $variantId, stocks: $stocks) {
    productVariant { id } errors { field code message index }
  }
}
"""
WAREHOUSE_CREATE = """
mutation($input: WarehouseCreateInput!) {
  warehouseCreate(input: $input) { warehouse { id name } errors { field code message } }
}
"""
SUBMIT = (
    "mutation($id: ID!) { productReviewSubmit(id: $id) { errors { code message } priceAlerts { pricePoints ratio } } }"
)
APPROVE = "mutation($id: ID!) { productReviewApprove(id: $id) { errors { code message } } }"
REJECT = (
    "mutation($id: ID!, $r: String!) { productReviewReject(id: $id, reason: $r) { errors { field code message } } }"
)


@pytest.fixture
async def world(settings):
    """A channel, a product type, two active partners and tokens for the operator and each partner."""
    channel = await make_channel()
    product_type = await ProductType.create(name="Gift", slug="gift")
    await active_partner("ACME")
    await active_partner("BETA")
    operator = await make_staff("ops@mall.example", ["MANAGE_PRODUCTS"])
    acme = await make_staff("acme@partner.example", ["MANAGE_PRODUCTS"], scope=(ScopeKind.PARTNER, "ACME"))
    beta = await make_staff("beta@partner.example", ["MANAGE_PRODUCTS"], scope=(ScopeKind.PARTNER, "BETA"))
    return {
        "channel": to_global_id("Channel", channel.id),
        "type": to_global_id("ProductType", product_type.id),
        "operator": token_for(operator, settings),
        "acme": token_for(acme, settings),
        "beta": token_for(beta, settings),
    }


async def create_gift(api, world, token, name="Acme Kettle"):
    data = await api.ok(PRODUCT_CREATE, {"input": {"name": name, "productType": world["type"]}}, token)
    assert data["productCreate"]["errors"] == []
    return data["productCreate"]["product"]["id"]


async def test_partner_lists_a_gift_the_operator_approves_and_it_is_published(api, world):
    # given: a partner lists a gift with a variant, a price and stock in its own warehouse
    product_id = await create_gift(api, world, world["acme"])
    variant = await api.ok(
        VARIANT_CREATE, {"input": {"product": product_id, "sku": "KETTLE-1", "attributes": []}}, world["acme"]
    )
    variant_id = variant["productVariantCreate"]["productVariant"]["id"]
    await api.ok(
        LISTING_UPDATE,
        {"id": product_id, "input": {"updateChannels": [{"channelId": world["channel"]}]}},
        world["acme"],
    )
    prices = await api.ok(
        VARIANT_PRICES,
        {
            "id": variant_id,
            "input": [{"channelId": world["channel"], "price": 12000, "costPrice": 80, "referencePrice": 99}],
        },
        world["acme"],
    )
    warehouse = await api.ok(
        WAREHOUSE_CREATE,
        {
            "input": {
                "name": "Acme DC",
                "address": {"streetAddress1": "1 Road", "city": "Shanghai", "country": "CN"},
                "channels": [world["channel"]],
            }
        },
        world["acme"],
    )
    warehouse_id = warehouse["warehouseCreate"]["warehouse"]["id"]
    stocked = await api.ok(
        STOCKS_UPDATE, {"variantId": variant_id, "stocks": [{"warehouse": warehouse_id, "quantity": 5}]}, world["acme"]
    )

    # when: it asks to publish before review, then goes through review
    too_early = await api.ok(
        LISTING_UPDATE,
        {"id": product_id, "input": {"updateChannels": [{"channelId": world["channel"], "isPublished": True}]}},
        world["acme"],
    )
    submitted = await api.ok(SUBMIT, {"id": product_id}, world["acme"])
    approved = await api.ok(APPROVE, {"id": product_id}, world["operator"])
    published = await api.ok(
        LISTING_UPDATE,
        {"id": product_id, "input": {"updateChannels": [{"channelId": world["channel"], "isPublished": True}]}},
        world["acme"],
    )

    # then
    assert prices["productVariantChannelListingUpdate"]["errors"] == []
    assert stocked["productVariantStocksUpdate"]["errors"] == []
    assert too_early["productChannelListingUpdate"]["errors"] == [
        {
            "field": "isPublished",
            "code": "LISTING_NOT_APPROVED",
            "channels": [world["channel"]],
            "message": "The operator has not approved this product yet, so it cannot be published.",
        }
    ]
    assert submitted["productReviewSubmit"] == {"errors": [], "priceAlerts": [{"pricePoints": 12000, "ratio": 1.212}]}
    assert approved["productReviewApprove"]["errors"] == []
    assert published["productChannelListingUpdate"]["errors"] == []
    product = await Product.get(slug="acme-kettle")
    assert (product.partner_code, product.review_status) == ("ACME", ReviewStatus.APPROVED)
    assert await ProductChannelListing.filter(product_id=product.id).values_list(
        "is_published", "min_price_points"
    ) == [(True, 12000)]
    assert await Stock.all().values_list("quantity", flat=True) == [5]
    assert await Warehouse.all().values_list("partner_code", flat=True) == ["ACME"]


async def test_another_partner_cannot_touch_the_gift_and_nothing_changes(api, world):
    # given
    product_id = await create_gift(api, world, world["acme"])

    # when
    update = await api.ok(
        'mutation($id: ID!) { productUpdate(id: $id, input: {name: "Stolen"}) { errors { field code } } }',
        {"id": product_id},
        world["beta"],
    )
    delete = await api.ok(
        "mutation($id: ID!) { productDelete(id: $id) { errors { field code } } }", {"id": product_id}, world["beta"]
    )

    # then
    assert update["productUpdate"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert delete["productDelete"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert await Product.all().values_list("name", flat=True) == ["Acme Kettle"]


async def test_a_partner_cannot_approve_or_create_categories(api, world):
    # given
    product_id = await create_gift(api, world, world["acme"])
    await api.ok(SUBMIT, {"id": product_id}, world["acme"])

    # when
    approve = await api.post(APPROVE, {"id": product_id}, world["acme"])
    category = await api.post(
        'mutation { categoryCreate(input: {name: "Tea"}) { errors { code } } }', token=world["acme"]
    )

    # then
    assert approve.error_messages == ["Only the mall operator can do this."]
    assert category.error_codes == ["PermissionDenied"]
    assert (await Product.get(slug="acme-kettle")).review_status == ReviewStatus.SUBMITTED


async def test_rejection_needs_a_reason(api, world):
    # given
    product_id = await create_gift(api, world, world["acme"])
    await api.ok(SUBMIT, {"id": product_id}, world["acme"])

    # when
    data = await api.ok(REJECT, {"id": product_id, "r": ""}, world["operator"])

    # then
    assert data["productReviewReject"]["errors"] == [
        {
            "field": "reason",
            "code": "REQUIRED",
            "message": "Say why the listing is rejected: the partner needs to know.",
        }
    ]
    assert (await Product.get(slug="acme-kettle")).review_status == ReviewStatus.SUBMITTED


async def test_members_and_staff_without_manage_products_are_refused(api, world, settings):
    # given
    member = await make_member(settings)
    clerk = await make_staff("clerk@mall.example", ["MANAGE_ORDERS"])

    # when
    as_member = await api.post(
        PRODUCT_CREATE, {"input": {"name": "x", "productType": world["type"]}}, token_for(member, settings)
    )
    as_clerk = await api.post(
        PRODUCT_CREATE, {"input": {"name": "x", "productType": world["type"]}}, token_for(clerk, settings)
    )

    # then
    assert as_member.error_messages == [
        "To access this path, you need one of the following permissions: MANAGE_PRODUCTS"
    ]
    assert as_clerk.error_codes == ["PermissionDenied"]
    assert await Product.all().count() == 0


async def test_bad_ids_and_duplicate_sku_are_payload_errors(api, world):
    # given
    product_id = await create_gift(api, world, world["operator"], "Tea Set")
    await api.ok(VARIANT_CREATE, {"input": {"product": product_id, "sku": "TEA", "attributes": []}}, world["operator"])

    # when
    duplicate = await api.ok(
        VARIANT_CREATE, {"input": {"product": product_id, "sku": "TEA", "attributes": []}}, world["operator"]
    )
    bad_type = await api.ok(PRODUCT_CREATE, {"input": {"name": "x", "productType": "bogus"}}, world["operator"])

    # then
    assert duplicate["productVariantCreate"]["errors"] == [
        {"field": "sku", "code": "UNIQUE", "message": "Product variant with this SKU already exists."}
    ]
    assert bad_type["productCreate"]["errors"] == [
        {"field": "productType", "code": "GRAPHQL_ERROR", "message": "Invalid ID: bogus. Expected: ProductType."}
    ]
    assert await ProductVariant.all().count() == 1


async def test_fractional_points_price_is_refused(api, world):
    # given
    product_id = await create_gift(api, world, world["operator"], "Tea Set")
    variant = await api.ok(
        VARIANT_CREATE, {"input": {"product": product_id, "sku": "TEA", "attributes": []}}, world["operator"]
    )
    await api.ok(
        LISTING_UPDATE,
        {"id": product_id, "input": {"updateChannels": [{"channelId": world["channel"]}]}},
        world["operator"],
    )

    # when
    data = await api.ok(
        VARIANT_PRICES,
        {
            "id": variant["productVariantCreate"]["productVariant"]["id"],
            "input": [{"channelId": world["channel"], "price": 99.5}],
        },
        world["operator"],
    )

    # then
    assert data["productVariantChannelListingUpdate"]["errors"] == [
        {"field": "price", "code": "INVALID_PRICE", "message": "Points prices are whole numbers."}
    ]


async def test_media_upload_through_multipart(http, world, settings):
    # given
    product_id = await create_gift_via_http(http, world)
    operations = {
        "query": "mutation($input: ProductMediaCreateInput!) { productMediaCreate(input: $input) "
        "{ media { alt url } errors { field code } } }",
        "variables": {"input": {"product": product_id, "alt": "Kettle", "image": None}},
    }

    # when
    reply = await http.post(
        "/graphql/",
        headers={"Authorization": f"Bearer {world['operator']}"},
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.input.image"]})},
        files={"0": ("kettle.png", PNG, "image/png")},
    )

    # then
    payload = reply.json()["data"]["productMediaCreate"]
    assert payload["errors"] == []
    assert payload["media"]["alt"] == "Kettle"
    key = payload["media"]["url"].split("/media/", 1)[1]
    assert (settings.storage_dir / key).read_bytes() == PNG


async def test_an_upload_that_only_starts_like_a_png_is_refused_and_nothing_is_stored(http, world, settings):
    # given
    product_id = await create_gift_via_http(http, world)
    operations = {
        "query": "mutation($input: ProductMediaCreateInput!) { productMediaCreate(input: $input) "
        "{ media { url } errors { field code message } } }",
        "variables": {"input": {"product": product_id, "alt": "Kettle", "image": None}},
    }
    files_before = {path for path in settings.storage_dir.rglob("*") if path.is_file()}

    # when
    reply = await http.post(
        "/graphql/",
        headers={"Authorization": f"Bearer {world['operator']}"},
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.input.image"]})},
        files={"0": ("kettle.png", PNG[:8] + b"<script>alert(1)</script>" * 20, "image/png")},
    )

    # then
    assert reply.json()["data"]["productMediaCreate"] == {"media": None, "errors": [
        {"field": "image", "code": "INVALID", "message": DAMAGED}
    ]}
    assert await ProductMedia.all().count() == 0
    assert {path for path in settings.storage_dir.rglob("*") if path.is_file()} == files_before


async def create_gift_via_http(http, world):
    reply = await http.post(
        "/graphql/",
        json={"query": PRODUCT_CREATE, "variables": {"input": {"name": "Kettle", "productType": world["type"]}}},
        headers={"Authorization": f"Bearer {world['operator']}"},
    )
    return reply.json()["data"]["productCreate"]["product"]["id"]


VARIANT_UPDATE = """
mutation($id: ID!, $input: ProductVariantInput!) {
  productVariantUpdate(id: $id, input: $input) { productVariant { restockExpectedOn } errors { field code message } }
}
"""


async def test_a_partner_says_when_a_sold_out_gift_comes_back(api, world):
    # given
    product_id = await create_gift(api, world, world["acme"])
    created = await api.ok(VARIANT_CREATE, {"input": {"product": product_id, "sku": "KETTLE-1"}}, world["acme"])
    variant_id = created["productVariantCreate"]["productVariant"]["id"]
    back_on = (datetime.now(UTC).date() + timedelta(days=14)).isoformat()

    # when
    updated = await api.ok(VARIANT_UPDATE, {"id": variant_id, "input": {"restockExpectedOn": back_on}}, world["acme"])

    # then
    assert updated["productVariantUpdate"] == {"productVariant": {"restockExpectedOn": back_on}, "errors": []}
    assert (await ProductVariant.get(sku="KETTLE-1")).restock_expected_on.isoformat() == back_on


async def test_a_restock_date_in_the_past_is_refused_and_nothing_changes(api, world):
    # given
    product_id = await create_gift(api, world, world["acme"])
    created = await api.ok(VARIANT_CREATE, {"input": {"product": product_id, "sku": "KETTLE-1"}}, world["acme"])
    variant_id = created["productVariantCreate"]["productVariant"]["id"]
    yesterday = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()

    # when
    refused = await api.ok(VARIANT_UPDATE, {"id": variant_id, "input": {"restockExpectedOn": yesterday,
                                                                        "name": "Renamed"}}, world["acme"])

    # then
    assert refused["productVariantUpdate"]["errors"] == [
        {"field": "restockExpectedOn", "code": "INVALID", "message": "The restock date can't be in the past."}
    ]
    stored = await ProductVariant.get(sku="KETTLE-1")
    assert (stored.restock_expected_on, stored.name) == (None, "")
