"""The storefront's own cart and order documents (verbatim from Saleor's reference pack) run against us."""

from __future__ import annotations

import pytest

from tests.orders.graphql.helpers import shopper, variant_id
from tests.orders.services.world import GIFT_POINTS
from tests.reference import SALEOR_OPERATIONS

STOREFRONT = SALEOR_OPERATIONS / "storefront"
pytestmark = pytest.mark.skipif(not STOREFRONT.exists(), reason="Saleor's reference pack is not on this machine")


def operation(name: str) -> str:
    return (STOREFRONT / f"{name}.graphql").read_text()


async def test_the_storefronts_cart_documents(api, settings):
    # given
    member = await shopper(api, settings)

    # when
    created = await member.call(operation("CheckoutCreate"), channel=member.world.channel.slug, languageCode="EN")
    checkout_id = created["checkoutCreate"]["checkout"]["id"]
    added = await member.call(operation("CheckoutAddLine"), id=checkout_id, productVariantId=variant_id(member.world))
    line_id = added["checkoutLinesAdd"]["checkout"]["lines"][0]["id"]
    found = await member.call(operation("CheckoutFind"), id=checkout_id, languageCode="EN")
    updated = await member.call(
        operation("CheckoutLinesUpdate"), checkoutId=checkout_id, lines=[{"lineId": line_id, "quantity": 3}]
    )
    deleted = await member.call(operation("CheckoutDeleteLines"), checkoutId=checkout_id, lineIds=[line_id])
    detached = await member.call(operation("CheckoutCustomerDetach"), id=checkout_id)

    # then
    assert created["checkoutCreate"]["errors"] == []
    assert added["checkoutLinesAdd"]["checkout"]["lines"][0]["variant"] == {
        "name": "Standard", "product": {"name": "Gift TEA-1"}
    }
    assert found["checkout"]["totalPrice"]["gross"] == {"amount": float(GIFT_POINTS), "currency": "PTS"}
    assert found["checkout"]["lines"][0]["variant"]["pricing"]["price"]["gross"]["amount"] == float(GIFT_POINTS)
    assert updated["checkoutLinesUpdate"]["checkout"]["totalPrice"]["gross"]["amount"] == 3.0 * GIFT_POINTS
    assert deleted["checkoutLinesDelete"]["checkout"]["lines"] == []
    assert detached == {"checkoutCustomerDetach": {"errors": []}}


async def test_the_storefronts_order_documents(api, settings):
    # given
    member = await shopper(api, settings)
    order = await member.placed_order(quantity=2)

    # when
    by_number = await member.call(operation("OrderByNumber"), first=10, languageCode="EN")
    listed = await member.call(operation("CurrentUserOrderList"), languageCode="EN")
    paginated = await member.call(operation("CurrentUserOrdersPaginated"), first=10, languageCode="EN")

    # then
    detail = by_number["me"]["orders"]["edges"][0]["node"]
    assert (detail["id"], detail["number"], detail["status"], detail["paymentStatus"], detail["isPaid"]) == (
        order["id"], order["number"], "UNFULFILLED", "FULLY_CHARGED", True
    )
    assert detail["total"] == {"gross": {"amount": 2.0 * GIFT_POINTS, "currency": "PTS"},
                               "tax": {"amount": 0.0, "currency": "PTS"}}
    assert [line["quantity"] for line in detail["lines"]] == [2]
    assert (detail["fulfillments"], detail["shippingAddress"]["city"]) == ([], "Shanghai")
    assert [edge["node"]["number"] for edge in listed["me"]["orders"]["edges"]] == [order["number"]]
    assert paginated["me"]["orders"]["totalCount"] == 1
