"""The cases domain's public surface: what the API, the worker and other packages call.

Every function runs inside the caller's transaction (the use case owns it) and raises DomainError
(codes in cases.errors) for an expected refusal, before anything is written.
"""

from __future__ import annotations

from cases.access import Viewer, case_for, visible_cases
from cases.conversation import messages_for, post_message, rate_case, reopen_case
from cases.escalation import EscalationReport, escalate_overdue
from cases.measures import MeasureRow, case_measures, measures_csv
from cases.opening import CaseRequest, Picture, open_case
from cases.resolutions import LineUnits, Resolution, resolve_case
from cases.rules import Deadlines, ProgrammeSettings, set_deadline, set_programme

__all__ = [
    "CaseRequest",
    "Deadlines",
    "EscalationReport",
    "LineUnits",
    "MeasureRow",
    "Picture",
    "ProgrammeSettings",
    "Resolution",
    "Viewer",
    "case_for",
    "case_measures",
    "escalate_overdue",
    "measures_csv",
    "messages_for",
    "open_case",
    "post_message",
    "rate_case",
    "reopen_case",
    "resolve_case",
    "set_deadline",
    "set_programme",
    "visible_cases",
]
