"""`memberLookup` and `memberLookups` (mall-only names): bank staff find one of their members, and every
lookup is kept in an audit trail (who, when, why, what was searched) that the operator reads.

The lookup is a mutation because it writes: the answer and its audit row commit together.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from bank_link.errors import IssuerErrorCode, LookupErrorCode
from bank_link.issuers import find_issuer
from bank_link.lookups import Actor, LookupRequest, look_up_member, lookups
from bank_link.models import Member as MemberModel
from bank_link.models import MemberLookup as MemberLookupModel
from mall.accounts.auth import Principal
from mall.accounts.models import ScopeKind
from mall.accounts.models import User as UserModel
from mall.channels.models import Channel as ChannelModel
from mall.graphql.connection import PageArgs, SortKey, countable_connection, paginate
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, same_names
from mall.graphql.errors import DomainError
from mall.graphql.mutations import refused, run_in_transaction
from mall.graphql.permissions import ensure_scope, require_permission

if TYPE_CHECKING:
    from mall.graphql.composed import User

MANAGE_USERS = "MANAGE_USERS"
MANAGE_ISSUERS = "MANAGE_ISSUERS"
UserRef = Annotated["User", strawberry.lazy("mall.graphql.composed")]
NEWEST_FIRST = (SortKey("created_at", descending=True),)

MemberLookupErrorCode = strawberry.enum(
    Enum("MemberLookupErrorCode", {  # type: ignore[misc]
        "REQUIRED": strawberry.enum_value("REQUIRED", description="No criterion, no reason or no issuer was given."),
        "INVALID": strawberry.enum_value("INVALID", description="Several criteria, or a value too long."),
        "NOT_FOUND": strawberry.enum_value("NOT_FOUND", description="The issuer does not exist."),
        "GRAPHQL_ERROR": strawberry.enum_value("GRAPHQL_ERROR", description="A malformed argument."),
    }),
    name="MemberLookupErrorCode", description="Points mall: why a member lookup was refused.",
)
# A lookup names an issuer (which may not exist) and never creates one.
MEMBER_LOOKUP_ERRORS = ErrorCodes(
    MemberLookupErrorCode,
    same_names(LookupErrorCode, MemberLookupErrorCode),
    same_names(IssuerErrorCode, MemberLookupErrorCode, unreachable={IssuerErrorCode.UNIQUE}),
)


@strawberry.type(description="Points mall: an error of `memberLookup`.")
class MemberLookupError:
    field: str | None = strawberry.field(description="Name of the input field with the problem, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: MemberLookupErrorCode = strawberry.field(description="The error code.")  # type: ignore[valid-type]


@strawberry.type(description="Points mall: a cardholder as the bank's roster knows them.")
class BankMember:
    model: strawberry.Private[MemberModel]
    channel_slugs: strawberry.Private[list[str]]

    @strawberry.field(description="The bank's id of the member.")
    def customer_reference(self) -> str:
        return self.model.customer_reference

    @strawberry.field(description="Full name from the roster.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="E-mail address from the roster (may be empty).")
    def email(self) -> str:
        return self.model.email

    @strawberry.field(description="Phone number from the roster (may be empty).")
    def phone(self) -> str:
        return self.model.phone

    @strawberry.field(description="`active` or `inactive`.")
    def status(self) -> str:
        return self.model.status.value

    @strawberry.field(description="Slugs of the issuer's channels, where the member's points are kept.")
    def channels(self) -> list[str]:
        return self.channel_slugs

    @strawberry.field(description="The member's mall account: read its `pointsBalance` and `pointsTransfers` "
                      "(MANAGE_POINTS) with one of `channels`.")
    async def user(self) -> UserRef:
        from mall.graphql.composed import User

        result: Any = User.of(await UserModel.get(id=self.model.user_id))  # type: ignore[attr-defined]
        return result


@strawberry.input(description="Points mall: find one member by exactly one of customer reference, e-mail or phone.")
class MemberLookupInput:
    reason: str = strawberry.field(description="Why the member is looked up (kept in the audit trail).")
    customer_reference: str | None = strawberry.field(default=None, description="The bank's id of the member.")
    email: str | None = strawberry.field(default=None, description="The member's e-mail in the roster.")
    phone: str | None = strawberry.field(default=None, description="The member's phone in the roster.")
    issuer: str | None = strawberry.field(default=None, description="The issuer's code; a bank's own staff may "
                                          "leave it out.")


@strawberry.type(description="Points mall: finds one of an issuer's members and records the lookup. Requires "
                 "MANAGE_USERS; a bank's staff look up their own issuer's members only.")
class MemberLookup:
    member: BankMember | None = strawberry.field(default=None, description="The member found, or null when "
                                                 "nobody matches (the lookup is recorded either way).")
    errors: list[MemberLookupError] = strawberry.field(
        default_factory=list, description="List of errors that occurred executing the mutation.")


@strawberry.type(description="Points mall: one recorded member lookup.")
class MemberLookupEntry:
    model: strawberry.Private[MemberLookupModel]
    issuer_code: str = strawberry.field(description="The issuer whose members were searched.")
    customer_reference: str | None = strawberry.field(description="The member found, or null.")

    @strawberry.field(description="Who looked: `user:<id>` or `app:<id>`.")
    def actor(self) -> str:
        return self.model.actor

    @strawberry.field(description="The e-mail of the staff user who looked (empty for apps).")
    def actor_email(self) -> str:
        return self.model.actor_email

    @strawberry.field(description="`customer_reference`, `email` or `phone`.")
    def searched_by(self) -> str:
        return self.model.searched_by

    @strawberry.field(description="What was searched for.")
    def searched_for(self) -> str:
        return self.model.searched_for

    @strawberry.field(description="Why, as the staff user wrote it.")
    def reason(self) -> str:
        return self.model.reason

    @strawberry.field(description="When.")
    def created(self) -> datetime:
        return self.model.created_at


MemberLookupEntryCountableConnection, MemberLookupEntryCountableEdge = countable_connection(
    MemberLookupEntry, "MemberLookupEntry")


def _actor(principal: Principal) -> Actor:
    if principal.app is not None:
        return Actor(f"app:{principal.app.id}")
    user = principal.user
    return Actor(f"user:{user.id}", user.email) if user is not None else Actor("unknown")


def _issuer_code(principal: Principal, requested: str | None) -> str:
    """The issuer named, or the caller's own; PermissionDenied for another's, DomainError when none."""
    scope = principal.scope
    code = requested or (scope.code if scope is not None and scope.kind == ScopeKind.ISSUER else None)
    if not code:
        raise DomainError.single("issuer", "Name the issuer.", ApiErrorCode.REQUIRED)
    ensure_scope(principal, ScopeKind.ISSUER, code)
    return code


async def _look_up(principal: Principal, code: str, input: MemberLookupInput) -> MemberLookup:
    issuer = await find_issuer(code)
    request = LookupRequest(customer_reference=input.customer_reference or "", email=input.email or "",
                            phone=input.phone or "", reason=input.reason)
    member = await look_up_member(issuer, request, _actor(principal))
    if member is None:
        return MemberLookup(member=None)
    slugs = await ChannelModel.filter(issuer_code=issuer.code).order_by("slug").values_list("slug", flat=True)
    return MemberLookup(member=BankMember(model=member, channel_slugs=list(slugs)))  # type: ignore[arg-type]


@strawberry.type
class MemberLookupMutations:
    @strawberry.mutation(description="Points mall: finds one of an issuer's members by customer reference, e-mail "
                         "or phone, and records who looked, when and why. Requires MANAGE_USERS; a bank's staff "
                         "look up their own issuer's members only.")
    async def member_lookup(
        self, info: Info,
        input: Annotated[MemberLookupInput, strawberry.argument(description="Whom to find, and why.")],
    ) -> MemberLookup | None:
        principal = await require_permission(info, MANAGE_USERS)
        try:
            code = _issuer_code(principal, input.issuer)
        except DomainError as failure:
            return refused(MemberLookup, MemberLookupError, MEMBER_LOOKUP_ERRORS, failure)
        return await run_in_transaction(MemberLookup, MemberLookupError, MEMBER_LOOKUP_ERRORS,
                                        lambda: _look_up(principal, code, input))


@strawberry.type
class MemberLookupQueries:
    @strawberry.field(description="Points mall: the audit trail of member lookups, newest first. Requires "
                      "MANAGE_ISSUERS; a bank's staff read their own issuer's trail only.")
    async def member_lookups(
        self, info: Info,
        issuer: Annotated[str | None, strawberry.argument(description="Only this issuer's lookups.")] = None,
        first: Annotated[int | None, strawberry.argument(description="Return the first n elements.")] = None,
        after: Annotated[str | None, strawberry.argument(description="Return elements after this cursor.")] = None,
        last: Annotated[int | None, strawberry.argument(description="Return the last n elements.")] = None,
        before: Annotated[str | None, strawberry.argument(description="Return elements before this cursor.")] = None,
    ) -> MemberLookupEntryCountableConnection:  # type: ignore[valid-type]
        principal = await require_permission(info, MANAGE_ISSUERS)
        scope = principal.scope
        if scope is not None:
            ensure_scope(principal, ScopeKind.ISSUER, issuer or scope.code)
            issuer = scope.code
        query = lookups(issuer).select_related("issuer", "member")
        result: Any = await paginate(
            info, query, PageArgs(first, last, after, before), MemberLookupEntryCountableConnection,
            MemberLookupEntryCountableEdge, sort=NEWEST_FIRST,
            to_node=lambda row: MemberLookupEntry(
                model=row, issuer_code=row.issuer.code,
                customer_reference=row.member.customer_reference if row.member else None),
        )
        return result
