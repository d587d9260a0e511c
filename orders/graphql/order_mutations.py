"""Staff order mutations: cancel (stock and points go back), confirm, and Saleor's mark-as-paid (refused:
orders are paid with points when their checkout completes); and the mall-only `orderCancelByMember`, since
Saleor's `orderCancel` needs MANAGE_ORDERS and members must be able to cancel their own orders."""

from __future__ import annotations

import uuid
from typing import Any

import strawberry

from mall.accounts.auth import Principal
from mall.accounts.models import User
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.permissions import require_permission, require_user
from orders.graphql.common import actor_of, channel_row
from orders.graphql.enums import OrderErrorCode
from orders.graphql.errors import ERRORS, OrderError, order_errors_alias, run_order
from orders.graphql.inputs import uuid_id
from orders.graphql.order import Order
from orders.models import Order as OrderModel
from orders.services.lifecycle import cancel_order, confirm_order
from orders.services.visibility import may_change_order

MANAGE_ORDERS = "MANAGE_ORDERS"


@strawberry.type
class OrderPayload:
    order: Order | None = strawberry.field(default=None, description="The order.")
    errors: list[OrderError] = strawberry.field(default_factory=list, description=ERRORS)
    order_errors: list[OrderError] = order_errors_alias()


@strawberry.type(description="Cancel an order.")
class OrderCancel(OrderPayload):
    pass


@strawberry.type(description="Points mall: a member cancels their own order.")
class OrderCancelByMember(OrderPayload):
    pass


@strawberry.type(description="Confirms an unconfirmed order by changing status to unfulfilled.")
class OrderConfirm(OrderPayload):
    pass


@strawberry.type(description="Mark order as manually paid.")
class OrderMarkAsPaid(OrderPayload):
    pass


async def _order_for_change(principal: Principal, global_id: str) -> OrderModel:
    """The order, locked for the change; raises NOT_FOUND, or PermissionDenied outside the caller's scope."""
    pk: uuid.UUID = uuid_id(global_id, "Order", "id")
    order = await OrderModel.filter(id=pk).select_for_update().first()
    if order is None:
        raise DomainError.single("id", f"Couldn't resolve to a node: {global_id}", ApiErrorCode.NOT_FOUND)
    if not await may_change_order(principal.scope, order):
        raise PermissionDenied(message="You do not have access to this order.")
    return order


async def _members_order_for_change(user: User, global_id: str) -> OrderModel:
    """The member's own order, locked for the change; raises NOT_FOUND for any other order (another member's
    orders are not revealed to exist)."""
    pk: uuid.UUID = uuid_id(global_id, "Order", "id")
    order = await OrderModel.filter(id=pk, user_id=user.id).select_for_update().first()
    if order is None:
        raise DomainError.single("id", f"Couldn't resolve to a node: {global_id}", ApiErrorCode.NOT_FOUND)
    return order


def _run(info: Info, payload: type, global_id: str, act: Any) -> Any:
    async def work() -> Any:
        principal = await require_permission(info, MANAGE_ORDERS)
        order = await _order_for_change(principal, global_id)
        changed = await act(order, actor_of(principal))
        return payload(order=Order.of(changed, await channel_row(info.context, changed.channel_id)))

    return run_order(payload, work)


async def _refuse_mark_as_paid(order: OrderModel, actor: str) -> OrderModel:
    raise DomainError.single(
        "payment", "Orders are paid with points when their checkout completes: nothing is left to pay.",
        OrderErrorCode.PAYMENT_ERROR,
    )


@strawberry.type
class OrderMutations:
    @strawberry.mutation(description="Cancel an order: its stock is released and its points go back to the "
                         "member's lots they came from (same expiry). Requires MANAGE_ORDERS.")
    async def order_cancel(self, info: Info, id: strawberry.ID) -> OrderCancel | None:
        await require_permission(info, MANAGE_ORDERS)
        return await _run(info, OrderCancel, id, cancel_order)

    @strawberry.mutation(description="Points mall: the signed-in member cancels their own order while nothing of "
                         "it has shipped; stock and points go back as with orderCancel. Requires a signed-in user.")
    async def order_cancel_by_member(self, info: Info, id: strawberry.ID) -> OrderCancelByMember | None:
        user = await require_user(info)

        async def work() -> OrderCancelByMember:
            order = await _members_order_for_change(user, id)
            canceled = await cancel_order(order, f"user:{user.id}")
            return OrderCancelByMember(order=Order.of(canceled, await channel_row(info.context, canceled.channel_id)))

        return await run_order(OrderCancelByMember, work)

    @strawberry.mutation(description="Confirms an unconfirmed order by changing status to unfulfilled. "
                         "Requires MANAGE_ORDERS.")
    async def order_confirm(self, info: Info, id: strawberry.ID) -> OrderConfirm | None:
        await require_permission(info, MANAGE_ORDERS)
        return await _run(info, OrderConfirm, id, confirm_order)

    @strawberry.mutation(description="Mark order as manually paid: refused, every order is paid with points at "
                         "checkout completion. Requires MANAGE_ORDERS.")
    async def order_mark_as_paid(
        self, info: Info, id: strawberry.ID, transaction_reference: str | None = None
    ) -> OrderMarkAsPaid | None:
        await require_permission(info, MANAGE_ORDERS)
        return await _run(info, OrderMarkAsPaid, id, _refuse_mark_as_paid)
