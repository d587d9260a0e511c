"""checkoutComplete: one all-or-nothing use case that turns a paid cart into an order.

Inside the caller's single transaction: check the cart again, check the points held cover it, allocate
stock (conditional updates, its rows locked first in the global lock order), create the order and its
lines, capture from the points holds exactly what the total needs (a hold beyond it is voided: a cart paid
twice is charged once), move the transactions to the order, delete the cart. Any refusal rolls all of it
back: no stock taken, no points spent, no order. With points + cash, the card payments charged for the cart
(orders.services.cash_payments) cover the rest, and the order records the cash and the points it paid for.
They are read only when the points held fall short, so a points-only completion costs no extra query (a
card payment it leaves unused is released by the worker once its window ends).

Completing the same cart twice (a retry, two clicks at once) yields the one order: the order row is unique
per checkout token, and the cart row is locked while it completes.

This is the hottest write of a flash sale. Every completion of a gift updates the same stock row, and the
row stays locked until the transaction commits, so the stock is allocated last, just before the commit:
the lock is held for two statements instead of the whole use case (bench/redeem.py: 40 -> 60-85
completions a second on one gift, one worker). It also reads each row once: the lines and their prices come from the
line checks, the delivery method is read once, and the order takes over the cart's addresses (they are
the cart's own copies, made by `set_address`) instead of copying them again.

Lines a live flash sale prices (orders.flash_sales) are charged the sale's price, and their units are taken from
the sale by a conditional update after the points and before the stock. A cart paid at a sale's price whose sale
sold out meanwhile is refused INSUFFICIENT_STOCK (past the member's limit: QUANTITY_GREATER_THAN_LIMIT), so the
mutation gives its held points back at once. One statement more per completion (the live sales of the cart's
variants), whether or not a sale runs.

Errors (DomainError, OrdersErrorCode): NO_LINES, EMAIL_NOT_SET, SHIPPING_ADDRESS_NOT_SET,
SHIPPING_METHOD_NOT_SET, CHECKOUT_NOT_FULLY_PAID, NOT_FOUND, INSUFFICIENT_STOCK and QUANTITY_GREATER_THAN_LIMIT
(a flash sale's units or limit), INVALID and VOUCHER_NOT_APPLICABLE (the cart's voucher code: orders.vouchers.checkout
counts its use once, whatever the concurrency), and the line rules of orders.services.lines.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from catalog.models import Stock
from catalog.services.one_statement_allocation import AllocationRecord, allocate_and_record
from catalog.services.stock import InsufficientStock, allocate, lock_channel_stocks
from catalog.tier_benefits import NO_BENEFITS, TierBenefits, tier_benefits
from kernel import clock
from kernel.errors import DomainError
from mall import sql
from mall.transactions import in_retried_transaction
from orders.errors import OrdersErrorCode
from orders.flash_sales.pricing import SaleLine, sale_lines
from orders.flash_sales.services import (
    hold_unsold_units,
    limit_refusal,
    record_sale_line,
    refuse_if_hinted_sold_out,
    sold_out_refusal,
    take_sale_units,
)
from orders.models import (
    CashStatus,
    Checkout,
    CheckoutLine,
    Gateway,
    Order,
    OrderEvent,
    OrderLine,
    OrderLineAllocation,
    OrderNumber,
    ShippingMethod,
    Transaction,
)
from orders.services.cash_payments import open_cash_payments
from orders.services.cash_refunds import release_cash_payment
from orders.services.confirmation import check_confirmed
from orders.services.lines import PricedVariant, priced_checkout_lines, stock_refusal
from orders.services.member_prices import member_unit_prices
from orders.services.notices import tell_placed
from orders.services.payments import capture_points, live_points_transactions, locked_checkout, release_points
from orders.services.totals import CheckoutTotals, totals_of, variant_quantities
from orders.vouchers.checkout import check_usable, checkout_offer, take_use

# What delivers lines that need no shipping (digital gifts) at completion. It lives above orders (fulfilment),
# so the composition root hands it over at start-up (mall.wiring); until then such lines wait, as parcels do.
DigitalDelivery = Callable[[Order], Awaitable[None]]
_digital_delivery: list[DigitalDelivery] = []


def set_digital_delivery(deliver: DigitalDelivery) -> None:
    """Called once at start-up; calling it again replaces the hook."""
    _digital_delivery[:] = [deliver]


async def existing_order(checkout_token: uuid.UUID | str) -> Order | None:
    return await Order.get_or_none(checkout_token=checkout_token)


POINTS_PAY_FOR_ORDER = (
    f"UPDATE {Transaction._meta.db_table} SET order_id = $1 WHERE checkout_token = $2 AND gateway = $3"
)




def _require(condition: bool, field: str, message: str, code: OrdersErrorCode) -> None:
    if not condition:
        raise DomainError.single(field, message, code)


async def _checked_lines(
    checkout: Checkout, now: datetime, benefits: TierBenefits
) -> list[tuple[CheckoutLine, PricedVariant]]:
    lines = await priced_checkout_lines(str(checkout.token), checkout.channel, checkout.user_id, now, benefits)  # type: ignore[attr-defined]
    _require(bool(lines), "lines", "Cannot create order without product.", OrdersErrorCode.NO_LINES)
    return lines


def _check_delivery(checkout: Checkout, shipping_required: bool) -> None:
    _require(bool(checkout.email), "email", "Checkout email must be set.", OrdersErrorCode.EMAIL_NOT_SET)
    if shipping_required:
        _require(
            checkout.shipping_address_id is not None,  # type: ignore[attr-defined]
            "shipping_address",
            "Shipping address is not set.",
            OrdersErrorCode.SHIPPING_ADDRESS_NOT_SET,
        )
        _require(
            checkout.shipping_method_id is not None,  # type: ignore[attr-defined]
            "shipping_method",
            "Shipping method is not set.",
            OrdersErrorCode.SHIPPING_METHOD_NOT_SET,
        )


@dataclass(frozen=True)
class Payment:
    """What pays for the cart: live points holds (captured at completion, up to what the total needs) and
    charged card payments."""

    points: list[Transaction]  # oldest hold first
    points_held: int
    cash: list[Transaction]
    leftover_cash: list[Transaction]  # asked for but not paid: released once the order exists
    total_points: int

    @property
    def cash_points(self) -> int:
        return sum(payment.covered_points for payment in self.cash)

    @property
    def cash_charged(self) -> Decimal:
        return sum((payment.charged_value for payment in self.cash), Decimal(0))

    @property
    def points_due(self) -> int:
        """The points the order takes from the holds: the total less what cash pays, never more than held.
        Points held beyond it (a second payment, a cart made cheaper after paying) go back to the member."""
        return max(0, min(self.points_held, self.total_points - self.cash_points))


async def _payment(checkout: Checkout, total_points: int) -> Payment:
    """The live points holds and card payments of the cart; refuses a cart they do not cover."""
    transactions = await live_points_transactions(checkout)
    held = sum(int(t.authorized_value) for t in transactions)
    cash = await open_cash_payments(checkout.token) if held < total_points else []
    charged = [payment for payment in cash if payment.cash_status == CashStatus.CHARGED]
    leftover = [p for p in cash if p.cash_status != CashStatus.CHARGED]
    payment = Payment(transactions, held, charged, leftover, total_points)
    _require(
        held + payment.cash_points >= total_points,
        "id",
        "The authorized amount doesn't cover the checkout's total amount.",
        OrdersErrorCode.CHECKOUT_NOT_FULLY_PAID,
    )
    return payment


async def _flash_sales(
    checkout: Checkout, lines: list[tuple[CheckoutLine, PricedVariant]], now: datetime
) -> tuple[list[tuple[CheckoutLine, PricedVariant]], dict[int, SaleLine]]:
    """The lines at a live flash sale's price where the sale applies to this member now (the same rule as
    the cart's prices: orders.services.totals.checkout_prices), and every live sale of the cart's variants.
    A sale this worker saw sold out is re-checked here, before anything is written (the fast refusal)."""
    sales = await sale_lines(
        checkout.channel_id, checkout.user_id, variant_quantities([line for line, _ in lines]), now  # type: ignore[attr-defined]
    )
    priced = []
    for line, variant in lines:
        sale = sales.get(variant.variant.id)
        if sale is not None and sale.applies:
            await refuse_if_hinted_sold_out(sale)
            variant = replace(variant, unit_price_points=sale.sale.price_points)
        priced.append((line, variant))
    return priced, sales


def _refuse_for_lost_sale(failure: DomainError, sales: dict[int, SaleLine]) -> DomainError:
    """A cart paid at a sale's price whose sale has sold out (or whose member reached its limit) meanwhile is
    short of points at the gift's own price: say why, as a refusal for stock (the held points go back at once,
    orders.graphql.payment_mutations), rather than "not fully paid"."""
    for sale in sales.values():
        if not sale.has_units:
            return sold_out_refusal(sale)
        if not sale.within_limit:
            return limit_refusal(sale)
    return failure


async def _take_and_hold_sales(
    order: Order, order_lines: list[tuple[OrderLine, PricedVariant]], sales: dict[int, SaleLine], now: datetime
) -> dict[int, int]:
    """Lock the cart's flash sales' rows, one sale after the other in ascending sale id (mall.locking, 2b);
    after the points, before the stock. A sale-priced line takes its units from its sale (an update); a line at
    the gift's own price whose gift has a live sale share-locks that sale's row and keeps its unsold units out
    of reach (`hold_unsold_units`). Both kinds in one pass, by sale id: in cart order, a cart buying gift A at
    its sale price and gift B at its own price, and another buying the other way round, would each hold one
    sale's row while waiting for the other's, and PostgreSQL would abort one of them. Returns the units held
    back, by variant id."""
    lines_by_variant = {priced.variant.id: (order_line, priced) for order_line, priced in order_lines}
    held_back: dict[int, int] = {}
    for variant_id, sale in sorted(sales.items(), key=lambda item: item[1].sale.id):
        if variant_id not in lines_by_variant:
            continue
        order_line, priced = lines_by_variant[variant_id]
        if sale.applies:
            await take_sale_units(sale, order.user_id, now)  # type: ignore[attr-defined]
            await record_sale_line(sale, order.id, order_line.id, order.user_id)  # type: ignore[attr-defined]
        elif priced.variant.track_inventory:
            held_back[variant_id] = await hold_unsold_units(sale.sale.id)
    return held_back


async def _take_points(order: Order, payment: Payment, actor: str) -> bool:
    """Capture what the order needs from the holds, oldest first; a hold it does not need is voided, never
    captured (paying the same cart twice must not charge twice). Returns whether the first capture also marked
    the cart's points transactions as paying for the order (otherwise the caller does)."""
    due = payment.points_due
    marked = False
    for transaction in payment.points:
        take = min(due, int(transaction.authorized_value))
        if take:
            await capture_points(transaction, take, f"order:{order.id}", actor, None if marked else order.id)
            marked = True
        else:
            await release_points(transaction, actor)
        due -= take
    return marked


async def _take_cash(order: Order, payment: Payment) -> None:
    """The card payments now pay for the order; the unpaid ones are released. A payment the worker released
    meanwhile (the cart was abandoned) refuses the completion."""
    for cash in payment.cash:
        taken = await Transaction.filter(token=cash.token, cash_status=CashStatus.CHARGED, order_id=None).update(
            order_id=order.id
        )
        _require(bool(taken), "id", "A card payment of this checkout was released, pay again.",
                 OrdersErrorCode.CHECKOUT_NOT_FULLY_PAID)
    for leftover in payment.leftover_cash:
        await release_cash_payment(leftover, "The checkout was completed without this payment.")


async def _create_order(
    checkout: Checkout, totals: CheckoutTotals, method: ShippingMethod | None, payment: Payment
) -> Order:
    order = Order(
        checkout_token=checkout.token,
        channel=checkout.channel,
        user_id=checkout.user_id,  # type: ignore[attr-defined]
        user_email=checkout.email or "",
        language_code=checkout.language_code,
        shipping_address_id=checkout.shipping_address_id,  # type: ignore[attr-defined]
        billing_address_id=checkout.billing_address_id,  # type: ignore[attr-defined]
        shipping_method_id=method.id if method else None,
        shipping_method_name=method.name if method else "",
        shipping_price_points=totals.shipping_points,
        subtotal_points=totals.subtotal_points,
        tier_code=totals.tier_code,
        tier_discount_points=totals.tier_discount_points,
        voucher_id=totals.voucher.voucher_id if totals.voucher else None,
        voucher_code=totals.voucher.code if totals.voucher else None,
        voucher_name=totals.voucher.name if totals.voucher else "",
        voucher_discount_points=totals.voucher_discount_points,
        total_points=totals.total_points,
        points_charged=payment.points_due,
        cash_currency=payment.cash[0].currency if payment.cash else checkout.channel.cash_currency,
        cash_charged=payment.cash_charged,
        cash_covered_points=payment.cash_points,
        customer_note=checkout.customer_note,
    )
    await _insert_numbered(order)
    return order


# The next order number and the order in one statement (PostgreSQL; issue 23: one round trip less per
# completion). The number still comes from its own table's sequence, so numbers stay unique and increasing.
NUMBERED_ORDER = (
    f"WITH issued AS (INSERT INTO {OrderNumber._meta.db_table} (issued_at) VALUES ($1) RETURNING id) "
    f"INSERT INTO {Order._meta.db_table} ({{columns}}, number) VALUES ({{values}}, (SELECT id FROM issued)) "
    "RETURNING number"
)


async def _insert_numbered(order: Order) -> None:
    """Give the order the next number and insert it. SQLite has no INSERT inside WITH: two statements there."""
    if not sql.is_postgres():
        order.number = (await OrderNumber.create()).id
        await order.save(force_create=True)
        return
    columns, values = sql.insert_values(order, leave_out=("number",))
    statement = NUMBERED_ORDER.format(
        columns=sql.quoted(columns), values=sql.placeholders(len(values), first=2)
    )
    row = await sql.fetch_one(statement, clock.now(), *values)
    assert row is not None, "an INSERT ... RETURNING returns its row"
    order.number = row["number"]
    order._saved_in_db = True


async def _create_line(order: Order, line: CheckoutLine, priced: PricedVariant, totals: CheckoutTotals) -> OrderLine:
    variant, unit_price = priced.variant, totals.line_prices[line.id]
    return await OrderLine.create(
        order=order,
        variant_id=variant.id,
        product_name=priced.product_name,
        variant_name=variant.name,
        product_sku=variant.sku,
        partner_code=priced.partner_code,
        quantity=line.quantity,
        unit_price_points=unit_price,
        undiscounted_unit_price_points=priced.unit_price_points,
        total_price_points=unit_price * line.quantity,
        unit_cost_price=priced.cost_price,
        is_shipping_required=priced.is_shipping_required,
    )


async def _allocate_all(order: Order, order_lines: list[tuple[OrderLine, PricedVariant]],
                        reserved: dict[int, int]) -> None:
    """Take every line's units; the stock rows are locked first, all in one statement, in the global lock
    order (mall.locking), so completions, cancels and shipments of the same gifts never deadlock.

    A line at the gift's own price whose gift has a live flash sale leaves the sale's unsold units
    (`reserved`, by variant id, held by `_take_and_hold_sales` before the stock rows) in stock: the sale sells
    exactly its quantity at its price whatever the normal-price buyers do meanwhile, and they buy only the
    rest of the stock."""
    tracked = [(line, priced) for line, priced in order_lines if priced.variant.track_inventory]
    if not tracked:
        return
    if _allocates_in_one_statement(tracked, reserved):
        await _allocate_and_record(order, tracked)
        return
    stocks = await lock_channel_stocks([priced.variant.id for _, priced in tracked], order.channel_id,  # type: ignore[attr-defined]
                                       lock_single=any(reserved.values()))
    for order_line, priced in tracked:
        variant_stocks = stocks[priced.variant.id]
        _leave_reserved(order_line, priced, variant_stocks, reserved.get(priced.variant.id, 0))
        await _allocate(order, order_line, priced, variant_stocks)


def _allocates_in_one_statement(tracked: list[tuple[OrderLine, PricedVariant]], reserved: dict[int, int]) -> bool:
    """PostgreSQL, one line per variant and no flash sale's units to leave in stock (`_leave_reserved` reads
    the rows before taking): lock, take and record in one statement (catalog.services.one_statement_allocation)."""
    variants = [priced.variant.id for _, priced in tracked]
    return sql.is_postgres() and not any(reserved.values()) and len(set(variants)) == len(variants)


async def _allocate_and_record(order: Order, tracked: list[tuple[OrderLine, PricedVariant]]) -> None:
    record = AllocationRecord(OrderLineAllocation._meta.db_table, "order_line_id", "uuid",
                              {priced.variant.id: order_line.id for order_line, priced in tracked})
    try:
        await allocate_and_record({priced.variant.id: line.quantity for line, priced in tracked},
                                  order.channel_id, record)  # type: ignore[attr-defined]
    except InsufficientStock as shortage:
        priced = next(priced for _, priced in tracked if priced.variant.id == shortage.variant_id)
        raise stock_refusal(priced, shortage.available) from shortage


def _leave_reserved(order_line: OrderLine, priced: PricedVariant, stocks: list[Stock], reserved: int) -> None:
    """Refuse a line that would eat into units held for a flash sale. The rows were read locked, so their
    free units are exact until the commit."""
    if not reserved:
        return
    unreserved = sum(max(stock.quantity - stock.quantity_allocated, 0) for stock in stocks) - reserved
    if unreserved < order_line.quantity:
        raise stock_refusal(priced, unreserved)


async def _allocate(order: Order, order_line: OrderLine, priced: PricedVariant, stocks: list[Stock]) -> None:
    """Take the line's units from the channel's warehouses (conditional updates: no oversell)."""
    try:
        allocations = await allocate(priced.variant.id, order.channel_id, order_line.quantity, stocks)  # type: ignore[attr-defined]
    except InsufficientStock as shortage:
        raise stock_refusal(priced, shortage.available) from shortage
    for allocation in allocations:
        await OrderLineAllocation.create(
            order_line=order_line, stock_id=allocation.stock_id, quantity=allocation.quantity
        )


async def complete_checkout(
    token: uuid.UUID | str, actor: str, authorize: Callable[[Checkout], Awaitable[object]] | None = None
) -> Order:
    """The order for this cart, creating it if the cart is complete and paid. Call inside a transaction.
    The returned order has its channel loaded. `authorize` (the API's access check) is given the locked cart
    before anything else happens: the cart is read once for both (raises what `authorize` raises)."""
    checkout = await locked_checkout(token)
    if checkout is not None and authorize is not None:
        await authorize(checkout)
    if checkout is None:
        order = await existing_order(token)
        if order is None:
            raise DomainError.single("id", f"Couldn't resolve to a node: Checkout:{token}", OrdersErrorCode.NOT_FOUND)
        await order.fetch_related("channel")
        return order
    now = clock.now()
    benefits = await tier_benefits(checkout.channel, checkout.user_id) if checkout.user_id else NO_BENEFITS  # type: ignore[attr-defined]
    lines = await _checked_lines(checkout, now, benefits)
    _check_delivery(checkout, any(priced.is_shipping_required for _, priced in lines))
    lines, sales = await _flash_sales(checkout, lines, now)
    method = checkout.shipping_method
    # promotions lower the listing prices (PricedVariant keeps them: the order lines' undiscounted price); a
    # live flash sale's price stands instead, as on the cart (orders.services.totals.checkout_prices)
    listing_prices = {priced.variant.id: priced.unit_price_points for _, priced in lines}
    prices = await member_unit_prices(checkout.channel_id, listing_prices, now, checkout.user_id)  # type: ignore[attr-defined]
    prices.update({variant_id: line.sale.price_points for variant_id, line in sales.items() if line.applies})
    offer = await checkout_offer(checkout, [priced.variant.id for _, priced in lines], now)
    totals = totals_of([line for line, _ in lines], prices, method, benefits, offer)
    if offer is not None and totals.voucher_discount_points:  # the code may have been used up since it was entered
        await check_usable(offer, checkout, totals.subtotal_points, totals.quantity, totals.voucher_discount_points)
    else:  # a code that takes nothing off (expired, below its minimums) is neither charged for nor counted
        totals = replace(totals, voucher=None)
    await check_confirmed(checkout, totals.total_points)  # the programme may want a one-time code first
    try:
        payment = await _payment(checkout, totals.total_points)
    except DomainError as failure:
        raise _refuse_for_lost_sale(failure, sales) from failure
    order = await _create_order(checkout, totals, method, payment)
    order_lines = [(await _create_line(order, line, priced, totals), priced) for line, priced in lines]
    if not await _take_points(order, payment, actor):
        await sql.execute(POINTS_PAY_FOR_ORDER, order.id, str(checkout.token), Gateway.POINTS.value)
    await _take_cash(order, payment)
    if totals.voucher is not None:
        await take_use(totals.voucher, checkout)  # after the ledger, before the sales and the stock (mall.locking)
    await OrderEvent.create(order=order, type="PLACED", actor=actor, message="Order placed from checkout.")
    await tell_placed(order)  # before the stock rows are locked: the member's news waits in the outbox
    await checkout.delete()
    reserved = await _take_and_hold_sales(order, order_lines, sales, now)  # the sales' rows, then the stock rows
    await _allocate_all(order, order_lines, reserved)  # the stock rows stay locked until the commit
    if _digital_delivery and any(not priced.is_shipping_required for _, priced in lines):
        await _digital_delivery[0](order)  # codes taken and delivered in this transaction, or queued
    return order


# Refusals after which the cart's held points go back at once: the gift sold out, or the voucher the total was
# paid with was used up meanwhile (the member would otherwise wait for the hold to expire to see their points).
GIVE_BACK_HOLDS = frozenset({OrdersErrorCode.INSUFFICIENT_STOCK, OrdersErrorCode.VOUCHER_NOT_APPLICABLE})


def refused_for_stock(failure: DomainError) -> bool:
    return any(detail.code in GIVE_BACK_HOLDS for detail in failure.details)


async def give_back_held_points(token: uuid.UUID | str, actor: str) -> int:
    """After a completion refused for stock (rolled back, so its own transaction): the cart's live points
    holds are voided at once. In a sale that sold out, the buyers who lost see their whole balance again
    now, not when the hold would have expired; the cart stays, and paying for it again is one call.
    Returns how many holds were voided."""

    async def void_holds() -> int:
        checkout = await Checkout.get_or_none(token=token)
        held = await live_points_transactions(checkout) if checkout is not None else []
        for transaction in held:
            await release_points(transaction, actor)
        return len(held)

    return await in_retried_transaction(void_holds)
