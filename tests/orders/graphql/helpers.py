"""Documents and steps shared by the redemption API tests, shaped like the storefront's own operations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from catalog.models import Stock
from mall.graphql.ids import to_global_id
from orders.models import Checkout, Order, Transaction
from tests.factories import token_for
from tests.graphql_client import GraphQLClient
from tests.orders.services.world import World, available, build_world

ADDRESS_INPUT = {
    "firstName": "Mei",
    "lastName": "Lin",
    "streetAddress1": "88 Century Avenue",
    "city": "Shanghai",
    "postalCode": "200120",
    "country": "CN",
    "phone": "+8613800000000",
}

CHECKOUT_FIELDS = """
  id email quantity isShippingRequired authorizeStatus chargeStatus
  lines { id quantity variant { id name product { name } } totalPrice { gross { amount currency } } }
  subtotalPrice { gross { amount currency } }
  shippingPrice { gross { amount currency } }
  totalPrice { gross { amount currency } }
  delivery { id shippingMethod { id name } }
  problems { __typename }
"""
ERRORS = "errors { field code message variants lines addressType }"

CREATE = f"""
mutation CheckoutCreate($channel: String!, $lines: [CheckoutLineInput!], $email: String) {{
  checkoutCreate(input: {{channel: $channel, languageCode: EN, lines: $lines, email: $email}}) {{
    checkout {{ {CHECKOUT_FIELDS} }} {ERRORS}
  }}
}}
"""
ADD_LINE = f"""
mutation CheckoutAddLine($id: ID!, $productVariantId: ID!, $quantity: Int!) {{
  checkoutLinesAdd(id: $id, lines: [{{quantity: $quantity, variantId: $productVariantId}}]) {{
    checkout {{ {CHECKOUT_FIELDS} }} {ERRORS}
  }}
}}
"""
UPDATE_LINES = f"""
mutation CheckoutLinesUpdate($checkoutId: ID!, $lines: [CheckoutLineUpdateInput!]!) {{
  checkoutLinesUpdate(id: $checkoutId, lines: $lines) {{ checkout {{ {CHECKOUT_FIELDS} }} {ERRORS} }}
}}
"""
DELETE_LINES = f"""
mutation CheckoutDeleteLines($checkoutId: ID!, $lineIds: [ID!]!) {{
  checkoutLinesDelete(id: $checkoutId, linesIds: $lineIds) {{
    checkout {{ id lines {{ id }} channel {{ slug }} }} {ERRORS}
  }}
}}
"""
SHIPPING_ADDRESS = f"""
mutation ShippingAddress($id: ID!, $address: AddressInput!) {{
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {{
    checkout {{ shippingAddress {{ firstName city postalCode country {{ code }} }} }} {ERRORS}
  }}
}}
"""
DELIVERY_OPTIONS = """
mutation Deliveries($id: ID!) {
  deliveryOptionsCalculate(id: $id) {
    deliveries { id shippingMethod { id name price { amount currency } minimumDeliveryDays maximumDeliveryDays } }
    errors { field code message }
  }
}
"""
DELIVERY_METHOD = f"""
mutation DeliveryMethod($id: ID!, $method: ID) {{
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {{ checkout {{ {CHECKOUT_FIELDS} }} {ERRORS} }}
}}
"""
PAY = """
mutation Pay($id: ID!, $amount: PositiveDecimal, $key: String, $gateway: String! = "mall.points") {
  transactionInitialize(id: $id, amount: $amount, idempotencyKey: $key, paymentGateway: {id: $gateway}) {
    transaction { id name pspReference authorizedAmount { amount currency } chargedAmount { amount }
      events { type amount { amount } } }
    transactionEvent { type amount { amount currency } }
    data
    errors { field code message }
  }
}
"""
COMPLETE = f"""
mutation Complete($id: ID!) {{
  checkoutComplete(id: $id) {{
    order {{ id number status paymentStatus isPaid total {{ gross {{ amount currency }} }} }}
    confirmationNeeded confirmationData {ERRORS}
  }}
}}
"""
CHECKOUT = f"""
query CheckoutFind($id: ID!) {{ checkout(id: $id) {{ {CHECKOUT_FIELDS} }} }}
"""
ORDER_DETAILS = """
fragment OrderDetails on Order {
  id number created status statusDisplay paymentStatus isPaid userEmail
  shippingAddress { firstName city } billingAddress { city }
  subtotal { gross { amount currency } }
  shippingPrice { gross { amount currency } }
  total { gross { amount currency } tax { amount currency } }
  lines { productName productSku quantity unitPrice { gross { amount } } totalPrice { gross { amount } }
    variant { id name product { name } } }
  fulfillments { id }
}
"""
ORDER = "query Order($id: ID!) { order(id: $id) { ...OrderDetails } }" + ORDER_DETAILS
MY_ORDERS = (
    """
query CurrentUserOrdersPaginated($first: Int, $after: String) {
  me { email orders(first: $first, after: $after) {
    edges { node { ...OrderDetails } cursor } pageInfo { hasNextPage endCursor } totalCount
  } }
}
"""
    + ORDER_DETAILS
)


def variant_id(world: World) -> str:
    return to_global_id("ProductVariant", world.item.id)


def shipping_id(world: World) -> str:
    return to_global_id("ShippingMethod", world.shipping.id)


@dataclass
class Shopper:
    """A member with a token, shopping through the API."""

    api: GraphQLClient
    world: World
    token: str

    async def call(self, document: str, **variables: Any) -> Any:
        return await self.api.ok(document, variables, self.token)

    async def create(self, quantity: int = 1) -> str:
        lines = [{"quantity": quantity, "variantId": variant_id(self.world)}] if quantity else []
        data = await self.call(CREATE, channel=self.world.channel.slug, lines=lines)
        assert data["checkoutCreate"]["errors"] == [], data
        return data["checkoutCreate"]["checkout"]["id"]

    async def ready(self, quantity: int = 1) -> str:
        """A checkout with the gift, an address and free delivery: ready to pay."""
        checkout_id = await self.create(quantity)
        answer = await self.call(SHIPPING_ADDRESS, id=checkout_id, address=ADDRESS_INPUT)
        assert answer["checkoutShippingAddressUpdate"]["errors"] == []
        answer = await self.call(DELIVERY_METHOD, id=checkout_id, method=shipping_id(self.world))
        assert answer["checkoutDeliveryMethodUpdate"]["errors"] == []
        return checkout_id

    async def pay(self, checkout_id: str, **variables: Any) -> Any:
        return (await self.call(PAY, id=checkout_id, **variables))["transactionInitialize"]

    async def complete(self, checkout_id: str) -> Any:
        return (await self.call(COMPLETE, id=checkout_id))["checkoutComplete"]

    async def placed_order(self, quantity: int = 1) -> Any:
        checkout_id = await self.ready(quantity)
        assert (await self.pay(checkout_id))["errors"] == []
        completed = await self.complete(checkout_id)
        assert completed["errors"] == [], completed
        return completed["order"]


async def shopper(api: GraphQLClient, settings: Any, **world_options: Any) -> Shopper:
    world = await build_world(settings, **world_options)
    return Shopper(api, world, token_for(world.member, settings))


@dataclass(frozen=True)
class Snapshot:
    """What a refusal must leave unchanged."""

    points_available: int
    stock_allocated: int
    orders: int
    checkouts: int
    transactions: int


async def snapshot(world: World) -> Snapshot:
    allocated = sum(await Stock.filter(variant_id=world.item.id).values_list("quantity_allocated", flat=True))
    return Snapshot(
        await available(world), allocated, await Order.all().count(), await Checkout.all().count(),
        await Transaction.all().count(),
    )
