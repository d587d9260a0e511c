"""Saleor's `addressCreate`, `addressUpdate`, `addressDelete` and `addressSetDefault` (the Dashboard's customer
address book), for staff with MANAGE_USERS: the operator for every member, an issuer's staff for their bank's
members (the same reach as `customerUpdate`); a partner's staff, who see addresses masked, change none
(PermissionDenied). An address of an account outside the caller's members is NOT_FOUND, as an unknown ID."""

from __future__ import annotations

import strawberry

from mall.accounts import addresses
from mall.accounts.customer_scope import CustomerDetail, customer_detail, customers_in_scope
from mall.accounts.graphql.inputs import AddressInput, address_changes, address_data
from mall.accounts.graphql.mutations import ACCOUNT_ERRORS, user_node
from mall.accounts.graphql.payloads import UserRef
from mall.accounts.graphql.types import AccountError, Address
from mall.accounts.models import Address as AddressModel
from mall.accounts.models import User as UserModel
from mall.graphql.context import Info
from mall.graphql.enums import AddressTypeEnum, enum_name
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import not_found, parse_int_id_for_mutation
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission

ERRORS = "List of errors that occurred executing the mutation."


@strawberry.type(name="AddressCreate", description="Creates user address.")
class AddressCreate:
    errors: list[AccountError] = strawberry.field(default_factory=list, description=ERRORS)
    user: UserRef | None = strawberry.field(default=None, description="A user instance for which the address was "
                                            "created.")
    address: Address | None = strawberry.field(default=None, description="The created address.")


@strawberry.type(name="AddressUpdate", description="Updates an address.")
class AddressUpdate:
    errors: list[AccountError] = strawberry.field(default_factory=list, description=ERRORS)
    user: UserRef | None = strawberry.field(default=None, description="A user object for which the address was "
                                            "edited.")
    address: Address | None = strawberry.field(default=None, description="The updated address.")


@strawberry.type(name="AddressDelete", description="Deletes an address.")
class AddressDelete:
    errors: list[AccountError] = strawberry.field(default_factory=list, description=ERRORS)
    user: UserRef | None = strawberry.field(default=None, description="A user instance for which the address was "
                                            "deleted.")
    address: Address | None = strawberry.field(default=None, description="The deleted address.")


@strawberry.type(name="AddressSetDefault", description="Sets a default address for the given user.")
class AddressSetDefault:
    errors: list[AccountError] = strawberry.field(default_factory=list, description=ERRORS)
    user: UserRef | None = strawberry.field(default=None, description="An updated user instance.")


async def _locked_member(info: Info, pk: int) -> UserModel | None:
    """The member whose address book staff change, locked; None outside the caller's members."""
    principal = await require_permission(info, "MANAGE_USERS")
    if customer_detail(principal.scope) != CustomerDetail.FULL:
        raise PermissionDenied(message="Your scope sees customers for shipping only: it cannot change addresses.")
    found = await UserModel.filter(customers_in_scope(principal.scope), id=pk, is_staff=False).select_for_update()
    return found[0] if found else None


async def _member(info: Info, global_id: str, field: str) -> UserModel:
    user = await _locked_member(info, parse_int_id_for_mutation(global_id, "User", field))
    if user is None:
        raise not_found(global_id, field)
    return user


async def _members_address(info: Info, global_id: str) -> tuple[UserModel, AddressModel]:
    """The address and its member; NOT_FOUND naming the address when either is outside the caller's reach."""
    pk = parse_int_id_for_mutation(global_id, "Address", "id")
    address = await AddressModel.get_or_none(id=pk, user_id__not_isnull=True)
    user = await _locked_member(info, address.user_id) if address is not None else None  # type: ignore[attr-defined]
    if address is None or user is None:
        await require_permission(info, "MANAGE_USERS")  # the permission error first, as for any other ID
        raise not_found(global_id, "id")
    return user, address


@strawberry.type
class CustomerAddressMutations:
    @strawberry.mutation(description="Creates user address. Requires one of the following permissions: "
                         "MANAGE_USERS.")
    async def address_create(self, info: Info, user_id: strawberry.ID, input: AddressInput) -> AddressCreate | None:
        async def work() -> AddressCreate:
            user = await _member(info, user_id, "userId")
            address = await addresses.add_address(user, address_data(input))
            return AddressCreate(user=user_node(user), address=Address.of(address))

        return await run_in_transaction(AddressCreate, AccountError, ACCOUNT_ERRORS, work)

    @strawberry.mutation(description="Updates an address. Requires one of the following permissions: "
                         "MANAGE_USERS.")
    async def address_update(self, info: Info, id: strawberry.ID, input: AddressInput) -> AddressUpdate | None:
        async def work() -> AddressUpdate:
            user, address = await _members_address(info, id)
            updated = await addresses.update_address(address, address_changes(input))
            return AddressUpdate(user=user_node(user), address=Address.of(updated))

        return await run_in_transaction(AddressUpdate, AccountError, ACCOUNT_ERRORS, work)

    @strawberry.mutation(description="Deletes an address. Requires one of the following permissions: "
                         "MANAGE_USERS.")
    async def address_delete(self, info: Info, id: strawberry.ID) -> AddressDelete | None:
        async def work() -> AddressDelete:
            user, address = await _members_address(info, id)
            await addresses.delete_address(user, address)
            return AddressDelete(user=user_node(user), address=Address.of(address))

        return await run_in_transaction(AddressDelete, AccountError, ACCOUNT_ERRORS, work)

    @strawberry.mutation(description="Sets a default address for the given user. Requires one of the following "
                         "permissions: MANAGE_USERS.")
    async def address_set_default(self, info: Info, address_id: strawberry.ID, type: AddressTypeEnum,
                                  user_id: strawberry.ID) -> AddressSetDefault | None:
        async def work() -> AddressSetDefault:
            user = await _member(info, user_id, "userId")
            pk = parse_int_id_for_mutation(address_id, "Address", "addressId")
            address = await addresses.owned_address(user, pk)
            if address is None:
                raise not_found(address_id, "addressId")
            return AddressSetDefault(user=user_node(await addresses.set_default_address(user, address,
                                                                                      enum_name(type))))

        return await run_in_transaction(AddressSetDefault, AccountError, ACCOUNT_ERRORS, work)
