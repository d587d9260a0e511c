"""Which mall accounts are an issuer's members: what an issuer's staff and apps may see of the customers."""

from __future__ import annotations

from tortoise.expressions import Q, Subquery

from bank_link.models import Member


def issuer_members(issuer_code: str) -> Q:
    """A filter on accounts: those linked to a member of the issuer (active or not: the bank still knows them)."""
    return Q(id__in=Subquery(Member.filter(issuer__code=issuer_code).values("user_id")))
