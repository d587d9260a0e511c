"""Saleor's account input types, and their conversion to service data."""

from __future__ import annotations

import strawberry

from mall.accounts.addresses import AddressData
from mall.graphql.enums import CountryCode, LanguageCodeEnum, PermissionEnum, enum_name
from mall.graphql.inputs import MetadataInput


@strawberry.input
class AddressInput:
    first_name: str | None = strawberry.field(description="Given name.", default=None)
    last_name: str | None = strawberry.field(description="Family name.", default=None)
    company_name: str | None = strawberry.field(description="Company or organization.", default=None)
    street_address_1: str | None = strawberry.field(description="Address.", default=None)
    street_address_2: str | None = strawberry.field(description="Address.", default=None)
    city: str | None = strawberry.field(description="City.", default=None)
    city_area: str | None = strawberry.field(description="District.", default=None)
    postal_code: str | None = strawberry.field(description="Postal code.", default=None)
    country: CountryCode | None = strawberry.field(description="Country.", default=None)
    country_area: str | None = strawberry.field(description="State or province.", default=None)
    phone: str | None = strawberry.field(description="Phone number.", default=None)
    metadata: list[MetadataInput] | None = strawberry.field(description="Address public metadata.", default=None)
    skip_validation: bool | None = strawberry.field(
        description="Ignored: the mall always validates addresses, because parcels must arrive.", default=False
    )


_ADDRESS_FIELDS = (
    "first_name", "last_name", "company_name", "street_address_1", "street_address_2",
    "city", "city_area", "postal_code", "country_area", "phone",
)


def address_changes(data: AddressInput) -> dict[str, object]:
    """Only the fields the client sent (for updates)."""
    changes: dict[str, object] = {
        name: getattr(data, name) for name in _ADDRESS_FIELDS if getattr(data, name) is not None
    }
    if data.country is not None:
        changes["country"] = enum_name(data.country)
    if data.metadata is not None:
        changes["metadata"] = {item.key: item.value for item in data.metadata}
    return changes


def address_data(data: AddressInput) -> AddressData:
    return AddressData(**address_changes(data))  # type: ignore[arg-type]


@strawberry.input
class AccountRegisterInput:
    email: str = strawberry.field(description="The email address of the user.")
    password: str = strawberry.field(description="Password.")
    first_name: str | None = strawberry.field(description="Given name.", default=None)
    last_name: str | None = strawberry.field(description="Family name.", default=None)
    language_code: LanguageCodeEnum | None = strawberry.field(description="User language code.", default=None)
    metadata: list[MetadataInput] | None = strawberry.field(description="User public metadata.", default=None)
    redirect_url: str | None = strawberry.field(
        description="Base of frontend URL that will be needed to create confirmation URL.", default=None
    )
    channel: str | None = strawberry.field(
        description="Slug of a channel which will be used to notify users.", default=None
    )


@strawberry.input
class AccountInput:
    first_name: str | None = strawberry.field(description="Given name.", default=None)
    last_name: str | None = strawberry.field(description="Family name.", default=None)
    language_code: LanguageCodeEnum | None = strawberry.field(description="User language code.", default=None)
    default_billing_address: AddressInput | None = strawberry.field(
        description="Billing address of the customer.", default=None
    )
    default_shipping_address: AddressInput | None = strawberry.field(
        description="Shipping address of the customer.", default=None
    )
    metadata: list[MetadataInput] | None = strawberry.field(description="User public metadata.", default=None)


@strawberry.input(description="Points mall: confine a staff user to one partner or one issuer.")
class StaffScopeInput:
    kind: str = strawberry.field(description="`partner` or `issuer`.")
    code: str = strawberry.field(description="The partner's or issuer's code.")


@strawberry.input
class StaffCreateInput:
    email: str = strawberry.field(description="The unique email address of the user.")
    first_name: str | None = strawberry.field(description="Given name.", default=None)
    last_name: str | None = strawberry.field(description="Family name.", default=None)
    is_active: bool | None = strawberry.field(description="User account is active.", default=None)
    note: str | None = strawberry.field(description="A note about the user.", default=None)
    redirect_url: str | None = strawberry.field(
        description="URL of a view where users should be redirected to set the password.", default=None
    )
    permissions: list[PermissionEnum] | None = strawberry.field(
        description="Points mall: permissions granted directly (you may grant only those you hold).", default=None
    )
    scope: StaffScopeInput | None = strawberry.field(
        description="Points mall: the partner or issuer the new staff user is confined to.", default=None
    )
