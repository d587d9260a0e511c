"""A mall with goods to ship: the redemption world plus a partner's gift in the partner's own warehouse, an
order holding both, staff tokens, and shortcuts for the fulfilment API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from catalog.models import ProductVariant, Stock, Warehouse
from catalog.services.listings import ProductListingChange, update_product_listings
from catalog.services.review import ReviewStep, apply_step
from catalog.services.stock import StockLevel, set_stock_levels
from catalog.services.warehouses import link_channels
from fulfilment.models import Carrier, HandoffMode
from fulfilment.services.carriers import CarrierData, create_carrier
from mall.accounts.models import ScopeKind
from mall.channels.models import Channel
from mall.graphql.ids import to_global_id
from orders.models import Order, OrderLine
from orders.services.checkouts import LineRequest, create_checkout, set_address, set_delivery_method
from orders.services.completion import complete_checkout
from orders.services.payments import initialize_points_payment
from tests.catalog.services.builders import OPERATOR, active_partner, gift, listed, partner_editor, variant, warehouse
from tests.factories import make_staff, token_for
from tests.graphql_client import GraphQLClient
from tests.orders.services.world import ADDRESS, GIFT_POINTS, World, build_world

PARTNER = "ACME"
PARTNER_POINTS = 800
CARRIER_SECRET = "carrier-secret-2026"


@dataclass
class Mall:
    world: World
    order: Order
    operator_line: OrderLine  # the operator's gift (GIFT_POINTS), from the operator's warehouse
    partner_line: OrderLine  # ACME's gift (PARTNER_POINTS), from ACME's warehouse
    operator_warehouse: Warehouse
    partner_warehouse: Warehouse
    partner_item: ProductVariant


async def partner_gift(channel: Channel, stock: int) -> tuple[ProductVariant, Warehouse]:
    await active_partner(PARTNER)
    editor = partner_editor(PARTNER)
    product = await gift(editor, "Umbrella")
    item = await variant(product, "UMB-1")
    await listed(editor, product, channel.id, (item, PARTNER_POINTS))
    await apply_step(editor, product, ReviewStep.SUBMIT)
    await apply_step(OPERATOR, product, ReviewStep.APPROVE)
    await update_product_listings(
        editor, product, [ProductListingChange(channel.id, is_published=True, is_available_for_purchase=True)], []
    )
    depot = await warehouse(editor, "ACME Depot")
    await link_channels(depot, [channel.id], [])
    await set_stock_levels(editor, item, [StockLevel(str(depot.id), stock)])
    return item, depot


async def place(world: World, lines: list[tuple[int, int]]) -> Order:
    checkout = await create_checkout(world.channel.slug, world.member, None,
                                     [LineRequest(variant_id, quantity) for variant_id, quantity in lines])
    await set_address(checkout, ADDRESS, "SHIPPING")
    await set_delivery_method(checkout, world.shipping.id)
    await initialize_points_payment(checkout, None, "pay", f"user:{world.member.id}")
    async with in_transaction():
        return await complete_checkout(checkout.token, f"user:{world.member.id}")


async def build_mall(settings: Any, operator_units: int = 2, partner_units: int = 1) -> Mall:
    world = await build_world(settings, stock=5)
    item, depot = await partner_gift(world.channel, stock=4)
    order = await place(world, [(world.item.id, operator_units), (item.id, partner_units)])
    lines = {line.product_sku: line for line in await OrderLine.filter(order_id=order.id)}
    operator_depot = await Warehouse.get(slug="dc-tea-1")
    return Mall(world, order, lines["TEA-1"], lines["UMB-1"], operator_depot, depot, item)


async def stock_of(item_id: int, warehouse: Warehouse) -> tuple[int, int]:
    row = await Stock.get(variant_id=item_id, warehouse_id=warehouse.id)
    return row.quantity, row.quantity_allocated


async def operator_token(settings: Any) -> str:
    return token_for(await make_staff("ops@example.com", ["MANAGE_ORDERS", "MANAGE_CARRIERS"]), settings)


async def partner_token(settings: Any, code: str = PARTNER) -> str:
    staff = await make_staff(f"{code.lower()}@example.com", ["MANAGE_ORDERS"], scope=(ScopeKind.PARTNER, code))
    return token_for(staff, settings)


async def make_carrier(code: str = "swift", mode: HandoffMode = HandoffMode.MANUAL, **fields: Any) -> Carrier:
    data = CarrierData(code=code, name=code.title(), handoff_mode=mode, signing_secret=CARRIER_SECRET,
                       tracking_url_template="https://track.example.com/{tracking_number}", **fields)
    return await create_carrier(data)


def gid(type_name: str, pk: object) -> str:
    return to_global_id(type_name, pk)


FULFILL = """
mutation Fulfill($order: ID!, $input: OrderFulfillInput!) {
  orderFulfill(order: $order, input: $input) {
    fulfillments { id fulfillmentOrder status trackingNumber trackingUrl warehouse { name }
      lines { quantity orderLine { productSku } } }
    order { status lines { productSku quantityFulfilled quantityToFulfill } }
    errors { field code message orderLines }
  }
}
"""


def fulfil_input(*picks: tuple[OrderLine, Warehouse, int], **options: Any) -> dict[str, Any]:
    lines = [{"orderLineId": gid("OrderLine", line.id), "stocks": [{"warehouse": gid("Warehouse", depot.id),
                                                                    "quantity": quantity}]}
             for line, depot, quantity in picks]
    return {"lines": lines, **options}


async def fulfil(api: GraphQLClient, token: str, mall: Mall, *picks: tuple[OrderLine, Warehouse, int],
                 **options: Any) -> dict[str, Any]:
    variables = {"order": gid("Order", mall.order.id), "input": fulfil_input(*picks, **options)}
    return (await api.ok(FULFILL, variables, token))["orderFulfill"]


__all__ = ["GIFT_POINTS"]
