"""Account queries: `me`, `user`, `customers`, `staffUsers`."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from graphql import GraphQLError
from tortoise.expressions import Q

from mall.accounts.customer_scope import customers_in_scope
from mall.accounts.graphql.visibility import may_see_user
from mall.accounts.models import ScopeKind
from mall.accounts.models import User as UserModel
from mall.graphql.connection import PageArgs, SortKey, countable_connection, paginate
from mall.graphql.context import Info
from mall.graphql.enums import OrderDirection, enum_name
from mall.graphql.ids import parse_int_id
from mall.graphql.permissions import require_permission

if TYPE_CHECKING:
    from mall.graphql.composed import User

UserRef = Annotated["User", strawberry.lazy("mall.graphql.composed")]


def _user_node(model: UserModel) -> Any:
    from mall.graphql.composed import User

    return User.of(model)


def user_connection() -> tuple[type, type]:
    from mall.graphql.composed import User

    return countable_connection(User, "User")


@strawberry.input
class CustomerFilterInput:
    search: str | None = strawberry.field(description="Search by e-mail, name or customer reference.", default=None)
    ids: list[strawberry.ID] | None = strawberry.field(description="Only the customers of these IDs.", default=None)


@strawberry.enum(name="UserSortField")
class UserSortField(Enum):
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    EMAIL = "email"
    ORDER_COUNT = "order_count"
    CREATED_AT = "date_joined"
    LAST_MODIFIED_AT = "updated_at"
    RANK = "rank"


@strawberry.input(name="UserSortingInput")
class UserSortingInput:
    direction: OrderDirection = strawberry.field(  # type: ignore[valid-type]
        description="Specifies the direction in which to sort users.")
    field: UserSortField = strawberry.field(description="Sort users by the selected field.")


@strawberry.enum(name="StaffMemberStatus", description="Represents status of a staff account.")
class StaffMemberStatus(Enum):
    ACTIVE = "active"
    DEACTIVATED = "deactivated"


@strawberry.input(name="StaffUserInput")
class StaffUserInput:
    status: StaffMemberStatus | None = None
    search: str | None = None
    ids: list[strawberry.ID] | None = None
    partner: str | None = strawberry.field(
        default=None, description="Points mall: only the staff of this partner (by its code), e.g. for the "
        "operator's page of a partner.")


def user_sort(sort_by: UserSortingInput | None) -> list[SortKey]:
    """Saleor's user sorts; by e-mail by default, and for RANK (the mall's search does not rank)."""
    if sort_by is None or sort_by.field in {UserSortField.RANK, UserSortField.EMAIL}:
        column = "email"
    elif sort_by.field == UserSortField.ORDER_COUNT:
        raise GraphQLError("Sorting users by ORDER_COUNT is not supported by the points mall.")
    else:
        column = sort_by.field.value
    descending = sort_by is not None and enum_name(sort_by.direction) == "DESC"
    return [SortKey(column, descending)]


def _staff_filter(query: Any, given: StaffUserInput | None) -> Any:
    if given is None:
        return query
    if given.status is not None:
        query = query.filter(is_active=given.status == StaffMemberStatus.ACTIVE)
    if given.ids is not None:
        query = query.filter(id__in=[parse_int_id(gid, "User") for gid in given.ids])
    if given.partner is not None:
        query = query.filter(scope_kind=ScopeKind.PARTNER, scope_code=given.partner)
    return query


def _search(query: Any, text: str | None) -> Any:
    if not text:
        return query
    return query.filter(
        Q(email__icontains=text)
        | Q(first_name__icontains=text)
        | Q(last_name__icontains=text)
        | Q(external_reference__icontains=text)
    )


@strawberry.type
class AccountQueries:
    @strawberry.field(description="Return the currently authenticated user.")
    async def me(self, info: Info) -> UserRef | None:
        user = await info.context.user()
        return _user_node(user) if user else None

    @strawberry.field(
        description="Look up a user by ID, email or external reference. "
        "Requires one of the following permissions: MANAGE_STAFF, MANAGE_USERS, MANAGE_ORDERS, MANAGE_POINTS. "
        "Scoped staff and apps find only staff of their scope and the members it relates to (an issuer's "
        "members; a partner's buyers)."
    )
    async def user(
        self,
        info: Info,
        id: strawberry.ID | None = None,
        email: str | None = None,
        external_reference: str | None = None,
    ) -> UserRef | None:
        await require_permission(info, "MANAGE_STAFF", "MANAGE_USERS", "MANAGE_ORDERS", "MANAGE_POINTS")
        if id is not None:
            model = await UserModel.get_or_none(id=parse_int_id(id, "User"))
        elif email is not None:
            model = await UserModel.get_or_none(email=email.strip().lower())
        elif external_reference is not None:
            model = await UserModel.get_or_none(external_reference=external_reference)
        else:
            raise GraphQLError("At least one of arguments is required: 'id', 'email', 'externalReference'.")
        return _user_node(model) if model and await may_see_user(info, model) else None

    @strawberry.field(description="List of the shop's customers. Requires MANAGE_ORDERS or MANAGE_USERS. An "
                      "issuer's staff and apps list its members only; a partner's staff the buyers of its orders "
                      "only, with what shipping needs.")
    async def customers(
        self,
        info: Info,
        filter: CustomerFilterInput | None = None,
        search: str | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
        sort_by: UserSortingInput | None = None,
    ) -> Annotated["UserCountableConnection", strawberry.lazy("mall.graphql.composed")] | None:  # noqa: F821, UP037
        principal = await require_permission(info, "MANAGE_ORDERS", "MANAGE_USERS")
        customers = UserModel.filter(customers_in_scope(principal.scope), is_staff=False)
        if filter is not None and filter.ids is not None:
            customers = customers.filter(id__in=[parse_int_id(gid, "User") for gid in filter.ids])
        query = _search(customers, search or (filter.search if filter else None))
        connection, edge = user_connection()
        return await paginate(
            info,
            query,
            PageArgs(first, last, after, before),
            connection,
            edge,
            sort=user_sort(sort_by),
            to_node=_user_node,
        )

    @strawberry.field(
        description="List of the shop's staff users. Requires MANAGE_STAFF. "
        "Scoped staff see only staff of their own scope."
    )
    async def staff_users(
        self,
        info: Info,
        filter: StaffUserInput | None = None,
        search: str | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
        sort_by: UserSortingInput | None = None,
    ) -> Annotated["UserCountableConnection", strawberry.lazy("mall.graphql.composed")] | None:  # noqa: F821, UP037
        principal = await require_permission(info, "MANAGE_STAFF")
        query = UserModel.filter(is_staff=True)
        if principal.scope is not None:
            query = query.filter(scope_kind=principal.scope.kind, scope_code=principal.scope.code)
        query = _search(_staff_filter(query, filter), search or (filter.search if filter else None))
        connection, edge = user_connection()
        return await paginate(
            info,
            query,
            PageArgs(first, last, after, before),
            connection,
            edge,
            sort=user_sort(sort_by),
            to_node=_user_node,
        )
