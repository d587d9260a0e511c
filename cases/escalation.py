"""The worker's job: cases whose deadline passed go to the operator, once per step, and the escalation is
recorded as an event (who had the case, what was due when).

Each case is taken with a conditional update (not escalated yet, still overdue), so two workers never
escalate one case twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cases.lifecycle import ACTIVE, record
from cases.models import Case, CaseEventKind, Party
from kernel import clock

BATCH = 100
WORKER = "system:worker"


@dataclass(frozen=True)
class EscalationReport:
    escalated: int
    busy: bool  # a full batch: there may be more


async def escalate_overdue(now: datetime | None = None) -> EscalationReport:
    at = now or clock.now()
    due = await Case.filter(status__in=list(ACTIVE), escalated_at__isnull=True, due_at__lt=at).order_by(
        "due_at", "id").limit(BATCH)
    escalated = 0
    for case in due:
        taken = await Case.filter(id=case.id, escalated_at__isnull=True, status=case.status).update(
            escalated_at=at, assignee=Party.OPERATOR)
        if not taken:
            continue
        previous = case.assignee
        case.escalated_at, case.assignee = at, Party.OPERATOR
        await record(case, CaseEventKind.ESCALATED, WORKER, "Overdue: handed to the operator.",
                     {"from": Party(previous).value, "dueAt": case.due_at.isoformat()})
        escalated += 1
    return EscalationReport(escalated, len(due) == BATCH)
