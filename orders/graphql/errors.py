"""Saleor's error types of checkout, payment and order mutations, and how service refusals reach them.

Services raise DomainError with codes of their own domain (orders, catalog, the ledger, accounts). Each
group of mutations below declares which of those enums it can meet and what each code becomes in its
Saleor enum (mall.graphql.error_codes): a code the Saleor enum lacks is renamed explicitly (the ledger's
HOLD_EXPIRED inside checkoutComplete is a PAYMENT_ERROR), or declared unreachable. There is no fallback:
an unmapped code is a server error, and tests/mall/graphql/test_error_codes.py fails on one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any

import strawberry

from catalog.errors import CatalogErrorCode
from ledger.errors import LedgerErrorCode
from mall.accounts.errors import AccountsErrorCode
from mall.graphql.enums import AddressTypeEnum
from mall.graphql.error_codes import ApiErrorCode, CodeMap, ErrorCodes, all_but, same_names
from mall.graphql.mutations import run_in_transaction
from orders.errors import ConfirmationErrorCode, OrdersErrorCode
from orders.graphql.enums import (
    CheckoutErrorCode,
    DeliveryOptionsCalculateErrorCode,
    OrderErrorCode,
    PaymentGatewayConfigErrorCode,
    PaymentGatewayInitializeErrorCode,
    TransactionInitializeErrorCode,
    TransactionProcessErrorCode,
)

ERRORS = "List of errors that occurred executing the mutation."
# Extra error keys holding primary keys, and the type of their global IDs.
ID_TYPES = {"variants": "ProductVariant", "lines": "CheckoutLine", "order_lines": "OrderLine"}

@strawberry.type
class CheckoutError:
    field: str | None = strawberry.field(description="Name of a field that caused the error.")
    message: str | None = strawberry.field(description="The error message.")
    code: CheckoutErrorCode = strawberry.field(description="The error code.")
    variants: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of varint IDs which causes the error."
    )
    lines: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of line Ids which cause the error."
    )
    address_type: AddressTypeEnum | None = strawberry.field(
        default=None, description="A type of address that causes the error."
    )


@strawberry.type
class OrderError:
    field: str | None = strawberry.field(description="Name of a field that caused the error.")
    message: str | None = strawberry.field(description="The error message.")
    code: OrderErrorCode = strawberry.field(description="The error code.")
    warehouse: strawberry.ID | None = strawberry.field(
        default=None, description="Warehouse ID which causes the error."
    )
    order_lines: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of order line IDs that cause the error."
    )
    variants: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of product variants that are associated with the error"
    )
    address_type: AddressTypeEnum | None = strawberry.field(
        default=None, description="A type of address that causes the error."
    )


def _simple_error(name: str, code_enum: Any) -> type:
    namespace: dict[str, Any] = {
        "__annotations__": {"field": str | None, "message": str | None, "code": code_enum},
        "field": strawberry.field(description="Name of a field that caused the error."),
        "message": strawberry.field(description="The error message."),
        "code": strawberry.field(description="The error code."),
    }
    return strawberry.type(type(name, (), namespace))


TransactionInitializeError = _simple_error("TransactionInitializeError", TransactionInitializeErrorCode)
TransactionProcessError = _simple_error("TransactionProcessError", TransactionProcessErrorCode)
PaymentGatewayInitializeError = _simple_error("PaymentGatewayInitializeError", PaymentGatewayInitializeErrorCode)
PaymentGatewayConfigError = _simple_error("PaymentGatewayConfigError", PaymentGatewayConfigErrorCode)
DeliveryOptionsCalculateError = _simple_error("DeliveryOptionsCalculateError", DeliveryOptionsCalculateErrorCode)


# Codes only a checkout (and its completion) meets, and codes only a placed order meets.
_CHECKOUT_ONLY = (
    OrdersErrorCode.MISSING_CHANNEL_SLUG, OrdersErrorCode.QUANTITY_GREATER_THAN_LIMIT,
    OrdersErrorCode.UNAVAILABLE_VARIANT_IN_CHANNEL, OrdersErrorCode.SHIPPING_NOT_REQUIRED,
    OrdersErrorCode.DELIVERY_METHOD_NOT_APPLICABLE, OrdersErrorCode.NO_LINES, OrdersErrorCode.EMAIL_NOT_SET,
    OrdersErrorCode.SHIPPING_ADDRESS_NOT_SET, OrdersErrorCode.SHIPPING_METHOD_NOT_SET,
    OrdersErrorCode.CHECKOUT_NOT_FULLY_PAID, OrdersErrorCode.TIER_REQUIRED, OrdersErrorCode.VOUCHER_NOT_APPLICABLE,
)
_CASH_QUOTE = (OrdersErrorCode.CASH_NOT_ALLOWED, OrdersErrorCode.CASH_SHARE_TOO_HIGH)
_ORDER_ONLY = (OrdersErrorCode.CANNOT_CANCEL_ORDER, OrdersErrorCode.FULFILL_ORDER_LINE)
# The catalogue's editing codes: redemption only reads and allocates stock.
_CATALOG_EDITING = (
    CatalogErrorCode.DUPLICATED_INPUT_ITEM, CatalogErrorCode.INVALID_PRICE,
    CatalogErrorCode.PRODUCT_NOT_ASSIGNED_TO_CHANNEL, CatalogErrorCode.FILE_SIZE_LIMIT_EXCEEDED,
    CatalogErrorCode.UNSUPPORTED_MIME_TYPE, CatalogErrorCode.LISTING_NOT_APPROVED,
    CatalogErrorCode.INVALID_REVIEW_TRANSITION,
)
# A refusal of the points themselves is a payment error to a checkout or an order.
_POINTS_REFUSED = {
    LedgerErrorCode.INSUFFICIENT_POINTS: "PAYMENT_ERROR",
    LedgerErrorCode.HOLD_EXPIRED: "PAYMENT_ERROR",
    LedgerErrorCode.HOLD_ALREADY_RESOLVED: "PAYMENT_ERROR",
    LedgerErrorCode.IDEMPOTENCY_CONFLICT: "UNIQUE",
}


def _nothing_required(api_enum: Any) -> CodeMap:
    """Payment mutations name a checkout and a gateway, checked as IDs: no argument is refused as missing
    (and Saleor's payment enums have no REQUIRED)."""
    return same_names(ApiErrorCode, api_enum, unreachable={ApiErrorCode.REQUIRED})


def _points_refused(api_enum: Any) -> dict[Enum, Any]:
    return {code: api_enum[name] for code, name in _POINTS_REFUSED.items()}


CHECKOUT_ERRORS = ErrorCodes(
    CheckoutErrorCode,
    same_names(OrdersErrorCode, CheckoutErrorCode,
               # Releasing an abandoned card payment at completion may meet Stripe's refusal.
               renames={OrdersErrorCode.PAYMENT_PROVIDER_ERROR: CheckoutErrorCode.INVALID,
                        # Saleor has no tiers: a gift reserved for a higher tier is not for sale to this
                        # member (the message names the tier).
                        OrdersErrorCode.TIER_REQUIRED: CheckoutErrorCode.PRODUCT_UNAVAILABLE_FOR_PURCHASE},
               unreachable={*_CASH_QUOTE, *_ORDER_ONLY}),
    same_names(CatalogErrorCode, CheckoutErrorCode, unreachable=_CATALOG_EDITING),
    same_names(LedgerErrorCode, CheckoutErrorCode, renames=_points_refused(CheckoutErrorCode), unreachable={
        LedgerErrorCode.NOT_REVERSIBLE, LedgerErrorCode.ALREADY_REVERSED, LedgerErrorCode.REFUND_EXCEEDS_CAPTURE,
    }),
    # The checkout's e-mail and addresses are checked by the accounts rules.
    same_names(AccountsErrorCode, CheckoutErrorCode,
               unreachable=all_but(AccountsErrorCode, AccountsErrorCode.REQUIRED, AccountsErrorCode.INVALID)),
    # Redemption confirmation (checkoutComplete and the confirmation mutations): mall-only values.
    same_names(ConfirmationErrorCode, CheckoutErrorCode),
)
ORDERS_AS_ORDER = same_names(
    OrdersErrorCode, OrderErrorCode,
    # Cash is refunded later, through the outbox; kept as the INVALID it always answered.
    renames={OrdersErrorCode.PAYMENT_PROVIDER_ERROR: OrderErrorCode.INVALID},
    unreachable={*_CHECKOUT_ONLY, *_CASH_QUOTE},
)
CATALOG_AS_ORDER = same_names(CatalogErrorCode, OrderErrorCode, unreachable=_CATALOG_EDITING)
LEDGER_AS_ORDER = same_names(LedgerErrorCode, OrderErrorCode, renames={
    **_points_refused(OrderErrorCode),
    # A refund the ledger refuses (more than the capture has left): the INVALID it always answered.
    LedgerErrorCode.NOT_REVERSIBLE: OrderErrorCode.INVALID,
    LedgerErrorCode.ALREADY_REVERSED: OrderErrorCode.INVALID,
    LedgerErrorCode.REFUND_EXCEEDS_CAPTURE: OrderErrorCode.INVALID,
})
ORDER_ERRORS = ErrorCodes(OrderErrorCode, ORDERS_AS_ORDER, CATALOG_AS_ORDER, LEDGER_AS_ORDER)
# Holding points, or asking Stripe for a card payment, for a checkout.
TRANSACTION_INITIALIZE_ERRORS = ErrorCodes(
    TransactionInitializeErrorCode,
    same_names(OrdersErrorCode, TransactionInitializeErrorCode, unreachable=all_but(
        OrdersErrorCode, OrdersErrorCode.INVALID, OrdersErrorCode.NOT_FOUND, OrdersErrorCode.UNIQUE,
        *_CASH_QUOTE, OrdersErrorCode.PAYMENT_PROVIDER_ERROR,
    )),
    same_names(LedgerErrorCode, TransactionInitializeErrorCode, renames={
        LedgerErrorCode.IDEMPOTENCY_CONFLICT: TransactionInitializeErrorCode.UNIQUE,
        # The request the ledger checks is built here from valid input: kept as the INVALID it answered.
        LedgerErrorCode.REQUIRED: TransactionInitializeErrorCode.INVALID,
    }, unreachable={
        LedgerErrorCode.HOLD_ALREADY_RESOLVED, LedgerErrorCode.HOLD_EXPIRED, LedgerErrorCode.NOT_REVERSIBLE,
        LedgerErrorCode.ALREADY_REVERSED, LedgerErrorCode.REFUND_EXCEEDS_CAPTURE,
    }),
    api_codes=_nothing_required(TransactionInitializeErrorCode),
)
# Reading a card payment's state from Stripe.
TRANSACTION_PROCESS_ERRORS = ErrorCodes(
    TransactionProcessErrorCode,
    same_names(OrdersErrorCode, TransactionProcessErrorCode, unreachable=all_but(
        OrdersErrorCode, OrdersErrorCode.INVALID, OrdersErrorCode.NOT_FOUND, OrdersErrorCode.PAYMENT_PROVIDER_ERROR,
    )),
    api_codes=_nothing_required(TransactionProcessErrorCode),
)
# Reading a checkout: what it may pay with, how it may be delivered.
PAYMENT_GATEWAY_INITIALIZE_ERRORS = ErrorCodes(
    PaymentGatewayInitializeErrorCode,
    same_names(OrdersErrorCode, PaymentGatewayInitializeErrorCode,
               unreachable=all_but(OrdersErrorCode, OrdersErrorCode.INVALID, OrdersErrorCode.NOT_FOUND)),
    api_codes=_nothing_required(PaymentGatewayInitializeErrorCode),
)
DELIVERY_OPTIONS_CALCULATE_ERRORS = ErrorCodes(
    DeliveryOptionsCalculateErrorCode,
    same_names(OrdersErrorCode, DeliveryOptionsCalculateErrorCode,
               unreachable=all_but(OrdersErrorCode, OrdersErrorCode.INVALID, OrdersErrorCode.NOT_FOUND)),
    api_codes=_nothing_required(DeliveryOptionsCalculateErrorCode),
)


def run_checkout(payload: type, work: Callable[[], Awaitable[Any]]) -> Awaitable[Any]:
    """A checkout mutation in one transaction, its refusals as CheckoutErrors."""
    return run_in_transaction(payload, CheckoutError, CHECKOUT_ERRORS, work, ID_TYPES)


def run_order(payload: type, work: Callable[[], Awaitable[Any]], codes: ErrorCodes = ORDER_ERRORS) -> Awaitable[Any]:
    """An order mutation in one transaction, its refusals as OrderErrors (`codes`: those of another domain's
    order mutations, such as fulfilment's)."""
    return run_in_transaction(payload, OrderError, codes, work, ID_TYPES)


def run_payment(
    payload: type, error_type: type, codes: ErrorCodes, work: Callable[[], Awaitable[Any]]
) -> Awaitable[Any]:
    return run_in_transaction(payload, error_type, codes, work)


def checkout_errors_alias() -> Any:
    """Saleor's deprecated `checkoutErrors`, the same list as `errors`."""

    def resolve(self: Any) -> list[CheckoutError]:
        return self.errors

    return strawberry.field(resolver=resolve, deprecation_reason="Use `errors` field instead.")


def order_errors_alias() -> Any:
    def resolve(self: Any) -> list[OrderError]:
        return self.errors

    return strawberry.field(resolver=resolve, deprecation_reason="Use `errors` field instead.")
