"""Which mall accounts are an issuer's members (what an issuer's staff and apps may see of the customers), and
how an account its staff create joins the issuer's roster."""

from __future__ import annotations

from tortoise.expressions import Q, Subquery

from bank_link.imports import RowError
from bank_link.models import Issuer, Member
from bank_link.roster import apply_roster_batch, parse_roster_row
from kernel.errors import DomainError
from mall.accounts.customer_scope import Enrolment
from mall.accounts.errors import AccountsErrorCode


def issuer_members(issuer_code: str) -> Q:
    """A filter on accounts: those linked to a member of the issuer (active or not: the bank still knows them)."""
    return Q(id__in=Subquery(Member.filter(issuer__code=issuer_code).values("user_id")))


async def enrol_account(issuer_code: str, enrolment: Enrolment) -> None:
    """Makes a new account the issuer's member under the bank's customer reference, as a roster row would
    (and welcomed as one). Raises DomainError: REQUIRED (no reference: the bank names its cardholders),
    INVALID (a reference a roster would refuse), UNIQUE (another member of the issuer has the reference)."""
    if not enrolment.reference:
        raise DomainError.single("external_reference", "A bank's member needs the bank's customer reference.",
                                 AccountsErrorCode.REQUIRED)
    issuer = await Issuer.get(code=issuer_code)
    try:
        row = parse_roster_row({"customer_reference": enrolment.reference, "name": enrolment.name,
                                "email": enrolment.email})
    except RowError as error:
        raise DomainError.single("external_reference", f"{error}.", AccountsErrorCode.INVALID) from error
    # The roster upserts by reference: an existing one would be renamed, never linked to this account.
    if await Member.filter(issuer_id=issuer.id, customer_reference=row.customer_reference).exists():
        raise DomainError.single("external_reference", "Another member of the bank has this customer reference.",
                                 AccountsErrorCode.UNIQUE)
    outcome = await apply_roster_batch(issuer.id, issuer.code, [row])
    if outcome.refused:
        raise DomainError.single("email", f"Cannot enrol this member: {outcome.refused[0]}.",
                                 AccountsErrorCode.INVALID)
