"""`shop`: what a storefront reads about the mall as a whole."""

from __future__ import annotations

from urllib.parse import urlsplit

import strawberry

from kernel.saleor_enums import COUNTRY_NAMES
from mall.accounts.graphql.types import Permission, permission_name
from mall.accounts.permissions import ALL_PERMISSIONS
from mall.channels.models import Channel
from mall.graphql.common import CountryDisplay, LanguageDisplay, country_display, language_display
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum, PermissionEnum
from mall.graphql.permissions import require_staff_or_app

API_VERSION = "3.24"


@strawberry.type(description="Represents shop's domain.")
class Domain:
    host: str = strawberry.field(description="The host name of the domain.")
    ssl_enabled: bool = strawberry.field(description="Inform if SSL is enabled.")
    url: str = strawberry.field(description="The absolute URL of the API.")


@strawberry.type(description="Represents a shop resource containing general shop data and configuration.")
class Shop:
    @strawberry.field(description="The shop's name.")
    def name(self, info: Info) -> str:
        return info.context.settings.shop_name

    @strawberry.field(description="The shop's description.")
    def description(self) -> str | None:
        return "Spend your card's reward points on gifts."

    @strawberry.field(description="The shop's domain data.")
    def domain(self, info: Info) -> Domain:
        url = info.context.settings.public_url
        parts = urlsplit(url)
        return Domain(host=parts.netloc, ssl_enabled=parts.scheme == "https", url=url)

    @strawberry.field(description="Shop's default country.")
    def default_country(self) -> CountryDisplay | None:
        return country_display("CN")

    @strawberry.field(description="List of countries available in the shop.")
    def countries(self, language_code: LanguageCodeEnum | None = None) -> list[CountryDisplay]:
        return [country_display(code) for code in COUNTRY_NAMES]

    @strawberry.field(description="List of the shops's supported languages.")
    def languages(self) -> list[LanguageDisplay | None]:
        return [language_display("EN"), language_display("ZH_HANS")]

    @strawberry.field(description="List of available permissions.")
    def permissions(self) -> list[Permission]:
        return [Permission(code=PermissionEnum[code], name=permission_name(code)) for code in ALL_PERMISSIONS]

    @strawberry.field(description="Header text.")
    def header_text(self) -> str | None:
        return None

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


@strawberry.type
class ShopQueries:
    @strawberry.field(description="Return information about the shop.")
    def shop(self) -> Shop:
        return Shop()
