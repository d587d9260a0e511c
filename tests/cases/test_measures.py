"""Measures per partner and category: cases per 1,000 orders, first-answer time, resolution time, backlog,
overdue share, resolutions, ratings; as a query (scoped) and as CSV."""

from __future__ import annotations

from cases.jobs import run_case_jobs
from mall.accounts.models import ScopeKind, User
from tests.cases.api import MEASURES, MESSAGE, OPEN, RATE, RESOLVE, gid, staff_token
from tests.cases.world import build_mall
from tests.factories import token_for

NOVEMBER = {"since": "2026-11-01T00:00:00+08:00", "until": "2026-12-01T00:00:00+08:00"}


async def test_measures_per_partner_and_category_as_a_query_and_as_csv(api, settings, set_clock):
    # given: two late-delivery cases about ACME's one order; one answered after 2 hours, resolved with goodwill
    # and rated 5; the other never answered and escalated (tokens are taken anew: the clock moves by hours)
    mall = await build_mall(settings)
    about = {"subject": "SHIPMENT", "category": "LATE_DELIVERY", "description": "Late",
             "order": gid("Order", mall.order_id), "fulfillment": gid("Fulfillment", mall.shipment_id)}
    set_clock("2026-11-02T10:00:00+08:00")
    member = token_for(mall.shop.bank.member, settings)
    answered = (await api.ok(OPEN, {"input": about}, member))["serviceCaseOpen"]["serviceCase"]["id"]
    await api.ok(OPEN, {"input": about}, member)
    set_clock("2026-11-02T12:00:00+08:00")
    member = token_for(mall.shop.bank.member, settings)
    acme = await staff_token(settings, "desk@acme.example", (ScopeKind.PARTNER, "ACME"))
    await api.ok(MESSAGE, {"id": answered, "body": "Tomorrow.", "internal": False}, acme)
    await api.ok(RESOLVE, {"id": answered, "input": {"kind": "GOODWILL", "note": "Sorry", "points": 100,
                                                     "payer": "PARTNER"}}, acme)
    await api.ok(RATE, {"id": answered, "rating": 5}, member)
    set_clock("2026-11-04T12:00:00+08:00")
    await run_case_jobs()
    operator = await staff_token(settings, "ops@example.com")
    acme = token_for(await User.get(email="desk@acme.example"), settings)
    zeta = await staff_token(settings, "desk@zeta.example", (ScopeKind.PARTNER, "ZETA"))

    # when
    for_operator = (await api.ok(MEASURES, NOVEMBER, operator))["serviceCaseMeasures"]
    for_acme = (await api.ok(MEASURES, NOVEMBER, acme))["serviceCaseMeasures"]
    for_zeta = (await api.ok(MEASURES, NOVEMBER, zeta))["serviceCaseMeasures"]

    # then: 2 cases over 1 order
    assert for_operator["rows"] == [{
        "partnerCode": "ACME", "category": "LATE_DELIVERY", "cases": 2, "orders": 1, "casesPerThousandOrders": 2000.0,
        "meanFirstAnswerHours": 2.0, "meanResolutionHours": 2.0, "backlog": 1, "answered": 1,
        "resolved": 1, "overdueShare": 0.5, "resolutions": [{"kind": "GOODWILL", "count": 1}],
        "ratings": 1, "meanRating": 5.0}]
    assert for_acme == for_operator
    assert for_zeta == {"rows": [], "csv": for_zeta["csv"]}
    assert for_operator["csv"].splitlines() == [
        "partner,category,cases,orders,cases_per_1000_orders,mean_first_answer_hours,overdue_share,"
        "resolved_explanation,resolved_reshipment,resolved_return,resolved_refund,resolved_goodwill,ratings,"
        "mean_rating,mean_resolution_hours,backlog",
        "ACME,late_delivery,2,1,2000.0,2.0,0.5,0,0,0,0,1,1,5.0,2.0,1",
    ]
