"""What happens to a member's order outside the member's browser, done through the served mall's API: the
order placed (as the storefront would), shipped by the operator with a carrier, tracked by the carrier's
signed webhook, and the bank's sign-on token."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from fulfilment.signing import signed_headers
from tests.frontend.mall_api import CHANNEL, Gift, MallApi, Member

ERRORS = "errors { field code message }"
ADDRESS = {"firstName": "Ada", "lastName": "Chen", "streetAddress1": "88 Century Avenue", "city": "Shanghai",
           "postalCode": "200120", "country": "CN", "phone": "+8613800000000"}
CREATE = f"""mutation($channel: String!, $lines: [CheckoutLineInput!]) {{
  checkoutCreate(input: {{channel: $channel, lines: $lines}}) {{ checkout {{ id }} {ERRORS} }} }}"""
SHIPPING_ADDRESS = f"""mutation($id: ID!, $address: AddressInput!) {{
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {{ checkout {{ shippingMethods {{ id }} }}
    {ERRORS} }} }}"""
DELIVERY_METHOD = f"""mutation($id: ID!, $method: ID) {{
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {{ {ERRORS} }} }}"""
PAY = f"""mutation($id: ID!, $key: String) {{
  transactionInitialize(id: $id, idempotencyKey: $key, paymentGateway: {{id: "mall.points"}}) {{ {ERRORS} }} }}"""
COMPLETE = f"""mutation($id: ID!) {{ checkoutComplete(id: $id) {{ order {{ id number }} {ERRORS} }} }}"""
ORDER_LINES = """query($id: ID!) { order(id: $id) { lines { id quantity variant { id } } } }"""
ALLOCATIONS = """query($id: ID!) { productVariant(id: $id) { stocks { warehouse { id } quantityAllocated } } }"""
CARRIER_CREATE = f"""mutation($input: CarrierCreateInput!) {{ carrierCreate(input: $input) {{ {ERRORS} }} }}"""
FULFILL = f"""mutation($order: ID!, $input: OrderFulfillInput!) {{
  orderFulfill(order: $order, input: $input) {{ fulfillments {{ id }} {ERRORS} }} }}"""
ISSUER_UPDATE = f"""mutation($code: String!, $input: IssuerInput!) {{
  issuerUpdate(code: $code, input: $input) {{ {ERRORS} }} }}"""
BANK_SIGN_IN = f"""mutation($input: JSONString!) {{
  externalObtainAccessTokens(pluginId: "mall.bank-sso", input: $input) {{ token user {{ id }} {ERRORS} }} }}"""
ISSUER = "BANKA"


@dataclass(frozen=True)
class PlacedOrder:
    id: str
    number: str


def _ok(result: dict[str, Any]) -> dict[str, Any]:
    assert result["errors"] == [], result
    return result


def place_order(api: MallApi, member: Member, gift: Gift, address: dict[str, str] | None = None) -> PlacedOrder:
    """The member redeems one `gift` with points, to `address` (the test address by default), by the first
    delivery method."""
    lines = [{"variantId": gift.variant_id, "quantity": 1}]
    checkout = _ok(api.data(CREATE, {"channel": CHANNEL, "lines": lines}, member.token)["checkoutCreate"])
    checkout_id = checkout["checkout"]["id"]
    addressed = _ok(api.data(SHIPPING_ADDRESS, {"id": checkout_id, "address": address or ADDRESS}, member.token)[
        "checkoutShippingAddressUpdate"])
    method = addressed["checkout"]["shippingMethods"][0]["id"]
    _ok(api.data(DELIVERY_METHOD, {"id": checkout_id, "method": method}, member.token)["checkoutDeliveryMethodUpdate"])
    _ok(api.data(PAY, {"id": checkout_id, "key": uuid.uuid4().hex}, member.token)["transactionInitialize"])
    order = _ok(api.data(COMPLETE, {"id": checkout_id}, member.token)["checkoutComplete"])["order"]
    return PlacedOrder(order["id"], order["number"])


def create_carrier(api: MallApi, code: str, secret: str) -> None:
    carrier = {"code": code, "name": "Swift Express", "signingSecret": secret,
               "trackingUrlTemplate": "https://track.example.com/{tracking_number}"}
    _ok(api.data(CARRIER_CREATE, {"input": carrier}, api.operator())["carrierCreate"])


def ship_order(api: MallApi, order: PlacedOrder, carrier_code: str, tracking_number: str) -> str:
    """The operator ships every line from where it is allocated; returns the fulfillment's ID."""
    lines = []
    for line in api.data(ORDER_LINES, {"id": order.id}, api.operator())["order"]["lines"]:
        stocks = api.data(ALLOCATIONS, {"id": line["variant"]["id"]}, api.operator())["productVariant"]["stocks"]
        warehouse = next(stock["warehouse"]["id"] for stock in stocks if stock["quantityAllocated"] >= line["quantity"])
        lines.append({"orderLineId": line["id"], "stocks": [{"warehouse": warehouse, "quantity": line["quantity"]}]})
    variables = {"order": order.id, "input": {"lines": lines, "trackingNumber": tracking_number,
                                              "carrierCode": carrier_code}}
    return _ok(api.data(FULFILL, variables, api.operator())["orderFulfill"])["fulfillments"][0]["id"]


def carrier_reports(api: MallApi, carrier_code: str, secret: str, tracking_number: str, status: str,
                    occurred_at: str, location: str, description: str) -> None:
    """One tracking event, signed like the carrier's webhook calls."""
    body = json.dumps({"event_id": uuid.uuid4().hex, "tracking_number": tracking_number, "status": status,
                       "occurred_at": occurred_at, "location": location, "description": description}).encode()
    headers = {**signed_headers(secret, body), "Content-Type": "application/json"}
    response = api.client.post(f"/webhooks/carriers/{carrier_code}", content=body, headers=headers)
    assert response.status_code == 200, response.text


class BankSigner:
    """The bank's sign-on key: its public half set on the demo issuer, its private half signing tokens."""

    def __init__(self, api: MallApi, audience: str) -> None:
        self.api = api
        self.audience = audience
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public_pem = self.key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        _ok(api.data(ISSUER_UPDATE, {"code": ISSUER, "input": {"ssoPublicKeyPem": public_pem}},
                     api.operator())["issuerUpdate"])

    def token(self, reference: str, lifetime_seconds: int = 300, **claims: str) -> str:
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": self.audience, "sub": reference, "iat": now, "nbf": now,
                   "exp": now + lifetime_seconds, "jti": uuid.uuid4().hex, **claims}
        return jwt.encode(payload, self.key, algorithm="RS256")

    def enrol(self, reference: str, email: str) -> str:
        """Sign the member on once through the API (the bank's roster learns them); returns their user ID."""
        return self.sign_in(self.token(reference, email=email, name="Li Wei"))

    def sign_in(self, token: str) -> str:
        """Exchange the token through the API (which uses it up); returns the member's user ID."""
        input_text = json.dumps({"token": token})
        answer = _ok(self.api.data(BANK_SIGN_IN, {"input": input_text})["externalObtainAccessTokens"])
        return answer["user"]["id"]
