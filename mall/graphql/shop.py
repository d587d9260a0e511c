"""`Shop`: what a storefront reads about the mall as a whole (the `shop` field is mall.graphql.composed's)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any
from urllib.parse import urlsplit

import strawberry

from kernel.global_ids import to_global_id
from kernel.saleor_enums import COUNTRY_NAMES
from mall.accounts.graphql.types import Address, Permission, permission_name
from mall.accounts.permissions import ALL_PERMISSIONS
from mall.channels.models import Channel
from mall.graphql.common import CountryDisplay, LanguageDisplay, MetadataItem, country_display, language_display
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum, PermissionEnum
from mall.graphql.permissions import require_staff_or_app
from mall.graphql.saleor_absent.generated import CountryFilterInput
from mall.graphql.scalars import Metadata
from mall.site.models import SITE_SETTINGS_ID, SiteSettings
from mall.site.services import current_settings, mail_sender_parts

API_VERSION = "3.24"
SHOP_ID = to_global_id("Shop", 1)  # one mall, one shop
# Saleor's checkout reservations; the mall holds stock at payment instead, so it reserves nothing earlier
NO_RESERVATION = None
DEFAULT_DESCRIPTION = "Spend your card's reward points on gifts."
UNLOADED: Any = object()  # a Shop not built with its settings row reads it through the request's loader


async def _load_site(keys: list[int]) -> list[SiteSettings | None]:
    row = await current_settings()
    return [row for _ in keys]


@strawberry.enum(name="PasswordLoginModeEnum")
class PasswordLoginModeEnum(Enum):
    ENABLED = "ENABLED"
    CUSTOMERS_ONLY = "CUSTOMERS_ONLY"
    DISABLED = "DISABLED"


@strawberry.enum(name="AnnouncementImportanceEnum", description="Defines a shop-level announcement's level/severity.")
class AnnouncementImportanceEnum(Enum):
    CRITICAL = "CRITICAL"
    HIGH = "HIGH"
    MODERATE = "MODERATE"
    LOW = "LOW"
    UNSET = "UNSET"


@strawberry.type(description="External authentication plugin a client can start a sign-in with.")
class ExternalAuthentication:
    id: str = strawberry.field(description="ID of external authentication plugin.")
    name: str | None = strawberry.field(description="Name of external authentication plugin.")


@strawberry.type(description="Lists current announcements that the user should see.")
class Announcement:
    created_at: datetime = strawberry.field(description="The date & time at which this announcement was created.")
    updated_at: datetime = strawberry.field(description="The date & time at which this announcement was last updated.")
    title: str = strawberry.field(description="The announcement's title.")
    message_html: str = strawberry.field(description="The announcement's description, may contain HTML formatting.")
    importance: AnnouncementImportanceEnum = strawberry.field(
        description="Determine the how critical the announcement is.")
    type: str = strawberry.field(description="The announcement's type, for example \"CUSTOM\".")
    extra: Metadata = strawberry.field(description="Additional information about this announcement.")  # type: ignore[valid-type]


@strawberry.type(description="Represents shop's domain.")
class Domain:
    host: str = strawberry.field(description="The host name of the domain.")
    ssl_enabled: bool = strawberry.field(description="Inform if SSL is enabled.")
    url: str = strawberry.field(description="The absolute URL of the API.")


@strawberry.type(description="Represents a shop resource containing general shop data and configuration.")
class Shop:
    # The site settings row (mall.site), when the caller has it fresh (a settings mutation's answer)
    site: strawberry.Private[SiteSettings | None] = UNLOADED

    async def _site(self, info: Info) -> SiteSettings | None:
        if self.site is UNLOADED:
            return await info.context.loader("site-settings", _load_site).load(SITE_SETTINGS_ID)  # type: ignore[no-any-return]
        return self.site

    @strawberry.field(description="The shop's name (site settings, else SHOP_NAME).")
    async def name(self, info: Info) -> str:
        site = await self._site(info)
        return site.name if site is not None and site.name else info.context.settings.shop_name

    @strawberry.field(description="The shop's description.")
    async def description(self, info: Info) -> str | None:
        site = await self._site(info)
        return site.description if site is not None and site.description is not None else DEFAULT_DESCRIPTION

    @strawberry.field(description="The shop's domain data: the host set by `shopDomainUpdate`, else PUBLIC_URL's; "
                      "`url` is the API's own address (PUBLIC_URL).")
    async def domain(self, info: Info) -> Domain:
        site = await self._site(info)
        url = info.context.settings.public_url
        parts = urlsplit(url)
        host = site.domain_host if site is not None and site.domain_host else parts.netloc
        return Domain(host=host, ssl_enabled=parts.scheme == "https", url=url)

    @strawberry.field(description="Shop's default country.")
    def default_country(self) -> CountryDisplay | None:
        return country_display("CN")

    @strawberry.field(description="List of countries available in the shop. `filter.attachedToShippingZones`: "
                      "the mall has no shipping zones, so `true` finds none and `false` every country.")
    def countries(self, language_code: LanguageCodeEnum | None = None,
                  filter: CountryFilterInput | None = None) -> list[CountryDisplay]:
        if filter is not None and filter.attached_to_shipping_zones is True:
            return []
        return [country_display(code) for code in COUNTRY_NAMES]

    @strawberry.field(description="List of the shops's supported languages.")
    def languages(self) -> list[LanguageDisplay | None]:
        return [language_display("EN"), language_display("ZH_HANS")]

    @strawberry.field(description="List of available permissions.")
    def permissions(self) -> list[Permission]:
        return [Permission(code=PermissionEnum[code], name=permission_name(code)) for code in ALL_PERMISSIONS]

    @strawberry.field(description="Header text.")
    async def header_text(self, info: Info) -> str | None:
        site = await self._site(info)
        return site.header_text if site is not None else None

    @strawberry.field(description="Enable automatic account confirmation by email.")
    def enable_account_confirmation_by_email(self, info: Info) -> bool | None:
        return info.context.settings.account_confirmation_required

    @strawberry.field(
        description="List of all currencies (points units) supported by shop's channels. "
        "Requires one of: AUTHENTICATED_STAFF_USER, AUTHENTICATED_APP."
    )
    async def channel_currencies(self, info: Info) -> list[str]:
        await require_staff_or_app(info)
        return sorted(set(await Channel.all().values_list("currency_code", flat=True)))

    @strawberry.field(description="Saleor API version this mall is compatible with.")
    def version(self) -> str:
        return API_VERSION

    @strawberry.field(description="Minor Saleor API version.")
    def schema_version(self) -> str:
        return API_VERSION

    # Sign-in: the Saleor Dashboard shows its password form only when the mode is ENABLED.
    @strawberry.field(description="The ID of the shop.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(SHOP_ID)

    @strawberry.field(description="Determines if user can login with password: staff and members both sign in "
                      "with e-mail and password.")
    def password_login_mode(self) -> PasswordLoginModeEnum:
        return PasswordLoginModeEnum.ENABLED

    @strawberry.field(description="List of available external authentications a client can start. None: the "
                      "bank's single sign-on (`mall.bank-sso`) is started by the bank's app with a bank token, "
                      "never from a sign-in page.")
    def available_external_authentications(self) -> list[ExternalAuthentication]:
        return []

    @strawberry.field(description="Lists current announcements that the user should see. The mall makes none.")
    def announcements(self) -> list[Announcement]:
        return []

    # Settings the Dashboard's site settings page shows: the operator's (site settings, `shopSettingsUpdate`,
    # `shopAddressUpdate`), and those fixed by the mall's design and environment (mall.site.services).
    @strawberry.field(description="List of public metadata items.")
    async def metadata(self, info: Info) -> list[MetadataItem]:
        site = await self._site(info)
        items = sorted(site.metadata.items()) if site is not None else []
        return [MetadataItem(key=key, value=value) for key, value in items]

    @strawberry.field(description="Company address (`shopAddressUpdate`); none until the operator sets one.")
    async def company_address(self, info: Info) -> Address | None:
        site = await self._site(info)
        address = site.company_address if site is not None else None
        return Address.of(address) if address is not None else None

    @strawberry.field(description="URL of a view where customers can set their password: the operator's, else the "
                      "member mall's page.")
    async def customer_set_password_url(self, info: Info) -> str | None:
        site = await self._site(info)
        if site is not None and site.customer_set_password_url:
            return site.customer_set_password_url
        return f"{info.context.settings.public_url}/reset-password"

    @strawberry.field(description="Default shop's email sender's address: MAIL_SENDER's.")
    def default_mail_sender_address(self, info: Info) -> str | None:
        return mail_sender_parts(info.context.settings)[1] or None

    @strawberry.field(description="Default shop's email sender's name: MAIL_SENDER's.")
    def default_mail_sender_name(self, info: Info) -> str | None:
        return mail_sender_parts(info.context.settings)[0] or None

    @strawberry.field(description="Minutes a checkout reserves stock for anonymous users: none, the mall holds "
                      "stock when the order is paid with points.")
    def reserve_stock_duration_anonymous_user(self) -> int | None:
        return NO_RESERVATION

    @strawberry.field(description="Minutes a checkout reserves stock for signed-in users: none (see above).")
    def reserve_stock_duration_authenticated_user(self) -> int | None:
        return NO_RESERVATION

    @strawberry.field(description="Default number of maximum line quantity in single checkout: no limit.")
    def limit_quantity_per_checkout(self) -> int | None:
        return None

    @strawberry.field(description="Whether staff may fulfil unpaid orders: no, points are paid before an order "
                      "exists.")
    def fulfillment_allow_unpaid(self) -> bool:
        return False

    @strawberry.field(description="Automatically approve all new fulfillments (FULFILLMENT_AUTO_APPROVE).")
    def fulfillment_auto_approve(self, info: Info) -> bool:
        return info.context.settings.extra.get("FULFILLMENT_AUTO_APPROVE", "true").lower() not in {"0", "false", "no"}

    @strawberry.field(description="Whether all address fields are kept as entered: no, they are normalised.")
    def preserve_all_address_fields(self) -> bool:
        return False

    @strawberry.field(description="Whether storefronts may read the API: always.")
    def allow_storefront_traffic(self) -> bool:
        return True

    @strawberry.field(description="Legacy shipping-zone stock availability: not used, warehouses have no zones.")
    def use_legacy_shipping_zone_stock_availability(self) -> bool:
        return False

    @strawberry.field(description="Legacy update webhook emission: the mall sends no webhooks.")
    def use_legacy_update_webhook_emission(self) -> bool | None:
        return False
