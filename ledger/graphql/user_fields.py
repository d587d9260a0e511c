"""Fields the ledger adds to `User` (assembled in mall.graphql.composed): balance and history."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from graphql import GraphQLError

from ledger import services
from ledger.accounts import wallet_name
from ledger.balances import MAX_EXPIRY_WINDOW_DAYS
from ledger.graphql.types import PointsBalance, PointsTransfer, PointsTransferCountableConnection
from ledger.graphql.types import PointsTransferCountableEdge as Edge
from ledger.models import Account
from mall.accounts.auth import Principal
from mall.accounts.models import ScopeKind
from mall.accounts.models import User as UserModel
from mall.channels.models import Channel as ChannelModel
from mall.graphql.connection import PageArgs, SortKey, empty_connection, paginate
from mall.graphql.context import Info
from mall.graphql.errors import PermissionDenied
from mall.graphql.permissions import has_any_permission, scope_allows

MANAGE_POINTS = "MANAGE_POINTS"
CHANNEL = "Slug of the channel (points programme)."
WINDOW = f"How far ahead `expiringSoon` looks, in days (0 to {MAX_EXPIRY_WINDOW_DAYS})."
NEWEST_FIRST = (SortKey("created_at", descending=True),)


async def _readable_channel(info: Info, member: UserModel, slug: str) -> tuple[ChannelModel, Principal]:
    """The channel, once the caller may read this member's points in it.

    Raises GraphQLError for an unknown channel, PermissionDenied unless the caller is the member or staff
    with MANAGE_POINTS (issuer-scoped staff: in their issuer's channels only).
    """
    principal = await info.context.principal()
    channel = await ChannelModel.get_or_none(slug=slug)
    if channel is None:
        raise GraphQLError(f"Channel with '{slug}' slug does not exist.")
    if principal.user is not None and principal.user.id == member.id:
        return channel, principal
    if not has_any_permission(principal, (MANAGE_POINTS,)):
        raise PermissionDenied([MANAGE_POINTS, "OWNER"])
    if not scope_allows(principal, ScopeKind.ISSUER, channel.issuer_code):
        raise PermissionDenied(message="You do not have access to this issuer's points.")
    return channel, principal


@strawberry.type
class UserPointsFields:
    model: strawberry.Private[UserModel]

    @strawberry.field(description="The user's points in a channel: available, reserved and expiring soon. "
                      "Requires one of the following permissions: MANAGE_POINTS, OWNER. Points mall extension.")
    async def points_balance(
        self, info: Info,
        channel: Annotated[str, strawberry.argument(description=CHANNEL)],
        expiring_within_days: Annotated[int, strawberry.argument(description=WINDOW)] = 30,
    ) -> PointsBalance:
        if not 0 <= expiring_within_days <= MAX_EXPIRY_WINDOW_DAYS:
            raise GraphQLError(f"Argument `expiringWithinDays` must be between 0 and {MAX_EXPIRY_WINDOW_DAYS}.")
        found, _ = await _readable_channel(info, self.model, channel)
        balance = await services.points_balance(found.id, self.model.id, expiring_within_days=expiring_within_days)
        return PointsBalance.of(found.slug, found.currency_code, balance)

    @strawberry.field(description="The user's points history in a channel, newest first. Requires one of the "
                      "following permissions: MANAGE_POINTS, OWNER. Points mall extension.")
    async def points_transfers(
        self, info: Info,
        channel: Annotated[str, strawberry.argument(description=CHANNEL)],
        first: Annotated[int | None, strawberry.argument(description="Return the first n elements.")] = None,
        after: Annotated[str | None, strawberry.argument(description="Return elements after this cursor.")] = None,
        last: Annotated[int | None, strawberry.argument(description="Return the last n elements.")] = None,
        before: Annotated[str | None, strawberry.argument(description="Return elements before this cursor.")] = None,
    ) -> PointsTransferCountableConnection | None:  # type: ignore[valid-type]
        found, principal = await _readable_channel(info, self.model, channel)
        args = PageArgs(first, last, after, before)
        transfers = await services.member_transfers(found.id, self.model.id)
        if transfers is None:
            result: Any = empty_connection(info, args, PointsTransferCountableConnection)
            return result
        wallet = await Account.get(channel_id=found.id, name=wallet_name(self.model.id))
        show_actor = has_any_permission(principal, (MANAGE_POINTS,))
        return await paginate(
            info, transfers, args, PointsTransferCountableConnection, Edge, sort=NEWEST_FIRST,
            to_node=lambda row: PointsTransfer(model=row, wallet_id=wallet.id, show_actor=show_actor),
        )
