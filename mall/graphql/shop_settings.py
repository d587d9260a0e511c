"""Saleor's `shopSettingsUpdate`, `shopAddressUpdate` and `shopDomainUpdate` (the Dashboard's site settings page),
for the operator's staff with MANAGE_SETTINGS: the settings are the whole mall's, so a partner's or a bank's
staff are refused whatever permissions they hold.

What the mall keeps (name, description, header, set-password page, company address, domain, metadata) is
stored by mall.site.services; the settings a points mall fixes accept only their own value (the Dashboard
sends its whole form), any other is refused with the reason (mall.site.services.FIXED_SETTINGS).
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry

from mall.accounts.errors import AccountsErrorCode
from mall.accounts.graphql.inputs import AddressInput, address_data
from mall.graphql.context import Info
from mall.graphql.error_codes import ErrorCodes, all_but, same_names
from mall.graphql.errors import DomainError, ErrorDetail, PermissionDenied
from mall.graphql.inputs import MetadataInput, metadata_dict
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission
from mall.graphql.shop import PasswordLoginModeEnum
from mall.site import services
from mall.site.errors import SiteErrorCode

ERRORS = "List of errors that occurred executing the mutation."
# Named lazily: the catalogue's enum sits above this package, and the schema's Shop (with every domain's fields)
# is the composition root's
LazyWeightUnitsEnum = Annotated["WeightUnitsEnum", strawberry.lazy("catalog.graphql.enums")]  # noqa: F821
ShopRef = Annotated["Shop", strawberry.lazy("mall.graphql.composed")]  # noqa: F821


@strawberry.enum(name="ShopErrorCode", description="An enumeration.")
class ShopErrorCode(Enum):
    ALREADY_EXISTS = "ALREADY_EXISTS"
    CANNOT_FETCH_TAX_RATES = "CANNOT_FETCH_TAX_RATES"
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
    PASSWORD_AUTH_RESTRICTION = "PASSWORD_AUTH_RESTRICTION"


@strawberry.enum(name="AccountConfirmModeEnum", description="Determines whether an account is merged on "
                 "confirmation: the mall keeps no such setting.")
class AccountConfirmModeEnum(Enum):
    MERGE_DISABLED = "MERGE_DISABLED"
    REQUIRE_PASSWORD = "REQUIRE_PASSWORD"


@strawberry.type(name="ShopError")
class ShopError:
    field: str | None = strawberry.field(description="Name of a field that caused the error. A value of `null` "
                                         "indicates that the error isn't associated with a particular field.")
    message: str | None = strawberry.field(description="The error message.")
    code: ShopErrorCode = strawberry.field(description="The error code.")


SHOP_ERRORS = ErrorCodes(
    ShopErrorCode,
    same_names(SiteErrorCode, ShopErrorCode),
    # a company address's problems (mall.accounts.addresses); nothing else of accounts is reached
    same_names(AccountsErrorCode, ShopErrorCode,
               unreachable=all_but(AccountsErrorCode, AccountsErrorCode.REQUIRED, AccountsErrorCode.INVALID)),
)


@strawberry.input(name="ShopSettingsInput")
class ShopSettingsInput:
    name: str | None = strawberry.field(default=None, description="Name of the shop.")
    header_text: str | None = strawberry.field(default=None, description="Header text.")
    description: str | None = strawberry.field(default=None, description="SEO description.")
    track_inventory_by_default: bool | None = strawberry.field(default=None, description="Fixed: stock is tracked.")
    default_weight_unit: LazyWeightUnitsEnum | None = strawberry.field(default=None, description="Fixed: KG.")
    fulfillment_auto_approve: bool | None = strawberry.field(default=None, description="Fixed by "
                                                             "FULFILLMENT_AUTO_APPROVE.")
    fulfillment_allow_unpaid: bool | None = strawberry.field(default=None, description="Fixed: false.")
    default_mail_sender_name: str | None = strawberry.field(default=None, description="Fixed by MAIL_SENDER.")
    default_mail_sender_address: str | None = strawberry.field(default=None, description="Fixed by MAIL_SENDER.")
    customer_set_password_url: str | None = strawberry.field(default=None, description="URL of a view where "
                                                             "customers can set their password.")
    reserve_stock_duration_anonymous_user: int | None = strawberry.field(default=None, description="Fixed: none.")
    reserve_stock_duration_authenticated_user: int | None = strawberry.field(default=None,
                                                                             description="Fixed: none.")
    limit_quantity_per_checkout: int | None = strawberry.field(default=None, description="Fixed: none.")
    enable_account_confirmation_by_email: bool | None = strawberry.field(
        default=None, description="Fixed by ACCOUNT_CONFIRMATION_REQUIRED.")
    allow_login_without_confirmation: bool | None = strawberry.field(
        default=None, description="Fixed by ACCOUNT_CONFIRMATION_REQUIRED.")
    allow_storefront_traffic: bool | None = strawberry.field(default=None, description="Fixed: true.")
    metadata: list[MetadataInput] | None = strawberry.field(default=None, description="Shop public metadata.")
    private_metadata: list[MetadataInput] | None = strawberry.field(default=None, description="Not kept: none "
                                                                    "can be given.")
    preserve_all_address_fields: bool | None = strawberry.field(default=None, description="Fixed: false.")
    password_login_mode: PasswordLoginModeEnum | None = strawberry.field(default=None, description="Fixed: "
                                                                         "ENABLED.")
    use_legacy_shipping_zone_stock_availability: bool | None = strawberry.field(default=None,
                                                                                description="Fixed: false.")
    include_taxes_in_prices: bool | None = strawberry.field(
        default=None, description="Fixed: true.",
        deprecation_reason="Use `taxConfigurationUpdate` mutation to configure this setting per channel or country.")
    display_gross_prices: bool | None = strawberry.field(
        default=None, description="Fixed: true.",
        deprecation_reason="Use `taxConfigurationUpdate` mutation to configure this setting per channel or country.")
    charge_taxes_on_shipping: bool | None = strawberry.field(
        default=None, description="Fixed: false.",
        deprecation_reason="To enable taxes for a shipping method, assign a tax class to the shipping method with "
        "`shippingPriceCreate` or `shippingPriceUpdate` mutations.")
    use_legacy_update_webhook_emission: bool | None = strawberry.field(default=None, description="Fixed: false.",
                                                                       deprecation_reason="Not used.")
    account_confirm_merge_mode: AccountConfirmModeEnum | None = strawberry.field(default=None,
                                                                                 description="Not kept.")


@strawberry.input(name="SiteDomainInput")
class SiteDomainInput:
    domain: str | None = strawberry.field(default=None, description="Domain name for shop.")
    name: str | None = strawberry.field(default=None, description="Shop site name.")


@strawberry.type(name="ShopSettingsUpdate", description="Updates shop settings.")
class ShopSettingsUpdate:
    errors: list[ShopError] = strawberry.field(default_factory=list, description=ERRORS)
    shop: ShopRef | None = strawberry.field(default=None, description="Updated shop.")


@strawberry.type(name="ShopAddressUpdate", description="Update the shop's address.")
class ShopAddressUpdate:
    errors: list[ShopError] = strawberry.field(default_factory=list, description=ERRORS)
    shop: ShopRef | None = strawberry.field(default=None, description="Updated shop.")


@strawberry.type(name="ShopDomainUpdate", description="Updates site domain of the shop.")
class ShopDomainUpdate:
    errors: list[ShopError] = strawberry.field(default_factory=list, description=ERRORS)
    shop: ShopRef | None = strawberry.field(default=None, description="Updated shop.")


def _value(given: Any) -> object:
    return given.name if isinstance(given, Enum) else given


def _settings_changes(given: ShopSettingsInput, info: Info) -> services.SettingsChanges:
    """The stored settings' changes; raises DomainError listing every problem, fixed settings given another
    value among them."""
    changes = services.SettingsChanges(
        name=given.name, description=given.description, header_text=given.header_text,
        customer_set_password_url=given.customer_set_password_url, metadata=metadata_dict(given.metadata),
    )
    fixed = {name: _value(getattr(given, name)) for name in services.FIXED_SETTINGS}
    problems = services.fixed_setting_problems(fixed, info.context.settings) + services.settings_problems(changes)
    if given.private_metadata:
        problems.append(ErrorDetail("private_metadata", "The shop keeps no private metadata.",
                                    SiteErrorCode.INVALID))
    if problems:
        raise DomainError(*problems)
    return changes


async def _require_operator(info: Info) -> None:
    """Raises PermissionDenied unless the caller is the operator's (unscoped) with MANAGE_SETTINGS."""
    principal = await require_permission(info, "MANAGE_SETTINGS")
    if principal.scope is not None:
        raise PermissionDenied(message="Site settings are the whole mall's: only the operator's staff change them.")


async def _fresh_shop() -> Any:
    """The shop as just changed (not as read earlier in the same request)."""
    from mall.graphql.composed import Shop  # the composition root's type (a domain's fields on it)

    return Shop(site=await services.current_settings())


@strawberry.type
class ShopSettingsMutations:
    @strawberry.mutation(description="Updates shop settings. Requires one of the following permissions: "
                         "MANAGE_SETTINGS. Settings a points mall fixes accept only their own value.")
    async def shop_settings_update(self, info: Info, input: ShopSettingsInput) -> ShopSettingsUpdate | None:
        async def work() -> ShopSettingsUpdate:
            await _require_operator(info)
            await services.update_settings(_settings_changes(input, info))
            return ShopSettingsUpdate(shop=await _fresh_shop())

        return await run_in_transaction(ShopSettingsUpdate, ShopError, SHOP_ERRORS, work)

    @strawberry.mutation(description="Update the shop's address. If the `null` value is passed, the currently "
                         "selected address will be deleted. Requires one of the following permissions: "
                         "MANAGE_SETTINGS.")
    async def shop_address_update(self, info: Info, input: AddressInput | None = None) -> ShopAddressUpdate | None:
        async def work() -> ShopAddressUpdate:
            await _require_operator(info)
            await services.update_company_address(address_data(input) if input is not None else None)
            return ShopAddressUpdate(shop=await _fresh_shop())

        return await run_in_transaction(ShopAddressUpdate, ShopError, SHOP_ERRORS, work)

    @strawberry.mutation(description="Updates site domain of the shop: the host `shop.domain` names (the API "
                         "itself stays at PUBLIC_URL) and, with `name`, the shop's name. Requires one of the "
                         "following permissions: MANAGE_SETTINGS.")
    async def shop_domain_update(self, info: Info, input: SiteDomainInput | None = None) -> ShopDomainUpdate | None:
        async def work() -> ShopDomainUpdate:
            await _require_operator(info)
            if input is not None and input.domain is not None:
                await services.update_domain(input.domain)
            if input is not None and input.name is not None:
                await services.update_settings(services.SettingsChanges(name=input.name))
            return ShopDomainUpdate(shop=await _fresh_shop())

        return await run_in_transaction(ShopDomainUpdate, ShopError, SHOP_ERRORS, work)
