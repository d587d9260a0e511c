"""Saleor's `checkout`, `order` and `orders` queries.

An order is public to whoever holds its UUID (Saleor's rule: the thank-you page URL carries it), with the
buyer's personal data masked for all but the buyer and the staff handling orders (orders.services.visibility).
A guest's checkout is public to whoever holds its UUID (the storefront's cart cookie); a member's is the
member's. Scoped staff find no order or checkout outside their scope. The order list is for staff with
MANAGE_ORDERS, narrowed to their partner's or issuer's orders when they are scoped.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError

from mall.channels.models import Channel as ChannelModel
from mall.graphql.connection import PageArgs, SortKey, countable_connection, paginate
from mall.graphql.context import Info
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import parse_global_id
from mall.graphql.node import NodeLoader
from mall.graphql.permissions import has_any_permission, require_permission
from orders.graphql.checkout import Checkout
from orders.graphql.common import channel_row
from orders.graphql.order import Order
from orders.graphql.order_access import in_scope, may_use
from orders.graphql.order_filters import (
    OrderFilterInput,
    OrderSortingInput,
    OrderWhereInput,
    filter_orders,
    order_sort,
    search_filter,
    where_orders,
)
from orders.models import Checkout as CheckoutModel
from orders.models import Order as OrderModel
from orders.services.visibility import visible_checkouts, visible_orders

OrderCountableConnection, OrderCountableEdge = countable_connection(Order, "Order")
CheckoutCountableConnection, CheckoutCountableEdge = countable_connection(Checkout, "Checkout")
INACTIVE_CHANNEL_PERMISSIONS = ("MANAGE_CHECKOUTS", "IMPERSONATE_USER", "HANDLE_PAYMENTS")


def _uuid_pk(global_id: str, type_name: str) -> uuid.UUID:
    """Raises GraphQLError (a top-level error, as Saleor) for a malformed or foreign ID."""
    pk = parse_global_id(global_id, type_name)
    try:
        return uuid.UUID(pk)
    except ValueError as error:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {type_name}.") from error


async def load_checkout(info: Info, token: uuid.UUID) -> Checkout | None:
    found = await CheckoutModel.get_or_none(token=token).select_related("channel")
    if found is None or not await may_use(info, found):
        return None
    if not found.channel.is_active:
        principal = await info.context.principal()
        if not has_any_permission(principal, INACTIVE_CHANNEL_PERMISSIONS):
            raise PermissionDenied(INACTIVE_CHANNEL_PERMISSIONS)
    return Checkout.of(found)


async def load_order(info: Info, order_id: uuid.UUID) -> Order | None:
    found = await OrderModel.get_or_none(id=order_id)
    if found is None or not await in_scope(info, found.id):
        return None
    return Order.of(found, await channel_row(info.context, found.channel_id))  # type: ignore[attr-defined]


async def _checkout_node(info: Info, pk: str) -> Checkout | None:
    try:
        return await load_checkout(info, uuid.UUID(pk))
    except ValueError:
        return None


async def _order_node(info: Info, pk: str) -> Order | None:
    try:
        return await load_order(info, uuid.UUID(pk))
    except ValueError:
        return None


# The order types `node(id:)` resolves (registered at start-up by mall.wiring, never at import)
ORDER_NODES: dict[str, NodeLoader] = {
    "Checkout": _checkout_node,
    "Order": _order_node,
}


async def page_of_orders(info: Info, query: Any, args: PageArgs, sort: Any) -> Any:
    """One page of orders, each with its channel (channels are few: loaded once per request)."""
    channels = {channel.id: channel for channel in await ChannelModel.all()}
    return await paginate(
        info, query, args, OrderCountableConnection, OrderCountableEdge, sort=sort,
        to_node=lambda row: Order.of(row, channels[row.channel_id]),
    )


def _described(text: str) -> Any:
    return strawberry.argument(description=text)


@strawberry.type
class OrderQueries:
    @strawberry.field(description="Look up a checkout by id. Anyone holding the ID may read a guest's checkout; a "
                      "member's is the member's (or staff's with MANAGE_CHECKOUTS, IMPERSONATE_USER or "
                      "HANDLE_PAYMENTS). A checkout in an inactive channel requires one of: MANAGE_CHECKOUTS, "
                      "IMPERSONATE_USER, HANDLE_PAYMENTS.")
    async def checkout(
        self, info: Info,
        id: Annotated[strawberry.ID | None, _described("The checkout's ID.")] = None,
        token: Annotated[uuid.UUID | None, strawberry.argument(
            description="The checkout's token.", deprecation_reason="Use `id` instead.")] = None,
    ) -> Checkout | None:
        if id is not None:
            return await load_checkout(info, _uuid_pk(id, "Checkout"))
        if token is not None:
            return await load_checkout(info, token)
        raise GraphQLError("At least one of arguments is required: 'id', 'token'.")

    @strawberry.field(description="Look up an order by ID. Anyone holding the ID may read it, with the buyer's "
                      "e-mail and addresses masked unless they are the buyer or staff with MANAGE_ORDERS; scoped "
                      "staff find only orders of their scope, a partner's staff only their own lines.")
    async def order(
        self, info: Info,
        id: Annotated[strawberry.ID | None, _described("ID of an order.")] = None,
        external_reference: Annotated[
            str | None, _described("External ID of an order. Requires one of the following permissions: MANAGE_ORDERS.")
        ] = None,
    ) -> Order | None:
        if external_reference is not None:
            await require_permission(info, "MANAGE_ORDERS")
            return None  # orders carry no external reference
        if id is None:
            raise GraphQLError("At least one of arguments is required: 'id', 'external_reference'.")
        return await load_order(info, _uuid_pk(id, "Order"))

    @strawberry.field(description="List of orders. Requires one of the following permissions: MANAGE_ORDERS. "
                      "Partner staff see the orders holding their gifts, issuer staff those of their channels.")
    async def orders(
        self, info: Info,
        sort_by: Annotated[OrderSortingInput | None, _described("Sort orders.")] = None,
        # Deprecated in Saleor ("Use `where` filter instead."), not here: an argument marked deprecated is left
        # out of plain introspection, and clients that build their schema from it (the Dashboard's checks)
        # would refuse the documents that still send it.
        filter: Annotated[OrderFilterInput | None, strawberry.argument(
            description="Filtering options for orders. Saleor deprecates it: use `where`.")] = None,
        where: Annotated[OrderWhereInput | None, _described("Where filtering options for orders.")] = None,
        channel: Annotated[str | None, _described("Slug of a channel for which the data should be returned.")] = None,
        search: Annotated[str | None, _described("Search orders.")] = None,
        before: str | None = None, after: str | None = None, first: int | None = None, last: int | None = None,
    ) -> OrderCountableConnection | None:  # type: ignore[valid-type]
        principal = await require_permission(info, "MANAGE_ORDERS")
        query = OrderModel.filter(visible_orders(principal.scope))
        if channel is not None:
            query = query.filter(channel__slug=channel)
        if filter is not None:
            query = query.filter(filter_orders(filter))
        if where is not None:
            query = query.filter(where_orders(where))
        if search:
            query = query.filter(search_filter(search))
        return await page_of_orders(info, query, PageArgs(first, last, after, before), order_sort(sort_by))

    @strawberry.field(description="List of checkouts, newest first. Requires one of the following permissions: "
                      "MANAGE_CHECKOUTS. The operator sees every cart, an issuer's staff those of their channels, a "
                      "partner's staff none. The points mall takes no `filter` or `sortBy` here.")
    async def checkouts(
        self, info: Info,
        channel: Annotated[str | None, _described("Slug of a channel for which the data should be returned.")] = None,
        before: str | None = None, after: str | None = None, first: int | None = None, last: int | None = None,
    ) -> CheckoutCountableConnection | None:  # type: ignore[valid-type]
        principal = await require_permission(info, "MANAGE_CHECKOUTS")
        query = CheckoutModel.filter(visible_checkouts(principal.scope)).select_related("channel")
        if channel is not None:
            query = query.filter(channel__slug=channel)
        return await paginate(info, query, PageArgs(first, last, after, before), CheckoutCountableConnection,
                              CheckoutCountableEdge, sort=[SortKey("created_at", descending=True)], to_node=Checkout.of)
