"""Issuers: create, update, find, and the rules other parts of the bank link read from them.

Errors (DomainError, IssuerErrorCode): REQUIRED, INVALID, UNIQUE on create/update, NOT_FOUND on lookups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

from bank_link.errors import IssuerErrorCode, issuer_error
from bank_link.models import Issuer
from kernel.errors import DomainError, ErrorDetail
from ledger.policy import ExpiryPolicy, ExpiryRule
from mall.channels.models import Channel
from mall.channels.services import IssuerTerms
from mall.channels.unit_names import MAX_UNIT_NAME_LENGTH

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,63}$")
POINTS_UNIT_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")
CURRENCY_PATTERN = re.compile(r"^[A-Z]{3}$")
LANGUAGE_CODE_PATTERN = re.compile(r"^[A-Z]{2,3}(_[A-Z0-9]{2,4})*$")  # Saleor's LanguageCodeEnum values
MAX_REMINDER_DAYS = 366


@dataclass
class IssuerData:
    """Fields of an issuer; None leaves a field as it is (update) or at its default (create)."""

    code: str | None = None
    name: str | None = None
    points_unit: str | None = None
    # Display names of the unit by language code; on update, the languages given replace theirs, others stay.
    points_unit_names: dict[str, str] | None = None
    # The names for exactly one point ({"EN": "point"}), merged the same way; a language without one reads
    # its plural name (Chinese has no singular).
    points_unit_names_singular: dict[str, str] | None = None
    cash_value_per_point: Decimal | None = None
    cash_currency: str | None = None
    points_cash_allowed: bool | None = None
    max_cash_share_percent: Decimal | None = None
    expiry_rule: str | None = None
    expiry_count: int | None = None
    reminder_days: int | None = None
    time_zone: str | None = None
    storage_location: str | None = None
    sso_public_key_pem: str | None = None
    is_active: bool | None = None
    sms_notifications: bool | None = None
    sms_quiet_from_hour: int | None = None
    sms_quiet_until_hour: int | None = None
    confirmation_threshold_points: int | None = None
    confirmation_channel: str | None = None

    def given(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


def _problem(field: str, message: str, code: IssuerErrorCode = IssuerErrorCode.INVALID) -> ErrorDetail:
    return ErrorDetail(field, message, code)


def _check_required(data: IssuerData) -> list[ErrorDetail]:
    required = (("code", data.code), ("name", data.name), ("points_unit", data.points_unit))
    return [_problem(field, "This field is required.", IssuerErrorCode.REQUIRED)
            for field, value in required if not (value or "").strip()]


def _check_formats(data: IssuerData) -> list[ErrorDetail]:
    checks = (
        ("code", data.code, CODE_PATTERN, "Use 2-64 upper-case letters, digits, '-' or '_'."),
        ("points_unit", data.points_unit, POINTS_UNIT_PATTERN, "Use an upper-case code such as PTS."),
        ("cash_currency", data.cash_currency, CURRENCY_PATTERN, "Use a three-letter ISO currency code."),
    )
    return [_problem(field, message) for field, value, pattern, message in checks
            if value and not pattern.match(value)]


def _check_amounts(data: IssuerData) -> list[ErrorDetail]:
    problems = []
    if data.cash_value_per_point is not None and not Decimal(0) < data.cash_value_per_point < Decimal(10**6):
        problems.append(_problem("cash_value_per_point", "The cash value of a point must be above 0."))
    if data.max_cash_share_percent is not None and not Decimal(0) <= data.max_cash_share_percent <= Decimal(100):
        problems.append(_problem("max_cash_share_percent", "The cash share must be between 0 and 100 percent."))
    if data.reminder_days is not None and not 0 <= data.reminder_days <= MAX_REMINDER_DAYS:
        problems.append(_problem("reminder_days", f"Reminder days must be between 0 and {MAX_REMINDER_DAYS}."))
    return problems + _check_messaging(data)


def _check_messaging(data: IssuerData) -> list[ErrorDetail]:
    problems = [_problem(field, "Use an hour from 0 to 23.") for field, hour in (
        ("sms_quiet_from_hour", data.sms_quiet_from_hour), ("sms_quiet_until_hour", data.sms_quiet_until_hour))
        if hour is not None and not 0 <= hour <= 23]
    if data.confirmation_threshold_points is not None and not 0 <= data.confirmation_threshold_points < 10**12:
        problems.append(_problem("confirmation_threshold_points", "Use 0 (never) or a number of points."))
    if data.confirmation_channel is not None and data.confirmation_channel not in {"sms", "email"}:
        problems.append(_problem("confirmation_channel", "Use sms or email."))
    return problems


def _check_rules(data: IssuerData, current: Issuer | None) -> list[ErrorDetail]:
    problems = []
    if data.name is not None and len(data.name) > 250:
        problems.append(_problem("name", "Use at most 250 characters."))
    if data.time_zone is not None and not _is_time_zone(data.time_zone):
        problems.append(_problem("time_zone", "Use an IANA time zone such as Asia/Shanghai."))
    if data.storage_location and not data.storage_location.startswith("s3://"):
        problems.append(_problem("storage_location", "Leave it empty for local storage or use s3://bucket/prefix."))
    if data.sso_public_key_pem and not _is_public_key(data.sso_public_key_pem):
        problems.append(_problem("sso_public_key_pem", "Use a PEM RSA or EC public key."))
    unit_names = _check_unit_names(data.points_unit_names, "points_unit_names")
    unit_names += _check_unit_names(data.points_unit_names_singular, "points_unit_names_singular")
    return problems + unit_names + _check_policy(data, current)


def _check_unit_names(names: dict[str, str] | None, field: str) -> list[ErrorDetail]:
    """Each name is what members read beside every price: one short line, not blank."""
    problems: list[ErrorDetail] = []
    for language, name in (names or {}).items():
        if not LANGUAGE_CODE_PATTERN.match(language):
            problems.append(_problem(field, f"Unknown language code '{language}'."))
        elif not name.strip():
            problems.append(_problem(field, f"The {language} name of the points unit is blank.",
                                     IssuerErrorCode.REQUIRED))
        elif len(name.strip()) > MAX_UNIT_NAME_LENGTH or not name.isprintable():
            problems.append(_problem(field, f"Use at most {MAX_UNIT_NAME_LENGTH} characters on one "
                                     f"line for the {language} name of the points unit."))
    return problems


def _clean_unit_names(names: dict[str, str]) -> dict[str, str]:
    return {language: name.strip() for language, name in names.items()}


def _check_policy(data: IssuerData, current: Issuer | None) -> list[ErrorDetail]:
    rule = data.expiry_rule if data.expiry_rule is not None else (current.expiry_rule if current else "never")
    count = data.expiry_count if data.expiry_count is not None else (current.expiry_count if current else 0)
    if rule not in {item.value for item in ExpiryRule}:
        return [_problem("expiry_rule", "Use never, fixed_days, end_of_month or end_of_year.")]
    try:
        ExpiryPolicy(ExpiryRule(rule), count)
    except DomainError as failure:
        return [_problem("expiry_count", failure.details[0].message)]
    return []


def _is_time_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _is_public_key(pem: str) -> bool:
    try:
        key = serialization.load_pem_public_key(pem.encode())
    except (ValueError, TypeError):
        return False
    return isinstance(key, RSAPublicKey | EllipticCurvePublicKey)


def parse_decimal(value: str, field: str) -> Decimal:
    """Raises DomainError INVALID for text that is not a number."""
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise issuer_error(IssuerErrorCode.INVALID, "Use a decimal number.", field) from error


def _raise_problems(problems: list[ErrorDetail]) -> None:
    if problems:
        raise DomainError(*problems)


# Merged language by language on update, not replaced as the other fields are.
UNIT_NAME_FIELDS = frozenset({"points_unit_names", "points_unit_names_singular"})


async def create_issuer(data: IssuerData) -> Issuer:
    """Raises DomainError REQUIRED, INVALID, UNIQUE (the code is taken)."""
    _raise_problems(_check_required(data) + _check_formats(data) + _check_amounts(data) + _check_rules(data, None))
    if await Issuer.exists(code=data.code):
        raise issuer_error(IssuerErrorCode.UNIQUE, f"Issuer with code '{data.code}' already exists.", "code")
    values = data.given()
    values["name"] = str(values["name"]).strip()
    values["points_unit_names"] = _clean_unit_names(data.points_unit_names or {})
    values["points_unit_names_singular"] = _clean_unit_names(data.points_unit_names_singular or {})
    issuer = await Issuer.create(**values)
    await _copy_terms_to_channels(issuer)
    return issuer


async def update_issuer(issuer: Issuer, data: IssuerData) -> Issuer:
    """Change the given fields; the code never changes (channels and scopes refer to it).

    Raises DomainError REQUIRED (a blank name), INVALID.
    """
    if data.code is not None and data.code != issuer.code:
        raise issuer_error(IssuerErrorCode.INVALID, "The code of an issuer cannot change.", "code")
    if data.name is not None and not data.name.strip():
        raise issuer_error(IssuerErrorCode.REQUIRED, "This field is required.", "name")
    _raise_problems(_check_formats(data) + _check_amounts(data) + _check_rules(data, issuer))
    for name, value in data.given().items():
        if name not in UNIT_NAME_FIELDS:
            setattr(issuer, name, value.strip() if name == "name" and isinstance(value, str) else value)
    if data.points_unit_names is not None:
        # The languages given replace theirs; a fresh dict, so the JSON field is written.
        issuer.points_unit_names = {**issuer.points_unit_names, **_clean_unit_names(data.points_unit_names)}
    if data.points_unit_names_singular is not None:
        issuer.points_unit_names_singular = {**issuer.points_unit_names_singular,
                                             **_clean_unit_names(data.points_unit_names_singular)}
    await issuer.save()
    await _copy_terms_to_channels(issuer)
    return issuer


async def _copy_terms_to_channels(issuer: Issuer) -> None:
    """One rate and one wording everywhere: the issuer's channels show points at the rate the bank settles at,
    named as the bank names them."""
    await Channel.filter(issuer_code=issuer.code).update(
        points_cash_value=issuer.cash_value_per_point, cash_currency=issuer.cash_currency,
        points_unit_names=issuer.points_unit_names, one_point_names=issuer.points_unit_names_singular)


async def issuer_terms(code: str) -> IssuerTerms | None:
    """The rate a channel of this issuer copies; None for an unknown issuer."""
    issuer = await Issuer.get_or_none(code=code)
    if issuer is None:
        return None
    return IssuerTerms(issuer.cash_value_per_point, issuer.cash_currency, issuer.points_unit_names,
                       issuer.points_unit_names_singular)


async def find_issuer(code: str, field: str = "issuer") -> Issuer:
    """Raises DomainError NOT_FOUND."""
    issuer = await Issuer.get_or_none(code=code)
    if issuer is None:
        raise issuer_error(IssuerErrorCode.NOT_FOUND, f"Issuer '{code}' does not exist.", field)
    return issuer


def expiry_policy(issuer: Issuer) -> ExpiryPolicy:
    """The policy every credit to the issuer's members follows."""
    return ExpiryPolicy(ExpiryRule(issuer.expiry_rule), issuer.expiry_count, issuer.time_zone)


def time_zone(issuer: Issuer) -> ZoneInfo:
    return ZoneInfo(issuer.time_zone)


async def issuer_channels(issuer: Issuer) -> list[Channel]:
    return await Channel.filter(issuer_code=issuer.code).order_by("slug")
