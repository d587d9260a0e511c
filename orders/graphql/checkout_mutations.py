"""Saleor's checkout mutations: each parses its input, checks who may do it, and calls one service.

Every mutation runs in one transaction: a refusal rolls back all it did and is reported in `errors`.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import strawberry

from mall.accounts.graphql.inputs import AddressInput, address_data
from mall.accounts.models import User as UserModel
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum, enum_name
from mall.graphql.error_codes import ApiErrorCode
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.ids import decode_global_id, int_pk, parse_int_id_for_mutation
from mall.graphql.permissions import has_any_permission
from orders.graphql.checkout import Checkout
from orders.graphql.common import actor_of
from orders.graphql.enums import CheckoutErrorCode
from orders.graphql.errors import ERRORS, CheckoutError, checkout_errors_alias, run_checkout
from orders.graphql.inputs import (
    CheckoutAddressValidationRules,
    CheckoutCreateInput,
    CheckoutIdArg,
    CheckoutLineInput,
    CheckoutLineUpdateInput,
    TokenArg,
    checkout_token,
    line_requests,
    line_updates,
    uuid_id,
)
from orders.graphql.order_access import ensure_may_use
from orders.models import Checkout as CheckoutModel
from orders.services import checkouts, promo_codes

DEPRECATED_ID = "Use `id` instead."
# Saleor deprecates `checkoutId` here too, but its storefront's promo-code step still sends it, and a client that
# reads the schema without deprecated arguments would refuse that document: kept undeprecated (said in words).
PromoCheckoutIdArg = Annotated[strawberry.ID | None, strawberry.argument(
    description="The ID of the checkout. Saleor deprecates it: use `id` instead.")]
UPDATED = "An updated checkout."


def _errors() -> Any:
    return strawberry.field(default_factory=list, description=ERRORS)


@strawberry.type
class CheckoutPayload:
    checkout: Checkout | None = strawberry.field(default=None, description=UPDATED)
    errors: list[CheckoutError] = _errors()


@strawberry.type
class AliasedCheckoutPayload(CheckoutPayload):
    checkout_errors: list[CheckoutError] = checkout_errors_alias()


@strawberry.type(description="Create a new checkout.")
class CheckoutCreate(AliasedCheckoutPayload):
    @strawberry.field(description="Whether the checkout was created or the current active one was returned.",
                      deprecation_reason="Always returns `true`.")
    def created(self) -> bool | None:
        return self.checkout is not None


@strawberry.type(description="Adds a checkout line to the existing checkout.")
class CheckoutLinesAdd(AliasedCheckoutPayload):
    pass


@strawberry.type(description="Updates checkout line in the existing checkout.")
class CheckoutLinesUpdate(AliasedCheckoutPayload):
    pass


@strawberry.type(description="Deletes checkout lines.")
class CheckoutLinesDelete(CheckoutPayload):
    pass


@strawberry.type(description="Updates email address in the existing checkout object.")
class CheckoutEmailUpdate(AliasedCheckoutPayload):
    pass


@strawberry.type(description="Sets the customer as the owner of the checkout.")
class CheckoutCustomerAttach(AliasedCheckoutPayload):
    pass


@strawberry.type(description="Removes the user assigned as the owner of the checkout.")
class CheckoutCustomerDetach(AliasedCheckoutPayload):
    pass


@strawberry.type(description="Updates shipping address in the existing checkout.")
class CheckoutShippingAddressUpdate(AliasedCheckoutPayload):
    pass


@strawberry.type(description="Updates billing address in the existing checkout.")
class CheckoutBillingAddressUpdate(AliasedCheckoutPayload):
    pass


@strawberry.type(description="Updates the delivery method (shipping method or pick up point) of the checkout.")
class CheckoutDeliveryMethodUpdate(CheckoutPayload):
    pass


@strawberry.type(description="Updates language code in the existing checkout.")
class CheckoutLanguageCodeUpdate(AliasedCheckoutPayload):
    pass


@strawberry.type(description="Updates customer note in the existing checkout object.")
class CheckoutCustomerNoteUpdate(AliasedCheckoutPayload):
    pass


@strawberry.type(description="Adds a gift card or a voucher to a checkout.")
class CheckoutAddPromoCode(AliasedCheckoutPayload):
    pass


@strawberry.type(description="Remove a gift card or a voucher from a checkout.")
class CheckoutRemovePromoCode(AliasedCheckoutPayload):
    pass


async def find_checkout(
    info: Info, id: strawberry.ID | None, token: uuid.UUID | None = None, checkout_id: strawberry.ID | None = None
) -> CheckoutModel:
    """The checkout the arguments name, with its channel; DomainError GRAPHQL_ERROR or NOT_FOUND otherwise
    (NOT_FOUND too for a member's checkout named by anyone else: see order_access.may_use)."""
    return await ensure_may_use(info, await checkouts.checkout_by_token(checkout_token(id, token, checkout_id)))


def _done(payload: type, checkout: CheckoutModel) -> Any:
    return payload(checkout=Checkout.of(checkout))


async def _create(info: Info, input: CheckoutCreateInput) -> CheckoutCreate:
    user = await info.context.user()
    language = enum_name(input.language_code) if input.language_code is not None else "EN"
    requests = line_requests(input.lines or [])
    checkout = await checkouts.create_checkout(input.channel, user, input.email, requests, language)
    if input.shipping_address is not None:
        await checkouts.set_address(checkout, address_data(input.shipping_address), "SHIPPING")
    if input.billing_address is not None:
        await checkouts.set_address(checkout, address_data(input.billing_address), "BILLING")
    return _done(CheckoutCreate, checkout)


def _may_impersonate(principal: Any) -> bool:
    return has_any_permission(principal, ("IMPERSONATE_USER",))


async def _attach(info: Info, checkout: CheckoutModel, customer_id: strawberry.ID | None) -> CheckoutCustomerAttach:
    principal = await info.context.principal()
    if principal.user is None and principal.app is None:
        raise PermissionDenied(["AUTHENTICATED_APP", "AUTHENTICATED_USER"])
    target = principal.user
    if customer_id is not None:
        pk = parse_int_id_for_mutation(customer_id, "User", "customerId")
        if target is None or target.id != pk:
            if not _may_impersonate(principal):
                raise PermissionDenied(["IMPERSONATE_USER"])
            target = await UserModel.get_or_none(id=pk)
            if target is None:
                raise DomainError.single(
                    "customerId", f"Couldn't resolve to a node: {customer_id}", ApiErrorCode.NOT_FOUND
                )
    if target is None:
        raise DomainError.single("customerId", "Pass the customer to attach.", ApiErrorCode.REQUIRED)
    owner = checkout.user_id  # type: ignore[attr-defined]
    if owner is not None and owner != target.id and not _may_impersonate(principal):
        raise PermissionDenied(message="This checkout belongs to another customer.")
    return _done(CheckoutCustomerAttach, await checkouts.attach_customer(checkout, target))


async def _detach(info: Info, checkout: CheckoutModel) -> CheckoutCustomerDetach:
    principal = await info.context.principal()
    if principal.user is None and principal.app is None:
        raise PermissionDenied(["AUTHENTICATED_APP", "AUTHENTICATED_USER"])
    owner = checkout.user_id  # type: ignore[attr-defined]
    is_owner = principal.user is not None and principal.user.id == owner
    if owner is not None and not is_owner and not _may_impersonate(principal):
        raise PermissionDenied(message="You do not have permission to perform this action")
    return _done(CheckoutCustomerDetach, await checkouts.detach_customer(checkout, actor_of(principal)))


def shipping_method_pk(global_id: strawberry.ID | None) -> int | None:
    """A ShippingMethod or CheckoutDelivery ID names a shipping method; a Warehouse (click and collect) none."""
    if global_id is None:
        return None
    decoded = decode_global_id(global_id)
    if decoded is not None and decoded[0] == "Warehouse":
        raise DomainError.single(
            "deliveryMethodId", "Gifts are delivered: there is no collection point.",
            CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE,
        )
    pk = int_pk(decoded[1]) if decoded is not None and decoded[0] in {"ShippingMethod", "CheckoutDelivery"} else None
    if pk is None:
        raise DomainError.single("deliveryMethodId", f"Invalid ID: {global_id}.", ApiErrorCode.GRAPHQL_ERROR)
    return pk


async def _remove_promo_code(
    checkout: CheckoutModel, promo_code: str | None, promo_code_id: strawberry.ID | None
) -> CheckoutModel:
    """Saleor's forms: the code itself, or the ID of a VoucherCode (a gift card's ID names nothing here)."""
    if promo_code is None and promo_code_id is None:
        raise DomainError.single("promoCode", "Either promoCode or promoCodeId is required.", ApiErrorCode.REQUIRED)
    code_pk = None
    if promo_code_id is not None:
        decoded = decode_global_id(promo_code_id)
        code_pk = int_pk(decoded[1]) if decoded is not None and decoded[0] == "VoucherCode" else None
        if code_pk is None:
            raise DomainError.single("promoCodeId", f"Couldn't resolve to a node: {promo_code_id}",
                                     ApiErrorCode.NOT_FOUND)
    return await promo_codes.remove_promo_code(checkout, promo_code, code_pk)


def _on_checkout(info: Info, payload: type, id: Any, token: Any, checkout_id: Any, act: Any) -> Any:
    """Find the checkout, act on it, answer `payload` with it: all in one transaction."""
    async def work() -> Any:
        checkout = await find_checkout(info, id, token, checkout_id)
        result = await act(checkout)
        return result if isinstance(result, payload) else _done(payload, result)

    return run_checkout(payload, work)


@strawberry.type
class CheckoutMutations:
    @strawberry.mutation(description="Create a new checkout. A signed-in member's checkout is theirs.")
    async def checkout_create(self, info: Info, input: CheckoutCreateInput) -> CheckoutCreate | None:
        return await run_checkout(CheckoutCreate, lambda: _create(info, input))

    @strawberry.mutation(description="Adds a checkout line to the existing checkout. If line was already in "
                         "checkout, its quantity will be increased.")
    async def checkout_lines_add(
        self, info: Info, lines: list[CheckoutLineInput], id: strawberry.ID | None = None,
        token: TokenArg = None,
        checkout_id: CheckoutIdArg = None,
    ) -> CheckoutLinesAdd | None:
        async def act(checkout: CheckoutModel) -> CheckoutModel:
            return await checkouts.add_lines(checkout, line_requests(lines))

        return await _on_checkout(info, CheckoutLinesAdd, id, token, checkout_id, act)

    @strawberry.mutation(description="Updates checkout line in the existing checkout. A quantity of 0 removes "
                         "the line.")
    async def checkout_lines_update(
        self, info: Info, lines: list[CheckoutLineUpdateInput], id: strawberry.ID | None = None,
        token: TokenArg = None,
        checkout_id: CheckoutIdArg = None,
    ) -> CheckoutLinesUpdate | None:
        async def act(checkout: CheckoutModel) -> CheckoutModel:
            by_line, by_variant = line_updates(lines)
            if by_line:
                await checkouts.update_lines(checkout, by_line, by_line=True)
            if by_variant:
                await checkouts.update_lines(checkout, by_variant, by_line=False)
            return checkout

        return await _on_checkout(info, CheckoutLinesUpdate, id, token, checkout_id, act)

    @strawberry.mutation(description="Deletes checkout lines.")
    async def checkout_lines_delete(
        self, info: Info, lines_ids: list[strawberry.ID], id: strawberry.ID | None = None,
        token: TokenArg = None,
    ) -> CheckoutLinesDelete | None:
        async def act(checkout: CheckoutModel) -> CheckoutModel:
            line_ids = [uuid_id(line_id, "CheckoutLine", "lineId") for line_id in lines_ids]
            return await checkouts.delete_lines(checkout, line_ids)

        return await _on_checkout(info, CheckoutLinesDelete, id, token, None, act)

    @strawberry.mutation(description="Updates email address in the existing checkout object.")
    async def checkout_email_update(
        self, info: Info, email: str, id: strawberry.ID | None = None,
        token: TokenArg = None,
        checkout_id: CheckoutIdArg = None,
    ) -> CheckoutEmailUpdate | None:
        return await _on_checkout(
            info, CheckoutEmailUpdate, id, token, checkout_id, lambda checkout: checkouts.set_email(checkout, email)
        )

    @strawberry.mutation(description="Sets the customer as the owner of the checkout. Requires one of the "
                         "following permissions: AUTHENTICATED_APP, AUTHENTICATED_USER.")
    async def checkout_customer_attach(
        self, info: Info, id: strawberry.ID | None = None,
        customer_id: Annotated[strawberry.ID | None, strawberry.argument(
            description="ID of customer to attach to checkout. Requires IMPERSONATE_USER permission "
            "when customerId is different than the logged-in user.")] = None,
        token: TokenArg = None,
        checkout_id: CheckoutIdArg = None,
    ) -> CheckoutCustomerAttach | None:
        return await _on_checkout(
            info, CheckoutCustomerAttach, id, token, checkout_id, lambda checkout: _attach(info, checkout, customer_id)
        )

    @strawberry.mutation(description="Removes the user assigned as the owner of the checkout (and gives back the "
                         "points it held). Requires one of the following permissions: AUTHENTICATED_APP, "
                         "AUTHENTICATED_USER.")
    async def checkout_customer_detach(
        self, info: Info, id: strawberry.ID | None = None,
        token: TokenArg = None,
        checkout_id: CheckoutIdArg = None,
    ) -> CheckoutCustomerDetach | None:
        return await _on_checkout(
            info, CheckoutCustomerDetach, id, token, checkout_id, lambda checkout: _detach(info, checkout)
        )

    @strawberry.mutation(description="Updates shipping address in the existing checkout.")
    async def checkout_shipping_address_update(
        self, info: Info, shipping_address: AddressInput, id: strawberry.ID | None = None,
        save_address: bool | None = True,
        validation_rules: CheckoutAddressValidationRules | None = None,
        token: TokenArg = None,
    ) -> CheckoutShippingAddressUpdate | None:
        return await _on_checkout(
            info, CheckoutShippingAddressUpdate, id, token, None,
            lambda checkout: checkouts.set_address(checkout, address_data(shipping_address), "SHIPPING"),
        )

    @strawberry.mutation(description="Updates billing address in the existing checkout.")
    async def checkout_billing_address_update(
        self, info: Info, billing_address: AddressInput, id: strawberry.ID | None = None,
        save_address: bool | None = True,
        validation_rules: CheckoutAddressValidationRules | None = None,
        token: TokenArg = None,
    ) -> CheckoutBillingAddressUpdate | None:
        return await _on_checkout(
            info, CheckoutBillingAddressUpdate, id, token, None,
            lambda checkout: checkouts.set_address(checkout, address_data(billing_address), "BILLING"),
        )

    @strawberry.mutation(description="Updates the delivery method of the checkout (a ShippingMethod or "
                         "CheckoutDelivery ID; null clears it).")
    async def checkout_delivery_method_update(
        self, info: Info, id: strawberry.ID | None = None,
        delivery_method_id: Annotated[strawberry.ID | None, strawberry.argument(
            description="Delivery Method ID (`ShippingMethod` ID or `CheckoutDelivery` ID).")] = None,
        token: TokenArg = None,
    ) -> CheckoutDeliveryMethodUpdate | None:
        return await _on_checkout(
            info, CheckoutDeliveryMethodUpdate, id, token, None,
            lambda checkout: checkouts.set_delivery_method(checkout, shipping_method_pk(delivery_method_id)),
        )

    @strawberry.mutation(description="Updates language code in the existing checkout.")
    async def checkout_language_code_update(
        self, info: Info, language_code: LanguageCodeEnum, id: strawberry.ID | None = None,
        token: TokenArg = None,
        checkout_id: CheckoutIdArg = None,
    ) -> CheckoutLanguageCodeUpdate | None:
        return await _on_checkout(
            info, CheckoutLanguageCodeUpdate, id, token, checkout_id,
            lambda checkout: checkouts.set_language_code(checkout, enum_name(language_code)),
        )

    @strawberry.mutation(description="Updates customer note in the existing checkout object.")
    async def checkout_customer_note_update(
        self, info: Info, id: strawberry.ID, customer_note: str
    ) -> CheckoutCustomerNoteUpdate | None:
        return await _on_checkout(
            info, CheckoutCustomerNoteUpdate, id, None, None,
            lambda checkout: checkouts.set_customer_note(checkout, customer_note),
        )

    @strawberry.mutation(description="Adds a voucher code to a checkout (points malls have no gift cards): its "
                         "discount lowers the checkout's total; its use is counted when the checkout completes.")
    async def checkout_add_promo_code(
        self, info: Info, promo_code: str, id: strawberry.ID | None = None,
        token: TokenArg = None,
        checkout_id: PromoCheckoutIdArg = None,
    ) -> CheckoutAddPromoCode | None:
        return await _on_checkout(
            info, CheckoutAddPromoCode, id, token, checkout_id,
            lambda checkout: promo_codes.add_promo_code(checkout, promo_code),
        )

    @strawberry.mutation(description="Remove a voucher code from a checkout, by its code or its VoucherCode ID.")
    async def checkout_remove_promo_code(
        self, info: Info, id: strawberry.ID | None = None, promo_code: str | None = None,
        promo_code_id: strawberry.ID | None = None,
        token: TokenArg = None,
        checkout_id: PromoCheckoutIdArg = None,
    ) -> CheckoutRemovePromoCode | None:
        return await _on_checkout(
            info, CheckoutRemovePromoCode, id, token, checkout_id,
            lambda checkout: _remove_promo_code(checkout, promo_code, promo_code_id),
        )
