"""Channel queries and mutations (Saleor's `channel`, `channels`, `channelCreate`, `channelUpdate`)."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.types.unset import UNSET

from mall.accounts.auth import Principal
from mall.accounts.models import ScopeKind
from mall.channels import services
from mall.channels.errors import ChannelsErrorCode
from mall.channels.graphql.types import Channel, ChannelError
from mall.channels.models import Channel as ChannelModel
from mall.graphql.context import Info
from mall.graphql.enums import ChannelErrorCode, CountryCode, enum_name
from mall.graphql.error_codes import ErrorCodes, same_names
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.ids import not_found, parse_int_id, parse_int_id_for_mutation
from mall.graphql.inputs import MetadataInput, metadata_dict
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import ensure_scope, require_permission, require_staff_or_app

# A channel's own mutations never pick a channel to act in: those two codes cannot arise here (and Saleor's
# ChannelErrorCode has no name for them).
CHANNEL_ERRORS = ErrorCodes(
    ChannelErrorCode,
    same_names(ChannelsErrorCode, ChannelErrorCode,
               unreachable={ChannelsErrorCode.MISSING_CHANNEL_SLUG, ChannelsErrorCode.CHANNEL_INACTIVE}),
)


def _visible(principal: Principal, channel: ChannelModel) -> bool:
    scope = principal.scope
    return scope is None or scope.kind != ScopeKind.ISSUER or channel.issuer_code == scope.code


@strawberry.type
class ChannelQueries:
    @strawberry.field(description="Look up a channel by ID or slug.")
    async def channel(self, info: Info, id: strawberry.ID | None = None, slug: str | None = None) -> Channel | None:
        if id is not None:
            model = await ChannelModel.get_or_none(id=parse_int_id(id, "Channel"))
        elif slug is not None:
            model = await ChannelModel.get_or_none(slug=slug)
        else:
            raise GraphQLError("Either 'id' or 'slug' argument is required.")
        return Channel.of(model) if model else None

    @strawberry.field(
        description="List of all channels. Requires one of: AUTHENTICATED_APP, AUTHENTICATED_STAFF_USER. "
        "Issuer-scoped staff and apps see their issuer's channels only."
    )
    async def channels(self, info: Info) -> list[Channel] | None:
        principal = await require_staff_or_app(info)
        return [Channel.of(c) for c in await ChannelModel.all().order_by("slug") if _visible(principal, c)]


@strawberry.input
class ChannelCreateInput:
    name: str = strawberry.field(description="Name of the channel.")
    slug: str = strawberry.field(description="Slug of the channel.")
    currency_code: str = strawberry.field(description="Points unit of the channel, e.g. PTS.")
    default_country: CountryCode = strawberry.field(description="Default country for the channel.")
    is_active: bool | None = strawberry.field(
        description="Determine if channel will be set active or not.", default=None
    )
    metadata: list[MetadataInput] | None = strawberry.field(description="Channel public metadata.", default=None)
    issuer_code: str | None = strawberry.field(
        description="Points mall: code of the issuing bank this channel belongs to.", default=None
    )


@strawberry.input
class ChannelUpdateInput:
    name: str | None = strawberry.field(description="Name of the channel.", default=UNSET)
    slug: str | None = strawberry.field(description="Slug of the channel.", default=UNSET)
    default_country: CountryCode | None = strawberry.field(
        description="Default country for the channel.", default=UNSET
    )
    is_active: bool | None = strawberry.field(
        description="Determine if channel will be set active or not.", default=UNSET
    )
    metadata: list[MetadataInput] | None = strawberry.field(description="Channel public metadata.", default=UNSET)


@strawberry.type
class ChannelCreate:
    channel: Channel | None = None
    errors: list[ChannelError] = strawberry.field(default_factory=list)


@strawberry.type
class ChannelUpdate:
    channel: Channel | None = None
    errors: list[ChannelError] = strawberry.field(default_factory=list)


def _value(value: object) -> object:
    return None if value is UNSET else value


@strawberry.type
class ChannelMutations:
    @strawberry.mutation(description="Creates a new channel. Requires MANAGE_CHANNELS.")
    async def channel_create(self, info: Info, input: ChannelCreateInput) -> ChannelCreate | None:
        principal = await require_permission(info, "MANAGE_CHANNELS")
        issuer = input.issuer_code
        if principal.scope is not None:
            if principal.scope.kind != ScopeKind.ISSUER:
                raise PermissionDenied(message="Only the operator or an issuer's staff can create channels.")
            issuer = issuer or principal.scope.code
            ensure_scope(principal, ScopeKind.ISSUER, issuer)
        data = services.ChannelInput(
            name=input.name,
            slug=input.slug,
            currency_code=input.currency_code,
            default_country=enum_name(input.default_country),
            is_active=input.is_active,
            issuer_code=issuer,
        )

        async def work() -> ChannelCreate | None:
            channel = await services.create_channel(data)
            if input.metadata:
                channel.metadata = metadata_dict(input.metadata) or {}
                await channel.save(update_fields=["metadata"])
            return ChannelCreate(channel=Channel.of(channel))

        return await run_in_transaction(ChannelCreate, ChannelError, CHANNEL_ERRORS, work)

    @strawberry.mutation(description="Update a channel. Requires MANAGE_CHANNELS.")
    async def channel_update(self, info: Info, id: strawberry.ID, input: ChannelUpdateInput) -> ChannelUpdate | None:
        principal = await require_permission(info, "MANAGE_CHANNELS")

        async def work() -> ChannelUpdate | None:
            channel = await ChannelModel.get_or_none(id=parse_int_id_for_mutation(id, "Channel", "id"))
            if channel is None:
                raise not_found(id, "id")
            ensure_scope(principal, ScopeKind.ISSUER, channel.issuer_code)
            country = _value(input.default_country)
            data = services.ChannelInput(
                name=_value(input.name),
                slug=_value(input.slug),  # type: ignore[arg-type]
                default_country=enum_name(country) if country else None,
                is_active=_value(input.is_active),  # type: ignore[arg-type]
            )
            if input.name is None:
                raise DomainError.single("name", "This field cannot be null.", ChannelErrorCode.REQUIRED)
            channel = await services.update_channel(channel, data)
            if _value(input.metadata):
                channel.metadata = {**channel.metadata, **(metadata_dict(input.metadata) or {})}
                await channel.save(update_fields=["metadata"])
            return ChannelUpdate(channel=Channel.of(channel))

        return await run_in_transaction(ChannelUpdate, ChannelError, CHANNEL_ERRORS, work)
