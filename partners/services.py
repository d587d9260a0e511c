"""Partner merchants: onboarding, status and contract terms.

Errors (DomainError, PartnersErrorCode in partners.errors): REQUIRED, INVALID, UNIQUE, NOT_FOUND.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kernel.errors import DomainError, ErrorDetail
from partners.errors import PartnersErrorCode
from partners.models import Partner, PartnerStatus

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,63}$")
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
