"""A partner's gift redeemed through the real order services, and the deliveries settlement reads.

`Deliveries` is the `DeliveredGoods` seam filled by hand: fulfilment's shipments (delivered_at) are not on
main yet, so the tests name what was delivered and returned, when. Once fulfilment lands, the same tests
can ship and deliver through its services and use `FulfilmentGoods`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from tortoise.transactions import in_transaction

from bank_link.settlement.runs import RunOutcome
from catalog.services.listings import ProductListingChange, update_product_listings
from catalog.services.review import ReviewStep, apply_step
from catalog.services.stock import StockLevel, set_stock_levels
from catalog.services.warehouses import link_channels
from orders.models import Order, OrderLine, ShippingMethod
from orders.services.checkouts import LineRequest, create_checkout, set_address, set_delivery_method
from orders.services.completion import complete_checkout
from orders.services.payments import initialize_points_payment
from partners.models import Partner
from partners.settlement.goods import GoodsMovement
from partners.settlement.runs import PartnerSide, settle_period
from tests.bank_link.settlement.helpers import AFTER_EVERYTHING, Bank, make_bank
from tests.catalog.services.builders import (
    OPERATOR,
    active_partner,
    gift,
    listed,
    partner_editor,
    variant,
    warehouse,
)
from tests.orders.services.world import ADDRESS

GIFT_POINTS = 1_200  # the gift's points price; its cost price is 50.00 CNY (tests.catalog builders)


@dataclass
class Delivery:
    at: datetime
    movement: GoodsMovement


@dataclass
class Deliveries:
    """What was delivered and returned, when (a stand-in for fulfilment's shipments and returns)."""

    made: list[Delivery] = field(default_factory=list)

    def deliver(self, line: OrderLine, quantity: int, when: datetime, shipment: int = 1) -> None:
        self._add(f"delivery:{shipment}:{line.id}", line, quantity, when)

    def take_back(self, line: OrderLine, quantity: int, when: datetime, shipment: int = 1) -> None:
        self._add(f"return:{shipment}:{line.id}:{when.isoformat()}", line, -quantity, when)

    def _add(self, source: str, line: OrderLine, quantity: int, when: datetime) -> None:
        movement = GoodsMovement(source, str(line.id), quantity, line.unit_price_points, line.unit_cost_price,
                                 line.cost_currency)
        self.made.append(Delivery(when, movement))

    async def movements(self, partner_code: str, start: datetime, end: datetime) -> list[GoodsMovement]:
        return [d.movement for d in self.made if start <= d.at < end]


@dataclass
class Shop:
    bank: Bank
    partner: Partner
    variant_id: int
    shipping: ShippingMethod


async def make_shop(settings: Any, partner_code: str = "ACME", stock: int = 20) -> Shop:
    bank = await make_bank(settings)
    await active_partner(partner_code)
    editor = partner_editor(partner_code)
    product = await gift(editor, "Kettle")
    await apply_step(editor, product, ReviewStep.SUBMIT)
    await apply_step(OPERATOR, product, ReviewStep.APPROVE)
    item = await variant(product, f"KETTLE-{partner_code}")
    await listed(editor, product, bank.channel.id, (item, GIFT_POINTS))
    await update_product_listings(
        editor, product, [ProductListingChange(bank.channel.id, is_published=True, is_available_for_purchase=True)],
        [],
    )
    depot = await warehouse(editor, f"{partner_code} DC")
    await link_channels(depot, [bank.channel.id], [])
    await set_stock_levels(editor, item, [StockLevel(str(depot.id), stock)])
    shipping = await ShippingMethod.create(channel=bank.channel, name="Standard", price_points=0)
    return Shop(bank, await Partner.get(code=partner_code), item.id, shipping)


async def order_gifts(shop: Shop, quantity: int) -> OrderLine:
    """The member redeems `quantity` gifts; returns the order line."""
    checkout = await create_checkout(shop.bank.channel.slug, shop.bank.member, None,
                                     [LineRequest(shop.variant_id, quantity)])
    await set_address(checkout, ADDRESS, "SHIPPING")
    await set_delivery_method(checkout, shop.shipping.id)
    await initialize_points_payment(checkout, None, f"pay-{checkout.token}", "user:1")
    async with in_transaction():
        order: Order = await complete_checkout(checkout.token, "user:1")
    return await OrderLine.get(order_id=order.id)


async def settle_partner(settings: Any, deliveries: Deliveries, period: str = "2026-11",
                         code: str | None = "ACME") -> RunOutcome:
    return await settle_period(period, "user:1", settings, partner_code=code,
                               partners=PartnerSide(goods=deliveries), now=AFTER_EVERYTHING)


def cny(text: str) -> Decimal:
    return Decimal(text)
