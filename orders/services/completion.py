"""checkoutComplete: one all-or-nothing use case that turns a paid cart into an order.

Inside the caller's single transaction: check the cart again, allocate stock (conditional updates, in
variant order), create the order and its lines, capture the points holds, move the transactions to the
order, delete the cart. Any refusal rolls all of it back: no stock taken, no points spent, no order.

Completing the same cart twice (a retry, two clicks at once) yields the one order: the order row is unique
per checkout token, and the cart row is locked while it completes.

Errors (DomainError codes, CheckoutErrorCode): NO_LINES, EMAIL_NOT_SET, SHIPPING_ADDRESS_NOT_SET,
SHIPPING_METHOD_NOT_SET, CHECKOUT_NOT_FULLY_PAID, NOT_FOUND, and the line rules of orders.services.lines.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from catalog.services.stock import allocate
from mall.accounts.models import Address
from mall.graphql.errors import DomainError
from orders.models import (
    Checkout,
    CheckoutLine,
    Order,
    OrderEvent,
    OrderLine,
    OrderLineAllocation,
    OrderNumber,
    Transaction,
)
from orders.services.lines import PricedVariant, checked_line
from orders.services.payments import capture_points, live_points_transactions
from orders.services.totals import checkout_totals


async def existing_order(checkout_token: uuid.UUID | str) -> Order | None:
    return await Order.get_or_none(checkout_token=checkout_token)


async def _locked_checkout(token: uuid.UUID | str) -> Checkout | None:
    # On PostgreSQL the row lock makes a second completion wait, then find the order the first one made.
    checkout = await Checkout.filter(token=token).select_for_update().first()
    if checkout is not None:
        await checkout.fetch_related("channel")
    return checkout


def _require(condition: bool, field: str, message: str, code: str) -> None:
    if not condition:
        raise DomainError.single(field, message, code)


async def _checked_lines(checkout: Checkout, now: datetime) -> list[tuple[CheckoutLine, PricedVariant]]:
    lines = sorted(await CheckoutLine.filter(checkout_id=checkout.token), key=lambda line: line.variant_id)  # type: ignore[attr-defined]
    _require(bool(lines), "lines", "Cannot create order without product.", "NO_LINES")
    return [
        (line, await checked_line(checkout.channel, line.variant_id, line.quantity, checkout.user_id, now))  # type: ignore[attr-defined]
        for line in lines
    ]


def _check_delivery(checkout: Checkout, shipping_required: bool) -> None:
    _require(bool(checkout.email), "email", "Checkout email must be set.", "EMAIL_NOT_SET")
    if shipping_required:
        _require(
            checkout.shipping_address_id is not None,
            "shippingAddress",  # type: ignore[attr-defined]
            "Shipping address is not set.",
            "SHIPPING_ADDRESS_NOT_SET",
        )
        _require(
            checkout.shipping_method_id is not None,
            "shippingMethod",  # type: ignore[attr-defined]
            "Shipping method is not set.",
            "SHIPPING_METHOD_NOT_SET",
        )


async def _copy_address(address_id: int | None) -> int | None:
    if address_id is None:
        return None
    source = await Address.get(id=address_id)
    values = {k: v for k, v in source.__dict__.items() if not k.startswith("_") and k not in {"id", "user_id"}}
    return (await Address.create(**values)).id


async def _create_order(checkout: Checkout, total_points: int, shipping_points: int) -> Order:
    number = (await OrderNumber.create()).id
    method = await checkout.shipping_method if checkout.shipping_method_id else None  # type: ignore[attr-defined]
    return await Order.create(
        number=number,
        checkout_token=checkout.token,
        channel_id=checkout.channel_id,  # type: ignore[attr-defined]
        user_id=checkout.user_id,
        user_email=checkout.email or "",
        language_code=checkout.language_code,  # type: ignore[attr-defined]
        shipping_address_id=await _copy_address(checkout.shipping_address_id),  # type: ignore[attr-defined]
        billing_address_id=await _copy_address(checkout.billing_address_id),  # type: ignore[attr-defined]
        shipping_method_id=method.id if method else None,
        shipping_method_name=method.name if method else "",
        shipping_price_points=shipping_points,
        subtotal_points=total_points - shipping_points,
        total_points=total_points,
        cash_currency=checkout.channel.cash_currency,
        customer_note=checkout.customer_note,
    )


async def _create_line(order: Order, line: CheckoutLine, priced: PricedVariant) -> None:
    variant = priced.variant
    order_line = await OrderLine.create(
        order=order,
        variant_id=variant.id,
        product_name=priced.product_name,
        variant_name=variant.name,
        product_sku=variant.sku,
        partner_code=priced.partner_code,
        quantity=line.quantity,
        unit_price_points=priced.unit_price_points,
        total_price_points=priced.unit_price_points * line.quantity,
        unit_cost_price=priced.cost_price,
        is_shipping_required=priced.is_shipping_required,
    )
    if variant.track_inventory:
        for allocation in await allocate(variant.id, order.channel_id, line.quantity):  # type: ignore[attr-defined]
            await OrderLineAllocation.create(
                order_line=order_line, stock_id=allocation.stock_id, quantity=allocation.quantity
            )


async def _charge(checkout: Checkout, order: Order, total_points: int, actor: str) -> int:
    transactions = await live_points_transactions(checkout)
    held = sum(int(t.authorized_value) for t in transactions)
    _require(
        held >= total_points,
        "id",
        "The authorized amount doesn't cover the checkout's total amount.",
        "CHECKOUT_NOT_FULLY_PAID",
    )
    charged = 0
    for transaction in transactions:
        charged += await capture_points(transaction, f"order:{order.id}", actor)
    await Transaction.filter(checkout_token=checkout.token).update(order_id=order.id)
    return charged


async def complete_checkout(token: uuid.UUID | str, actor: str) -> Order:
    """The order for this cart, creating it if the cart is complete and paid. Call inside a transaction."""
    checkout = await _locked_checkout(token)
    if checkout is None:
        order = await existing_order(token)
        if order is None:
            raise DomainError.single("id", f"Couldn't resolve to a node: Checkout:{token}", "NOT_FOUND")
        return order
    now = datetime.now(UTC)
    lines = await _checked_lines(checkout, now)
    _check_delivery(checkout, any(priced.is_shipping_required for _, priced in lines))
    totals = await checkout_totals(checkout)
    order = await _create_order(checkout, totals.total_points, totals.shipping_points)
    for line, priced in lines:
        await _create_line(order, line, priced)
    order.points_charged = await _charge(checkout, order, totals.total_points, actor)
    await order.save(update_fields=["points_charged", "updated_at"])
    await OrderEvent.create(order=order, type="PLACED", actor=actor, message="Order placed from checkout.")
    await checkout.delete()
    return order
