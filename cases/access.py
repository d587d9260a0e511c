"""Who looks at cases, and which: a member their own, a partner's staff their partner's, an issuer's staff
those of their programme's members, the operator every one. A case outside the viewer's reach looks absent
(NOT_FOUND), never forbidden. Internal notes are for staff only.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.queryset import QuerySet

from cases.errors import not_found
from cases.models import Case, Party


@dataclass(frozen=True)
class Viewer:
    """`code`: the partner or issuer code of scoped staff; `user_id`: the member's (or staff's) account."""

    party: Party
    user_id: int | None
    code: str | None = None
    actor_name: str | None = None  # an app's (app:<id>); users are user:<id>

    @property
    def actor(self) -> str:
        if self.actor_name:
            return self.actor_name
        return f"user:{self.user_id}" if self.user_id is not None else "system"

    @property
    def is_staff(self) -> bool:
        return self.party != Party.MEMBER

    @property
    def is_operator(self) -> bool:
        return self.party == Party.OPERATOR


def visible_cases(viewer: Viewer) -> QuerySet[Case]:
    query = Case.all()
    if viewer.party == Party.MEMBER:
        return query.filter(member_id=viewer.user_id)
    if viewer.party == Party.PARTNER:
        return query.filter(partner_code=viewer.code)
    if viewer.party == Party.ISSUER:
        return query.filter(issuer_code=viewer.code)
    return query


async def case_for(viewer: Viewer, case_id: int, field: str = "id") -> Case:
    """The case, if the viewer reaches it; raises DomainError NOT_FOUND otherwise."""
    case = await visible_cases(viewer).get_or_none(id=case_id)
    if case is None:
        raise not_found(field, f"Case:{case_id}")
    return case


async def locked_case_for(viewer: Viewer, case_id: int, field: str = "id") -> Case:
    """The case locked for a change (PostgreSQL: two answers or resolutions at once wait for each other)."""
    await case_for(viewer, case_id, field)
    return await Case.filter(id=case_id).select_for_update().get()
