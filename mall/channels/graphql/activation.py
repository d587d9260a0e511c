"""`channelActivate` and `channelDeactivate` (the Dashboard's channel page): a bank's staff switch their own
channels, the operator any. Requires MANAGE_CHANNELS. An inactive channel's mall is closed to members."""

from __future__ import annotations

import strawberry

from mall.accounts.models import ScopeKind
from mall.channels import services
from mall.channels.graphql.schema import CHANNEL_ERRORS
from mall.channels.graphql.types import Channel, ChannelError
from mall.channels.models import Channel as ChannelModel
from mall.graphql.context import Info
from mall.graphql.enums import ChannelErrorCode
from mall.graphql.errors import DomainError
from mall.graphql.ids import not_found, parse_int_id_for_mutation
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import ensure_scope, require_permission


@strawberry.type(description="Activate a channel.")
class ChannelActivate:
    channel: Channel | None = strawberry.field(default=None, description="Activated channel.")
    errors: list[ChannelError] = strawberry.field(default_factory=list)


@strawberry.type(description="Deactivate a channel.")
class ChannelDeactivate:
    channel: Channel | None = strawberry.field(default=None, description="Deactivated channel.")
    errors: list[ChannelError] = strawberry.field(default_factory=list)


async def _switch(info: Info, global_id: str, active: bool) -> Channel:
    principal = await require_permission(info, "MANAGE_CHANNELS")
    channel = await ChannelModel.filter(id=parse_int_id_for_mutation(global_id, "Channel", "id")).first()
    if channel is None:
        raise not_found(global_id, "id")
    ensure_scope(principal, ScopeKind.ISSUER, channel.issuer_code)
    if channel.is_active == active:
        state = "activated" if active else "deactivated"
        raise DomainError.single("id", f"This channel is already {state}.", ChannelErrorCode.INVALID)
    return Channel.of(await services.update_channel(channel, services.ChannelInput(is_active=active)))


@strawberry.type
class ChannelActivationMutations:
    @strawberry.mutation(description="Activate a channel. Requires MANAGE_CHANNELS.")
    async def channel_activate(self, info: Info, id: strawberry.ID) -> ChannelActivate | None:
        async def work() -> ChannelActivate:
            return ChannelActivate(channel=await _switch(info, id, active=True))

        return await run_in_transaction(ChannelActivate, ChannelError, CHANNEL_ERRORS, work)

    @strawberry.mutation(description="Deactivate a channel: its mall closes to members. Requires MANAGE_CHANNELS.")
    async def channel_deactivate(self, info: Info, id: strawberry.ID) -> ChannelDeactivate | None:
        async def work() -> ChannelDeactivate:
            return ChannelDeactivate(channel=await _switch(info, id, active=False))

        return await run_in_transaction(ChannelDeactivate, ChannelError, CHANNEL_ERRORS, work)
