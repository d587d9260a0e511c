"""Bank staff look up one of their issuer's members; every lookup is recorded, found or not.

A lookup names exactly one of customer reference, e-mail or phone, and a reason. The record is written in
the caller's transaction, so a lookup answered is a lookup recorded (the use case owns the transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tortoise.queryset import QuerySet

from bank_link.errors import LookupErrorCode
from bank_link.models import Issuer, Member, MemberLookup
from kernel.errors import DomainError
from mall.accounts.services import normalise_email

REASON_MAX_LENGTH = 500
VALUE_MAX_LENGTH = 254


class SearchedBy(StrEnum):
    CUSTOMER_REFERENCE = "customer_reference"
    EMAIL = "email"
    PHONE = "phone"


@dataclass(frozen=True)
class LookupRequest:
    """What bank staff typed: one way to find the member, and why they look."""

    customer_reference: str = ""
    email: str = ""
    phone: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Actor:
    """Who looks: the ledger's actor name ("user:7") and, for people, their e-mail for the audit page."""

    name: str
    email: str = ""


def _criterion(request: LookupRequest) -> tuple[SearchedBy, str]:
    """The one search criterion given; raises DomainError REQUIRED (none) or INVALID (several, too long)."""
    given = [(by, value.strip()) for by, value in (
        (SearchedBy.CUSTOMER_REFERENCE, request.customer_reference),
        (SearchedBy.EMAIL, normalise_email(request.email)),
        (SearchedBy.PHONE, request.phone),
    ) if value.strip()]
    if not given:
        raise DomainError.single("customer_reference", "Give a customer reference, an e-mail or a phone.",
                                 LookupErrorCode.REQUIRED)
    if len(given) > 1:
        raise DomainError.single("customer_reference", "Give one of customer reference, e-mail or phone.",
                                 LookupErrorCode.INVALID)
    by, value = given[0]
    if len(value) > VALUE_MAX_LENGTH:
        raise DomainError.single(by.value, f"At most {VALUE_MAX_LENGTH} characters.", LookupErrorCode.INVALID)
    return by, value


def _reason(request: LookupRequest) -> str:
    reason = request.reason.strip()
    if not reason:
        raise DomainError.single("reason", "Say why you look this member up.", LookupErrorCode.REQUIRED)
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError.single("reason", f"At most {REASON_MAX_LENGTH} characters.", LookupErrorCode.INVALID)
    return reason


async def look_up_member(issuer: Issuer, request: LookupRequest, actor: Actor) -> Member | None:
    """The issuer's member matching the request (None when nobody matches), after recording the lookup.

    Several members sharing an e-mail or phone is possible in a roster; the earliest enrolled one is shown
    and the audit names that one (the bank can narrow by customer reference)."""
    by, value = _criterion(request)
    reason = _reason(request)
    member = await Member.filter(issuer_id=issuer.id, **{by.value: value}).order_by("id").first()
    await MemberLookup.create(
        issuer_id=issuer.id, actor=actor.name, actor_email=actor.email, searched_by=by.value,
        searched_for=value, reason=reason, member_id=member.id if member else None,
    )
    return member


def lookups(issuer_code: str | None) -> QuerySet[MemberLookup]:
    """The audit trail, of one issuer or of all (the operator)."""
    query = MemberLookup.all()
    return query.filter(issuer__code=issuer_code) if issuer_code else query
