"""Every way a cart refuses a change: Saleor's codes, the IDs at fault, and nothing changed."""

from __future__ import annotations

import uuid

from catalog.models import Stock
from catalog.services.listings import ProductListingChange, update_product_listings
from catalog.services.stock import StockLevel, set_stock_levels
from mall.graphql.ids import parse_global_id, to_global_id
from orders.models import Checkout, CheckoutLine, ShippingMethod
from tests.catalog.services.builders import OPERATOR
from tests.factories import make_channel
from tests.orders.graphql.helpers import (
    ADD_LINE,
    ADDRESS_INPUT,
    CREATE,
    DELETE_LINES,
    DELIVERY_METHOD,
    SHIPPING_ADDRESS,
    UPDATE_LINES,
    shopper,
    snapshot,
    variant_id,
)

PROMO = """
mutation Promo($id: ID!, $code: String!) {
  checkoutAddPromoCode(id: $id, promoCode: $code) { checkout { id } errors { field code message } }
}
"""


def refusal(payload: dict) -> list[tuple]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


async def lines_of(checkout_id: str) -> list[tuple[int, int]]:
    token = uuid.UUID(parse_global_id(checkout_id, "Checkout"))
    return list(await CheckoutLine.filter(checkout_id=token).values_list("variant_id", "quantity"))


async def test_an_unknown_channel_creates_no_checkout(api, settings):
    # given
    member = await shopper(api, settings)

    # when
    answer = await member.call(CREATE, channel="no-such-mall", lines=[])

    # then
    assert answer["checkoutCreate"]["checkout"] is None
    assert answer["checkoutCreate"]["errors"] == [{
        "field": "channel", "code": "NOT_FOUND", "message": "Channel with 'no-such-mall' slug does not exist.",
        "variants": None, "lines": None, "addressType": None,
    }]
    assert await Checkout.all().count() == 0


async def test_an_inactive_channel_creates_no_checkout(api, settings):
    # given
    member = await shopper(api, settings)
    await make_channel("closed-mall", issuer_code="BANKC", is_active=False)

    # when
    answer = await member.call(CREATE, channel="closed-mall", lines=[])

    # then
    assert refusal(answer["checkoutCreate"]) == [("channel", "CHANNEL_INACTIVE")]
    assert await Checkout.all().count() == 0


async def test_an_unpublished_gift_is_refused_with_its_variant(api, settings):
    # given
    member = await shopper(api, settings)
    world = member.world
    product = await world.item.product
    await update_product_listings(OPERATOR, product, [ProductListingChange(world.channel.id, is_published=False)], [])
    checkout_id = await member.create(quantity=0)
    before = await snapshot(world)

    # when
    answer = await member.call(ADD_LINE, id=checkout_id, productVariantId=variant_id(world), quantity=1)

    # then
    payload = answer["checkoutLinesAdd"]
    assert (payload["checkout"], refusal(payload)) == (None, [("lines", "PRODUCT_NOT_PUBLISHED")])
    assert payload["errors"][0]["variants"] == [variant_id(world)]
    assert await lines_of(checkout_id) == []
    assert await snapshot(world) == before


async def test_a_gift_without_a_price_in_the_channel_is_unavailable_there(api, settings):
    # given
    member = await shopper(api, settings)
    other = await make_channel("bank-b-mall", issuer_code="BANKB")

    # when
    answer = await member.call(
        CREATE, channel=other.slug, lines=[{"quantity": 1, "variantId": variant_id(member.world)}]
    )

    # then
    payload = answer["checkoutCreate"]
    assert refusal(payload) == [("lines", "UNAVAILABLE_VARIANT_IN_CHANNEL")]
    assert payload["errors"][0]["variants"] == [variant_id(member.world)]
    assert await Checkout.all().count() == 0


async def test_the_per_member_limit_counts_earlier_orders(api, settings):
    # given
    member = await shopper(api, settings, limit=1)
    await member.placed_order(quantity=1)
    checkout_id = await member.create(quantity=0)
    before = await snapshot(member.world)

    # when
    answer = await member.call(ADD_LINE, id=checkout_id, productVariantId=variant_id(member.world), quantity=1)

    # then
    payload = answer["checkoutLinesAdd"]
    assert refusal(payload) == [("quantity", "QUANTITY_GREATER_THAN_LIMIT")]
    assert payload["errors"][0]["message"] == "Cannot add more than 1 times this item: TEA-1."
    assert await lines_of(checkout_id) == []
    assert await snapshot(member.world) == before


async def test_more_than_the_stock_is_refused(api, settings):
    # given
    member = await shopper(api, settings, stock=2)
    checkout_id = await member.create(quantity=1)

    # when
    answer = await member.call(ADD_LINE, id=checkout_id, productVariantId=variant_id(member.world), quantity=2)

    # then
    payload = answer["checkoutLinesAdd"]
    assert refusal(payload) == [("quantity", "INSUFFICIENT_STOCK")]
    assert payload["errors"][0]["variants"] == [variant_id(member.world)]
    assert payload["errors"][0]["message"] == "Could not add items TEA-1. Only 2 remaining in stock."
    assert await lines_of(checkout_id) == [(member.world.item.id, 1)]


async def test_malformed_foreign_and_unknown_ids_are_refused(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.create(quantity=1)
    product_id = to_global_id("Product", member.world.item.product_id)
    unknown_variant = to_global_id("ProductVariant", 999_999)
    unknown_checkout = to_global_id("Checkout", uuid.uuid4())

    # when
    malformed = await member.call(ADD_LINE, id=checkout_id, productVariantId="not-an-id", quantity=1)
    foreign = await member.call(ADD_LINE, id=checkout_id, productVariantId=product_id, quantity=1)
    unknown = await member.call(ADD_LINE, id=checkout_id, productVariantId=unknown_variant, quantity=1)
    gift = variant_id(member.world)
    no_checkout = await member.call(ADD_LINE, id=unknown_checkout, productVariantId=gift, quantity=1)
    bad_checkout = await member.call(ADD_LINE, id=product_id, productVariantId=gift, quantity=1)

    # then
    assert refusal(malformed["checkoutLinesAdd"]) == [("variantId", "GRAPHQL_ERROR")]
    assert foreign["checkoutLinesAdd"]["errors"][0]["message"] == (
        f"Invalid ID: {product_id}. Expected: ProductVariant, received: Product."
    )
    assert refusal(unknown["checkoutLinesAdd"]) == [("lines", "NOT_FOUND")]
    assert refusal(no_checkout["checkoutLinesAdd"]) == [("id", "NOT_FOUND")]
    assert refusal(bad_checkout["checkoutLinesAdd"]) == [("id", "GRAPHQL_ERROR")]
    assert await lines_of(checkout_id) == [(member.world.item.id, 1)]


async def test_quantity_zero_removes_a_line_and_a_negative_one_is_refused(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.create(quantity=2)
    line_id = (await member.call(UPDATE_LINES, checkoutId=checkout_id, lines=[]))[
        "checkoutLinesUpdate"]["checkout"]["lines"][0]["id"]

    # when
    negative = await member.call(UPDATE_LINES, checkoutId=checkout_id, lines=[{"lineId": line_id, "quantity": -1}])
    after_negative = await lines_of(checkout_id)
    zero = await member.call(UPDATE_LINES, checkoutId=checkout_id, lines=[{"lineId": line_id, "quantity": 0}])

    # then
    assert refusal(negative["checkoutLinesUpdate"]) == [("quantity", "ZERO_QUANTITY")]
    assert after_negative == [(member.world.item.id, 2)]
    assert zero["checkoutLinesUpdate"]["errors"] == []
    assert zero["checkoutLinesUpdate"]["checkout"]["lines"] == []
    assert zero["checkoutLinesUpdate"]["checkout"]["totalPrice"]["gross"] == {"amount": 0.0, "currency": "PTS"}


async def test_deleting_lines_by_id(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.create(quantity=1)
    line_id = (await member.call(UPDATE_LINES, checkoutId=checkout_id, lines=[]))[
        "checkoutLinesUpdate"]["checkout"]["lines"][0]["id"]
    unknown_line = to_global_id("CheckoutLine", uuid.uuid4())

    # when
    unknown = await member.call(DELETE_LINES, checkoutId=checkout_id, lineIds=[unknown_line])
    deleted = await member.call(DELETE_LINES, checkoutId=checkout_id, lineIds=[line_id])

    # then
    assert refusal(unknown["checkoutLinesDelete"]) == [("lineId", "NOT_FOUND")]
    assert deleted["checkoutLinesDelete"] == {
        "checkout": {"id": checkout_id, "lines": [], "channel": {"slug": member.world.channel.slug}}, "errors": [],
    }


async def test_custom_prices_are_refused(api, settings):
    # given
    member = await shopper(api, settings)
    lines = [{"quantity": 1, "variantId": variant_id(member.world), "price": 1}]

    # when
    answer = await member.call(CREATE, channel=member.world.channel.slug, lines=lines)

    # then
    assert refusal(answer["checkoutCreate"]) == [("price", "INVALID")]
    assert await Checkout.all().count() == 0


async def test_an_incomplete_address_names_each_missing_field_and_the_address_type(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.create(quantity=1)

    # when
    answer = await member.call(
        SHIPPING_ADDRESS, id=checkout_id, address={**ADDRESS_INPUT, "city": "", "postalCode": "12"}
    )

    # then
    errors = answer["checkoutShippingAddressUpdate"]["errors"]
    assert [(e["field"], e["code"], e["addressType"]) for e in errors] == [
        ("city", "REQUIRED", "SHIPPING"), ("postalCode", "INVALID", "SHIPPING"),
    ]
    assert await Checkout.filter(shipping_address_id__isnull=False).count() == 0


async def test_a_delivery_method_must_be_the_channels_own_and_delivered(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.create(quantity=1)
    elsewhere = await ShippingMethod.create(channel=await make_channel("bank-b-mall", issuer_code="BANKB"), name="B")
    warehouse = to_global_id("Warehouse", uuid.uuid4())

    # when
    foreign = await member.call(DELIVERY_METHOD, id=checkout_id, method=to_global_id("ShippingMethod", elsewhere.id))
    pickup = await member.call(DELIVERY_METHOD, id=checkout_id, method=warehouse)

    # then
    assert refusal(foreign["checkoutDeliveryMethodUpdate"]) == [("deliveryMethodId", "DELIVERY_METHOD_NOT_APPLICABLE")]
    assert refusal(pickup["checkoutDeliveryMethodUpdate"]) == [("deliveryMethodId", "DELIVERY_METHOD_NOT_APPLICABLE")]
    assert await Checkout.filter(shipping_method_id__isnull=False).count() == 0


async def test_a_code_no_voucher_has_is_refused_cleanly(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.create(quantity=1)

    # when
    answer = await member.call(PROMO, id=checkout_id, code="WELCOME10")

    # then
    assert answer["checkoutAddPromoCode"] == {
        "checkout": None, "errors": [{"field": "promoCode", "code": "INVALID", "message": "Promo code is invalid"}],
    }


async def test_stock_that_ran_out_shows_as_a_problem_of_the_line(api, settings):
    # given
    member = await shopper(api, settings, stock=3)
    checkout_id = await member.create(quantity=2)
    depot = (await Stock.get(variant_id=member.world.item.id)).warehouse_id  # type: ignore[attr-defined]
    await set_stock_levels(OPERATOR, member.world.item, [StockLevel(str(depot), 1)])

    # when
    answer = await member.call(
        "query($id: ID!) { checkout(id: $id) { problems { __typename "
        "... on CheckoutLineProblemInsufficientStock { availableQuantity line { quantity } variant { id } } } "
        "lines { problems { __typename } } } }",
        id=checkout_id,
    )

    # then
    assert answer["checkout"]["problems"] == [{
        "__typename": "CheckoutLineProblemInsufficientStock", "availableQuantity": 1, "line": {"quantity": 2},
        "variant": {"id": variant_id(member.world)},
    }]
    assert answer["checkout"]["lines"] == [{"problems": [{"__typename": "CheckoutLineProblemInsufficientStock"}]}]
