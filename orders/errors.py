"""How checkout, orders and payments refuse: every DomainError of orders' services carries one of these codes.

Field names are the services' Python names (the API layer camel-cases them). The names are Saleor's
(CheckoutErrorCode, OrderErrorCode, TransactionInitializeErrorCode) where Saleor has the case; each
mutation maps them into its own enum (orders.graphql.errors).
"""

from __future__ import annotations

from enum import StrEnum


class OrdersErrorCode(StrEnum):
    REQUIRED = "REQUIRED"  # a value that must not be blank is blank
    INVALID = "INVALID"  # a malformed value, a step the state does not allow, a row changed meanwhile
    UNIQUE = "UNIQUE"  # an idempotency key used for another payment
    NOT_FOUND = "NOT_FOUND"  # the checkout, line, variant or order does not exist or is not the caller's
    # Choosing the channel of a new checkout.
    MISSING_CHANNEL_SLUG = "MISSING_CHANNEL_SLUG"
    CHANNEL_INACTIVE = "CHANNEL_INACTIVE"
    # Lines: what may be redeemed, and how many.
    ZERO_QUANTITY = "ZERO_QUANTITY"
    QUANTITY_GREATER_THAN_LIMIT = "QUANTITY_GREATER_THAN_LIMIT"
    INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK"
    UNAVAILABLE_VARIANT_IN_CHANNEL = "UNAVAILABLE_VARIANT_IN_CHANNEL"
    PRODUCT_NOT_PUBLISHED = "PRODUCT_NOT_PUBLISHED"
    PRODUCT_UNAVAILABLE_FOR_PURCHASE = "PRODUCT_UNAVAILABLE_FOR_PURCHASE"
    TIER_REQUIRED = "TIER_REQUIRED"  # the gift is reserved for a higher loyalty tier than the member's
    # Delivery.
    SHIPPING_NOT_REQUIRED = "SHIPPING_NOT_REQUIRED"
    DELIVERY_METHOD_NOT_APPLICABLE = "DELIVERY_METHOD_NOT_APPLICABLE"
    # Completing a checkout.
    NO_LINES = "NO_LINES"
    EMAIL_NOT_SET = "EMAIL_NOT_SET"
    SHIPPING_ADDRESS_NOT_SET = "SHIPPING_ADDRESS_NOT_SET"
    SHIPPING_METHOD_NOT_SET = "SHIPPING_METHOD_NOT_SET"
    CHECKOUT_NOT_FULLY_PAID = "CHECKOUT_NOT_FULLY_PAID"
    # Vouchers (orders.vouchers.checkout): a code the cart cannot use.
    VOUCHER_NOT_APPLICABLE = "VOUCHER_NOT_APPLICABLE"
    # Paying part of a redemption in cash.
    CASH_NOT_ALLOWED = "CASH_NOT_ALLOWED"  # the issuer does not allow points + cash
    CASH_SHARE_TOO_HIGH = "CASH_SHARE_TOO_HIGH"  # more cash than the issuer's share allows
    PAYMENT_PROVIDER_ERROR = "PAYMENT_PROVIDER_ERROR"  # Stripe refused or is unreachable
    # After the order.
    CANNOT_CANCEL_ORDER = "CANNOT_CANCEL_ORDER"
    FULFILL_ORDER_LINE = "FULFILL_ORDER_LINE"  # more units than are left to fulfil


class ConfirmationErrorCode(StrEnum):
    """How redemption confirmation refuses (orders.services.confirmation): mall-only CheckoutErrorCode values."""

    CONFIRMATION_REQUIRED = "CONFIRMATION_REQUIRED"  # the programme wants a code for this total first
    CONFIRMATION_CODE_INVALID = "CONFIRMATION_CODE_INVALID"  # not the code that was sent
    CONFIRMATION_CODE_EXPIRED = "CONFIRMATION_CODE_EXPIRED"  # too old, or the total changed since it was sent
    CONFIRMATION_TRIES_EXCEEDED = "CONFIRMATION_TRIES_EXCEEDED"  # too many wrong codes or too many sends
    CONFIRMATION_RESEND_TOO_SOON = "CONFIRMATION_RESEND_TOO_SOON"  # a new code only a minute after the last
    CONFIRMATION_UNREACHABLE = "CONFIRMATION_UNREACHABLE"  # no phone (or e-mail) to send a code to
