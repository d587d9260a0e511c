"""Personal data by ID (#16 defect 3): an order is public to whoever holds its ID, but the buyer's e-mail,
addresses and phone only to the buyer and the staff handling orders; scoped staff find only orders of their
scope, a partner's staff only their own lines; a member's checkout is the member's."""

from __future__ import annotations

from catalog.models import Stock
from mall.accounts.models import ScopeKind
from mall.accounts.services import create_app
from mall.graphql.ids import to_global_id
from orders.models import Checkout, Order
from orders.services.checkouts import LineRequest, create_checkout, set_address
from tests.catalog.factories import make_gift, make_warehouse
from tests.factories import make_staff, token_for
from tests.tenants import MEI, address_of, make_tenants, place_order

PERSONAL = "userEmail shippingAddress { firstName lastName streetAddress1 city phone } " \
           "billingAddress { streetAddress1 phone }"
ORDER = f"query($id: ID!) {{ order(id: $id) {{ number {PERSONAL} lines {{ productName }} }} }}"
NODE = f"query($id: ID!) {{ node(id: $id) {{ ... on Order {{ {PERSONAL} }} }} }}"
CHECKOUT = "query($id: ID!) { checkout(id: $id) { email shippingAddress { streetAddress1 } } }"
EMAIL_UPDATE = """
mutation($id: ID!) { checkoutEmailUpdate(id: $id, email: "thief@example.com") { checkout { email } errors { code } } }
"""
COMPLETE = "mutation($id: ID!) { checkoutComplete(id: $id) { order { id } errors { field code } } }"

FULL = {
    "userEmail": "mei@example.com",
    "shippingAddress": {"firstName": "Mei", "lastName": "Lin", "streetAddress1": "88 Century Avenue",
                        "city": "Shanghai", "phone": "+8613800000001"},
    "billingAddress": {"streetAddress1": "88 Century Avenue", "phone": "+8613800000001"},
}
MASKED = {
    "userEmail": "m...@example.com",
    "shippingAddress": {"firstName": "M...", "lastName": "L...", "streetAddress1": "8...", "city": "Shanghai",
                        "phone": "+..."},
    "billingAddress": {"streetAddress1": "8...", "phone": "+..."},
}


def personal(order: dict) -> dict:
    return {key: order[key] for key in ("userEmail", "shippingAddress", "billingAddress")}


async def staff(settings, email: str, permissions: list[str], scope=None) -> str:
    return token_for(await make_staff(email, permissions, scope=scope), settings)


async def test_only_the_buyer_and_order_staff_read_the_buyers_data_by_the_orders_id(api, settings):
    # given
    tenants = await make_tenants(settings)
    order_id = {"id": to_global_id("Order", tenants.a.order.id)}
    readers = {
        "anonymous": None,
        "another member": token_for(tenants.b.member, settings),
        "staff without MANAGE_ORDERS": await staff(settings, "clerk@example.com", ["MANAGE_PRODUCTS"]),
        "the buyer": token_for(tenants.a.member, settings),
        "order staff": await staff(settings, "orders@example.com", ["MANAGE_ORDERS"]),
    }

    # when
    by_order = {name: personal((await api.ok(ORDER, order_id, token))["order"]) for name, token in readers.items()}
    by_node = {name: (await api.ok(NODE, order_id, token))["node"] for name, token in readers.items()}

    # then
    expected = {"anonymous": MASKED, "another member": MASKED, "staff without MANAGE_ORDERS": MASKED,
                "the buyer": FULL, "order staff": FULL}
    assert by_order == expected
    assert by_node == expected


async def test_partner_staff_read_only_orders_with_their_lines_and_only_those_lines(api, settings):
    # given: Mei's second order holds ACME's kettle and ZETA's lamp; her first only ACME's kettle
    tenants = await make_tenants(settings)
    a = tenants.a
    depot = await make_warehouse("zeta-dc-a", [a.channel], partner_code="ZETA")
    lamp = await make_gift(a.channel, "Zeta Lamp A", 500, partner_code="ZETA", warehouse=depot)
    lines = [LineRequest(a.variant.id, 1), LineRequest((await lamp.variants.all())[0].id, 1)]
    mixed = await place_order(a.channel, a.member, MEI, lines, a.shipping)
    acme = await staff(settings, "staff@acme.example", ["MANAGE_ORDERS"], (ScopeKind.PARTNER, "ACME"))
    zeta = await staff(settings, "staff@zeta.example", ["MANAGE_ORDERS"], (ScopeKind.PARTNER, "ZETA"))

    # when
    acme_mixed = (await api.ok(ORDER, {"id": to_global_id("Order", mixed.id)}, acme))["order"]
    zeta_mixed = (await api.ok(ORDER, {"id": to_global_id("Order", mixed.id)}, zeta))["order"]
    zeta_first = await api.ok(ORDER, {"id": to_global_id("Order", a.order.id)}, zeta)
    zeta_node = await api.ok(NODE, {"id": to_global_id("Order", a.order.id)}, zeta)

    # then: each ships its own line to Mei's address; neither reads her e-mail or billing address
    assert acme_mixed["lines"] == [{"productName": "Acme Kettle"}]
    assert zeta_mixed["lines"] == [{"productName": "Zeta Lamp A"}]
    assert personal(acme_mixed) == personal(zeta_mixed) == {
        "userEmail": MASKED["userEmail"], "shippingAddress": FULL["shippingAddress"],
        "billingAddress": MASKED["billingAddress"],
    }
    assert zeta_first == {"order": None}
    assert zeta_node == {"node": None}


async def test_bank_staff_and_apps_read_only_orders_of_their_channels(api, settings):
    # given
    tenants = await make_tenants(settings)
    order_id = {"id": to_global_id("Order", tenants.a.order.id)}
    bank_a = await staff(settings, "staff@bank-a.example", ["MANAGE_ORDERS"], (ScopeKind.ISSUER, "BANKA"))
    bank_b = await staff(settings, "staff@bank-b.example", ["MANAGE_ORDERS"], (ScopeKind.ISSUER, "BANKB"))
    _, bank_b_app = await create_app("Bank B system", ["MANAGE_ORDERS"], (ScopeKind.ISSUER, "BANKB"))

    # when
    own = (await api.ok(ORDER, order_id, bank_a))["order"]
    others = [await api.ok(ORDER, order_id, token) for token in (bank_b, bank_b_app)]

    # then
    assert personal(own) == FULL
    assert others == [{"order": None}] * 2


async def test_a_members_checkout_is_neither_read_nor_changed_nor_completed_by_others(api, settings):
    # given: Mei's cart, with her address
    tenants = await make_tenants(settings)
    cart = await create_checkout(tenants.a.channel.slug, tenants.a.member, None, [LineRequest(tenants.a.variant.id, 1)])
    await set_address(cart, address_of(MEI, MEI.shipping_street), "SHIPPING")
    cart_id = {"id": to_global_id("Checkout", cart.token)}
    lei = token_for(tenants.b.member, settings)
    before = (await Checkout.all().values_list("token", "email"), await Order.all().count(),
              await Stock.all().values_list("id", "quantity_allocated"))

    # when
    read = {who: await api.ok(CHECKOUT, cart_id, token) for who, token in [("anonymous", None), ("Lei", lei)]}
    changed = await api.ok(EMAIL_UPDATE, cart_id, lei)
    completed = await api.ok(COMPLETE, cart_id)
    own = await api.ok(CHECKOUT, cart_id, token_for(tenants.a.member, settings))

    # then
    assert read == {"anonymous": {"checkout": None}, "Lei": {"checkout": None}}
    assert changed == {"checkoutEmailUpdate": {"checkout": None, "errors": [{"code": "NOT_FOUND"}]}}
    assert completed == {"checkoutComplete": {"order": None, "errors": [{"field": "id", "code": "NOT_FOUND"}]}}
    assert own == {"checkout": {"email": "mei@example.com", "shippingAddress": {"streetAddress1": "88 Century Avenue"}}}
    assert (await Checkout.all().values_list("token", "email"), await Order.all().count(),
            await Stock.all().values_list("id", "quantity_allocated")) == before
