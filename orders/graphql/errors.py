"""Saleor's error types of checkout, payment and order mutations, and how service refusals reach them.

Services raise DomainError with codes of their own domain; a code the mutation's enum lacks (the ledger's
HOLD_EXPIRED inside checkoutComplete, say) is renamed to the closest code that enum has, so a refusal is
always reported in the payload and never becomes a server error.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import strawberry

from mall.graphql.enums import AddressTypeEnum
from mall.graphql.errors import DomainError
from mall.graphql.mutations import run_in_transaction
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
# Ledger refusals as checkout and payment codes.
LEDGER_CODES = {
    "INSUFFICIENT_POINTS": "PAYMENT_ERROR",
    "HOLD_EXPIRED": "PAYMENT_ERROR",
    "HOLD_ALREADY_RESOLVED": "PAYMENT_ERROR",
    "IDEMPOTENCY_CONFLICT": "UNIQUE",
}


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


def renamed_codes(
    work: Callable[[], Awaitable[Any]], code_enum: Any, renames: Mapping[str, str], fallback: str = "INVALID"
) -> Callable[[], Awaitable[Any]]:
    """`work` whose refusals carry only codes of `code_enum`."""
    known = set(code_enum.__members__)

    async def run() -> Any:
        try:
            return await work()
        except DomainError as failure:
            for detail in failure.details:
                if detail.code not in known:
                    detail.code = renames.get(detail.code, fallback)
                    detail.code = detail.code if detail.code in known else fallback
            raise

    return run


def run_checkout(payload: type, work: Callable[[], Awaitable[Any]]) -> Awaitable[Any]:
    """A checkout mutation in one transaction, its refusals as CheckoutErrors."""
    return run_in_transaction(
        payload, CheckoutError, CheckoutErrorCode, renamed_codes(work, CheckoutErrorCode, LEDGER_CODES), ID_TYPES
    )


def run_order(payload: type, work: Callable[[], Awaitable[Any]]) -> Awaitable[Any]:
    return run_in_transaction(
        payload, OrderError, OrderErrorCode, renamed_codes(work, OrderErrorCode, LEDGER_CODES), ID_TYPES
    )


def run_payment(
    payload: type, error_type: type, code_enum: Any, work: Callable[[], Awaitable[Any]], renames: Mapping[str, str]
) -> Awaitable[Any]:
    return run_in_transaction(payload, error_type, code_enum, renamed_codes(work, code_enum, renames))


def checkout_errors_alias() -> Any:
    """Saleor's deprecated `checkoutErrors`, the same list as `errors`."""

    def resolve(self: Any) -> list[CheckoutError]:
        return self.errors

    return strawberry.field(resolver=resolve, deprecation_reason="Use `errors` field instead.")


def order_errors_alias() -> Any:
    def resolve(self: Any) -> list[OrderError]:
        return self.errors

    return strawberry.field(resolver=resolve, deprecation_reason="Use `errors` field instead.")
