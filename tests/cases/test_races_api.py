"""Cases under simultaneous requests (PostgreSQL: SQLite runs one transaction at a time): goodwill is
credited once however often it is asked for at once, a reshipment takes stock once, and two workers
escalate an overdue case once."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from cases.escalation import escalate_overdue
from cases.models import CaseEvent, CaseEventKind
from catalog.models import Stock
from fulfilment.models import Shipment
from ledger.models import Transfer
from ledger.verify import verify_ledger
from mall.accounts.models import ScopeKind
from mall.transactions import in_retried_transaction
from tests.cases.api import OPEN, RESOLVE, gid, staff_token
from tests.cases.world import build_mall
from tests.factories import token_for

RACERS = 8


def outcome(answer: dict) -> object:
    errors = answer["serviceCaseResolve"]["errors"]
    return tuple((error["field"], error["code"]) for error in errors) or "resolved"


async def an_open_case(api, settings) -> tuple[object, str, str]:
    mall = await build_mall(settings)
    member = token_for(mall.shop.bank.member, settings)
    about = {"subject": "SHIPMENT", "category": "LOST_DELIVERY", "description": "Never came",
             "order": gid("Order", mall.order_id), "fulfillment": gid("Fulfillment", mall.shipment_id)}
    case_id = (await api.ok(OPEN, {"input": about}, member))["serviceCaseOpen"]["serviceCase"]["id"]
    return mall, case_id, await staff_token(settings, "desk@acme.example", (ScopeKind.PARTNER, "ACME"))


@pytest.mark.postgres_only
async def test_goodwill_asked_for_at_once_is_credited_once(api, settings):
    # given
    _, case_id, acme = await an_open_case(api, settings)
    goodwill = {"kind": "GOODWILL", "note": "Sorry", "points": 500, "payer": "PARTNER"}

    # when
    answers = await asyncio.gather(*(api.ok(RESOLVE, {"id": case_id, "input": goodwill}, acme)
                                     for _ in range(RACERS)))

    # then
    assert Counter(outcome(answer) for answer in answers) == {"resolved": 1, (("id", "INVALID"),): RACERS - 1}
    assert await Transfer.filter(reference__startswith="case:").values_list("points", flat=True) == [500]
    assert (await verify_ledger()).problems == []


@pytest.mark.postgres_only
async def test_a_reshipment_asked_for_at_once_ships_once(api, settings):
    # given: 19 kettles left in ACME's depot
    mall, case_id, acme = await an_open_case(api, settings)
    reship = {"kind": "RESHIPMENT", "note": "Sent again"}

    # when
    answers = await asyncio.gather(*(api.ok(RESOLVE, {"id": case_id, "input": reship}, acme)
                                     for _ in range(RACERS)))

    # then
    assert Counter(outcome(answer) for answer in answers) == {"resolved": 1, (("id", "INVALID"),): RACERS - 1}
    assert await Shipment.filter(order_id=mall.order_id).count() == 2
    assert (await Stock.get(variant_id=mall.shop.variant_id)).quantity == 18


@pytest.mark.postgres_only
async def test_two_workers_escalate_an_overdue_case_once(api, settings, set_clock):
    # given: a case overdue since Tuesday 10:00
    await an_open_case(api, settings)
    set_clock("2026-11-03T11:00:00+08:00")

    # when
    reports = await asyncio.gather(*(in_retried_transaction(escalate_overdue) for _ in range(4)))

    # then
    assert sum(report.escalated for report in reports) == 1
    assert await CaseEvent.filter(kind=CaseEventKind.ESCALATED).count() == 1
