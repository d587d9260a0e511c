"""A partner's gift redeemed through the real order services, and its shipments and returns.

`deliver` and `take_back` write fulfilment rows (ORM) as they were when fulfilment had no services yet;
`ship`, `record_delivery` and `receive` record deliveries and returns through fulfilment's services.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.transactions import in_transaction

from catalog.services.listings import ProductListingChange, update_product_listings
from catalog.services.review import ReviewStep, apply_step
from catalog.services.stock import StockLevel, set_stock_levels
from catalog.services.warehouses import link_channels
from fulfilment.models import ReturnLine, ReturnRequest, ReturnStatus, Shipment, ShipmentLine, TrackingStatus
from fulfilment.services.access import OPERATOR as SHIPPING_OPERATOR
from fulfilment.services.outcomes import close_delivered
from fulfilment.services.returns import receive_return
from fulfilment.services.shipments import FulfilRequest, LinePick, StockPick, create_shipments
from orders.models import Order, OrderLine, ShippingMethod
from orders.services.checkouts import LineRequest, create_checkout, set_address, set_delivery_method
from orders.services.completion import complete_checkout
from orders.services.payments import initialize_points_payment
from partners.models import Partner
from settlement.partner.side import PartnerSide
from settlement.runs import RunOutcome
from settlement.settle import settle_period
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
from tests.settlement.helpers import AFTER_EVERYTHING, Bank, at, make_bank

GIFT_POINTS = 1_200  # the gift's points price; its cost price is 50.00 CNY (tests.catalog builders)


@dataclass
class Shop:
    bank: Bank
    partner: Partner
    variant_id: int
    shipping: ShippingMethod
    warehouse_id: int


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
    return Shop(bank, await Partner.get(code=partner_code), item.id, shipping, depot.id)


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


async def deliver(shop: Shop, line: OrderLine, quantity: int, when: datetime) -> ShipmentLine:
    """A shipment of `quantity` units of the line, delivered at `when`."""
    sequence = await Shipment.filter(order_id=line.order_id).count() + 1  # type: ignore[attr-defined]
    shipment = await Shipment.create(order_id=line.order_id, sequence=sequence,  # type: ignore[attr-defined]
                                     warehouse_id=shop.warehouse_id, partner_code=shop.partner.code,
                                     tracking_status=TrackingStatus.DELIVERED, delivered_at=when)
    return await ShipmentLine.create(shipment=shipment, order_line_id=line.id, quantity=quantity)


async def take_back(shop: Shop, shipped: ShipmentLine, quantity: int, when: datetime) -> ReturnLine:
    """A return of `quantity` units of a shipment line, received by the partner at `when`."""
    shipment = await Shipment.get(id=shipped.shipment_id)  # type: ignore[attr-defined]
    request = await ReturnRequest.create(order_id=shipment.order_id, shipment=shipment,  # type: ignore[attr-defined]
                                         partner_code=shop.partner.code, status=ReturnStatus.RECEIVED,
                                         received_at=when)
    return await ReturnLine.create(return_request=request, shipment_line=shipped, quantity=quantity)


async def ship(shop: Shop, line: OrderLine, quantity: int) -> ShipmentLine:
    """A shipment of `quantity` units of the line from the partner's warehouse, on its way (not delivered)."""
    request = FulfilRequest([LinePick(str(line.id), [StockPick(str(shop.warehouse_id), quantity)])])
    async with in_transaction():
        order = await Order.filter(id=line.order_id).select_for_update().get()  # type: ignore[attr-defined]
        shipment, = await create_shipments(SHIPPING_OPERATOR, order, request)
    return await ShipmentLine.get(shipment_id=shipment.id)


async def record_delivery(shipped: ShipmentLine, when: datetime) -> Shipment:
    """Fulfilment records the carrier's report that the shipment was delivered at `when`."""
    shipment = await Shipment.get(id=shipped.shipment_id)  # type: ignore[attr-defined]
    assert await close_delivered(shipment, when, "carrier:test")
    return await Shipment.get(id=shipment.id)


async def receive(shop: Shop, shipped: ShipmentLine, quantity: int, when: datetime) -> ReturnLine:
    """An approved return of `quantity` units, received by the partner at `when` (points go back)."""
    shipment = await Shipment.get(id=shipped.shipment_id)  # type: ignore[attr-defined]
    request = await ReturnRequest.create(order_id=shipment.order_id, shipment=shipment,  # type: ignore[attr-defined]
                                         partner_code=shop.partner.code, status=ReturnStatus.APPROVED)
    returned = await ReturnLine.create(return_request=request, shipment_line=shipped, quantity=quantity)
    await receive_return(SHIPPING_OPERATOR, request, now=when)
    return returned


async def settle_partner(settings: Any, period: str = "2026-11", code: str | None = "ACME") -> RunOutcome:
    return await settle_period(period, "user:1", settings, partner_code=code, partners=PartnerSide(),
                               now=AFTER_EVERYTHING)


@dataclass
class OpenDelivery:
    """Two shipments' deliveries: `slow`'s (20 November) written in a transaction still open, `fast`'s
    (21 November, a later shipment) committed. `commit()` ends the open transaction."""

    slow: ShipmentLine
    fast: ShipmentLine
    release: asyncio.Event
    recording: asyncio.Task[None]

    async def commit(self) -> None:
        self.release.set()
        await self.recording


async def deliveries_committed_out_of_order(shop: Shop) -> OpenDelivery:
    """PostgreSQL only: SQLite runs one transaction at a time."""
    slow_line, fast_line = await order_gifts(shop, 1), await order_gifts(shop, 1)
    slow, fast = await ship(shop, slow_line, 1), await ship(shop, fast_line, 1)
    written, release = asyncio.Event(), asyncio.Event()

    async def slow_delivery() -> None:
        async with in_transaction():
            await record_delivery(slow, at("2026-11-20T03:00:00"))
            written.set()
            await release.wait()

    recording = asyncio.create_task(slow_delivery())
    await written.wait()
    await record_delivery(fast, at("2026-11-21T03:00:00"))
    return OpenDelivery(slow, fast, release, recording)
