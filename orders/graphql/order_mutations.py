"""Staff order mutations: cancel (stock and points go back), confirm, refund an amount of points, and Saleor's
mark-as-paid (refused: orders are paid with points when their checkout completes); and the mall-only
`orderCancelByMember`, since Saleor's `orderCancel` needs MANAGE_ORDERS and members must be able to cancel their
own orders."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Annotated, Any

import strawberry

from mall.accounts.auth import Principal
from mall.accounts.models import User
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.permissions import require_permission, require_user
from mall.graphql.scalars import PositiveDecimal
from orders.graphql.common import actor_of, channel_row
from orders.graphql.enums import OrderErrorCode
from orders.graphql.errors import ERRORS, OrderError, order_errors_alias, run_order
from orders.graphql.inputs import uuid_id
from orders.graphql.order import Order
from orders.models import Order as OrderModel
from orders.services.lifecycle import cancel_order, confirm_order
from orders.services.refunds import RefundRequest, refund_points
from orders.services.visibility import may_change_order

MANAGE_ORDERS = "MANAGE_ORDERS"
MAX_KEY_LENGTH = 64  # the ledger's keys (200 characters) hold it with the order's and the payment's IDs


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


@strawberry.type(description="Refund an order.")
class OrderRefund(OrderPayload):
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


def _whole_points(amount: Decimal) -> int:
    """An amount of points is a whole number; anything else is refused before anything runs."""
    if amount != amount.to_integral_value():
        raise DomainError.single("amount", "Points are refunded in whole points.", OrderErrorCode.INVALID)
    return int(amount)


async def _refund_key(global_id: str, points: int, given: str | None) -> str:
    """Names the refund: by the caller's key when it sends one (exactly once per key, whenever it is sent
    again). Saleor's clients send none: the refund is then named by the order's refund state the request found,
    read before the order is locked, so that a duplicate arriving while the first still runs (a double click)
    finds the same state and replays it; one asked for after the first finished is a new refund."""
    pk: uuid.UUID = uuid_id(global_id, "Order", "id")
    if given is not None:
        if not 0 < len(given) <= MAX_KEY_LENGTH:
            raise DomainError.single("idempotencyKey", f"Give a key of 1 to {MAX_KEY_LENGTH} characters.",
                                     OrderErrorCode.INVALID)
        return f"order-refund:{pk}:key:{given}"
    refunded = await OrderModel.filter(id=pk).values_list("points_refunded", flat=True)
    return f"order-refund:{pk}:{refunded[0] if refunded else 0}:{points}"


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

    @strawberry.mutation(description="Refund an order: `amount` points go back to the member's lots they came "
                         "from (same expiry), at most what the order's points payments have left; the cash part of a "
                         "points + cash order is refunded with its lines (returns, failed deliveries), not here. "
                         "Requires MANAGE_ORDERS.")
    async def order_refund(
        self, info: Info, id: strawberry.ID, amount: PositiveDecimal,
        idempotency_key: Annotated[str | None, strawberry.argument(description=(
            "Points mall: names this refund, so that sending it again refunds nothing more (at most 64 "
            "characters). Without it only a duplicate sent while the first still runs is recognised."))] = None,
    ) -> OrderRefund | None:
        async def work() -> OrderRefund:
            principal = await require_permission(info, MANAGE_ORDERS)
            points = _whole_points(amount)
            key = await _refund_key(id, points, idempotency_key)
            order = await _order_for_change(principal, id)
            await refund_points(order, points, RefundRequest(key, actor_of(principal), "refunded by staff"))
            changed = await OrderModel.get(id=order.id)
            return OrderRefund(order=Order.of(changed, await channel_row(info.context, changed.channel_id)))

        return await run_order(OrderRefund, work)
