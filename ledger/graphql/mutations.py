"""`pointsAdjust`: staff corrections of a member's points, audited with the staff user or app."""

from __future__ import annotations

from typing import Annotated

import strawberry

from ledger import services
from ledger.accounts import find_account, wallet_name
from ledger.errors import LedgerErrorCode
from ledger.graphql.types import PointsError, PointsErrorCode, PointsTransfer
from ledger.policy import channel_expiry_policy
from mall.accounts.auth import Principal
from mall.accounts.models import ScopeKind
from mall.accounts.models import User as UserModel
from mall.channels.models import Channel as ChannelModel
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, same_names
from mall.graphql.errors import DomainError
from mall.graphql.ids import not_found, parse_int_id_for_mutation
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import ensure_scope, require_permission

MAX_CLIENT_KEY_LENGTH = 150  # stored as adjust:<key>, within the ledger's 200 characters
POINTS_ERRORS = ErrorCodes(PointsErrorCode, same_names(LedgerErrorCode, PointsErrorCode))


@strawberry.input(description="Points mall extension: a signed correction of a member's points.")
class PointsAdjustInput:
    user: strawberry.ID = strawberry.field(description="ID of the member whose points change.")
    channel: str = strawberry.field(description="Slug of the channel (points programme).")
    amount: int = strawberry.field(description="Points to add (positive) or deduct (negative); not zero.")
    reason: str = strawberry.field(description="Why; kept with the transfer and shown to the member.")
    idempotency_key: str = strawberry.field(
        description="A key unique to this correction: sending it again returns the first result."
    )


@strawberry.type(description="Adjusts a member's points. Points mall extension.")
class PointsAdjust:
    transfer: PointsTransfer | None = strawberry.field(default=None, description="The adjustment made.")
    errors: list[PointsError] = strawberry.field(
        default_factory=list, description="List of errors that occurred executing the mutation."
    )


def _actor(principal: Principal) -> str:
    if principal.user is not None:
        return f"user:{principal.user.id}"
    return f"app:{principal.app.id}" if principal.app is not None else "unknown"


def _check_text(input: PointsAdjustInput) -> None:
    """Raises DomainError REQUIRED for a blank reason or key, INVALID for a key that is too long."""
    for field, value in (("reason", input.reason), ("idempotencyKey", input.idempotency_key)):
        if not value.strip():
            raise DomainError.single(field, "This field cannot be blank.", ApiErrorCode.REQUIRED)
    if len(input.idempotency_key) > MAX_CLIENT_KEY_LENGTH:
        raise DomainError.single(
            "idempotencyKey", f"Use at most {MAX_CLIENT_KEY_LENGTH} characters.", ApiErrorCode.INVALID
        )


async def _adjust(principal: Principal, input: PointsAdjustInput) -> PointsAdjust:
    member_id = parse_int_id_for_mutation(input.user, "User", "user")
    _check_text(input)
    channel = await ChannelModel.get_or_none(slug=input.channel)
    if channel is None:
        raise DomainError.single(
            "channel", f"Channel with '{input.channel}' slug does not exist.", ApiErrorCode.NOT_FOUND
        )
    ensure_scope(principal, ScopeKind.ISSUER, channel.issuer_code)
    if not await UserModel.exists(id=member_id):
        raise not_found(input.user, "user")
    request = services.Request(f"adjust:{input.idempotency_key}", _actor(principal), reason=input.reason.strip())
    policy = await channel_expiry_policy(channel)
    transfer = await services.adjust_points(channel, member_id, input.amount, request, policy=policy)
    wallet_id = await find_account(channel.id, wallet_name(member_id))
    return PointsAdjust(transfer=PointsTransfer(model=transfer, wallet_id=wallet_id or 0, show_actor=True))


@strawberry.type
class PointsMutations:
    @strawberry.mutation(description="Adds points to or deducts points from a member's wallet, recorded with the "
                         "staff user who did it. Requires MANAGE_POINTS. Points mall extension.")
    async def points_adjust(
        self, info: Info,
        input: Annotated[PointsAdjustInput, strawberry.argument(description="Fields required to adjust points.")],
    ) -> PointsAdjust | None:
        principal = await require_permission(info, "MANAGE_POINTS")
        return await run_in_transaction(PointsAdjust, PointsError, POINTS_ERRORS, lambda: _adjust(principal, input))
