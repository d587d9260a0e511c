"""A cart of a parcel and a voucher: the address is still needed for the parcel; the voucher is delivered at
completion, the parcel waits for its partner, and the order is partially fulfilled meanwhile."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from catalog.models import Stock
from fulfilment.digital.models import DigitalCode
from orders.models import Order, OrderLine, OrderStatus, ShippingMethod
from orders.services.checkouts import LineRequest, create_checkout, set_address, set_delivery_method
from orders.services.completion import complete_checkout
from orders.services.payments import initialize_points_payment
from tests.fulfilment.digital.world import build_digital_mall, stock_codes
from tests.orders.services.world import ADDRESS, stocked_gift


async def test_a_voucher_and_a_parcel_in_one_order_leave_the_parcel_waiting(settings, set_clock):
    # given
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await stock_codes(mall, "BREW-MIX-0001")
    tea = await stocked_gift(mall.channel, stock=3)
    shipping = await ShippingMethod.create(channel=mall.channel, name="Standard", price_points=0)
    checkout = await create_checkout(mall.channel.slug, mall.member, None,
                                     [LineRequest(mall.coffee.id, 1), LineRequest(tea.id, 1)])
    await set_address(checkout, ADDRESS, "SHIPPING")
    await set_delivery_method(checkout, shipping.id)
    await initialize_points_payment(checkout, None, "pay", f"user:{mall.member.id}")

    # when
    async with in_transaction():
        order = await complete_checkout(checkout.token, f"user:{mall.member.id}")

    # then: the voucher is delivered, the tea set waits with its unit allocated
    assert (await Order.get(id=order.id)).status == OrderStatus.PARTIALLY_FULFILLED
    lines = {line.product_sku: line for line in await OrderLine.filter(order_id=order.id)}
    assert (lines["COFFEE-50"].quantity_fulfilled, lines["TEA-1"].quantity_fulfilled) == (1, 0)
    assert await DigitalCode.filter(order_line_id=lines["COFFEE-50"].id).count() == 1
    tea_stock = await Stock.get(variant_id=tea.id)
    assert (tea_stock.quantity, tea_stock.quantity_allocated) == (3, 1)
