"""Which orders a staff user or app may see and act on, and how much of an order a caller sees.

The operator's staff (unscoped) reach every order. A partner's staff reach the orders holding at least one
of their partner's gifts, and change only orders made entirely of them (a partner never cancels another
partner's goods). An issuer's staff reach the orders of their issuer's channels.

How much (`OrderView`), following Saleor, where an order is public to whoever holds its ID (the thank-you
page) but its personal data is masked for anyone but the buyer and the staff who handle orders:
    FULL      the buyer; staff and apps with MANAGE_ORDERS, unscoped or of the order's issuer
    SHIPPING  a partner's staff with MANAGE_ORDERS: their own lines and the shipping address (they ship the
              parcel); the buyer's e-mail and billing address masked
    PUBLIC    anyone else holding the ID: the order with the buyer's e-mail and addresses masked
A scoped caller asking by ID for an order outside its scope finds nothing (the GraphQL loaders say so).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

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


class OrderView(StrEnum):
    FULL = "full"
    SHIPPING = "shipping"
    PUBLIC = "public"


@dataclass(frozen=True)
class OrderReader:
    """The caller, as far as reading an order goes."""

    user_id: int | None
    scope: Scope | None
    manages_orders: bool


def order_view(reader: OrderReader, order: Order, in_scope: bool) -> OrderView:
    """How much of `order` the reader sees; `in_scope`: the order is within the reader's scope (if any)."""
    if reader.user_id is not None and reader.user_id == order.user_id:  # type: ignore[attr-defined]
        return OrderView.FULL
    if not reader.manages_orders or not in_scope:
        return OrderView.PUBLIC
    if reader.scope is not None and reader.scope.kind == ScopeKind.PARTNER:
        return OrderView.SHIPPING
    return OrderView.FULL


async def visible_order_ids(scope: Scope | None, order_ids: list[object]) -> set[object]:
    """Which of these orders a caller with `scope` may see (one query; every one for the operator)."""
    if scope is None:
        return set(order_ids)
    return set(await Order.filter(visible_orders(scope), id__in=list(set(order_ids))).values_list("id", flat=True))


def lines_for(scope: Scope | None, lines: list[OrderLine]) -> list[OrderLine]:
    """The lines of an order a caller may see the details of: a partner's staff, only their own."""
    if scope is None or scope.kind != ScopeKind.PARTNER:
        return lines
    return [line for line in lines if line.partner_code == scope.code]


def visible_checkouts(scope: Scope | None) -> Q:
    """A filter on Checkout rows for staff who handle checkouts: the operator's all, an issuer's in its
    channels; a partner's none (carts are the bank's members', not yet anybody's order)."""
    if scope is None:
        return Q()
    if scope.kind == ScopeKind.ISSUER:
        return Q(channel__issuer_code=scope.code)
    return Q(token__in=[])


@dataclass(frozen=True)
class CheckoutUser:
    """The caller, as far as reading or changing a checkout goes."""

    user_id: int | None
    scope: Scope | None
    handles_checkouts: bool  # MANAGE_CHECKOUTS, IMPERSONATE_USER or HANDLE_PAYMENTS


def may_use_checkout(caller: CheckoutUser, owner_id: int | None, issuer_code: str | None) -> bool:
    """A guest's cart is whoever holds its ID (Saleor's cart cookie). A member's cart, and the order it became,
    is the member's: others holding the ID find nothing, so a leaked ID shows no address and spends nothing.
    Staff who handle checkouts reach members' carts too: the operator's all, an issuer's in its channels."""
    if owner_id is None or caller.user_id == owner_id:
        return True
    if not caller.handles_checkouts:
        return False
    scope = caller.scope
    return scope is None or (scope.kind == ScopeKind.ISSUER and scope.code == issuer_code)
