"""The whole storefront redemption through HTTP: cart, address, delivery, pay with points, complete, read."""

from __future__ import annotations

from catalog.models import Stock
from mall.graphql.ids import to_global_id
from orders.models import Order
from tests.orders.graphql.helpers import (
    ADD_LINE,
    ADDRESS_INPUT,
    CHECKOUT,
    DELIVERY_METHOD,
    DELIVERY_OPTIONS,
    MY_ORDERS,
    ORDER,
    SHIPPING_ADDRESS,
    shopper,
    variant_id,
)
from tests.orders.services.world import GIFT_POINTS, available


def pts(amount: int) -> dict:
    return {"amount": float(amount), "currency": "PTS"}


async def test_a_member_redeems_points_for_a_gift_and_reads_the_order(api, settings):
    # given
    member = await shopper(api, settings, stock=5, points=10_000)
    world = member.world

    # when: the storefront's steps, one request each
    checkout_id = await member.create(quantity=0)
    added = await member.call(ADD_LINE, id=checkout_id, productVariantId=variant_id(world), quantity=2)
    addressed = await member.call(SHIPPING_ADDRESS, id=checkout_id, address=ADDRESS_INPUT)
    options = await member.call(DELIVERY_OPTIONS, id=checkout_id)
    delivery_id = options["deliveryOptionsCalculate"]["deliveries"][0]["id"]
    delivered = await member.call(DELIVERY_METHOD, id=checkout_id, method=delivery_id)
    paid = await member.pay(checkout_id)
    before_completion = (await member.call(CHECKOUT, id=checkout_id))["checkout"]
    completed = await member.complete(checkout_id)
    order_id = completed["order"]["id"]
    by_id = (await member.call(ORDER, id=order_id))["order"]
    mine = (await member.call(MY_ORDERS, first=10))["me"]["orders"]

    # then
    cart = added["checkoutLinesAdd"]
    assert cart["errors"] == []
    assert [(line["quantity"], line["variant"]["name"]) for line in cart["checkout"]["lines"]] == [(2, "Standard")]
    assert cart["checkout"]["totalPrice"]["gross"] == pts(2 * GIFT_POINTS)
    assert addressed["checkoutShippingAddressUpdate"]["checkout"]["shippingAddress"] == {
        "firstName": "Mei", "city": "Shanghai", "postalCode": "200120", "country": {"code": "CN"}
    }
    assert options["deliveryOptionsCalculate"]["deliveries"] == [{
        "id": to_global_id("CheckoutDelivery", world.shipping.id),
        "shippingMethod": {
            "id": to_global_id("ShippingMethod", world.shipping.id), "name": "Standard", "price": pts(0),
            "minimumDeliveryDays": None, "maximumDeliveryDays": None,
        },
    }]
    assert delivered["checkoutDeliveryMethodUpdate"]["checkout"]["delivery"]["shippingMethod"]["name"] == "Standard"
    assert paid["errors"] == []
    assert paid["transaction"]["authorizedAmount"] == pts(2 * GIFT_POINTS)
    assert paid["transactionEvent"] == {"type": "AUTHORIZATION_SUCCESS", "amount": pts(2 * GIFT_POINTS)}
    assert (before_completion["authorizeStatus"], before_completion["chargeStatus"]) == ("FULL", "NONE")
    assert completed["errors"] == []
    number = str((await Order.get()).number)  # PostgreSQL sequences do not restart between tests
    assert completed["order"] == {
        "id": order_id, "number": number, "status": "UNFULFILLED", "paymentStatus": "FULLY_CHARGED", "isPaid": True,
        "total": {"gross": pts(2 * GIFT_POINTS)},
    }
    assert by_id["userEmail"] == world.member.email
    assert by_id["shippingAddress"] == {"firstName": "Mei", "city": "Shanghai"}
    assert (by_id["subtotal"]["gross"], by_id["shippingPrice"]["gross"]) == (pts(2 * GIFT_POINTS), pts(0))
    assert by_id["total"] == {"gross": pts(2 * GIFT_POINTS), "tax": pts(0)}
    assert by_id["lines"] == [{
        "productName": "Gift TEA-1", "productSku": "TEA-1", "quantity": 2,
        "unitPrice": {"gross": {"amount": float(GIFT_POINTS)}}, "totalPrice": {"gross": {"amount": 2.0 * GIFT_POINTS}},
        "variant": {"id": variant_id(world), "name": "Standard", "product": {"name": "Gift TEA-1"}},
    }]
    assert mine["totalCount"] == 1
    assert [edge["node"] for edge in mine["edges"]] == [by_id]
    assert await available(world) == 10_000 - 2 * GIFT_POINTS
    assert sum(await Stock.filter(variant_id=world.item.id).values_list("quantity_allocated", flat=True)) == 2
    assert (await member.call(CHECKOUT, id=checkout_id))["checkout"] is None


async def test_my_orders_come_newest_first_a_page_at_a_time(api, settings):
    # given
    member = await shopper(api, settings, stock=5, points=10_000)
    first = await member.placed_order()
    second = await member.placed_order()
    third = await member.placed_order()

    # when
    page_one = (await member.call(MY_ORDERS, first=2))["me"]["orders"]
    page_two = (await member.call(MY_ORDERS, first=2, after=page_one["pageInfo"]["endCursor"]))["me"]["orders"]

    # then
    assert [edge["node"]["number"] for edge in page_one["edges"]] == [third["number"], second["number"]]
    assert page_one["pageInfo"]["hasNextPage"] is True
    assert [edge["node"]["number"] for edge in page_two["edges"]] == [first["number"]]
    assert (page_one["totalCount"], page_two["pageInfo"]["hasNextPage"]) == (3, False)
    assert await Order.all().count() == 3
