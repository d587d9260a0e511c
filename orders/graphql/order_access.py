"""How much of an order the caller sees (orders.services.visibility.OrderView), worked out once per order
object and batched per request: a page of 100 orders costs one scope query, not 100."""

from __future__ import annotations

from typing import Any

from mall.accounts.customer_scope import mask_address
from mall.accounts.models import Address as AddressModel
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode
from mall.graphql.errors import DomainError
from mall.graphql.permissions import has_any_permission
from orders.models import Checkout as CheckoutModel
from orders.models import Order as OrderModel
from orders.models import OrderLine as OrderLineModel
from orders.services.visibility import (
    CheckoutUser,
    OrderReader,
    OrderView,
    lines_for,
    may_use_checkout,
    order_view,
    visible_order_ids,
)


async def reader_of(info: Info) -> OrderReader:
    principal = await info.context.principal()
    user_id = principal.user.id if principal.user is not None else None
    return OrderReader(user_id, principal.scope, has_any_permission(principal, ("MANAGE_ORDERS",)))


async def in_scope(info: Info, order_id: Any) -> bool:
    scope = (await info.context.principal()).scope
    if scope is None:
        return True

    async def load(ids: list[Any]) -> list[bool]:
        visible = await visible_order_ids(scope, ids)
        return [pk in visible for pk in ids]

    return bool(await info.context.loader("orders.order_in_scope", load).load(order_id))


async def view_of(info: Info, order: OrderModel) -> OrderView:
    return order_view(await reader_of(info), order, await in_scope(info, order.id))


def shown_address(address: AddressModel | None, visible: bool) -> AddressModel | None:
    if address is None or visible:
        return address
    return mask_address(address)


async def visible_lines(info: Info, lines: list[OrderLineModel]) -> list[OrderLineModel]:
    return lines_for((await info.context.principal()).scope, lines)


CHECKOUT_HANDLERS = ("MANAGE_CHECKOUTS", "IMPERSONATE_USER", "HANDLE_PAYMENTS")


async def _checkout_user(info: Info) -> CheckoutUser:
    principal = await info.context.principal()
    return CheckoutUser(principal.user.id if principal.user is not None else None, principal.scope,
                        has_any_permission(principal, CHECKOUT_HANDLERS))


async def may_use(info: Info, checkout: CheckoutModel) -> bool:
    """Whether the caller may read or change `checkout` (with its channel loaded)."""
    caller = await _checkout_user(info)
    return may_use_checkout(caller, checkout.user_id, checkout.channel.issuer_code)  # type: ignore[attr-defined]


async def ensure_may_use(info: Info, checkout: CheckoutModel, field: str = "id") -> CheckoutModel:
    """Raises DomainError NOT_FOUND, as for a checkout that does not exist, when the caller may not use it."""
    if not await may_use(info, checkout):
        raise DomainError.single(
            field, f"Couldn't resolve to a node: Checkout:{checkout.token}", ApiErrorCode.NOT_FOUND
        )
    return checkout


async def may_use_order_of(info: Info, order: OrderModel) -> bool:
    """Whether the caller may ask for the order a (completed, gone) checkout became, as for the checkout."""
    caller = await _checkout_user(info)
    return may_use_checkout(caller, order.user_id, order.channel.issuer_code)  # type: ignore[attr-defined]
