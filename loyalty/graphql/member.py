"""What a member does with the programme in the API (mall-only): the daily sign-in, shares, ways to earn, and
the `User.tier` / `User.tierProgress` fields.

Staff accounts earn nothing: they are refused NOT_ELIGIBLE.
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from graphql import GraphQLError

from loyalty import activity, reads
from loyalty.graphql.errors import LOYALTY_ERRORS
from loyalty.graphql.types import (
    LoyaltyAward,
    LoyaltyError,
    LoyaltyErrorCode,
    LoyaltyTier,
    LoyaltyTierProgress,
    LoyaltyWayToEarn,
    award_of,
)
from loyalty.models import EarningRule
from loyalty.programmes import ProgrammeOf, programme_of_channel
from mall.accounts.models import ScopeKind
from mall.accounts.models import User as UserModel
from mall.channels.models import Channel
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import has_any_permission, require_user, scope_allows

CHANNEL = "Slug of the channel (the bank's mall)."
MANAGE_POINTS = "MANAGE_POINTS"


@strawberry.type(description="Points mall: the member's daily sign-in. Requires a signed-in member.")
class LoyaltySignIn:
    award: LoyaltyAward | None = strawberry.field(default=None, description="Today's sign-in award.")
    replayed: bool = strawberry.field(default=False, description="True when the member had signed in today "
                                      "already: nothing changed.")
    streak: int = strawberry.field(default=0, description="Consecutive days signed in, today included.")
    errors: list[LoyaltyError] = strawberry.field(default_factory=list, description="List of errors that occurred "
                                                  "executing the mutation.")


@strawberry.type(description="Points mall: points for sharing. Requires a signed-in member.")
class LoyaltyShare:
    award: LoyaltyAward | None = strawberry.field(default=None, description="The share's award.")
    replayed: bool = strawberry.field(default=False, description="True when this was shared before: nothing "
                                      "changed.")
    errors: list[LoyaltyError] = strawberry.field(default_factory=list, description="List of errors that occurred "
                                                  "executing the mutation.")


async def _channel(slug: str) -> Channel:
    found = await Channel.get_or_none(slug=slug)
    if found is None:
        raise DomainError.single("channel", f"Channel '{slug}' does not exist.", ApiErrorCode.NOT_FOUND)
    return found


def _earner(user: UserModel) -> int:
    if user.is_staff:
        raise DomainError.single("user", "Staff accounts do not earn points.", LoyaltyErrorCode.NOT_ELIGIBLE)
    return user.id


async def _rule_name(rule_id: int) -> str:
    return (await EarningRule.get(id=rule_id)).name


@strawberry.type
class LoyaltyMemberQueries:
    @strawberry.field(description="Points mall: the ways the signed-in member can earn points in a channel's "
                      "programme now, with what is left of each cap. Requires a signed-in user.")
    async def loyalty_ways_to_earn(
        self, info: Info, channel: Annotated[str, strawberry.argument(description=CHANNEL)],
    ) -> list[LoyaltyWayToEarn]:
        user = await require_user(info)
        found = await Channel.get_or_none(slug=channel)
        if found is None:
            raise GraphQLError(f"Channel with '{channel}' slug does not exist.")
        try:
            programme = await programme_of_channel(found)
        except DomainError:
            return []
        return [LoyaltyWayToEarn(model=way) for way in await reads.ways_to_earn(programme, user.id)]


@strawberry.type
class LoyaltyMemberMutations:
    @strawberry.mutation(description="Points mall: the member's sign-in for today (in the issuer's time zone): "
                         "points once a day, however often it is sent. Requires a signed-in member.")
    async def loyalty_sign_in(
        self, info: Info, channel: Annotated[str, strawberry.argument(description=CHANNEL)],
    ) -> LoyaltySignIn | None:
        user = await require_user(info)

        async def sign_in() -> LoyaltySignIn:
            signed = await activity.sign_in(await _channel(channel), _earner(user), f"user:{user.id}")
            award = signed.booked.award
            return LoyaltySignIn(award=award_of(award, await _rule_name(award.rule_id)),  # type: ignore[attr-defined]
                                 replayed=signed.booked.replayed, streak=signed.streak)

        return await run_in_transaction(LoyaltySignIn, LoyaltyError, LOYALTY_ERRORS, sign_in)

    @strawberry.mutation(description="Points mall: points for sharing a gift or page, once per thing shared, within "
                         "the rule's caps. Requires a signed-in member.")
    async def loyalty_share(
        self, info: Info, channel: Annotated[str, strawberry.argument(description=CHANNEL)],
        shared: Annotated[str, strawberry.argument(description="What was shared, e.g. the gift's slug.")],
    ) -> LoyaltyShare | None:
        user = await require_user(info)

        async def share() -> LoyaltyShare:
            booked = await activity.share(await _channel(channel), _earner(user), shared, f"user:{user.id}")
            name = await _rule_name(booked.award.rule_id)  # type: ignore[attr-defined]
            return LoyaltyShare(award=award_of(booked.award, name), replayed=booked.replayed)

        return await run_in_transaction(LoyaltyShare, LoyaltyError, LOYALTY_ERRORS, share)


async def _readable_programme(info: Info, member: UserModel, slug: str) -> ProgrammeOf | None:
    """The channel's programme once the caller may read this member's standing in it: the member, or staff with
    MANAGE_POINTS (a bank's: in its own channels). None when the channel runs no programme."""
    principal = await info.context.principal()
    channel = await Channel.get_or_none(slug=slug)
    if channel is None:
        raise GraphQLError(f"Channel with '{slug}' slug does not exist.")
    if not (principal.user is not None and principal.user.id == member.id):
        if not has_any_permission(principal, (MANAGE_POINTS,)):
            raise PermissionDenied([MANAGE_POINTS, "OWNER"])
        if not scope_allows(principal, ScopeKind.ISSUER, channel.issuer_code):
            raise PermissionDenied(message="You do not have access to this issuer's members.")
    try:
        return await programme_of_channel(channel)
    except DomainError:
        return None


@strawberry.type
class UserLoyaltyFields:
    model: strawberry.Private[UserModel]

    @strawberry.field(description="The user's tier in a channel's loyalty programme (null without one). Requires "
                      "one of the following permissions: MANAGE_POINTS, OWNER. Points mall extension.")
    async def tier(self, info: Info, channel: Annotated[str, strawberry.argument(description=CHANNEL)]) -> (
            LoyaltyTier | None):
        programme = await _readable_programme(info, self.model, channel)
        level = await reads.member_tier(programme, self.model.id) if programme else None
        return LoyaltyTier(model=level) if level else None

    @strawberry.field(description="The user's progress in a channel's loyalty programme: the qualifying value of "
                      "its window, what the next tier and retention need, the anniversary, the sign-in streak. "
                      "Requires one of the following permissions: MANAGE_POINTS, OWNER. Points mall extension.")
    async def tier_progress(
        self, info: Info, channel: Annotated[str, strawberry.argument(description=CHANNEL)],
    ) -> LoyaltyTierProgress | None:
        programme = await _readable_programme(info, self.model, channel)
        return LoyaltyTierProgress(model=await reads.tier_progress(programme, self.model.id)) if programme else None
