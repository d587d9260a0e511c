"""Site settings: the shop's name, description, header, set-password page, domain and company address, kept in
one row (mall.site.models) that the operator changes through Saleor's `shopSettingsUpdate`,
`shopAddressUpdate` and `shopDomainUpdate`.

Everything else Saleor's settings page shows is fixed by how a points mall works or by the environment (stock
is held at payment, so nothing is reserved at checkout; mail goes out as MAIL_SENDER): sending such a setting
its current value is accepted (the Dashboard sends its whole form), sending another is refused with the
reason, so a save never looks applied when it is not. The mutation compares those; this module keeps what it
stores.

Errors (DomainError): SiteErrorCode REQUIRED (a blank name), INVALID (too long, not an http(s) URL, not a
host name); AccountsErrorCode REQUIRED / INVALID for the company address (mall.accounts.addresses).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from email.utils import parseaddr
from urllib.parse import urlsplit

from kernel import clock
from kernel.errors import DomainError, ErrorDetail
from mall import sql
from mall.accounts.addresses import AddressData, address_problems
from mall.accounts.models import Address
from mall.settings import Settings
from mall.site.errors import SiteErrorCode
from mall.site.models import SITE_SETTINGS_ID, SiteSettings

LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
HOST_PATTERN = re.compile(rf"^(?=.{{1,255}}$){LABEL}(\.{LABEL})*(:\d{{1,5}})?$")
# A company is no person: its address needs no first and last name (Saleor's company address neither).
PERSON_FIELDS = frozenset({"first_name", "last_name"})


@dataclass(frozen=True)
class SettingsChanges:
    """What the operator changes; None leaves a setting as it is."""

    name: str | None = None
    description: str | None = None
    header_text: str | None = None
    customer_set_password_url: str | None = None
    metadata: dict[str, str] | None = None


async def current_settings() -> SiteSettings | None:
    """The stored row with its company address, or None while nothing was ever set."""
    return await SiteSettings.get_or_none(id=SITE_SETTINGS_ID).prefetch_related("company_address")


async def _locked() -> SiteSettings:
    """The row, created on first use and locked for the change (a concurrent first save creates it once)."""
    await sql.execute(
        "INSERT INTO site_settings (id, metadata, updated_at) VALUES ($1, '{}', $2) ON CONFLICT (id) DO NOTHING",
        SITE_SETTINGS_ID, clock.now(),
    )
    return await SiteSettings.filter(id=SITE_SETTINGS_ID).select_for_update().get()


def settings_problems(changes: SettingsChanges) -> list[ErrorDetail]:
    problems = []
    if changes.name is not None and not changes.name.strip():
        problems.append(ErrorDetail("name", "The shop needs a name.", SiteErrorCode.REQUIRED))
    for name, limit in (("name", 250), ("description", 255), ("header_text", 1000)):
        value = getattr(changes, name)
        if value is not None and len(value) > limit:
            problems.append(ErrorDetail(name, f"At most {limit} characters.", SiteErrorCode.INVALID))
    url = changes.customer_set_password_url
    if url:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc or len(url) > 255:
            problems.append(ErrorDetail("customer_set_password_url", f"{url} is not a valid URL.",
                                        SiteErrorCode.INVALID))
    return problems


async def update_settings(changes: SettingsChanges) -> SiteSettings:
    """Stores the changed settings (inside the caller's transaction); an empty text clears an optional one."""
    problems = settings_problems(changes)
    if problems:
        raise DomainError(*problems)
    row = await _locked()
    if changes.name is not None:
        row.name = changes.name.strip()
    for name in ("description", "header_text", "customer_set_password_url"):
        value = getattr(changes, name)
        if value is not None:
            setattr(row, name, value.strip() or None)
    if changes.metadata is not None:
        row.metadata = {**row.metadata, **changes.metadata}
    await row.save()
    return row


def company_address_problems(data: AddressData) -> list[ErrorDetail]:
    return [problem for problem in address_problems(data) if problem.field not in PERSON_FIELDS]


async def update_company_address(data: AddressData | None) -> None:
    """Sets the company address, or removes it (None). Raises DomainError listing every problem."""
    if data is None:
        await _remove_company_address()
        return
    trimmed = _trimmed(data)
    problems = company_address_problems(trimmed)
    if problems:
        raise DomainError(*problems)
    row = await _locked()
    if row.company_address_id is None:  # type: ignore[attr-defined]
        row.company_address = await Address.create(user=None, **asdict(trimmed))
        await row.save()
    else:
        await Address.filter(id=row.company_address_id).update(**asdict(trimmed))  # type: ignore[attr-defined]


async def _remove_company_address() -> None:
    """Nothing is written when there is no address to remove (the Dashboard sends null when it has none)."""
    row = await SiteSettings.filter(id=SITE_SETTINGS_ID).select_for_update().first()
    if row is None or row.company_address_id is None:  # type: ignore[attr-defined]
        return
    old = row.company_address_id  # type: ignore[attr-defined]
    row.company_address = None
    await row.save()
    await Address.filter(id=old, user_id=None).delete()


def _trimmed(data: AddressData) -> AddressData:
    texts = {item.name: getattr(data, item.name).strip() for item in fields(data)
             if isinstance(getattr(data, item.name), str)}
    trimmed = replace(data, **texts)
    trimmed.country = trimmed.country.upper()
    return trimmed


async def update_domain(host: str) -> SiteSettings:
    """Sets the host the shop's links name (`shop.domain`). Raises DomainError INVALID for a malformed host."""
    host = host.strip()
    if not HOST_PATTERN.match(host):
        raise DomainError.single("domain", f"{host!r} is not a host name.", SiteErrorCode.INVALID)
    row = await _locked()
    row.domain_host = host
    await row.save()
    return row


def mail_sender_parts(settings: Settings) -> tuple[str, str]:
    """The name and address mail goes out as (MAIL_SENDER)."""
    return parseaddr(settings.mail_sender)


# Settings a points mall fixes (by design or in the environment): their value, and why another is refused.
HELD_AT_PAYMENT = "The mall holds stock when an order is paid with points: a checkout reserves nothing."
FIXED_SETTINGS: dict[str, tuple[Callable[[Settings], object], str]] = {
    "track_inventory_by_default": (lambda _: True, "Every gift's stock is tracked."),
    "default_weight_unit": (lambda _: "KG", "Weights are kept in kilograms."),
    "fulfillment_auto_approve": (lambda s: s.extra.get("FULFILLMENT_AUTO_APPROVE", "true").lower()
                                 not in {"0", "false", "no"}, "Set by FULFILLMENT_AUTO_APPROVE."),
    "fulfillment_allow_unpaid": (lambda _: False, "Points are paid before an order exists."),
    "default_mail_sender_name": (lambda s: mail_sender_parts(s)[0], "Set by MAIL_SENDER."),
    "default_mail_sender_address": (lambda s: mail_sender_parts(s)[1], "Set by MAIL_SENDER."),
    "reserve_stock_duration_anonymous_user": (lambda _: None, HELD_AT_PAYMENT),
    "reserve_stock_duration_authenticated_user": (lambda _: None, HELD_AT_PAYMENT),
    "limit_quantity_per_checkout": (lambda _: None, "The mall sets no quantity limit per checkout."),
    "enable_account_confirmation_by_email": (lambda s: s.account_confirmation_required,
                                             "Set by ACCOUNT_CONFIRMATION_REQUIRED."),
    "allow_login_without_confirmation": (lambda s: not s.account_confirmation_required,
                                         "Set by ACCOUNT_CONFIRMATION_REQUIRED."),
    "allow_storefront_traffic": (lambda _: True, "Storefronts always read the API."),
    "preserve_all_address_fields": (lambda _: False, "Addresses are always normalised: parcels must arrive."),
    "password_login_mode": (lambda _: "ENABLED", "Staff and members both sign in with e-mail and password."),
    "use_legacy_shipping_zone_stock_availability": (lambda _: False, "Warehouses have no shipping zones."),
    "use_legacy_update_webhook_emission": (lambda _: False, "The mall sends no webhooks."),
    "include_taxes_in_prices": (lambda _: True, "Points carry no tax."),
    "display_gross_prices": (lambda _: True, "Points carry no tax."),
    "charge_taxes_on_shipping": (lambda _: False, "Points carry no tax."),
    "account_confirm_merge_mode": (lambda _: None, "The mall keeps no such setting."),
}


def fixed_setting_problems(given: dict[str, object], settings: Settings) -> list[ErrorDetail]:
    """A problem for each fixed setting given a value other than its own (None: not given; '' is None)."""
    problems = []
    for name, value in given.items():
        current, reason = FIXED_SETTINGS[name]
        if value is not None and value != "" and value != current(settings):
            problems.append(ErrorDetail(name, f"{reason} This setting stays {_shown(current(settings))}.",
                                        SiteErrorCode.INVALID))
    return problems


def _shown(value: object) -> str:
    """A value as the client wrote it (GraphQL's spelling)."""
    if value is None:
        return "null"
    return str(value).lower() if isinstance(value, bool) else str(value)
