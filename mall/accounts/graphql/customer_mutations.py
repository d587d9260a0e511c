"""Saleor's `customerUpdate` and `customerDelete` (the Dashboard's customer page): staff with MANAGE_USERS change
or remove a member's account. The operator reaches every member; an issuer's staff their bank's members; a
partner's staff, who see only what shipping needs, none (PermissionDenied). Staff accounts are not customers:
NOT_FOUND, as for an unknown ID."""

from __future__ import annotations

import strawberry

from mall.accounts import customers
from mall.accounts.customer_scope import CustomerDetail, customer_detail, customers_in_scope
from mall.accounts.graphql.mutations import ACCOUNT_ERRORS, user_node
from mall.accounts.graphql.payloads import UserRef
from mall.accounts.graphql.types import AccountError
from mall.accounts.models import User as UserModel
from mall.accounts.services import ProfileChanges
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum, enum_name
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import not_found, parse_int_id_for_mutation
from mall.graphql.inputs import MetadataInput, metadata_dict
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission

ERRORS = "List of errors that occurred executing the mutation."


@strawberry.input(name="CustomerInput", description="Fields staff may change on a member's account.")
class CustomerInput:
    first_name: str | None = strawberry.field(default=None, description="Given name.")
    last_name: str | None = strawberry.field(default=None, description="Family name.")
    email: str | None = strawberry.field(default=None, description="The unique email address of the user.")
    is_active: bool | None = strawberry.field(default=None, description="User account is active (switching it off "
                                              "ends its sessions).")
    note: str | None = strawberry.field(default=None, description="A note about the user.")
    language_code: LanguageCodeEnum | None = strawberry.field(default=None, description="User language code.")
    metadata: list[MetadataInput] | None = strawberry.field(default=None, description="Fields required to update "
                                                            "the user metadata.")


@strawberry.type(name="CustomerUpdate", description="Updates an existing customer.")
class CustomerUpdate:
    errors: list[AccountError] = strawberry.field(default_factory=list, description=ERRORS)
    user: UserRef | None = strawberry.field(default=None, description="The updated customer.")


@strawberry.type(name="CustomerDelete", description="Deletes a customer (anonymised: points and orders are kept).")
class CustomerDelete:
    errors: list[AccountError] = strawberry.field(default_factory=list, description=ERRORS)


async def _customer_for_change(info: Info, global_id: str) -> UserModel:
    """The member's account, locked for the change. Raises NOT_FOUND (unknown, staff, or outside an issuer's
    members) or PermissionDenied (a scope that sees members for shipping only)."""
    principal = await require_permission(info, "MANAGE_USERS")
    if customer_detail(principal.scope) != CustomerDetail.FULL:
        raise PermissionDenied(message="Your scope sees customers for shipping only: it cannot change them.")
    pk = parse_int_id_for_mutation(global_id, "User", "id")
    found = await UserModel.filter(customers_in_scope(principal.scope), id=pk, is_staff=False).select_for_update()
    if not found:
        raise not_found(global_id, "id")
    return found[0]


def _changes(given: CustomerInput) -> customers.CustomerChanges:
    profile = ProfileChanges(
        first_name=given.first_name, last_name=given.last_name,
        language_code=enum_name(given.language_code) if given.language_code else None,
        metadata=metadata_dict(given.metadata),
    )
    return customers.CustomerChanges(profile=profile, email=given.email, note=given.note, is_active=given.is_active)


@strawberry.type
class CustomerMutations:
    @strawberry.mutation(description="Updates an existing customer. Requires MANAGE_USERS; an issuer's staff change "
                         "only their bank's members.")
    async def customer_update(self, info: Info, id: strawberry.ID, input: CustomerInput) -> CustomerUpdate | None:
        async def work() -> CustomerUpdate:
            user = await _customer_for_change(info, id)
            return CustomerUpdate(user=user_node(await customers.update_customer(user, _changes(input))))

        return await run_in_transaction(CustomerUpdate, AccountError, ACCOUNT_ERRORS, work)

    @strawberry.mutation(description="Deletes a customer: the account is anonymised and switched off, its "
                         "addresses removed; points and orders keep their owner. Requires MANAGE_USERS.")
    async def customer_delete(self, info: Info, id: strawberry.ID) -> CustomerDelete | None:
        async def work() -> CustomerDelete:
            await customers.remove_customer(await _customer_for_change(info, id))
            return CustomerDelete()

        return await run_in_transaction(CustomerDelete, AccountError, ACCOUNT_ERRORS, work)
