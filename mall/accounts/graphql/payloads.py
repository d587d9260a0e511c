"""Mutation payloads of the accounts domain, named and shaped as Saleor's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from mall.accounts.graphql.types import AccountError, Address
from mall.graphql.enums import AccountErrorCode, AddressTypeEnum, PermissionEnum
from mall.graphql.scalars import GenericScalar, JSONString

if TYPE_CHECKING:
    from mall.graphql.composed import User

UserRef = Annotated["User", strawberry.lazy("mall.graphql.composed")]

_ERRORS = "List of errors that occurred executing the mutation."


def _errors() -> list[AccountError]:
    return strawberry.field(default_factory=list, description=_ERRORS)


@strawberry.type(description="Create JWT token.")
class CreateToken:
    token: str | None = strawberry.field(default=None, description="JWT token, required to authenticate.")
    refresh_token: str | None = strawberry.field(
        default=None, description="JWT refresh token, required to re-generate access token."
    )
    csrf_token: str | None = strawberry.field(
        default=None, description="CSRF token required to re-generate access token."
    )
    user: UserRef | None = strawberry.field(default=None, description="A user instance.")
    errors: list[AccountError] = _errors()


@strawberry.type(description="Refresh JWT token.")
class RefreshToken:
    token: str | None = strawberry.field(default=None, description="JWT token, required to authenticate.")
    user: UserRef | None = strawberry.field(default=None, description="A user instance.")
    errors: list[AccountError] = _errors()


@strawberry.type(description="Verify JWT token.")
class VerifyToken:
    user: UserRef | None = strawberry.field(default=None, description="User assigned to token.")
    is_valid: bool = strawberry.field(default=False, description="Determine if token is valid or not.")
    payload: GenericScalar | None = strawberry.field(default=None, description="JWT payload.")
    errors: list[AccountError] = _errors()


@strawberry.type(description="Deactivate all JWT tokens of the currently authenticated user.")
class DeactivateAllUserTokens:
    errors: list[AccountError] = _errors()


@strawberry.type(description="Register a new user.")
class AccountRegister:
    requires_confirmation: bool | None = strawberry.field(
        default=None, description="Informs whether users need to confirm their email address."
    )
    user: UserRef | None = None
    errors: list[AccountError] = _errors()


@strawberry.type(description="Updates the account of the logged-in user.")
class AccountUpdate:
    user: UserRef | None = None
    errors: list[AccountError] = _errors()


@strawberry.type(description="Change the password of the logged in user.")
class PasswordChange:
    user: UserRef | None = strawberry.field(default=None, description="A user instance with a new password.")
    errors: list[AccountError] = _errors()


@strawberry.type(description="Sends an email with the account password modification link.")
class RequestPasswordReset:
    errors: list[AccountError] = _errors()


@strawberry.type(description="Sets the user's password from the token sent by email.")
class SetPassword:
    token: str | None = None
    refresh_token: str | None = None
    csrf_token: str | None = None
    user: UserRef | None = None
    errors: list[AccountError] = _errors()


@strawberry.type(description="Confirm user account with token sent by email during registration.")
class ConfirmAccount:
    user: UserRef | None = strawberry.field(default=None, description="An activated user account.")
    errors: list[AccountError] = _errors()


@strawberry.type(description="Create a new address for the customer.")
class AccountAddressCreate:
    user: UserRef | None = strawberry.field(
        default=None, description="A user instance for which the address was created."
    )
    address: Address | None = None
    errors: list[AccountError] = _errors()


@strawberry.type(description="Updates an address of the logged-in user.")
class AccountAddressUpdate:
    user: UserRef | None = strawberry.field(default=None, description="A user object for which the address was edited.")
    address: Address | None = None
    errors: list[AccountError] = _errors()


@strawberry.type(description="Delete an address of the logged-in user.")
class AccountAddressDelete:
    user: UserRef | None = strawberry.field(
        default=None, description="A user instance for which the address was deleted."
    )
    address: Address | None = None
    errors: list[AccountError] = _errors()


@strawberry.type(description="Sets a default address for the authenticated user.")
class AccountSetDefaultAddress:
    user: UserRef | None = strawberry.field(default=None, description="An updated user instance.")
    errors: list[AccountError] = _errors()


@strawberry.type(description="Sends an email with the account removal link for the logged-in user.")
class AccountRequestDeletion:
    errors: list[AccountError] = _errors()


@strawberry.type(description="Remove user account.")
class AccountDelete:
    user: UserRef | None = None
    errors: list[AccountError] = _errors()


@strawberry.type(description="Obtain external access tokens for user by custom plugin.")
class ExternalObtainAccessTokens:
    token: str | None = None
    refresh_token: str | None = None
    csrf_token: str | None = None
    user: UserRef | None = None
    errors: list[AccountError] = _errors()


@strawberry.type(description="Prepare external authentication URL for user by custom plugin.")
class ExternalAuthenticationUrl:
    authentication_data: JSONString | None = None
    errors: list[AccountError] = _errors()


@strawberry.type
class StaffError:
    field: str | None = strawberry.field(description="Name of a field that caused the error.")
    message: str | None = strawberry.field(description="The error message.")
    code: AccountErrorCode = strawberry.field(description="The error code.")
    address_type: AddressTypeEnum | None = None
    permissions: list[PermissionEnum] | None = None
    groups: list[strawberry.ID] | None = None
    users: list[strawberry.ID] | None = None


@strawberry.type(description="Creates a new staff user. Requires MANAGE_STAFF.")
class StaffCreate:
    user: UserRef | None = None
    errors: list[StaffError] = strawberry.field(default_factory=list, description=_ERRORS)
