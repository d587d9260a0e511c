"""GraphQL types of the accounts domain: User (core fields), Address, permissions, AccountError."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from mall.accounts.customer_scope import mask_email
from mall.accounts.graphql.visibility import sees_all_of
from mall.accounts.models import Address as AddressModel
from mall.accounts.models import User as UserModel
from mall.accounts.permissions import MALL_PERMISSIONS
from mall.graphql.common import CountryDisplay, Image, Node, ObjectWithMetadata, country_display
from mall.graphql.context import Info
from mall.graphql.enums import AccountErrorCode, AddressTypeEnum, LanguageCodeEnum, PermissionEnum, enum_name
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import to_global_id
from mall.graphql.permissions import has_any_permission

if TYPE_CHECKING:
    from mall.accounts.graphql.groups import Group
    from mall.channels.graphql.types import Channel

ChannelRef = Annotated["Channel", strawberry.lazy("mall.channels.graphql.types")]
GroupRef = Annotated["Group", strawberry.lazy("mall.accounts.graphql.groups")]


@strawberry.type(description="Represents user address data.")
class Address(Node, ObjectWithMetadata):
    model: strawberry.Private[AddressModel]

    @classmethod
    def of(cls, model: AddressModel) -> Address:
        return cls(id=to_global_id("Address", model.id), model=model)

    @strawberry.field(description="The given name of the address.")
    def first_name(self) -> str:
        return self.model.first_name

    @strawberry.field(description="The family name of the address.")
    def last_name(self) -> str:
        return self.model.last_name

    @strawberry.field(description="Company or organization name.")
    def company_name(self) -> str:
        return self.model.company_name

    @strawberry.field(description="The first line of the address.")
    def street_address_1(self) -> str:
        return self.model.street_address_1

    @strawberry.field(description="The second line of the address.")
    def street_address_2(self) -> str:
        return self.model.street_address_2

    @strawberry.field(description="The city of the address.")
    def city(self) -> str:
        return self.model.city

    @strawberry.field(description="The district of the address.")
    def city_area(self) -> str:
        return self.model.city_area

    @strawberry.field(description="The postal code of the address.")
    def postal_code(self) -> str:
        return self.model.postal_code

    @strawberry.field(description="The country of the address.")
    def country(self) -> CountryDisplay:
        return country_display(self.model.country)

    @strawberry.field(description="The country area of the address.")
    def country_area(self) -> str:
        return self.model.country_area

    @strawberry.field(description="The phone number assigned the address.")
    def phone(self) -> str | None:
        return self.model.phone or None

    @strawberry.field(description="Address is user's default shipping address.")
    async def is_default_shipping_address(self, info: Info) -> bool | None:
        return await _is_default(info, self.model, "default_shipping_address_id")

    @strawberry.field(description="Address is user's default billing address.")
    async def is_default_billing_address(self, info: Info) -> bool | None:
        return await _is_default(info, self.model, "default_billing_address_id")


async def _is_default(info: Info, address: AddressModel, column: str) -> bool | None:
    if address.user_id is None:  # type: ignore[attr-defined]
        return None
    user = await info.context.user()
    if user is not None and user.id == address.user_id:  # type: ignore[attr-defined]
        return getattr(user, column) == address.id
    return await UserModel.filter(id=address.user_id, **{column: address.id}).exists()  # type: ignore[attr-defined]


@strawberry.type(description="Represents a permission object in a friendly form.")
class Permission:
    code: PermissionEnum = strawberry.field(description="Internal code for permission.")
    name: str = strawberry.field(description="Describe action(s) allowed to do by permission.")


@strawberry.type(description="Represents user's permissions.")
class UserPermission(Permission):
    @strawberry.field(description="List of user permission groups which contains this permission: the user's "
                      "scope group, when it grants the permission.")
    async def source_permission_groups(self, user_id: strawberry.ID) -> list[GroupRef] | None:
        from mall.accounts.graphql.groups import source_groups

        return await source_groups(user_id, enum_name(self.code))


def permission_name(code: str) -> str:
    return MALL_PERMISSIONS.get(code) or code.replace("_", " ").capitalize() + "."


@strawberry.type(description="The partner or issuer a staff user is confined to. Points mall extension.")
class StaffScope:
    kind: str = strawberry.field(description="`partner` or `issuer`.")
    code: str = strawberry.field(description="The partner's or issuer's code.")


@strawberry.type
class AccountError:
    field: str | None = strawberry.field(
        description="Name of a field that caused the error. A value of `null` indicates that the error "
        "isn't associated with a particular field."
    )
    message: str | None = strawberry.field(description="The error message.")
    code: AccountErrorCode = strawberry.field(description="The error code.")
    address_type: AddressTypeEnum | None = strawberry.field(
        description="A type of address that causes the error.", default=None
    )


@strawberry.type(description="Core fields of `User`; other domains add theirs in mall.graphql.composed.")
class UserCoreFields(Node, ObjectWithMetadata):
    model: strawberry.Private[UserModel]

    @strawberry.field(description="The email address of the user (masked for a partner's staff, who see only "
                      "what shipping needs).")
    async def email(self, info: Info) -> str:
        return self.model.email if await sees_all_of(info, self.model) else mask_email(self.model.email)

    @strawberry.field(description="The given name of the address.")
    def first_name(self) -> str:
        return self.model.first_name

    @strawberry.field(description="The family name of the address.")
    def last_name(self) -> str:
        return self.model.last_name

    @strawberry.field(description="Determine if the user is a staff admin.")
    def is_staff(self) -> bool:
        return self.model.is_staff

    @strawberry.field(description="Determine if the user is active.")
    def is_active(self) -> bool:
        return self.model.is_active

    @strawberry.field(description="Determines if user has confirmed email.")
    def is_confirmed(self) -> bool:
        return self.model.is_confirmed

    @strawberry.field(description="List of all user's addresses (empty for a partner's staff).")
    async def addresses(self, info: Info) -> list[Address]:
        if not await sees_all_of(info, self.model):
            return []
        return [Address.of(a) for a in await AddressModel.filter(user_id=self.model.id).order_by("id")]

    @strawberry.field(description="Requires one of the following permissions: MANAGE_USERS, MANAGE_STAFF.")
    async def note(self, info: Info) -> str | None:
        principal = await info.context.principal()
        if not has_any_permission(principal, ("MANAGE_USERS", "MANAGE_STAFF")):
            raise PermissionDenied(["MANAGE_USERS", "MANAGE_STAFF"])
        return self.model.note

    @strawberry.field(description="List of user's permissions.")
    def user_permissions(self) -> list[UserPermission] | None:
        codes = self.model.permissions if self.model.is_staff else []
        return [UserPermission(code=PermissionEnum[c], name=permission_name(c)) for c in sorted(codes)]

    @strawberry.field(description="List of channels the user has access to.")
    async def accessible_channels(self) -> list[ChannelRef] | None:
        from mall.channels.graphql.types import Channel, channels_visible_to_staff

        if not self.model.is_staff:
            return []
        return [Channel.of(c) for c in await channels_visible_to_staff(self.model)]

    @strawberry.field(description="Determine if user have restricted access to channels.")
    def restricted_access_to_channels(self) -> bool:
        return self.model.scope_kind is not None

    @strawberry.field(description="The avatar of the user.")
    def avatar(self, size: int | None = None) -> Image | None:
        return None

    @strawberry.field(description="User language code.")
    def language_code(self) -> LanguageCodeEnum:
        return LanguageCodeEnum[self.model.language_code]

    @strawberry.field(description="The default shipping address of the user (null for a partner's staff).")
    async def default_shipping_address(self, info: Info) -> Address | None:
        if not await sees_all_of(info, self.model):
            return None
        return await _address(self.model.default_shipping_address_id)  # type: ignore[attr-defined]

    @strawberry.field(description="The default billing address of the user (null for a partner's staff).")
    async def default_billing_address(self, info: Info) -> Address | None:
        if not await sees_all_of(info, self.model):
            return None
        return await _address(self.model.default_billing_address_id)  # type: ignore[attr-defined]

    @strawberry.field(description="External ID of this user (the bank's customer reference; null for a partner's "
                      "staff).")
    async def external_reference(self, info: Info) -> str | None:
        return self.model.external_reference if await sees_all_of(info, self.model) else None

    @strawberry.field(description="The date when the user last time log in to the system.")
    def last_login(self) -> datetime | None:
        return self.model.last_login

    @strawberry.field(description="The data when the user create account.")
    def date_joined(self) -> datetime:
        return self.model.date_joined

    @strawberry.field(description="The data when the user last update the account information.")
    def updated_at(self) -> datetime:
        return self.model.updated_at

    @strawberry.field(description="Points mall: the partner or issuer this staff user is confined to, if any.")
    def staff_scope(self) -> StaffScope | None:
        if self.model.scope_kind is None or self.model.scope_code is None:
            return None
        return StaffScope(kind=str(self.model.scope_kind), code=self.model.scope_code)


async def _address(address_id: int | None) -> Address | None:
    if address_id is None:
        return None
    model = await AddressModel.get_or_none(id=address_id)
    return Address.of(model) if model else None
