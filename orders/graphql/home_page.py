"""The Dashboard's home page panels: `homepageEvents` (recent order activity) and `ordersTotal` (points
redeemed in a channel over a period). Both require MANAGE_ORDERS and follow the caller's scope: a partner's
staff see their orders' events and the points of their own gifts' lines; a bank's staff their channels'."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

import strawberry
from graphql import GraphQLError
from tortoise.expressions import Subquery
from tortoise.functions import Sum

from catalog.graphql.enums import ReportingPeriod
from kernel import clock
from mall.accounts.models import ScopeKind
from mall.channels.models import Channel as ChannelModel
from mall.graphql.common import TaxedMoney
from mall.graphql.connection import PageArgs, countable_connection, paginate
from mall.graphql.context import Info
from mall.graphql.permissions import require_permission
from orders.graphql.common import taxed_points
from orders.graphql.events import OrderEvent
from orders.graphql.order import Order
from orders.models import Order as OrderModel
from orders.models import OrderEvent as OrderEventModel
from orders.models import OrderLine, OrderStatus
from orders.services.visibility import visible_orders

OrderEventCountableConnection, OrderEventCountableEdge = countable_connection(OrderEvent, "OrderEvent")
# Activity worth a glance on the home page: orders placed, paid, canceled, shipped, refunded and notes
HOME_PAGE_EVENTS = ("PLACED", "ORDER_FULLY_PAID", "CANCELED", "FULFILLMENT_FULFILLED_ITEMS", "FULFILLED",
                    "PAYMENT_REFUNDED", "POINTS_REFUNDED", "NOTE_ADDED")
DEFAULT_DAY_ZONE = "Asia/Shanghai"  # the mall's business day: SETTLEMENT_TIME_ZONE, as settlement periods


def _period_start(info: Info, period: Any) -> datetime:
    zone = info.context.settings.extra.get("SETTLEMENT_TIME_ZONE", DEFAULT_DAY_ZONE)
    today = clock.today_in(zone)
    first_day = today if period is None or period.name == "TODAY" else today.replace(day=1)
    return datetime.combine(first_day, time.min, tzinfo=clock.now_in(zone).tzinfo)


def _event_node(row: OrderEventModel) -> OrderEvent:
    order = row.order  # type: ignore[attr-defined]
    return OrderEvent.of(row, Order.of(order, order.channel))


@strawberry.type
class HomePageQueries:
    @strawberry.field(description="List of activity events to display on homepage: order events the caller "
                      "may see, newest first. Requires MANAGE_ORDERS.")
    async def homepage_events(self, info: Info, before: str | None = None, after: str | None = None,
                              first: int | None = None, last: int | None = None,
                              ) -> OrderEventCountableConnection | None:  # type: ignore[valid-type]
        principal = await require_permission(info, "MANAGE_ORDERS")
        orders = OrderModel.filter(visible_orders(principal.scope)).values("id")
        query = OrderEventModel.filter(type__in=HOME_PAGE_EVENTS, order_id__in=Subquery(orders)).prefetch_related(
            "order__channel")
        # oldest first, as Saleor: the Dashboard asks for the `last` ten, the newest
        return await paginate(info, query, PageArgs(first, last, after, before), OrderEventCountableConnection,
                              OrderEventCountableEdge, to_node=_event_node)

    @strawberry.field(description="Return the total of points redeemed (orders not canceled) in a channel since "
                      "the start of the period, days in SETTLEMENT_TIME_ZONE. Requires MANAGE_ORDERS.")
    async def orders_total(self, info: Info, period: ReportingPeriod | None = None,  # type: ignore[valid-type]
                           channel: str | None = None) -> TaxedMoney | None:
        principal = await require_permission(info, "MANAGE_ORDERS")
        found = await ChannelModel.get_or_none(slug=channel) if channel else await ChannelModel.first()
        if found is None:
            raise GraphQLError(f"Channel with '{channel}' slug does not exist.")
        orders = OrderModel.filter(visible_orders(principal.scope), channel_id=found.id,
                                   created_at__gte=_period_start(info, period)).exclude(status=OrderStatus.CANCELED)
        lines = OrderLine.filter(order_id__in=Subquery(orders.values("id")))
        if principal.scope is not None and principal.scope.kind == ScopeKind.PARTNER:
            lines = lines.filter(partner_code=principal.scope.code)  # a partner's own gifts only
        total = await lines.annotate(points=Sum("total_price_points")).first().values_list("points", flat=True)
        return taxed_points(total or 0, found.currency_code)
