"""Saleor's checkout and payment inputs, and how their IDs become primary keys.

A malformed or foreign ID inside a mutation is a payload error with code GRAPHQL_ERROR on the argument
that carried it, as Saleor reports it.
"""

from __future__ import annotations

import uuid
from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry.scalars import JSON

from mall.accounts.graphql.inputs import AddressInput
from mall.graphql.enums import LanguageCodeEnum
from mall.graphql.error_codes import ApiErrorCode
from mall.graphql.errors import DomainError
from mall.graphql.ids import parse_global_id, parse_int_id_for_mutation
from mall.graphql.inputs import MetadataInput
from mall.graphql.scalars import PositiveDecimal
from orders.graphql.enums import CheckoutErrorCode
from orders.services.checkouts import LineRequest

DEPRECATED_ID = "Use `id` instead."
TokenArg = Annotated[
    uuid.UUID | None, strawberry.argument(description="Checkout token.", deprecation_reason=DEPRECATED_ID)
]
CheckoutIdArg = Annotated[
    strawberry.ID | None, strawberry.argument(description="The ID of the checkout.", deprecation_reason=DEPRECATED_ID)
]
CUSTOM_PRICES = "Custom prices are not supported: a gift costs its points price in the channel."


@strawberry.input
class CheckoutLineInput:
    quantity: int = strawberry.field(description="The number of items purchased.")
    variant_id: strawberry.ID = strawberry.field(description="ID of the product variant.")
    price: PositiveDecimal | None = strawberry.field(
        default=None, description="Custom price of the item. " + CUSTOM_PRICES
    )
    price_override_reason: str | None = strawberry.field(
        default=None, description="Reason explaining why a custom `price` was set on the line."
    )
    force_new_line: bool | None = strawberry.field(
        default=False,
        description="Flag that allow force splitting the same variant into multiple lines by skipping the "
        "matching logic.",
    )
    metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Fields required to update the object's metadata."
    )


@strawberry.input
class CheckoutLineUpdateInput:
    variant_id: strawberry.ID | None = strawberry.field(
        default=None, description="ID of the product variant.", deprecation_reason="Use `lineId` instead."
    )
    quantity: int | None = strawberry.field(
        default=None, description="The number of items purchased. Optional for apps, required for any other users."
    )
    price: PositiveDecimal | None = strawberry.field(
        default=None, description="Custom price of the item. " + CUSTOM_PRICES
    )
    price_override_reason: str | None = strawberry.field(
        default=None, description="Reason explaining why a custom `price` was set on the line."
    )
    line_id: strawberry.ID | None = strawberry.field(default=None, description="ID of the line.")
    metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Checkout line public metadata."
    )


@strawberry.input
class CheckoutAddressValidationRules:
    check_required_fields: bool | None = strawberry.field(
        default=True, description="Ignored: the mall always checks required fields, because parcels must arrive."
    )
    check_fields_format: bool | None = strawberry.field(
        default=True, description="Ignored: the mall always checks field formats."
    )
    enable_fields_normalization: bool | None = strawberry.field(
        default=True, description="Determines if the mall normalises address fields (trimming, upper case)."
    )


@strawberry.input
class CheckoutValidationRules:
    shipping_address: CheckoutAddressValidationRules | None = strawberry.field(
        default=None, description="The validation rules that can be applied to provided shipping address data."
    )
    billing_address: CheckoutAddressValidationRules | None = strawberry.field(
        default=None, description="The validation rules that can be applied to provided billing address data."
    )


@strawberry.input
class CheckoutCreateInput:
    channel: str | None = strawberry.field(default=None, description="Slug of a channel in which to create a checkout.")
    lines: list[CheckoutLineInput] | None = strawberry.field(
        default=None, description="A list of checkout lines. When omitted, a checkout with no lines is created."
    )
    email: str | None = strawberry.field(default=None, description="The customer's email address.")
    save_shipping_address: bool | None = strawberry.field(
        default=None, description="Indicates whether the shipping address should be saved to the address book."
    )
    shipping_address: AddressInput | None = strawberry.field(
        default=None, description="The mailing address to where the checkout will be shipped."
    )
    save_billing_address: bool | None = strawberry.field(
        default=None, description="Indicates whether the billing address should be saved to the address book."
    )
    billing_address: AddressInput | None = strawberry.field(
        default=None, description="Billing address of the customer."
    )
    language_code: LanguageCodeEnum | None = strawberry.field(
        default=None, description="Checkout language code."
    )
    validation_rules: CheckoutValidationRules | None = strawberry.field(
        default=None, description="The checkout validation rules that can be changed."
    )
    metadata: list[MetadataInput] | None = strawberry.field(default=None, description="Checkout public metadata.")
    private_metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Checkout private metadata."
    )


@strawberry.input
class PaymentGatewayToInitialize:
    id: str = strawberry.field(description="The identifier of the payment gateway app to initialize.")
    data: JSON | None = strawberry.field(
        default=None, description="The data that will be passed to the payment gateway."
    )


def uuid_id(global_id: str, type_name: str, field: str) -> uuid.UUID:
    """The UUID primary key of a `type_name` global ID; raises DomainError GRAPHQL_ERROR on `field`."""
    try:
        pk = parse_global_id(global_id, type_name)
        return uuid.UUID(pk)
    except (GraphQLError, ValueError) as error:
        message = error.message if isinstance(error, GraphQLError) else f"Invalid ID: {global_id}."
        raise DomainError.single(field, message, ApiErrorCode.GRAPHQL_ERROR) from error


def checkout_token(
    id: strawberry.ID | None, token: uuid.UUID | None = None, checkout_id: strawberry.ID | None = None
) -> uuid.UUID:
    """The checkout named by `id`, the deprecated `token`, or the deprecated `checkoutId`."""
    if id is not None:
        return uuid_id(id, "Checkout", "id")
    if checkout_id is not None:
        return uuid_id(checkout_id, "Checkout", "checkoutId")
    if token is not None:
        return token
    raise DomainError.single(
        None, "At least one of arguments is required: 'checkout_id', 'token', 'id'.", ApiErrorCode.GRAPHQL_ERROR
    )


def _no_custom_price(price: object, reason: str | None) -> None:
    if price is not None:
        raise DomainError.single("price", CUSTOM_PRICES, ApiErrorCode.INVALID)
    if reason:
        raise DomainError.single(
            "priceOverrideReason", "A price override reason needs a price override.",
            CheckoutErrorCode.PRICE_OVERRIDE_REASON_WITHOUT_OVERRIDE,
        )


def line_requests(lines: list[CheckoutLineInput]) -> list[LineRequest]:
    requests = []
    for line in lines:
        _no_custom_price(line.price, line.price_override_reason)
        variant_id = parse_int_id_for_mutation(line.variant_id, "ProductVariant", "variantId")
        requests.append(LineRequest(variant_id, line.quantity, bool(line.force_new_line)))
    return requests


def line_updates(lines: list[CheckoutLineUpdateInput]) -> tuple[dict[uuid.UUID | int, int], dict[uuid.UUID | int, int]]:
    """(quantities by line id, quantities by variant id)."""
    by_line: dict[uuid.UUID | int, int] = {}
    by_variant: dict[uuid.UUID | int, int] = {}
    for line in lines:
        _no_custom_price(line.price, line.price_override_reason)
        if line.quantity is None:
            raise DomainError.single("quantity", "The quantity is required.", ApiErrorCode.REQUIRED)
        if line.line_id is not None:
            by_line[uuid_id(line.line_id, "CheckoutLine", "lineId")] = line.quantity
        elif line.variant_id is not None:
            by_variant[parse_int_id_for_mutation(line.variant_id, "ProductVariant", "variantId")] = line.quantity
        else:
            raise DomainError.single("lineId", "Either lineId or variantId is required.", ApiErrorCode.REQUIRED)
    return by_line, by_variant
