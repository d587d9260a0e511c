"""Saleor's permission groups, read from the mall's staff scopes (`permissionGroups`, `User.permissionGroups`).

The mall gives each staff user their own permissions and at most one scope (a partner or an issuer). A Saleor
client thinks in groups, so the mall answers with one group per scope that has staff: "Operators" (unscoped
staff; every permission), "Partner <code> staff" and "Bank <code> staff", whose permissions are the smallest
set the role needs (ROLE_DEFAULT_PERMISSIONS). A user's own `userPermissions` stay what they hold; a group
says where a permission comes from only when the user's group grants it. Groups are read-only: staff join
one by being created in a scope (`staffCreate`, `mall staff create`), so the permission group mutations
answer a clear error instead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from kernel.global_ids import to_global_id
from mall.accounts.auth import Principal
from mall.accounts.graphql.types import Permission, permission_name
from mall.accounts.models import ScopeKind
from mall.accounts.models import User as UserModel
from mall.accounts.permissions import ALL_PERMISSIONS, ROLE_DEFAULT_PERMISSIONS
from mall.graphql.common import Node
from mall.graphql.connection import PageInfo
from mall.graphql.context import Info
from mall.graphql.enums import PermissionEnum
from mall.graphql.ids import INT8_MAX, decode_global_id, int_pk, parse_global_id
from mall.graphql.permissions import has_any_permission, require_permission
from mall.graphql.saleor_absent.generated import PermissionGroupFilterInput, PermissionGroupSortingInput

if TYPE_CHECKING:
    from mall.channels.graphql.types import Channel
    from mall.graphql.composed import User

UserRef = Annotated["User", strawberry.lazy("mall.graphql.composed")]
ChannelRef = Annotated["Channel", strawberry.lazy("mall.channels.graphql.types")]
OPERATORS = "operator"
OPERATORS_PK = 1
ROLE_OF = {ScopeKind.PARTNER: "partner", ScopeKind.ISSUER: "issuer"}
TITLE_OF = {ScopeKind.PARTNER: "Partner", ScopeKind.ISSUER: "Bank"}


@dataclass(frozen=True)
class StaffGroup:
    """One scope's staff: `kind` None for the operator's (unscoped) staff."""

    kind: ScopeKind | None
    code: str | None

    @property
    def key(self) -> str:
        return OPERATORS if self.kind is None else f"{self.kind.value}.{self.code}"

    @property
    def pk(self) -> int:
        """Global IDs hold integer keys: the operators' group is 1, a scope's group a stable number drawn
        from its scope (48 bits of a hash: the few groups in use never collide)."""
        if self.kind is None:
            return OPERATORS_PK
        return int.from_bytes(hashlib.sha256(self.key.encode()).digest()[:6], "big") | 2

    @property
    def name(self) -> str:
        return "Operators" if self.kind is None else f"{TITLE_OF[self.kind]} {self.code} staff"

    @property
    def permissions(self) -> tuple[str, ...]:
        return tuple(ALL_PERMISSIONS) if self.kind is None else ROLE_DEFAULT_PERMISSIONS[ROLE_OF[self.kind]]

    def has_member(self, user: UserModel) -> bool:
        return user.is_staff and user.scope_kind == self.kind and (self.kind is None or user.scope_code == self.code)

    def members(self) -> Any:
        query = UserModel.filter(is_staff=True, scope_kind=self.kind) if self.kind else \
            UserModel.filter(is_staff=True, scope_kind__isnull=True)
        return query.filter(scope_code=self.code) if self.kind else query


def group_of(user: UserModel) -> StaffGroup | None:
    if not user.is_staff:
        return None
    return StaffGroup(user.scope_kind, user.scope_code) if user.scope_kind else StaffGroup(None, None)


async def groups_in_use() -> list[StaffGroup]:
    """The operators' group, then one per scope that has staff, by name."""
    # ordered by what is selected: PostgreSQL refuses DISTINCT ordered by another column (the model's id)
    scopes = await UserModel.filter(is_staff=True, scope_kind__isnull=False).distinct().order_by(
        "scope_kind", "scope_code").values_list("scope_kind", "scope_code")
    groups = {StaffGroup(ScopeKind(kind), code) for kind, code in scopes}
    return [StaffGroup(None, None), *sorted(groups, key=lambda group: group.name)]


def may_see(principal: Principal, group: StaffGroup) -> bool:
    """Unscoped staff see every group; scoped staff their own scope's only."""
    scope = principal.scope
    return scope is None or (scope.kind == group.kind and scope.code == group.code)


def may_manage(principal: Principal, group: StaffGroup) -> bool:
    """Saleor's rule: a user manages a group whose every permission they hold (and, here, within scope)."""
    return may_see(principal, group) and has_any_permission(principal, ("MANAGE_STAFF",)) and \
        set(group.permissions) <= principal.permissions


@strawberry.type(name="Group", description="Represents permission group data: the staff of one scope. Points "
                 "mall: groups follow staff scopes (operators, a partner's staff, a bank's staff) and are read-only.")
class Group(Node):
    group: strawberry.Private[StaffGroup]

    @classmethod
    def of(cls, group: StaffGroup) -> Group:
        return cls(id=strawberry.ID(to_global_id("Group", group.pk)), group=group)

    @strawberry.field(description="The name of the group.")
    def name(self) -> str:
        return self.group.name

    @strawberry.field(description="List of group permissions: the smallest set the scope's role needs.")
    def permissions(self) -> list[Permission] | None:
        return [Permission(code=PermissionEnum[code], name=permission_name(code)) for code in self.group.permissions]

    @strawberry.field(description="List of group users. Requires MANAGE_STAFF.")
    async def users(self, info: Info) -> list[UserRef] | None:
        from mall.graphql.composed import User

        await require_permission(info, "MANAGE_STAFF")
        return [User.of(model) for model in await self.group.members().order_by("email")]

    @strawberry.field(description="True, if the currently authenticated user has rights to manage a group.")
    async def user_can_manage(self, info: Info) -> bool:
        return may_manage(await info.context.principal(), self.group)

    @strawberry.field(description="Determine if the group has restricted access to channels: a bank's staff see "
                      "their bank's channels only.")
    def restricted_access_to_channels(self) -> bool:
        return self.group.kind == ScopeKind.ISSUER

    @strawberry.field(description="List of channels the group has access to.")
    async def accessible_channels(self) -> list[ChannelRef] | None:
        from mall.channels.graphql.types import Channel
        from mall.channels.models import Channel as ChannelModel

        query = ChannelModel.all().order_by("slug")
        if self.group.kind == ScopeKind.ISSUER:
            query = query.filter(issuer_code=self.group.code)
        return [Channel.of(model) for model in await query]


@strawberry.type(name="GroupCountableEdge")
class GroupCountableEdge:
    node: Group = strawberry.field(description="The item at the end of the edge.")
    cursor: str = strawberry.field(description="A cursor for use in pagination.")


@strawberry.type(name="GroupCountableConnection")
class GroupCountableConnection:
    page_info: PageInfo = strawberry.field(description="Pagination data for this connection.")
    edges: list[GroupCountableEdge]
    total_count: int | None = strawberry.field(description="A total count of items in the collection.")


def _wanted(groups: list[StaffGroup], filter: PermissionGroupFilterInput | None) -> list[StaffGroup]:
    if filter is None:
        return groups
    if filter.search:
        groups = [group for group in groups if filter.search.lower() in group.name.lower()]
    if filter.ids:
        keys = {decoded[1] for decoded in map(decode_global_id, filter.ids) if decoded and decoded[0] == "Group"}
        groups = [group for group in groups if str(group.pk) in keys]
    return groups


def _sorted(groups: list[StaffGroup], sort_by: PermissionGroupSortingInput | None) -> list[StaffGroup]:
    descending = sort_by is not None and sort_by.direction is not None and sort_by.direction.name == "DESC"
    return sorted(groups, key=lambda group: group.name.lower(), reverse=descending)


def _page(groups: list[StaffGroup], first: int | None, after: str | None) -> GroupCountableConnection:
    """The few groups fit one page; `after` is a group's key, `first` cuts the page."""
    start = next((index + 1 for index, group in enumerate(groups) if group.key == after), 0) if after else 0
    window = groups[start:start + first] if first is not None else groups[start:]
    edges = [GroupCountableEdge(node=Group.of(group), cursor=group.key) for group in window]
    page_info = PageInfo(has_next_page=start + len(window) < len(groups), has_previous_page=start > 0,
                         start_cursor=edges[0].cursor if edges else None,
                         end_cursor=edges[-1].cursor if edges else None)
    return GroupCountableConnection(page_info=page_info, edges=edges, total_count=len(groups))


@strawberry.type
class GroupQueries:
    @strawberry.field(description="List of permission groups: one per staff scope in use. Requires MANAGE_STAFF; "
                      "scoped staff see their own scope's group only.")
    async def permission_groups(
        self, info: Info, filter: PermissionGroupFilterInput | None = None,
        sort_by: PermissionGroupSortingInput | None = None, before: str | None = None, after: str | None = None,
        first: int | None = None, last: int | None = None,
    ) -> GroupCountableConnection | None:
        principal = await require_permission(info, "MANAGE_STAFF")
        groups = [group for group in await groups_in_use() if may_see(principal, group)]
        return _page(_sorted(_wanted(groups, filter), sort_by), first, after)

    @strawberry.field(description="Look up permission group by ID. Requires MANAGE_STAFF.")
    async def permission_group(self, info: Info, id: strawberry.ID) -> Group | None:
        principal = await require_permission(info, "MANAGE_STAFF")
        pk = int_pk(parse_global_id(id, "Group"), INT8_MAX)
        group = next((group for group in await groups_in_use() if group.pk == pk), None)
        return Group.of(group) if group is not None and may_see(principal, group) else None


@strawberry.type
class UserGroupFields:
    """`User.permissionGroups` and `editableGroups`, mixed into the composed User."""

    model: strawberry.Private[UserModel]

    @strawberry.field(description="List of user's permission groups: the group of their scope.")
    def permission_groups(self) -> list[Group] | None:
        group = group_of(self.model)
        return [Group.of(group)] if group else []

    @strawberry.field(description="List of user's permission groups which user can manage.")
    async def editable_groups(self, info: Info) -> list[Group] | None:
        principal = await info.context.principal()
        if principal.user is None or principal.user.id != self.model.id:
            return []
        return [Group.of(group) for group in await groups_in_use() if may_manage(principal, group)]


async def source_groups(user_id: str, code: str) -> list[Group]:
    """`UserPermission.sourcePermissionGroups(userId:)`: the user's group, when it grants `code`."""
    decoded = decode_global_id(user_id)
    key = int_pk(decoded[1]) if decoded and decoded[0] == "User" else None
    user = await UserModel.get_or_none(id=key) if key is not None else None
    group = group_of(user) if user else None
    return [Group.of(group)] if group and code in group.permissions and code in user.permissions else []
