"""Vouchers at checkout: which code a cart holds, whether it may be used, counting its use once, giving it back.

A cart keeps the code the member entered (`Checkout.voucher_code`). `checkout_offer` reads it each time the
cart is priced: a code that is no longer valid (deleted, switched off, out of its dates, not listed in the
cart's channel) simply stops discounting. `check_usable` holds Saleor's checks (minimum points and items, staff
only, once per customer, usage left), refusing VOUCHER_NOT_APPLICABLE.

`take_use` counts the use at completion with conditional updates (the code's `used` for a single-use code, the
voucher's `used` against its limit) and a unique row per customer for once-per-customer vouchers, inside the
completion's transaction: whatever the concurrency, exactly the limit is used and the rest are refused, with
nothing written (the refusal rolls the completion back). Lock order (mall.locking): after the ledger, the
voucher's row, then its code's row, then the customer row.

`release_use` gives the use back when an order is cancelled, as Saleor releases voucher usage on cancel (a
refund does not: the order stands, discounted). It runs once per order (`Order.voucher_use_released`).

Errors (DomainError, OrdersErrorCode): INVALID (a code that is not a live voucher's in the cart's channel,
Saleor's "Promo code is invalid") and VOUCHER_NOT_APPLICABLE.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q

from catalog.promotions.services import variant_facts
from kernel.errors import DomainError
from mall.accounts.models import User
from orders.errors import OrdersErrorCode
from orders.models import Checkout, Order
from orders.vouchers.discounts import VoucherOffer, meets_minimums
from orders.vouchers.models import (
    CatalogueKind,
    Voucher,
    VoucherCatalogueItem,
    VoucherChannelListing,
    VoucherCode,
    VoucherCustomer,
    VoucherType,
)

MAX_CODE_LENGTH = 255
NOT_APPLICABLE = "Voucher is not applicable to this checkout."


def invalid_code(field: str = "promo_code") -> DomainError:
    return DomainError.single(field, "Promo code is invalid", OrdersErrorCode.INVALID)


def not_applicable(message: str = NOT_APPLICABLE) -> DomainError:
    return DomainError.single("promo_code", message, OrdersErrorCode.VOUCHER_NOT_APPLICABLE)


def normalised_code(code: str) -> str:
    """Codes are kept and compared as typed, less surrounding blanks (Saleor compares them exactly)."""
    return code.strip()


async def live_code(code: str, channel_id: int, now: datetime) -> tuple[VoucherCode, Voucher,
                                                                         VoucherChannelListing] | None:
    """The active code of a voucher running now and listed in the channel, or None."""
    row = await VoucherCode.get_or_none(code=normalised_code(code)[:MAX_CODE_LENGTH], is_active=True).select_related(
        "voucher")
    if row is None:
        return None
    voucher = row.voucher
    if voucher.start_at > now or (voucher.end_at is not None and voucher.end_at <= now):
        return None
    listing = await VoucherChannelListing.get_or_none(voucher_id=voucher.id, channel_id=channel_id)
    return (row, voucher, listing) if listing is not None else None


async def covered_variants(voucher_id: int, variant_ids: Iterable[int]) -> frozenset[int]:
    """The variants among `variant_ids` a SPECIFIC_PRODUCT voucher names directly or through their product,
    category or collections."""
    items = await VoucherCatalogueItem.filter(voucher_id=voucher_id).values_list("kind", "target_id")
    named: dict[str, set[int]] = {kind.value: set() for kind in CatalogueKind}
    for kind, target_id in items:
        named[str(kind)].add(target_id)
    facts = await variant_facts(variant_ids)
    return frozenset(
        fact.variant_id for fact in facts.values()
        if fact.variant_id in named["variant"] or fact.product_id in named["product"]
        or fact.category_id in named["category"] or fact.collection_ids & named["collection"]
    )


async def offer_of(code: str, channel_id: int, variant_ids: Iterable[int], now: datetime) -> VoucherOffer | None:
    found = await live_code(code, channel_id, now)
    if found is None:
        return None
    row, voucher, listing = found
    offer = VoucherOffer(
        voucher_id=voucher.id, code_id=row.id, code=row.code, name=voucher.name, type=voucher.type,
        value_type=voucher.discount_value_type, value=listing.discount_value,
        min_spent_points=listing.min_spent_points, min_quantity=voucher.min_checkout_items_quantity,
        apply_once_per_order=voucher.apply_once_per_order,
    )
    if voucher.type == VoucherType.SPECIFIC_PRODUCT:
        offer = replace(offer, variant_ids=await covered_variants(voucher.id, variant_ids))
    return offer


async def checkout_offer(checkout: Checkout, variant_ids: Iterable[int], now: datetime) -> VoucherOffer | None:
    """The cart's voucher as it prices now (None: no code, or a code no longer valid)."""
    if not checkout.voucher_code:
        return None
    return await offer_of(checkout.voucher_code, checkout.channel_id, variant_ids, now)  # type: ignore[attr-defined]


async def customer_email(checkout: Checkout) -> str:
    if checkout.user_id is not None:  # type: ignore[attr-defined]
        user = await User.get_or_none(id=checkout.user_id)  # type: ignore[attr-defined]
        if user is not None:
            return user.email.lower()
    return (checkout.email or "").lower()


async def _is_staff(checkout: Checkout) -> bool:
    if checkout.user_id is None:  # type: ignore[attr-defined]
        return False
    return await User.filter(id=checkout.user_id, is_staff=True).exists()  # type: ignore[attr-defined]


async def check_usable(offer: VoucherOffer, checkout: Checkout, subtotal_points: int, quantity: int,
                       discount_points: int) -> None:
    """Saleor's checks of a voucher against a cart; refuses VOUCHER_NOT_APPLICABLE."""
    voucher = await Voucher.get(id=offer.voucher_id)
    if not meets_minimums(offer, subtotal_points, quantity):
        if offer.min_spent_points is not None and subtotal_points < offer.min_spent_points:
            raise not_applicable(f"Minimum spent of {offer.min_spent_points} points required.")
        raise not_applicable(f"Minimum of {offer.min_quantity} items required.")
    if discount_points <= 0:
        raise not_applicable()
    if voucher.only_for_staff and not await _is_staff(checkout):
        raise not_applicable("Voucher is only for staff.")
    if voucher.usage_limit is not None and voucher.used >= voucher.usage_limit:
        raise not_applicable("Voucher has been used up.")
    if voucher.single_use and await VoucherCode.filter(id=offer.code_id, used__gt=0).exists():
        raise not_applicable("Voucher code has already been used.")
    if voucher.apply_once_per_customer:
        email = await customer_email(checkout)
        if not email:
            raise not_applicable("Voucher is limited to one use per customer: set the e-mail first.")
        if await VoucherCustomer.filter(voucher_id=voucher.id, customer_email=email).exists():
            raise not_applicable("Voucher has already been used by this customer.")


async def take_use(offer: VoucherOffer, checkout: Checkout) -> None:
    """Count one use of the code (inside the completion's transaction); refuses VOUCHER_NOT_APPLICABLE when the
    limit, the single-use code or the customer's one use was taken meanwhile."""
    voucher = await Voucher.get(id=offer.voucher_id)
    counted = Voucher.filter(id=voucher.id)
    if voucher.usage_limit is not None:
        counted = counted.filter(used__lt=F("usage_limit"))
    if not await counted.update(used=F("used") + 1):
        raise not_applicable("Voucher has been used up.")
    code = VoucherCode.filter(id=offer.code_id, is_active=True)
    if voucher.single_use:
        code = code.filter(used=0)
    if not await code.update(used=F("used") + 1):
        raise not_applicable("Voucher code has already been used.")
    if voucher.apply_once_per_customer:
        await _record_customer(voucher.id, await customer_email(checkout))


async def _record_customer(voucher_id: int, email: str) -> None:
    if not email:
        raise not_applicable("Voucher is limited to one use per customer: set the e-mail first.")
    try:
        await VoucherCustomer.create(voucher_id=voucher_id, customer_email=email)
    except IntegrityError as taken:  # the unique row: another completion of this customer won
        raise not_applicable("Voucher has already been used by this customer.") from taken


async def release_use(order: Order) -> bool:
    """Give the order's voucher use back (a cancelled order), once. Returns whether a use was given back."""
    if order.voucher_id is None or order.voucher_code is None:  # type: ignore[attr-defined]
        return False
    if not await Order.filter(id=order.id, voucher_use_released=False).update(voucher_use_released=True):
        return False
    await Voucher.filter(Q(id=order.voucher_id), Q(used__gt=0)).update(used=F("used") - 1)  # type: ignore[attr-defined]
    await VoucherCode.filter(code=order.voucher_code, used__gt=0).update(used=F("used") - 1)
    await VoucherCustomer.filter(voucher_id=order.voucher_id, customer_email=order.user_email.lower()).delete()  # type: ignore[attr-defined]
    return True
