"""What every redemption GraphQL module shares: points as Money, the caller as an actor, per-object memos,
and request-wide loaders for rows many objects point at (channels, users, addresses, variants)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any, TypeVar

from catalog.models import ProductVariant as ProductVariantModel
from mall.accounts.auth import Principal
from mall.accounts.graphql.visibility import may_see_user
from mall.accounts.models import Address as AddressModel
from mall.accounts.models import User as UserModel
from mall.channels.models import Channel as ChannelModel
from mall.graphql.common import Money, TaxedMoney, money, untaxed
from mall.graphql.context import Context, Info
from mall.graphql.errors import PermissionDenied
from mall.graphql.permissions import has_any_permission

T = TypeVar("T")
POINTS_DIGITS = 0
CASH_DIGITS = 2


def points(amount: Decimal | int, unit: str) -> Money:
    """Points are whole numbers of the channel's unit: 0 fraction digits."""
    return money(amount, unit, POINTS_DIGITS)


def taxed_points(amount: Decimal | int, unit: str) -> TaxedMoney:
    return untaxed(amount, unit, POINTS_DIGITS)


def actor_of(principal: Principal) -> str:
    """How ledger transfers and order events name who did it."""
    if principal.user is not None:
        return f"user:{principal.user.id}"
    if principal.app is not None:
        return f"app:{principal.app.id}"
    return "anonymous"


class Memo:
    """Results computed once per GraphQL object, even when sibling fields ask at the same time (graphql-core
    resolves them concurrently). Per object, not per request: a second mutation in the same document
    builds new objects and reads fresh rows."""

    def __init__(self) -> None:
        self._results: dict[str, asyncio.Future[Any]] = {}

    def get(self, key: str, compute: Callable[[], Awaitable[T]]) -> Awaitable[T]:
        found = self._results.get(key)
        if found is None:
            found = self._results[key] = asyncio.ensure_future(compute())
        return found


async def _rows_by_id(model: Any, ids: list[Any]) -> list[Any]:
    rows = {row.id: row for row in await model.filter(id__in=list(set(ids)))}
    return [rows.get(pk) for pk in ids]


def _by_id(context: Context, model: Any, name: str, pk: Any) -> Awaitable[Any]:
    return context.loader(name, lambda ids: _rows_by_id(model, ids)).load(pk)


def channel_row(context: Context, channel_id: int) -> Awaitable[ChannelModel]:
    return _by_id(context, ChannelModel, "orders.channel", channel_id)


async def channels_by_id(context: Context, channel_ids: set[int]) -> dict[int, ChannelModel]:
    rows = await asyncio.gather(*(channel_row(context, pk) for pk in channel_ids))
    return {row.id: row for row in rows if row is not None}


def user_row(context: Context, user_id: int) -> Awaitable[UserModel | None]:
    return _by_id(context, UserModel, "orders.user", user_id)


def address_row(context: Context, address_id: int) -> Awaitable[AddressModel | None]:
    return _by_id(context, AddressModel, "orders.address", address_id)


def variant_row(context: Context, variant_id: int) -> Awaitable[ProductVariantModel | None]:
    return _by_id(context, ProductVariantModel, "orders.variant", variant_id)


async def require_owner_or(info: Info, owner_id: int | None, *permissions: str) -> None:
    """Saleor's OWNER rule: the signed-in owner, or staff and apps holding one of `permissions`."""
    principal = await info.context.principal()
    if owner_id is not None and principal.user is not None and principal.user.id == owner_id:
        return
    if not has_any_permission(principal, permissions):
        raise PermissionDenied([*permissions, "OWNER"])


async def user_node(info: Info, model: UserModel | None) -> Any:
    """The account as a `User`, or None when the caller may not see it (a scoped caller, out of its scope)."""
    if model is None or not await may_see_user(info, model):
        return None
    from mall.graphql.composed import User

    return User.of(model)
