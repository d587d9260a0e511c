"""Partner merchants: onboarding, status and contract terms.

Contract terms change from a month on (`change_partner_terms`): never for a month that has begun before the
change's own month, so a month settlement may already have closed keeps the terms it was settled with, and
settlement reads the terms in force for the month it settles (`terms_in_force`). The settlement currency is not
among the terms that change: gifts' cost prices are agreed in it.

Errors (DomainError, PartnersErrorCode in partners.errors): REQUIRED, INVALID, UNIQUE, NOT_FOUND.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from kernel import clock
from kernel.errors import DomainError, ErrorDetail
from partners.errors import PartnersErrorCode
from partners.models import Partner, PartnerStatus, PartnerTerms

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,63}$")
MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
MAX_NOTE_LENGTH = 500
MAX_SERVICE_FEE_PERCENT = Decimal("50")


@dataclass
class PartnerData:
    code: str
    name: str
    service_fee_percent: Decimal = Decimal("5.00")
    settlement_currency: str = "CNY"
    contact_email: str = ""


def _problems(data: PartnerData) -> list[ErrorDetail]:
    problems = []
    if not CODE_PATTERN.match(data.code):
        problems.append(
            ErrorDetail("code", "Use 2-64 upper-case letters, digits, '-' or '_'.", PartnersErrorCode.INVALID)
        )
    if not data.name.strip():
        problems.append(ErrorDetail("name", "This field is required.", PartnersErrorCode.REQUIRED))
    if not Decimal(0) <= data.service_fee_percent <= MAX_SERVICE_FEE_PERCENT:
        problems.append(
            ErrorDetail(
                "service_fee_percent", "The service fee must be between 0 and 50 percent.", PartnersErrorCode.INVALID
            )
        )
    if not re.match(r"^[A-Z]{3}$", data.settlement_currency):
        problems.append(
            ErrorDetail("settlement_currency", "Use a three-letter ISO currency code.", PartnersErrorCode.INVALID)
        )
    return problems


async def create_partner(data: PartnerData) -> Partner:
    problems = _problems(data)
    if problems:
        raise DomainError(*problems)
    if await Partner.filter(code=data.code).exists():
        raise DomainError.single("code", "Partner with this code already exists.", PartnersErrorCode.UNIQUE)
    return await Partner.create(
        code=data.code,
        name=data.name.strip(),
        service_fee_percent=data.service_fee_percent,
        settlement_currency=data.settlement_currency,
        contact_email=data.contact_email,
    )


async def set_partner_status(partner: Partner, status: PartnerStatus) -> Partner:
    partner.status = status
    await partner.save(update_fields=["status", "updated_at"])
    return partner


async def active_partner(code: str, field: str = "partner") -> Partner:
    """The partner with `code`, which must exist and be active to list gifts."""
    partner = await Partner.get_or_none(code=code)
    if partner is None:
        raise DomainError.single(field, f"Partner '{code}' does not exist.", PartnersErrorCode.NOT_FOUND)
    if partner.status != PartnerStatus.ACTIVE:
        raise DomainError.single(field, f"Partner '{code}' is not active.", PartnersErrorCode.INVALID)
    return partner


def _fee_problems(fee: Decimal) -> list[ErrorDetail]:
    if Decimal(0) <= fee <= MAX_SERVICE_FEE_PERCENT and fee == fee.quantize(Decimal("0.01")):
        return []
    return [ErrorDetail("service_fee_percent", "The service fee must be between 0 and 50 percent, in hundredths.",
                        PartnersErrorCode.INVALID)]


@dataclass(frozen=True)
class TermsChange:
    service_fee_percent: Decimal
    effective_from: str | None = None  # YYYY-MM; none: the current month
    note: str = ""


@dataclass(frozen=True)
class Terms:
    """The terms in force for a month, and the change that set them (none: the terms at creation)."""

    service_fee_percent: Decimal
    change: PartnerTerms | None = None


def current_month(time_zone: str) -> str:
    """The month (YYYY-MM) it is now where partner periods close."""
    return clock.now_in(time_zone).strftime("%Y-%m")


def _change_problems(change: TermsChange, month: str) -> list[ErrorDetail]:
    problems = _fee_problems(change.service_fee_percent)
    if not MONTH_PATTERN.match(month):
        problems.append(ErrorDetail("effective_from", "Use a month as YYYY-MM, e.g. 2026-12.",
                                    PartnersErrorCode.INVALID))
    if len(change.note) > MAX_NOTE_LENGTH:
        problems.append(ErrorDetail("note", "The note is at most 500 characters.", PartnersErrorCode.INVALID))
    return problems


async def change_partner_terms(partner: Partner, change: TermsChange, actor: str, time_zone: str) -> PartnerTerms:
    """Record new terms from `change.effective_from` on (the current month by default), by `actor`.

    Raises DomainError INVALID: a fee outside 0-50 percent or with more than two decimals, a malformed month,
    a month already begun before the current one (it may be settled), a note over 500 characters."""
    now_month = current_month(time_zone)
    month = change.effective_from or now_month
    problems = _change_problems(change, month)
    if not problems and month < now_month:
        problems.append(ErrorDetail("effective_from", f"Terms change from {now_month} on at the earliest: "
                                    "earlier months keep the terms they were (or will be) settled with.",
                                    PartnersErrorCode.INVALID))
    if problems:
        raise DomainError(*problems)
    return await PartnerTerms.create(partner_id=partner.id, effective_from=month,
                                     service_fee_percent=change.service_fee_percent, note=change.note.strip(),
                                     changed_by=actor)


async def terms_in_force(partner: Partner, month: str) -> Terms:
    """The terms for `month` (YYYY-MM): the newest change effective from it or before, else those at creation."""
    change = await PartnerTerms.filter(partner_id=partner.id, effective_from__lte=month).order_by(
        "-effective_from", "-id").first()
    return Terms(change.service_fee_percent, change) if change else Terms(partner.service_fee_percent)


def terms_effective_from(partner: Partner, terms: Terms, time_zone: str) -> str:
    """The first month (YYYY-MM) `terms` apply from: their change's, or the month the partner was created."""
    if terms.change is not None:
        return terms.change.effective_from
    return partner.created_at.astimezone(ZoneInfo(time_zone)).strftime("%Y-%m")


async def terms_history(partner: Partner) -> list[PartnerTerms]:
    """Every change of the partner's terms, newest recorded first."""
    return list(await PartnerTerms.filter(partner_id=partner.id).order_by("-id"))
