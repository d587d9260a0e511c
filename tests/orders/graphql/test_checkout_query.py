"""`checkout(id:)`: a guest's is public to whoever holds the ID, like Saleor; a member's is the member's; what
only the owner or staff may read."""

from __future__ import annotations

import uuid

from mall.graphql.ids import to_global_id
from tests.factories import make_member, token_for
from tests.orders.graphql.helpers import CHECKOUT, CREATE, shopper, variant_id
from tests.orders.services.world import GIFT_POINTS

OWNER_FIELDS = "query($id: ID!) { checkout(id: $id) { user { email } } }"
STAFF_FIELDS = "query($id: ID!) { checkout(id: $id) { transactions { id } } }"
NODE = "query($id: ID!) { node(id: $id) { __typename ... on Checkout { quantity } } }"
DETAILS = """
query($id: ID!) { checkout(id: $id) {
  token languageCode availablePaymentGateways { id name currencies config { field } }
  shippingMethods { name price { amount currency fractionDigits } } giftCards { id } voucherCode
  stockReservationExpires totalBalance { amount } discount { amount } displayGrossPrices
  lines { unitPrice { net { amount } tax { amount } } undiscountedUnitPrice { amount } requiresShipping isGift }
} }
"""


async def test_anyone_with_the_id_reads_a_guests_checkout(api, settings):
    # given: a visitor's cart, made without signing in
    member = await shopper(api, settings)
    lines = [{"quantity": 2, "variantId": variant_id(member.world)}]
    created = await api.ok(CREATE, {"channel": member.world.channel.slug, "lines": lines, "email": "guest@example.com"})
    checkout_id = created["checkoutCreate"]["checkout"]["id"]

    # when
    anonymous = (await api.ok(CHECKOUT, {"id": checkout_id}))["checkout"]
    details = (await api.ok(DETAILS, {"id": checkout_id}))["checkout"]
    node = (await api.ok(NODE, {"id": checkout_id}))["node"]

    # then
    assert (anonymous["id"], anonymous["quantity"], anonymous["email"]) == (checkout_id, 2, "guest@example.com")
    assert anonymous["totalPrice"]["gross"] == {"amount": 2.0 * GIFT_POINTS, "currency": "PTS"}
    assert details["availablePaymentGateways"] == [
        {"id": "mall.points", "name": "Points", "currencies": ["PTS"], "config": []}
    ]
    assert details["shippingMethods"] == [{"name": "Standard", "price": {"amount": 0.0, "currency": "PTS",
                                                                        "fractionDigits": 0}}]
    assert (details["giftCards"], details["voucherCode"], details["stockReservationExpires"]) == ([], None, None)
    assert (details["totalBalance"], details["discount"]) == ({"amount": -2.0 * GIFT_POINTS}, {"amount": 0.0})
    assert details["lines"] == [{
        "unitPrice": {"net": {"amount": float(GIFT_POINTS)}, "tax": {"amount": 0.0}},
        "undiscountedUnitPrice": {"amount": float(GIFT_POINTS)}, "requiresShipping": True, "isGift": False,
    }]
    assert (details["languageCode"], details["displayGrossPrices"]) == ("EN", True)
    assert node == {"__typename": "Checkout", "quantity": 2}


async def test_a_malformed_id_is_an_error_and_an_unknown_one_null(api, settings):
    # when
    malformed = await api.post(CHECKOUT, {"id": "nope"})
    foreign = await api.post(CHECKOUT, {"id": to_global_id("Order", uuid.uuid4())})
    unknown = await api.ok(CHECKOUT, {"id": to_global_id("Checkout", uuid.uuid4())})

    # then
    assert (malformed.data, malformed.error_codes) == ({"checkout": None}, ["GraphQLError"])
    assert foreign.error_messages[0].endswith("Expected: Checkout, received: Order.")
    assert unknown == {"checkout": None}


async def test_a_members_checkout_is_shown_to_its_owner_only(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.create(quantity=1)
    stranger = token_for(await make_member(settings, "stranger@example.com"), settings)

    # when
    own = await api.ok(OWNER_FIELDS, {"id": checkout_id}, member.token)
    other = await api.post(OWNER_FIELDS, {"id": checkout_id}, stranger)
    anonymous = await api.post(OWNER_FIELDS, {"id": checkout_id})
    transactions = await api.post(STAFF_FIELDS, {"id": checkout_id}, member.token)

    # then
    assert own == {"checkout": {"user": {"email": member.world.member.email}}}
    assert (other.data, other.errors) == ({"checkout": None}, [])
    assert (anonymous.data, anonymous.errors) == ({"checkout": None}, [])
    assert (transactions.data, transactions.error_codes) == ({"checkout": {"transactions": None}}, ["PermissionDenied"])


async def test_a_signed_in_members_new_checkout_is_theirs_and_an_anonymous_one_nobodys(api, settings):
    # given
    member = await shopper(api, settings)
    create = "mutation($c: String!) { checkoutCreate(input: {channel: $c}) { checkout { id email } errors { code } } }"

    # when
    signed_in = (await api.ok(create, {"c": member.world.channel.slug}, member.token))["checkoutCreate"]["checkout"]
    anonymous = (await api.ok(create, {"c": member.world.channel.slug}))["checkoutCreate"]["checkout"]

    # then
    assert signed_in["email"] == member.world.member.email
    assert (await api.ok(OWNER_FIELDS, {"id": signed_in["id"]}, member.token))["checkout"]["user"] is not None
    assert anonymous["email"] is None
    assert (await api.ok(OWNER_FIELDS, {"id": anonymous["id"]}))["checkout"]["user"] is None


async def test_address_rules_describe_what_the_checkout_enforces(api):
    # given
    rules = "query($c: CountryCode!) { addressValidationRules(countryCode: $c) { countryCode countryName " \
            "requiredFields postalCodeMatchers postalCodeExamples } }"

    # when
    china = (await api.ok(rules, {"c": "CN"}))["addressValidationRules"]
    hong_kong = (await api.ok(rules, {"c": "HK"}))["addressValidationRules"]

    # then
    assert china == {
        "countryCode": "CN", "countryName": "China",
        "requiredFields": ["name", "street_address", "city", "postal_code"],
        "postalCodeMatchers": [r"^\d{6}$"], "postalCodeExamples": ["200120"],
    }
    assert (hong_kong["requiredFields"], hong_kong["postalCodeMatchers"]) == (["name", "street_address", "city"], [])
