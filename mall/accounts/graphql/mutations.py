"""Account mutations: each validates, checks permission, and calls one service use case."""

from __future__ import annotations

from typing import Any

import jwt
import strawberry

from mall.accounts import addresses, services
from mall.accounts.auth import user_from_token
from mall.accounts.errors import AccountsErrorCode
from mall.accounts.external_auth import external_auth_plugin
from mall.accounts.graphql import payloads as p
from mall.accounts.graphql.inputs import (
    AccountInput,
    AccountRegisterInput,
    AddressInput,
    StaffCreateInput,
    address_changes,
    address_data,
)
from mall.accounts.graphql.types import AccountError, Address
from mall.accounts.models import ScopeKind
from mall.accounts.models import User as UserModel
from mall.accounts.sign_in import check_credentials
from mall.accounts.tokens import REFRESH, create_access_token, create_refresh_token, decode_token, new_csrf_token
from mall.channels.errors import ChannelsErrorCode
from mall.channels.services import channel_for_mutation
from mall.graphql.context import Info
from mall.graphql.enums import AccountErrorCode, AddressTypeEnum, enum_name
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, same_names
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.ids import not_found, parse_int_id_for_mutation
from mall.graphql.inputs import metadata_dict
from mall.graphql.mutations import refused, run_in_transaction
from mall.graphql.permissions import require_permission, require_user
from mall.graphql.scalars import JSONString


def user_node(model: UserModel) -> Any:
    from mall.graphql.composed import User

    return User.of(model)


def _tokens(info: Info, user: UserModel, audience: str | None = None) -> dict[str, Any]:
    settings = info.context.settings
    csrf = new_csrf_token()
    return {
        "token": create_access_token(user, settings, audience),
        "refresh_token": create_refresh_token(user, settings, csrf),
        "csrf_token": csrf,
        "user": user_node(user),
    }


# Account services speak Saleor's AccountErrorCode names; the channel an e-mail is sent for may be refused too.
ACCOUNT_ERRORS = ErrorCodes(
    AccountErrorCode,
    same_names(AccountsErrorCode, AccountErrorCode),
    same_names(ChannelsErrorCode, AccountErrorCode),
)


def _account(payload: type, work: Any) -> Any:
    return run_in_transaction(payload, AccountError, ACCOUNT_ERRORS, work)


async def _owned_address(user: UserModel, global_id: str) -> Any:
    address_id = parse_int_id_for_mutation(global_id, "Address", "id")
    address = await addresses.owned_address(user, address_id)
    if address is None:
        if await addresses.Address.filter(id=address_id).exists():
            raise PermissionDenied()  # someone else's address: Saleor answers with a permission error
        raise not_found(global_id, "id")
    return address


@strawberry.type
class AuthMutations:
    @strawberry.mutation(description="Create JWT token.")
    async def token_create(
        self, info: Info, email: str, password: str, audience: str | None = None
    ) -> p.CreateToken | None:
        # No surrounding transaction: a refused attempt must still be counted by the throttle.
        try:
            user = await check_credentials(email, password, info.context.client_ip)
        except DomainError as failure:
            return refused(p.CreateToken, AccountError, ACCOUNT_ERRORS, failure)
        return p.CreateToken(**_tokens(info, user, audience))

    @strawberry.mutation(description="Refresh JWT token. Mutation tries to take refreshToken from the input. "
                         "If it fails it will try to take `refreshToken` from the http-only cookie `refreshToken`. "
                         "`csrfToken` is required when `refreshToken` is provided as a cookie.")
    async def token_refresh(
        self, info: Info, refresh_token: str | None = None, csrf_token: str | None = None
    ) -> p.RefreshToken | None:
        try:
            user = await _refresh_user(info, refresh_token, csrf_token)
        except DomainError as failure:
            return refused(p.RefreshToken, AccountError, ACCOUNT_ERRORS, failure)
        return p.RefreshToken(token=create_access_token(user, info.context.settings), user=user_node(user))

    @strawberry.mutation(description="Verify JWT token.")
    async def token_verify(self, info: Info, token: str) -> p.VerifyToken | None:
        settings = info.context.settings
        try:
            claims = decode_token(token, settings, "access")
        except jwt.ExpiredSignatureError:
            return _verify_error("Signature has expired", AccountErrorCode.JWT_SIGNATURE_EXPIRED)
        except jwt.DecodeError:
            return _verify_error("Error decoding signature.", AccountErrorCode.JWT_DECODE_ERROR)
        except jwt.PyJWTError:
            return _verify_error("Invalid token.", AccountErrorCode.JWT_INVALID_TOKEN)
        try:
            user = await user_from_token(token, settings, "access")
        except jwt.PyJWTError:  # revoked (key rotated) or the user is gone or inactive
            return _verify_error("Invalid token.", AccountErrorCode.JWT_INVALID_TOKEN)
        return p.VerifyToken(user=user_node(user), is_valid=True, payload=claims)

    @strawberry.mutation(description="Deactivate all JWT tokens of the currently authenticated user.")
    async def tokens_deactivate_all(self, info: Info) -> p.DeactivateAllUserTokens | None:
        user = await require_user(info)
        await services.deactivate_all_tokens(user)
        return p.DeactivateAllUserTokens()

    @strawberry.mutation(description="Prepare external authentication URL for user by custom plugin.")
    async def external_authentication_url(
        self, info: Info, plugin_id: str, input: JSONString
    ) -> p.ExternalAuthenticationUrl | None:
        plugin = external_auth_plugin(plugin_id)
        if plugin is None:
            return refused(p.ExternalAuthenticationUrl, AccountError, ACCOUNT_ERRORS, _unknown_plugin(plugin_id))

        async def work() -> p.ExternalAuthenticationUrl:
            data = await plugin.authentication_url(_json_object(input), info.context.settings)
            return p.ExternalAuthenticationUrl(authentication_data=data)

        return await run_in_transaction(p.ExternalAuthenticationUrl, AccountError, ACCOUNT_ERRORS, work)

    @strawberry.mutation(description="Obtain external access tokens for user by custom plugin.")
    async def external_obtain_access_tokens(
        self, info: Info, plugin_id: str, input: JSONString
    ) -> p.ExternalObtainAccessTokens | None:
        plugin = external_auth_plugin(plugin_id)
        if plugin is None:
            return refused(p.ExternalObtainAccessTokens, AccountError, ACCOUNT_ERRORS, _unknown_plugin(plugin_id))

        async def work() -> p.ExternalObtainAccessTokens:
            user = await plugin.obtain_user(_json_object(input), info.context.settings)
            return p.ExternalObtainAccessTokens(**_tokens(info, user))

        return await run_in_transaction(p.ExternalObtainAccessTokens, AccountError, ACCOUNT_ERRORS, work)


def _json_object(value: Any) -> dict[str, Any]:
    """The plugin input as an object; raises DomainError INVALID for any other JSON value."""
    if not isinstance(value, dict):
        raise DomainError.single("input", "The input must be a JSON object.", ApiErrorCode.INVALID)
    return value


def _unknown_plugin(plugin_id: str) -> DomainError:
    return DomainError.single(
        "pluginId", f"No authentication plugin with id '{plugin_id}' is active.", ApiErrorCode.NOT_FOUND
    )


def _verify_error(message: str, code: Any) -> p.VerifyToken | None:
    error = AccountError(field="token", message=message, code=code)
    return p.VerifyToken(is_valid=False, errors=[error])


async def _refresh_user(info: Info, refresh_token: str | None, csrf_token: str | None) -> UserModel:
    """The user of a valid refresh token, from the argument or else the cookie (which needs its CSRF token).

    Raises DomainError: JWT_MISSING_TOKEN, JWT_SIGNATURE_EXPIRED, JWT_INVALID_TOKEN, JWT_INVALID_CSRF_TOKEN.
    """
    from_cookie = not refresh_token  # an empty argument falls back to the cookie: it must not skip CSRF
    token = refresh_token or info.context.cookies.get("refreshToken")
    if not token:
        raise DomainError.single("refreshToken", "Missing refreshToken", AccountErrorCode.JWT_MISSING_TOKEN)
    try:
        claims = decode_token(token, info.context.settings, REFRESH)
    except jwt.ExpiredSignatureError as error:
        raise DomainError.single(
            "refreshToken", "Signature has expired", AccountErrorCode.JWT_SIGNATURE_EXPIRED
        ) from error
    except jwt.PyJWTError as error:
        raise DomainError.single("refreshToken", "Invalid token.", AccountErrorCode.JWT_INVALID_TOKEN) from error
    if from_cookie and claims.get("csrfToken") != csrf_token:
        raise DomainError.single("csrfToken", "Invalid csrf token", AccountErrorCode.JWT_INVALID_CSRF_TOKEN)
    try:
        return await user_from_token(token, info.context.settings, REFRESH)
    except jwt.PyJWTError as error:  # revoked key or inactive user: the refresh token is dead
        raise DomainError.single("refreshToken", "Invalid token.", AccountErrorCode.JWT_INVALID_TOKEN) from error


@strawberry.type
class AccountMutations:
    @strawberry.mutation(description="Register a new user.")
    async def account_register(self, info: Info, input: AccountRegisterInput) -> p.AccountRegister | None:
        settings = info.context.settings
        data = services.Registration(
            email=input.email, password=input.password, first_name=input.first_name or "",
            last_name=input.last_name or "", redirect_url=input.redirect_url,
            language_code=enum_name(input.language_code) if input.language_code else "EN",
            metadata=metadata_dict(input.metadata) or {}, channel_slug=input.channel,
        )

        async def work() -> p.AccountRegister | None:
            if settings.account_confirmation_required and input.channel is not None:
                await channel_for_mutation(input.channel)
            user = await services.register_member(data, settings)
            return p.AccountRegister(requires_confirmation=not user.is_confirmed, user=user_node(user))

        return await _account(p.AccountRegister, work)

    @strawberry.mutation(description="Confirm user account with token sent by email during registration.")
    async def confirm_account(self, info: Info, email: str, token: str) -> p.ConfirmAccount | None:
        async def work() -> p.ConfirmAccount | None:
            user = await services.confirm_account(email, token, info.context.settings)
            return p.ConfirmAccount(user=user_node(user))

        return await _account(p.ConfirmAccount, work)

    @strawberry.mutation(description="Updates the account of the logged-in user.")
    async def account_update(self, info: Info, input: AccountInput) -> p.AccountUpdate | None:
        user = await require_user(info)

        async def work() -> p.AccountUpdate | None:
            changes = services.ProfileChanges(
                first_name=input.first_name, last_name=input.last_name,
                language_code=enum_name(input.language_code) if input.language_code else None,
                metadata=metadata_dict(input.metadata),
            )
            updated = await services.update_profile(user, changes)
            given_addresses = (("SHIPPING", input.default_shipping_address), ("BILLING", input.default_billing_address))
            for kind, given in given_addresses:
                if given is not None:
                    address = await addresses.add_address(updated, address_data(given), kind)
                    await addresses.set_default_address(updated, address, kind)
            return p.AccountUpdate(user=user_node(updated))

        return await _account(p.AccountUpdate, work)

    @strawberry.mutation(description="Change the password of the logged in user.")
    async def password_change(
        self, info: Info, new_password: str, old_password: str | None = None
    ) -> p.PasswordChange | None:
        user = await require_user(info)

        async def work() -> p.PasswordChange | None:
            changed = await services.change_password(user, old_password or "", new_password)
            return p.PasswordChange(user=user_node(changed))

        return await _account(p.PasswordChange, work)

    @strawberry.mutation(description="Sends an email with the account password modification link.")
    async def request_password_reset(
        self, info: Info, email: str, redirect_url: str, channel: str | None = None
    ) -> p.RequestPasswordReset | None:
        async def work() -> p.RequestPasswordReset | None:
            await channel_for_mutation(channel)
            await services.request_password_reset(email, redirect_url, info.context.settings)
            return p.RequestPasswordReset()

        return await _account(p.RequestPasswordReset, work)

    @strawberry.mutation(description="Sets the user's password from the token sent by email using the "
                         "RequestPasswordReset mutation.")
    async def set_password(self, info: Info, email: str, password: str, token: str) -> p.SetPassword | None:
        async def work() -> p.SetPassword | None:
            user = await services.set_password_with_token(email, token, password, info.context.settings)
            return p.SetPassword(**_tokens(info, user))

        return await _account(p.SetPassword, work)

    @strawberry.mutation(description="Create a new address for the customer.")
    async def account_address_create(
        self, info: Info, input: AddressInput, type: AddressTypeEnum | None = None
    ) -> p.AccountAddressCreate | None:
        user = await require_user(info)

        async def work() -> p.AccountAddressCreate | None:
            address_type = enum_name(type) if type is not None else None
            address = await addresses.add_address(user, address_data(input), address_type)
            if address_type is not None:
                await addresses.set_default_address(user, address, address_type)
            return p.AccountAddressCreate(user=user_node(user), address=Address.of(address))

        return await _account(p.AccountAddressCreate, work)

    @strawberry.mutation(description="Updates an address of the logged-in user.")
    async def account_address_update(
        self, info: Info, id: strawberry.ID, input: AddressInput
    ) -> p.AccountAddressUpdate | None:
        user = await require_user(info)

        async def work() -> p.AccountAddressUpdate | None:
            address = await addresses.update_address(await _owned_address(user, id), address_changes(input))
            return p.AccountAddressUpdate(user=user_node(user), address=Address.of(address))

        return await _account(p.AccountAddressUpdate, work)

    @strawberry.mutation(description="Delete an address of the logged-in user.")
    async def account_address_delete(self, info: Info, id: strawberry.ID) -> p.AccountAddressDelete | None:
        user = await require_user(info)

        async def work() -> p.AccountAddressDelete | None:
            address = await _owned_address(user, id)
            shown = Address.of(address)
            await addresses.delete_address(user, address)
            return p.AccountAddressDelete(user=user_node(user), address=shown)

        return await _account(p.AccountAddressDelete, work)

    @strawberry.mutation(description="Sets a default address for the authenticated user.")
    async def account_set_default_address(
        self, info: Info, id: strawberry.ID, type: AddressTypeEnum
    ) -> p.AccountSetDefaultAddress | None:
        user = await require_user(info)

        async def work() -> p.AccountSetDefaultAddress | None:
            address = await _owned_address(user, id)
            updated = await addresses.set_default_address(user, address, enum_name(type))
            return p.AccountSetDefaultAddress(user=user_node(updated))

        return await _account(p.AccountSetDefaultAddress, work)

    @strawberry.mutation(description="Sends an email with the account removal link for the logged-in user.")
    async def account_request_deletion(
        self, info: Info, redirect_url: str, channel: str | None = None
    ) -> p.AccountRequestDeletion | None:
        user = await require_user(info)

        async def work() -> p.AccountRequestDeletion | None:
            await channel_for_mutation(channel)
            await services.request_account_deletion(user, redirect_url, info.context.settings)
            return p.AccountRequestDeletion()

        return await _account(p.AccountRequestDeletion, work)

    @strawberry.mutation(description="Remove user account (anonymised: the points history is kept).")
    async def account_delete(self, info: Info, token: str) -> p.AccountDelete | None:
        user = await require_user(info)

        async def work() -> p.AccountDelete | None:
            shown = user_node(user)
            await services.delete_account(user, token, info.context.settings)
            return p.AccountDelete(user=shown)

        return await _account(p.AccountDelete, work)


def _scope(input: StaffCreateInput) -> tuple[ScopeKind, str] | None:
    if input.scope is None:
        return None
    try:
        return ScopeKind(input.scope.kind), input.scope.code
    except ValueError as error:
        raise DomainError.single("scope", "Scope kind must be `partner` or `issuer`.", ApiErrorCode.INVALID) from error


@strawberry.type
class StaffMutations:
    @strawberry.mutation(description="Creates a new staff user. Requires MANAGE_STAFF. Staff may grant only "
                         "permissions they hold, and scoped staff only inside their own scope.")
    async def staff_create(self, info: Info, input: StaffCreateInput) -> p.StaffCreate | None:
        principal = await require_permission(info, "MANAGE_STAFF")

        async def work() -> p.StaffCreate | None:
            permissions = [enum_name(code) for code in input.permissions or []]
            scope = _scope(input)
            services.check_grantable(principal, permissions, scope)
            data = services.StaffData(
                email=input.email, first_name=input.first_name or "", last_name=input.last_name or "",
                note=input.note, permissions=permissions, scope=scope, is_active=input.is_active is not False,
            )
            user = await services.create_staff(data)
            if input.redirect_url:
                await services.request_password_reset(user.email, input.redirect_url, info.context.settings)
            return p.StaffCreate(user=user_node(user))

        return await run_in_transaction(p.StaffCreate, p.StaffError, ACCOUNT_ERRORS, work)
