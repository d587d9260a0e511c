"""Permission checks used by every domain's resolvers; each raises PermissionDenied (a top-level error)."""

from __future__ import annotations

from mall.accounts.auth import Principal, Scope
from mall.accounts.models import ScopeKind, User
from mall.accounts.permissions import AUTHENTICATED_APP, AUTHENTICATED_STAFF_USER
from mall.graphql.context import Info
from mall.graphql.errors import PermissionDenied


async def require_user(info: Info) -> User:
    """The signed-in user (member or staff); anonymous callers and apps are refused."""
    user = await info.context.user()
    if user is None:
        raise PermissionDenied(["AUTHENTICATED_USER"])
    return user


def has_any_permission(principal: Principal, permissions: tuple[str, ...]) -> bool:
    if principal.is_superuser:
        return True
    return bool(principal.permissions.intersection(permissions))


async def require_permission(info: Info, *permissions: str) -> Principal:
    """A staff user or app holding at least one of `permissions`."""
    principal = await info.context.principal()
    if not has_any_permission(principal, permissions):
        raise PermissionDenied(permissions)
    return principal


async def require_staff_or_app(info: Info) -> Principal:
    principal = await info.context.principal()
    if not (principal.is_staff or principal.app is not None):
        raise PermissionDenied([AUTHENTICATED_STAFF_USER, AUTHENTICATED_APP])
    return principal


def scope_allows(principal: Principal, kind: ScopeKind, code: str | None) -> bool:
    """Unscoped staff (the operator) reach everything; a scoped one only its own partner or issuer."""
    scope = principal.scope
    return scope is None or (scope.kind == kind and scope.code == code)


def ensure_scope(principal: Principal, kind: ScopeKind, code: str | None) -> None:
    if not scope_allows(principal, kind, code):
        raise PermissionDenied(message=f"You do not have access to this {kind.value}'s data.")


def scope_of(principal: Principal) -> Scope | None:
    return principal.scope
