"""Address validation and a member's address book.

Errors (DomainError, AccountsErrorCode): REQUIRED, INVALID (field = the address field's Python name), NOT_FOUND.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from kernel.errors import DomainError, ErrorDetail
from kernel.saleor_enums import COUNTRY_NAMES
from mall.accounts.errors import AccountsErrorCode
from mall.accounts.models import Address, User

MAX_ADDRESSES_PER_USER = 100
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()\-]{5,19}$")
# Postal code formats for the countries our issuers serve; others accept any non-empty code.
POSTAL_CODE_PATTERNS: dict[str, re.Pattern[str]] = {
    "CN": re.compile(r"^\d{6}$"),
    "US": re.compile(r"^\d{5}(-\d{4})?$"),
    "GB": re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$", re.IGNORECASE),
    "SG": re.compile(r"^\d{6}$"),
    "DE": re.compile(r"^\d{5}$"),
    "JP": re.compile(r"^\d{3}-?\d{4}$"),
}
COUNTRIES_WITHOUT_POSTAL_CODES = frozenset({"HK", "MO", "AE", "QA"})


@dataclass
class AddressData:
    first_name: str = ""
    last_name: str = ""
    company_name: str = ""
    street_address_1: str = ""
    street_address_2: str = ""
    city: str = ""
    city_area: str = ""
    postal_code: str = ""
    country: str = ""
    country_area: str = ""
    phone: str = ""
    metadata: dict[str, str] = field(default_factory=dict)


def _required(data: AddressData) -> list[str]:
    needed = ["country", "first_name", "last_name", "street_address_1", "city"]
    if data.country not in COUNTRIES_WITHOUT_POSTAL_CODES:
        needed.append("postal_code")
    return [name for name in needed if not getattr(data, name).strip()]


def address_problems(data: AddressData, address_type: str | None = None) -> list[ErrorDetail]:
    extra = {"address_type": address_type} if address_type else {}
    problems = [
        ErrorDetail(name, "This field is required.", AccountsErrorCode.REQUIRED, dict(extra))
        for name in _required(data)
    ]
    if data.country and data.country not in COUNTRY_NAMES:
        problems.append(ErrorDetail("country", "Invalid country code.", AccountsErrorCode.INVALID, dict(extra)))
    pattern = POSTAL_CODE_PATTERNS.get(data.country)
    if pattern and data.postal_code.strip() and not pattern.match(data.postal_code.strip()):
        problems.append(
            ErrorDetail(
                "postal_code", "This value is not valid for the address.", AccountsErrorCode.INVALID, dict(extra)
            ),
        )
    if data.phone and not PHONE_PATTERN.match(data.phone.strip()):
        problems.append(
            ErrorDetail("phone", "The phone number entered is not valid.", AccountsErrorCode.INVALID, dict(extra))
        )
    return problems


def clean_address(data: AddressData, address_type: str | None = None) -> AddressData:
    """`data` trimmed and upper-cased where it matters; raises DomainError listing every problem."""
    for name, value in asdict(data).items():
        if isinstance(value, str):
            setattr(data, name, value.strip())
    data.country = data.country.upper()
    if data.country in {"GB"}:
        data.postal_code = data.postal_code.upper()
    problems = address_problems(data, address_type)
    if problems:
        raise DomainError(*problems)
    return data


async def add_address(user: User, data: AddressData, address_type: str | None = None) -> Address:
    """A new entry in `user`'s address book; `address_type` (SHIPPING, BILLING) is named in its errors."""
    if await Address.filter(user_id=user.id).count() >= MAX_ADDRESSES_PER_USER:
        raise DomainError.single(
            None, f"You can have at most {MAX_ADDRESSES_PER_USER} addresses.", AccountsErrorCode.INVALID
        )
    return await Address.create(user=user, **asdict(clean_address(data, address_type)))


async def update_address(address: Address, changes: dict[str, object]) -> Address:
    current = AddressData(**{k: getattr(address, k) for k in AddressData.__dataclass_fields__})
    for name, value in changes.items():
        setattr(current, name, value if value is not None else "")
    cleaned = clean_address(current)
    for name, value in asdict(cleaned).items():
        setattr(address, name, value)
    await address.save()
    return address


async def delete_address(user: User, address: Address) -> None:
    updates = {}
    if user.default_shipping_address_id == address.id:
        updates["default_shipping_address_id"] = None
    if user.default_billing_address_id == address.id:
        updates["default_billing_address_id"] = None
    if updates:
        await User.filter(id=user.id).update(**updates)
        for name, value in updates.items():
            setattr(user, name, value)
    await address.delete()


async def set_default_address(user: User, address: Address, address_type: str) -> User:
    column = "default_shipping_address_id" if address_type == "SHIPPING" else "default_billing_address_id"
    await User.filter(id=user.id).update(**{column: address.id})
    setattr(user, column, address.id)
    return user


async def owned_address(user: User, address_id: int) -> Address | None:
    return await Address.get_or_none(id=address_id, user_id=user.id)
