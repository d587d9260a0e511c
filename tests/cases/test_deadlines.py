"""A partner that misses its deadline: the worker hands the case to the operator and records it (the clock
is moved, nothing sleeps). Deadlines follow the programme's rules per category and its working hours."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tortoise.transactions import in_transaction

from cases.jobs import run_case_jobs
from cases.models import Case, CaseCategory, CaseEvent, CaseEventKind, CaseStatus, Party
from cases.rules import Deadlines, ProgrammeSettings, set_deadline, set_programme
from cases.services import post_message
from mall.settings import Settings
from mall.worker import run_once
from tests.cases.world import ACME_STAFF, build_mall, opened, shipment_case


async def test_a_partner_missing_its_first_answer_deadline_is_escalated_to_the_operator(settings: Settings, set_clock):
    # given: a case routed to ACME on Monday 10:00, due Tuesday 10:00
    mall = await build_mall(settings)
    case = await opened(settings, mall.member, shipment_case(mall))

    # when: the worker runs a minute before the deadline, then a minute after it, then again
    set_clock("2026-11-03T09:59:00+08:00")
    early = await run_case_jobs()
    set_clock("2026-11-03T10:01:00+08:00")
    await run_once(settings)
    again = await run_case_jobs()

    # then
    escalated = await Case.get(id=case.id)
    assert (early.escalated, again.escalated) == (0, 0)
    assert (escalated.assignee, escalated.status, escalated.partner_code) == (Party.OPERATOR, CaseStatus.OPEN, "ACME")
    assert escalated.escalated_at is not None
    events = await CaseEvent.filter(case_id=case.id, kind=CaseEventKind.ESCALATED).values("actor", "data")
    assert events == [{"actor": "system:worker", "data": {"from": "partner", "dueAt": case.due_at.isoformat()}}]


async def test_an_answer_in_time_starts_the_resolution_deadline_and_nothing_escalates(settings, set_clock):
    # given
    mall = await build_mall(settings)
    case = await opened(settings, mall.member, shipment_case(mall))
    set_clock("2026-11-02T15:00:00+08:00")

    # when: ACME answers after 5 hours; the worker runs the next morning
    async with in_transaction():
        await post_message(ACME_STAFF, case.id, "It left our warehouse yesterday, tracking follows.")
    set_clock("2026-11-03T10:30:00+08:00")
    report = await run_case_jobs()

    # then: 72 hours to resolve from the answer
    answered = await Case.get(id=case.id)
    assert report.escalated == 0
    assert (answered.status, answered.assignee, answered.escalated_at) == (CaseStatus.ANSWERED, Party.PARTNER, None)
    assert answered.first_answered_at is not None
    assert answered.due_at - answered.first_answered_at == timedelta(hours=72)


def shanghai_minute(instant: datetime) -> str:
    return instant.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%a %Y-%m-%d %H:%M")


async def test_the_programmes_category_rule_and_working_hours_set_the_deadline(settings, set_clock):
    # given: BANKA answers late deliveries within 4 working hours, Monday to Friday 09:00-18:00
    mall = await build_mall(settings)
    await set_programme(ProgrammeSettings("BANKA", work_days=(1, 2, 3, 4, 5), work_start_hour=9, work_end_hour=18))
    await set_deadline("BANKA", CaseCategory.LATE_DELIVERY, Deadlines(first_answer_hours=4, resolve_hours=16))
    await set_deadline("", None, Deadlines(first_answer_hours=48, resolve_hours=96))
    set_clock("2026-11-02T16:30:00+08:00")  # Monday

    # when
    late = await opened(settings, mall.member, shipment_case(mall))
    damaged = await opened(settings, mall.member, shipment_case(mall, CaseCategory.DAMAGED))

    # then: 1.5 hours on Monday, 2.5 on Tuesday; other categories take the general rule: 48 working
    # hours are 1.5 on Monday, 9 a day Tuesday to the next Monday, 1.5 on the next Tuesday
    assert shanghai_minute(late.due_at) == "Tue 2026-11-03 11:30"
    assert shanghai_minute(damaged.due_at) == "Tue 2026-11-10 10:30"
