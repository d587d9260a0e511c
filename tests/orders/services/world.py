"""A small mall for redemption tests: one channel, a published gift with stock, a member with points."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from catalog.models import ProductVariant
from catalog.services.listings import ProductListingChange, update_product_listings
from catalog.services.stock import StockLevel, set_stock_levels
from catalog.services.warehouses import link_channels
from ledger.services import Request, credit_points, points_balance
from mall.accounts.addresses import AddressData
from mall.accounts.models import User
from mall.channels.models import Channel
from orders.models import Checkout, Order, ShippingMethod
from orders.services.checkouts import LineRequest, create_checkout, set_address, set_delivery_method
from orders.services.completion import complete_checkout
from tests.catalog.services.builders import OPERATOR, gift, listed, variant, warehouse
from tests.factories import make_channel, make_member

GIFT_POINTS = 1_200
ADDRESS = AddressData(
    first_name="Mei",
    last_name="Lin",
    street_address_1="88 Century Avenue",
    city="Shanghai",
    postal_code="200120",
    country="CN",
    phone="+8613800000000",
)


@dataclass
class World:
    channel: Channel
    item: ProductVariant
    member: User
    shipping: ShippingMethod


async def give_points(channel: Channel, member: User, points: int, key: str = "welcome") -> None:
    await credit_points(channel, member.id, points, Request(idempotency_key=f"{key}:{member.id}", actor="test"))


async def available(world: World, member: User | None = None) -> int:
    return (await points_balance(world.channel.id, (member or world.member).id)).points_available


async def stocked_gift(
    channel: Channel, stock: int, sku: str = "TEA-1", points: int = GIFT_POINTS, limit: int | None = None
) -> ProductVariant:
    product = await gift(OPERATOR, f"Gift {sku}")
    item = await variant(product, sku)
    if limit is not None:
        item.quantity_limit_per_customer = limit
        await item.save()
    await listed(OPERATOR, product, channel.id, (item, points))
    await update_product_listings(
        OPERATOR, product, [ProductListingChange(channel.id, is_published=True, is_available_for_purchase=True)], []
    )
    depot = await warehouse(OPERATOR, f"DC {sku}")
    await link_channels(depot, [channel.id], [])
    await set_stock_levels(OPERATOR, item, [StockLevel(str(depot.id), stock)])
    return item


async def build_world(settings, stock: int = 5, points: int = 10_000, limit: int | None = None) -> World:
    channel = await make_channel()
    item = await stocked_gift(channel, stock, limit=limit)
    member = await make_member(settings)
    await give_points(channel, member, points)
    shipping = await ShippingMethod.create(channel=channel, name="Standard", price_points=0)
    return World(channel, item, member, shipping)


async def ready_checkout(world: World, quantity: int = 1) -> Checkout:
    """The member's checkout of `quantity` units with an address and a delivery method, not paid yet."""
    checkout = await create_checkout(world.channel.slug, world.member, None, [LineRequest(world.item.id, quantity)])
    await set_address(checkout, ADDRESS, "SHIPPING")
    await set_delivery_method(checkout, world.shipping.id)
    return checkout


async def complete(token: str) -> Order:
    """Complete the checkout in its own transaction, as the mutation does."""
    async with in_transaction():
        return await complete_checkout(token, "user:1")
