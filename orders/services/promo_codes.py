"""checkoutAddPromoCode and checkoutRemovePromoCode: a member puts a voucher code on a cart or takes it off.

Adding checks the code as Saleor does before keeping it: a code that is not a live voucher's in the cart's
channel is INVALID ("Promo code is invalid"), a voucher the cart cannot use (below its minimum points or items,
staff only, used up, already used by this customer, nothing in the cart it applies to) VOUCHER_NOT_APPLICABLE.
A cart holds one voucher code: a new one replaces it. Nothing is counted here: the use is taken at completion
(orders.vouchers.checkout.take_use), where the last check is made under the database's locks.

Errors (DomainError, OrdersErrorCode): INVALID, VOUCHER_NOT_APPLICABLE, NOT_FOUND (removing by an ID that is
not the cart's voucher code).
"""

from __future__ import annotations

from kernel import clock
from kernel.errors import DomainError
from orders.errors import OrdersErrorCode
from orders.models import Checkout, CheckoutLine
from orders.services.totals import checkout_totals
from orders.vouchers.checkout import check_usable, invalid_code, normalised_code, offer_of
from orders.vouchers.models import VoucherCode


async def add_promo_code(checkout: Checkout, promo_code: str) -> Checkout:
    lines = await CheckoutLine.filter(checkout_id=checkout.token)
    now = clock.now()
    offer = await offer_of(promo_code, checkout.channel_id, [line.variant_id for line in lines], now)  # type: ignore[attr-defined]
    if offer is None:
        raise invalid_code()
    previous = checkout.voucher_code
    checkout.voucher_code = offer.code
    totals = await checkout_totals(checkout)
    await check_usable(offer, checkout, totals.subtotal_points, totals.quantity, totals.voucher_discount_points)
    if previous != offer.code:
        await checkout.save(update_fields=["voucher_code", "updated_at"])
    return checkout


async def remove_promo_code(checkout: Checkout, promo_code: str | None, promo_code_id: int | None) -> Checkout:
    """Takes the cart's voucher code off when it is the one named (by code or by VoucherCode ID); a code the
    cart does not hold changes nothing, as in Saleor."""
    held = checkout.voucher_code
    if promo_code_id is not None:
        row = await VoucherCode.get_or_none(id=promo_code_id)
        if row is None:
            raise DomainError.single("promo_code_id", f"Couldn't resolve to a node: VoucherCode:{promo_code_id}",
                                     OrdersErrorCode.NOT_FOUND)
        named = row.code
    else:
        named = normalised_code(promo_code or "")
    if held is not None and held == named:
        checkout.voucher_code = None
        await checkout.save(update_fields=["voucher_code", "updated_at"])
    return checkout

