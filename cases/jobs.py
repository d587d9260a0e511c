"""The cases domain's share of `mall worker`: escalating overdue cases to the operator, and delivering the
members' notices (cases.notices)."""

from __future__ import annotations

import logging

from cases.escalation import EscalationReport, escalate_overdue
from cases.notices import notice_handlers
from mall.transactions import in_retried_transaction

__all__ = ["notice_handlers", "run_case_jobs"]

log = logging.getLogger("mall.cases")


async def run_case_jobs() -> EscalationReport:
    """One batch of escalations in one transaction. A failure is logged and retried on the next run."""
    try:
        return await in_retried_transaction(escalate_overdue)
    except Exception:  # a job failure must not stop the worker
        log.exception("case escalation failed")
        return EscalationReport(0, False)
