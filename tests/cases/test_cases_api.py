"""Cases through the API: a member opens one from an order with a picture, staff answer with internal notes
the member never sees, partner A never sees partner B's cases, the bank's member lookup shows a member's cases,
the member reopens once and rates once."""

from __future__ import annotations

from bank_link.models import Member
from mall.accounts.models import ScopeKind
from tests.cases.api import (
    CASE,
    CASES,
    MESSAGE,
    OPEN,
    RATE,
    REOPEN,
    RESOLVE,
    gid,
    open_with_pictures,
    picture,
    staff_token,
)
from tests.cases.world import build_mall
from tests.factories import token_for


def shipment_input(mall) -> dict:
    return {"input": {"subject": "SHIPMENT", "category": "LATE_DELIVERY", "description": "Where is my kettle?",
                      "order": gid("Order", mall.order_id), "fulfillment": gid("Fulfillment", mall.shipment_id)}}


async def test_a_member_opens_a_case_with_a_picture_and_never_sees_internal_notes(api, http, settings):
    # given
    mall = await build_mall(settings)
    member = token_for(mall.shop.bank.member, settings)
    acme = await staff_token(settings, "desk@acme.example", (ScopeKind.PARTNER, "ACME"))

    # when: the member opens a case with a picture; ACME writes an internal note, then answers
    opened = await open_with_pictures(http, member, shipment_input(mall), [picture()])
    case_id = opened["serviceCase"]["id"]
    note = await api.ok(MESSAGE, {"id": case_id, "body": "Carrier lost it, ask for a refund", "internal": True}, acme)
    answer = await api.ok(MESSAGE, {"id": case_id, "body": "We are on it.", "internal": False}, acme)
    seen_by_member = (await api.ok(CASE, {"id": case_id}, member))["serviceCase"]
    listed_for_member = (await api.ok(CASES, {}, member))["serviceCases"]
    seen_by_acme = (await api.ok(CASE, {"id": case_id}, acme))["serviceCase"]

    # then
    assert opened["errors"] == []
    assert (opened["serviceCase"]["assignee"], opened["serviceCase"]["partnerCode"]) == ("PARTNER", "ACME")
    [shown] = opened["serviceCase"]["pictures"]
    key = shown["url"].split("/media/", 1)[1]
    assert (settings.storage_dir / key).read_bytes() == picture()
    assert (note["serviceCaseMessage"]["errors"], answer["serviceCaseMessage"]["errors"]) == ([], [])
    assert seen_by_member["messages"] == [{"body": "We are on it.", "author": "PARTNER", "internal": False}]
    assert [case["messages"] for case in listed_for_member] == [seen_by_member["messages"]]
    assert seen_by_member["memberEmail"] is None
    assert seen_by_acme["messages"] == [
        {"body": "Carrier lost it, ask for a refund", "author": "PARTNER", "internal": True},
        {"body": "We are on it.", "author": "PARTNER", "internal": False}]
    assert seen_by_acme["status"] == "ANSWERED"
    assert seen_by_acme["memberEmail"] == mall.shop.bank.member.email


async def test_partner_a_never_sees_partner_bs_cases(api, settings):
    # given: a case about ACME's shipment
    mall = await build_mall(settings)
    member = token_for(mall.shop.bank.member, settings)
    zeta = await staff_token(settings, "desk@zeta.example", (ScopeKind.PARTNER, "ZETA"))
    case_id = (await api.ok(OPEN, shipment_input(mall), member))["serviceCaseOpen"]["serviceCase"]["id"]

    # when
    listed = (await api.ok(CASES, {}, zeta))["serviceCases"]
    one = (await api.ok(CASE, {"id": case_id}, zeta))["serviceCase"]
    written = (await api.ok(MESSAGE, {"id": case_id, "body": "Hello", "internal": True}, zeta))["serviceCaseMessage"]
    resolved = (await api.ok(RESOLVE, {"id": case_id, "input": {"kind": "GOODWILL", "note": "Sorry", "points": 10,
                                                                 "payer": "PARTNER"}}, zeta))["serviceCaseResolve"]

    # then
    assert (listed, one) == ([], None)
    assert [(e["field"], e["code"]) for e in written["errors"]] == [("id", "NOT_FOUND")]
    assert [(e["field"], e["code"]) for e in resolved["errors"]] == [("id", "NOT_FOUND")]
    unchanged = (await api.ok(CASE, {"id": case_id}, member))["serviceCase"]
    assert (unchanged["status"], unchanged["messages"], unchanged["resolution"]) == ("OPEN", [], None)


async def test_the_bank_sees_its_members_cases_and_the_call_centre_opens_one_by_phone(api, settings):
    # given: the member is on BANKA's roster
    mall = await build_mall(settings)
    await Member.create(issuer=mall.shop.bank.issuer, customer_reference="A-0001", user=mall.shop.bank.member)
    bank = await staff_token(settings, "desk@banka.example", (ScopeKind.ISSUER, "BANKA"))
    other_bank = await staff_token(settings, "desk@bankb.example", (ScopeKind.ISSUER, "BANKB"))
    member_id = gid("User", mall.shop.bank.member.id)
    phoned = {"input": {"subject": "POINTS", "category": "POINTS_EXPIRY", "description": "Called: points expired",
                        "channel": mall.shop.bank.channel.slug, "user": member_id, "contactChannel": "PHONE"}}

    # when
    opened = (await api.ok(OPEN, phoned, bank))["serviceCaseOpen"]
    lookup = await api.ok("query($user: ID!) { serviceCases(user: $user) { number subject issuerCode } }",
                          {"user": member_id}, bank)
    elsewhere = await api.ok("query($user: ID!) { serviceCases(user: $user) { number } }", {"user": member_id},
                             other_bank)
    refused = (await api.ok(OPEN, phoned, other_bank))["serviceCaseOpen"]

    # then
    assert opened["errors"] == []
    assert lookup["serviceCases"] == [{"number": opened["serviceCase"]["number"], "subject": "POINTS",
                                       "issuerCode": "BANKA"}]
    assert elsewhere["serviceCases"] == []
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("user", "NOT_FOUND")]


async def test_a_resolved_case_is_reopened_once_and_rated_once(api, settings):
    # given: ACME explained and resolved the case
    mall = await build_mall(settings)
    member = token_for(mall.shop.bank.member, settings)
    acme = await staff_token(settings, "desk@acme.example", (ScopeKind.PARTNER, "ACME"))
    case_id = (await api.ok(OPEN, shipment_input(mall), member))["serviceCaseOpen"]["serviceCase"]["id"]
    explain = {"kind": "EXPLANATION", "note": "It arrives tomorrow."}
    await api.ok(RESOLVE, {"id": case_id, "input": explain}, acme)

    # when: the member reopens, ACME resolves again, the member tries to reopen again, then rates twice
    reopened = (await api.ok(REOPEN, {"id": case_id, "reason": "It did not arrive"}, member))["serviceCaseReopen"]
    await api.ok(RESOLVE, {"id": case_id, "input": {"kind": "RESHIPMENT", "note": "Sent again."}}, acme)
    again = (await api.ok(REOPEN, {"id": case_id, "reason": "Still nothing"}, member))["serviceCaseReopen"]
    rated = (await api.ok(RATE, {"id": case_id, "rating": 4}, member))["serviceCaseRate"]
    twice = (await api.ok(RATE, {"id": case_id, "rating": 1}, member))["serviceCaseRate"]
    final = (await api.ok(CASE, {"id": case_id}, member))["serviceCase"]

    # then
    assert (reopened["serviceCase"], reopened["errors"]) == (
        {"status": "REOPENED", "reopenCount": 1, "assignee": "PARTNER"}, [])
    assert [(e["field"], e["code"]) for e in again["errors"]] == [("id", "REOPEN_NOT_ALLOWED")]
    assert (rated["serviceCase"], [e["code"] for e in twice["errors"]]) == ({"rating": 4}, ["ALREADY_RATED"])
    assert (final["status"], final["rating"], final["resolution"]["kind"]) == ("RESOLVED", 4, "RESHIPMENT")
    assert [(e["kind"], e["fromStatus"], e["toStatus"]) for e in final["events"]] == [
        ("OPENED", "OPEN", "OPEN"), ("RESOLVED", "OPEN", "RESOLVED"), ("REOPENED", "RESOLVED", "REOPENED"),
        ("RESOLVED", "REOPENED", "RESOLVED"), ("RATED", "RESOLVED", "RESOLVED")]


async def test_reopening_after_the_window_is_refused(api, settings, set_clock):
    # given: resolved on 2 November; the default window is 14 days
    mall = await build_mall(settings)
    member = token_for(mall.shop.bank.member, settings)
    operator = await staff_token(settings, "ops@example.com")
    case_id = (await api.ok(OPEN, shipment_input(mall), member))["serviceCaseOpen"]["serviceCase"]["id"]
    await api.ok(RESOLVE, {"id": case_id, "input": {"kind": "EXPLANATION", "note": "On its way."}}, operator)

    # when
    set_clock("2026-11-17T10:00:00+08:00")
    member = token_for(mall.shop.bank.member, settings)  # signed in again: two weeks later
    late = (await api.ok(REOPEN, {"id": case_id, "reason": "It never came"}, member))["serviceCaseReopen"]

    # then
    assert [(e["field"], e["code"]) for e in late["errors"]] == [("id", "REOPEN_NOT_ALLOWED")]
    assert (await api.ok(CASE, {"id": case_id}, member))["serviceCase"]["status"] == "RESOLVED"
