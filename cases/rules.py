"""A programme's service rules: routing (who answers a case), deadlines per category, working calendar and
the reopening window. Programmes without rules get the defaults: the operator answers what no partner owns,
24 hours to answer first and 72 to resolve, around the clock, 14 days to reopen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cases.calendar import WorkCalendar, add_working_hours
from cases.errors import CaseErrorCode, refusal
from cases.models import CaseCategory, CaseDeadlineRule, CaseProgramme, Party

DEFAULT_FIRST_ANSWER_HOURS = 24
DEFAULT_RESOLVE_HOURS = 72
DEFAULT_REOPEN_DAYS = 14
ANSWERING_PARTIES = frozenset({Party.OPERATOR, Party.ISSUER})  # who may answer what no partner owns


@dataclass(frozen=True)
class Deadlines:
    first_answer_hours: int
    resolve_hours: int


@dataclass(frozen=True)
class ProgrammeRules:
    non_partner_assignee: Party
    calendar: WorkCalendar
    reopen_days: int

    def due(self, start: datetime, hours: int) -> datetime:
        return add_working_hours(start, hours, self.calendar)


def _calendar(programme: CaseProgramme) -> WorkCalendar:
    days = frozenset(int(day) for day in programme.work_days.split(",") if day.strip())
    return WorkCalendar(programme.time_zone, days, programme.work_start_hour, programme.work_end_hour,
                        frozenset(date.fromisoformat(day) for day in programme.holidays))


async def programme_rules(issuer_code: str) -> ProgrammeRules:
    programme = await CaseProgramme.get_or_none(issuer_code=issuer_code)
    if programme is None:
        return ProgrammeRules(Party.OPERATOR, WorkCalendar(), DEFAULT_REOPEN_DAYS)
    return ProgrammeRules(Party(programme.non_partner_assignee), _calendar(programme), programme.reopen_days)


async def deadlines_for(issuer_code: str, category: CaseCategory) -> Deadlines:
    """The most specific rule: this programme and category, this programme, this category, every case."""
    rules = await CaseDeadlineRule.filter(issuer_code__in=[issuer_code, ""], category__in=[category.value, ""])
    ranked = sorted(rules, key=lambda rule: (rule.issuer_code == "", rule.category == ""))
    if not ranked:
        return Deadlines(DEFAULT_FIRST_ANSWER_HOURS, DEFAULT_RESOLVE_HOURS)
    return Deadlines(ranked[0].first_answer_hours, ranked[0].resolve_hours)


def route(partner_code: str | None, rules: ProgrammeRules) -> Party:
    """A partner's order or gift goes to that partner; the rest to the operator or the bank, as the programme
    says."""
    return Party.PARTNER if partner_code else rules.non_partner_assignee


@dataclass(frozen=True)
class ProgrammeSettings:
    issuer_code: str
    non_partner_assignee: Party = Party.OPERATOR
    time_zone: str = "Asia/Shanghai"
    work_days: tuple[int, ...] = ()
    work_start_hour: int = 9
    work_end_hour: int = 18
    holidays: tuple[date, ...] = ()
    reopen_days: int = DEFAULT_REOPEN_DAYS


def _check_settings(settings: ProgrammeSettings) -> None:
    if settings.non_partner_assignee not in ANSWERING_PARTIES:
        raise refusal(CaseErrorCode.INVALID, "Cases no partner owns go to the operator or the issuer.",
                      "non_partner_assignee")
    if any(not 1 <= day <= 7 for day in settings.work_days):
        raise refusal(CaseErrorCode.INVALID, "Working days are ISO weekdays, 1 (Monday) to 7.", "work_days")
    if not 0 <= settings.work_start_hour < settings.work_end_hour <= 24:
        raise refusal(CaseErrorCode.INVALID, "Working hours start before they end, within 0-24.", "work_start_hour")
    if not 0 <= settings.reopen_days <= 365:
        raise refusal(CaseErrorCode.INVALID, "The reopening window is 0 to 365 days.", "reopen_days")
    try:
        WorkCalendar(settings.time_zone).window(date(2026, 1, 1))
    except (KeyError, ValueError) as error:
        raise refusal(CaseErrorCode.INVALID, "Unknown time zone.", "time_zone") from error


async def set_programme(settings: ProgrammeSettings) -> CaseProgramme:
    """Create or replace a programme's service rules. Raises DomainError INVALID."""
    _check_settings(settings)
    values = {
        "non_partner_assignee": settings.non_partner_assignee, "time_zone": settings.time_zone,
        "work_days": ",".join(str(day) for day in sorted(set(settings.work_days))),
        "work_start_hour": settings.work_start_hour, "work_end_hour": settings.work_end_hour,
        "holidays": sorted(day.isoformat() for day in set(settings.holidays)), "reopen_days": settings.reopen_days,
    }
    programme, _ = await CaseProgramme.update_or_create(defaults=values, issuer_code=settings.issuer_code)
    return programme


MAX_DEADLINE_HOURS = 24 * 60


async def set_deadline(issuer_code: str, category: CaseCategory | None, deadlines: Deadlines) -> CaseDeadlineRule:
    """Create or replace the deadlines of a programme ("" for every one) and category (None: every one)."""
    for field, hours in (("first_answer_hours", deadlines.first_answer_hours),
                         ("resolve_hours", deadlines.resolve_hours)):
        if not 0 < hours <= MAX_DEADLINE_HOURS:
            raise refusal(CaseErrorCode.INVALID, f"Give 1 to {MAX_DEADLINE_HOURS} hours.", field)
    rule, _ = await CaseDeadlineRule.update_or_create(
        defaults={"first_answer_hours": deadlines.first_answer_hours, "resolve_hours": deadlines.resolve_hours},
        issuer_code=issuer_code, category=category.value if category else "",
    )
    return rule


def reopen_closes(resolved_at: datetime, rules: ProgrammeRules) -> datetime:
    return resolved_at + timedelta(days=rules.reopen_days)
