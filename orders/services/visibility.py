"""Which orders a staff user or app may see and act on. The operator's staff (unscoped) reach every order.
A partner's staff reach the orders holding at least one of their partner's gifts, and change only orders
made entirely of them (a partner never cancels another partner's goods). An issuer's staff reach the
orders of their issuer's channels.
"""

from __future__ import annotations

from tortoise.expressions import Q, Subquery

from mall.accounts.auth import Scope
from mall.accounts.models import ScopeKind
from orders.models import Order, OrderLine


def visible_orders(scope: Scope | None) -> Q:
    """A filter on Order rows for a (possibly) scoped caller."""
    if scope is None:
        return Q()
    if scope.kind == ScopeKind.PARTNER:
        holding = OrderLine.filter(partner_code=scope.code).values("order_id")
        return Q(id__in=Subquery(holding))
    return Q(channel__issuer_code=scope.code)


async def may_see_order(scope: Scope | None, order: Order) -> bool:
    if scope is None:
        return True
    return await Order.filter(visible_orders(scope), id=order.id).exists()


async def may_change_order(scope: Scope | None, order: Order) -> bool:
    """Whole orders only: every line is the partner's (issuer staff: the order is in their channels)."""
    if scope is None or scope.kind != ScopeKind.PARTNER:
        return await may_see_order(scope, order)
    codes = set(await OrderLine.filter(order_id=order.id).values_list("partner_code", flat=True))
    return codes == {scope.code}


def partner_buyers(partner_code: str) -> Q:
    """A filter on accounts: the members who ordered at least one of the partner's gifts (whom it ships to)."""
    orders = Order.filter(visible_orders(Scope(ScopeKind.PARTNER, partner_code)), user_id__isnull=False)
    return Q(id__in=Subquery(orders.values("user_id")))
