"""`Channel.warehouses`: the warehouses shipping a channel's orders (handed to channels by mall.wiring)."""

from __future__ import annotations

from catalog.graphql.inventory import Warehouse
from catalog.models import ChannelWarehouse
from mall.accounts.models import ScopeKind
from mall.graphql.context import Info
from mall.graphql.permissions import scope_allows


async def channel_warehouses(info: Info, channel_id: int) -> list[Warehouse]:
    """In allocation order; a partner's staff see their partner's warehouses only."""
    principal = await info.context.principal()
    links = await ChannelWarehouse.filter(channel_id=channel_id).order_by("sort_order", "id").prefetch_related(
        "warehouse")
    return [Warehouse.of(link.warehouse) for link in links
            if scope_allows(principal, ScopeKind.PARTNER, link.warehouse.partner_code)]
