"""A case's states, as a table of allowed transitions, and the one function that moves a case and records the
event. Escalation and rating change no status: they are events of their own (`record`).

    open -> answered -> resolved -> reopened -> answered -> resolved
    open -> resolved                reopened -> resolved
"""

from __future__ import annotations

from typing import Any

from cases.errors import CaseErrorCode, refusal
from cases.models import Case, CaseEvent, CaseEventKind, CaseStatus

TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.OPEN: frozenset({CaseStatus.ANSWERED, CaseStatus.RESOLVED}),
    CaseStatus.ANSWERED: frozenset({CaseStatus.RESOLVED}),
    CaseStatus.RESOLVED: frozenset({CaseStatus.REOPENED}),
    CaseStatus.REOPENED: frozenset({CaseStatus.ANSWERED, CaseStatus.RESOLVED}),
}
ACTIVE = frozenset({CaseStatus.OPEN, CaseStatus.ANSWERED, CaseStatus.REOPENED})  # someone has to act


async def record(case: Case, kind: CaseEventKind, actor: str, note: str = "", data: dict[str, Any] | None = None,
                 from_status: CaseStatus | None = None) -> CaseEvent:
    status = CaseStatus(case.status)
    return await CaseEvent.create(case_id=case.id, kind=kind, from_status=from_status or status, to_status=status,
                                  actor=actor, note=note[:1000], data=data or {})


async def move(case: Case, target: CaseStatus, kind: CaseEventKind, actor: str, note: str = "",
               data: dict[str, Any] | None = None, **values: Any) -> Case:
    """The one place a case's status changes: checked against TRANSITIONS, conditional on the status read,
    recorded as an event. Raises DomainError INVALID."""
    current = CaseStatus(case.status)
    allowed = target in TRANSITIONS[current]
    if not allowed or not await Case.filter(id=case.id, status=current).update(status=target, **values):
        raise refusal(CaseErrorCode.INVALID, f"A {current.value} case cannot become {target.value}.", "id")
    case.status = target
    for name, value in values.items():
        setattr(case, name, value)
    await record(case, kind, actor, note, data, from_status=current)
    return case
