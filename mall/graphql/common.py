"""Types every domain shares: Node, metadata, countries, languages, images, money."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from kernel.saleor_enums import COUNTRY_NAMES, LANGUAGE_NAMES
from mall.graphql.context import Info
from mall.graphql.enums import CountryCode, LanguageCodeEnum
from mall.graphql.errors import PermissionDenied
from mall.graphql.scalars import Metadata


@strawberry.interface(description="An object with an ID")
class Node:
    id: strawberry.ID = strawberry.field(description="The ID of the object.")


@strawberry.type
class MetadataItem:
    key: str = strawberry.field(description="Key of a metadata item.")
    value: str = strawberry.field(description="Value of a metadata item.")


def _items(data: dict[str, str]) -> list[MetadataItem]:
    return [MetadataItem(key=key, value=value) for key, value in sorted(data.items())]


async def _require_staff(info: Info) -> None:
    principal = await info.context.principal()
    if not (principal.is_staff or principal.app is not None):
        raise PermissionDenied()


@strawberry.interface
class ObjectWithMetadata:
    """Public metadata is readable by anyone who can read the object; private metadata by staff only.

    Implementers hold their row in a private `model` attribute; a row without `metadata` (or
    `private_metadata`) columns simply has none.
    """

    @property
    def public_metadata(self) -> dict[str, str]:
        return getattr(self.model, "metadata", None) or {}  # type: ignore[attr-defined]

    @property
    def hidden_metadata(self) -> dict[str, str]:
        return getattr(self.model, "private_metadata", None) or {}  # type: ignore[attr-defined]

    @strawberry.field(description="List of public metadata items. Can be accessed without permissions.")
    def metadata(self) -> list[MetadataItem]:
        return _items(self.public_metadata)

    @strawberry.field(description="A single key from public metadata.")
    def metafield(self, key: str) -> str | None:
        return self.public_metadata.get(key)

    @strawberry.field(description="Public metadata. Use `keys` to control which fields you want to include.")
    def metafields(self, keys: list[str] | None = None) -> Metadata | None:
        return {k: v for k, v in self.public_metadata.items() if keys is None or k in keys}

    @strawberry.field(description="List of private metadata items. Requires staff permissions to access.")
    async def private_metadata(self, info: Info) -> list[MetadataItem]:
        await _require_staff(info)
        return _items(self.hidden_metadata)

    @strawberry.field(description="A single key from private metadata. Requires staff permissions to access.")
    async def private_metafield(self, info: Info, key: str) -> str | None:
        await _require_staff(info)
        return self.hidden_metadata.get(key)

    @strawberry.field(description="Private metadata. Requires staff permissions to access.")
    async def private_metafields(self, info: Info, keys: list[str] | None = None) -> Metadata | None:
        await _require_staff(info)
        return {k: v for k, v in self.hidden_metadata.items() if keys is None or k in keys}


@strawberry.type
class VAT:
    country_code: str = strawberry.field(description="Country code.")
    standard_rate: float | None = strawberry.field(description="Standard VAT rate in percent.")
    reduced_rates: list[str] = strawberry.field(description="Country's VAT rate exceptions for specific types.")


@strawberry.type
class CountryDisplay:
    code: str = strawberry.field(description="Country code.")
    country: str = strawberry.field(description="Country name.")
    vat: VAT | None = strawberry.field(description="Country tax.", deprecation_reason="Always returns `null`.")


def country_display(code: str) -> CountryDisplay:
    return CountryDisplay(code=code, country=COUNTRY_NAMES.get(code, code), vat=None)


@strawberry.type
class LanguageDisplay:
    code: LanguageCodeEnum = strawberry.field(description="ISO 639 representation of the language name.")
    language: str = strawberry.field(description="Full name of the language.")


def language_display(code: str) -> LanguageDisplay:
    return LanguageDisplay(code=LanguageCodeEnum[code], language=LANGUAGE_NAMES.get(code, code))


@strawberry.type(description="Represents an image.")
class Image:
    url: str = strawberry.field(description="The URL of the image.")
    alt: str | None = strawberry.field(description="Alt text for an image.")


@strawberry.type(description="Represents amount of money in specific currency.")
class Money:
    currency: str = strawberry.field(description="Currency code.")
    amount: float = strawberry.field(description="Amount of money.")
    fraction_digits: int = strawberry.field(description="Number of digits after the decimal point in the currency.")
    fractional_amount: int = strawberry.field(description="Amount of money in the smallest currency unit.")


def money(amount: Decimal | int, currency: str, fraction_digits: int = 0) -> Money:
    """Points have 0 fraction digits; cash passes its currency's digits (2 for CNY, USD)."""
    if fraction_digits == 0 and amount.__class__ is int:  # whole points, a page holds dozens: no Decimal work
        return Money(currency=currency, amount=float(amount), fraction_digits=0, fractional_amount=amount)
    quantum = Decimal(1).scaleb(-fraction_digits)
    value = Decimal(amount).quantize(quantum)
    return Money(
        currency=currency,
        amount=float(value),
        fraction_digits=fraction_digits,
        fractional_amount=int(value.scaleb(fraction_digits)),
    )


@strawberry.type(
    description="Represents a monetary value with taxes. "
    "In cases where taxes were not applied, net and gross values will be equal."
)
class TaxedMoney:
    currency: str = strawberry.field(description="Currency code.")
    gross: Money = strawberry.field(description="Amount of money including taxes.")
    net: Money = strawberry.field(description="Amount of money without taxes.")
    tax: Money = strawberry.field(description="Amount of taxes.")


def untaxed(amount: Decimal | int, currency: str, fraction_digits: int = 0) -> TaxedMoney:
    """Points carry no tax: net = gross, tax = 0."""
    value = money(amount, currency, fraction_digits)
    return TaxedMoney(currency=currency, gross=value, net=value, tax=money(0, currency, fraction_digits))


def country_code_value(code: str) -> CountryCode:
    return CountryCode[code]
