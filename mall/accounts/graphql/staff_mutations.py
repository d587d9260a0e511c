"""Saleor's `staffUpdate` and `staffDelete` (the Dashboard's staff member page), for staff with MANAGE_STAFF.
A scoped manager finds only staff of their own scope (NOT_FOUND otherwise) and changes only accounts holding no
permission beyond theirs (mall/accounts/staff.py). Permission groups are the mall's staff scopes, read-only:
`addGroups`/`removeGroups` are refused with nothing changed (a staff member joins a group by being created in
its scope)."""

from __future__ import annotations

import strawberry

from mall.accounts import staff as staff_service
from mall.accounts.auth import Principal
from mall.accounts.graphql.mutations import ACCOUNT_ERRORS, user_node
from mall.accounts.graphql.payloads import StaffError, UserRef
from mall.accounts.models import User as UserModel
from mall.graphql.context import Info
from mall.graphql.enums import AccountErrorCode
from mall.graphql.errors import DomainError
from mall.graphql.ids import not_found, parse_int_id_for_mutation
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission

ERRORS = "List of errors that occurred executing the mutation."


@strawberry.input(name="StaffUpdateInput", description="Fields a manager may change on a staff account.")
class StaffUpdateInput:
    first_name: str | None = strawberry.field(default=None, description="Given name.")
    last_name: str | None = strawberry.field(default=None, description="Family name.")
    email: str | None = strawberry.field(default=None, description="The unique email address of the user.")
    is_active: bool | None = strawberry.field(default=None, description="User account is active (switching it off "
                                              "ends its sessions).")
    note: str | None = strawberry.field(default=None, description="A note about the user.")
    add_groups: list[strawberry.ID] | None = strawberry.field(default=None, description=(
        "Points mall: refused unless empty; groups are staff scopes, joined by being created in one."))
    remove_groups: list[strawberry.ID] | None = strawberry.field(default=None, description=(
        "Points mall: refused unless empty; groups are staff scopes, left by removing the account."))


@strawberry.type(name="StaffUpdate", description="Updates an existing staff user.")
class StaffUpdate:
    errors: list[StaffError] = strawberry.field(default_factory=list, description=ERRORS)
    user: UserRef | None = strawberry.field(default=None, description="The updated staff user.")


@strawberry.type(name="StaffDelete", description="Deletes a staff user (anonymised and switched off).")
class StaffDelete:
    errors: list[StaffError] = strawberry.field(default_factory=list, description=ERRORS)
    user: UserRef | None = strawberry.field(default=None, description="The removed staff user (anonymised).")


async def _staff_for_change(info: Info, global_id: str) -> tuple[Principal, UserModel]:
    """(the manager, the staff account locked for the change); NOT_FOUND outside the manager's scope."""
    manager = await require_permission(info, "MANAGE_STAFF")
    pk = parse_int_id_for_mutation(global_id, "User", "id")
    query = UserModel.filter(id=pk, is_staff=True)
    if manager.scope is not None:
        query = query.filter(scope_kind=manager.scope.kind, scope_code=manager.scope.code)
    found = await query.select_for_update()
    if not found:
        raise not_found(global_id, "id")
    return manager, found[0]


def _refuse_groups(given: StaffUpdateInput) -> None:
    for field, ids in (("addGroups", given.add_groups), ("removeGroups", given.remove_groups)):
        if ids:
            raise DomainError.single(field, "Permission groups are the mall's staff scopes and cannot be edited: "
                                     "create the account in the scope instead.", AccountErrorCode.INVALID)


@strawberry.type
class StaffChangeMutations:
    @strawberry.mutation(description="Updates an existing staff user. Requires MANAGE_STAFF; scoped staff change "
                         "only staff of their own scope holding no permission beyond theirs.")
    async def staff_update(self, info: Info, id: strawberry.ID, input: StaffUpdateInput) -> StaffUpdate | None:
        async def work() -> StaffUpdate:
            _refuse_groups(input)
            manager, staff = await _staff_for_change(info, id)
            changes = staff_service.StaffChanges(first_name=input.first_name, last_name=input.last_name,
                                                 email=input.email, note=input.note, is_active=input.is_active)
            updated = await staff_service.update_staff(manager, staff, changes)
            return StaffUpdate(user=user_node(updated))

        return await run_in_transaction(StaffUpdate, StaffError, ACCOUNT_ERRORS, work)

    @strawberry.mutation(description="Deletes a staff user: the account is anonymised and switched off (actors in "
                         "the records keep their row). Requires MANAGE_STAFF; nobody removes their own account.")
    async def staff_delete(self, info: Info, id: strawberry.ID) -> StaffDelete | None:
        async def work() -> StaffDelete:
            manager, staff = await _staff_for_change(info, id)
            shown = user_node(staff)
            await staff_service.remove_staff(manager, staff)
            return StaffDelete(user=shown)

        return await run_in_transaction(StaffDelete, StaffError, ACCOUNT_ERRORS, work)
