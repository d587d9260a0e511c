"""Routing: a partner's order or gift goes to that partner; the rest to the operator or the bank, as the
programme says; the first deadline is set at once."""

from __future__ import annotations

from datetime import timedelta

from cases.models import CaseCategory, CaseEvent, CaseEventKind, CaseSubject, Party
from cases.rules import ProgrammeSettings, set_programme
from cases.services import CaseRequest
from orders.models import OrderLine
from tests.cases.world import build_mall, opened, shipment_case


async def test_a_case_about_a_partners_shipment_goes_to_that_partner_with_24_hours_to_answer(settings):
    # given
    mall = await build_mall(settings)

    # when
    case = await opened(settings, mall.member, shipment_case(mall))

    # then
    assert (case.assignee, case.partner_code, case.issuer_code) == (Party.PARTNER, "ACME", "BANKA")
    assert case.due_at - case.created_at == timedelta(hours=24)
    events = await CaseEvent.filter(case_id=case.id).values_list("kind", "to_status", "actor")
    assert events == [(CaseEventKind.OPENED, "open", f"user:{mall.shop.bank.member.id}")]


async def test_a_case_about_a_partners_gift_goes_to_that_partner(settings):
    # given
    mall = await build_mall(settings)
    request = CaseRequest(subject=CaseSubject.GIFT, category=CaseCategory.VALUE, description="Not worth it",
                          product_id=mall.other_gift.id, channel_id=mall.shop.bank.channel.id)

    # when
    case = await opened(settings, mall.member, request)

    # then
    assert (case.assignee, case.partner_code) == (Party.PARTNER, "ZETA")


async def test_an_order_holding_several_partners_gifts_goes_to_the_operator(settings):
    # given: the order holds an operator's line and a partner's
    mall = await build_mall(settings)
    await OrderLine.filter(id=mall.line.id).update(partner_code=None)
    await OrderLine.create(order_id=mall.order_id, product_name="Tea", variant_name="", product_sku="TEA-1",
                           quantity=1, unit_price_points=100, total_price_points=100, partner_code="ACME")
    request = CaseRequest(subject=CaseSubject.ORDER, category=CaseCategory.OTHER, description="Mixed up",
                          order_id=mall.order_id)

    # when
    case = await opened(settings, mall.member, request)

    # then
    assert (case.assignee, case.partner_code) == (Party.OPERATOR, None)


async def test_points_cases_go_to_the_bank_when_its_programme_says_so(settings):
    # given
    mall = await build_mall(settings)
    await set_programme(ProgrammeSettings("BANKA", non_partner_assignee=Party.ISSUER))
    request = CaseRequest(subject=CaseSubject.POINTS, category=CaseCategory.POINTS_EXPIRY,
                          description="My points expired without notice", channel_id=mall.shop.bank.channel.id)

    # when
    case = await opened(settings, mall.member, request)

    # then
    assert (case.assignee, case.partner_code, case.subject) == (Party.ISSUER, None, CaseSubject.POINTS)


async def test_points_cases_go_to_the_operator_by_default(settings):
    # given
    mall = await build_mall(settings)
    request = CaseRequest(subject=CaseSubject.PROGRAMME, category=CaseCategory.THRESHOLD,
                          description="Gifts cost too many points", channel_id=mall.shop.bank.channel.id)

    # when
    case = await opened(settings, mall.member, request)

    # then
    assert case.assignee == Party.OPERATOR
