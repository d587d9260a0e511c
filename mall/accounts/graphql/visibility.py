"""Whether the caller may see an account, and how much of it: every path to a `User` (user, customers,
node, an order's or checkout's user, an event's author) asks here, so no path shows more than another.

- One's own account: all of it.
- Staff accounts: unscoped callers see them all, scoped ones only staff of their own scope.
- Members: the operator's staff see them all; scoped callers only the members of their scope, with the
  detail their scope allows (mall.accounts.customer_scope).
Whether the caller may reach the path at all (its permissions) is the path's own check.
"""

from __future__ import annotations

from mall.accounts.auth import Principal
from mall.accounts.customer_scope import CustomerDetail, customer_detail, visible_customer_ids
from mall.accounts.models import User as UserModel
from mall.graphql.context import Info


def _is_self(principal: Principal, model: UserModel) -> bool:
    return principal.user is not None and principal.user.id == model.id


def _sees_staff(principal: Principal, model: UserModel) -> bool:
    scope = principal.scope
    return scope is None or (model.scope_kind, model.scope_code) == (scope.kind, scope.code)


async def _in_scope(info: Info, principal: Principal, model: UserModel) -> bool:
    """Batched per request: a page of 100 customers costs one query, not 100."""
    scope = principal.scope

    async def load(ids: list[int]) -> list[bool]:
        visible = await visible_customer_ids(scope, ids)
        return [pk in visible for pk in ids]

    return bool(await info.context.loader("accounts.customer_in_scope", load).load(model.id))


async def may_see_user(info: Info, model: UserModel) -> bool:
    principal = await info.context.principal()
    if _is_self(principal, model) or principal.scope is None:
        return True
    if model.is_staff:
        return _sees_staff(principal, model)
    return await _in_scope(info, principal, model)


async def detail_of(info: Info, model: UserModel) -> CustomerDetail:
    """How much of the account the caller sees; out of scope (never handed out) counts as the least."""
    principal = await info.context.principal()
    if _is_self(principal, model) or model.is_staff or principal.scope is None:
        return CustomerDetail.FULL
    if not await _in_scope(info, principal, model):
        return CustomerDetail.SHIPPING
    return customer_detail(principal.scope)


async def sees_all_of(info: Info, model: UserModel) -> bool:
    return await detail_of(info, model) == CustomerDetail.FULL
