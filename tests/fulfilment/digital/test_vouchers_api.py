"""Vouchers through the API: partners upload codes, a member redeems vouchers with no address and reads
the codes; nobody else reads them in clear, and no code reaches the logs."""

from __future__ import annotations

import logging

from fulfilment.digital.models import DigitalCode
from orders.models import Order, OrderStatus
from tests.factories import make_member, token_for
from tests.fulfilment.digital.api import (
    UPLOAD,
    checkout_and_complete,
    gid,
    staff_token,
    vouchers_seen,
)
from tests.fulfilment.digital.world import (
    COFFEE_PARTNER,
    TOPUP_PARTNER,
    USAGE_EN,
    USAGE_ZH,
    build_digital_mall,
    coffee_stock,
)
from tests.orders.services.world import give_points

CODES = ("BREW-7Q2M-41XK", "BREW-9PLD-03ZA")
ORDER_OF_OTHERS = "query Order($id: ID!) { order(id: $id) { id lines { productName } fulfillments { id } } }"


async def test_a_partner_uploads_codes_and_another_partner_cannot(api, settings, set_clock):
    # given
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    brew = await staff_token(settings, "brew@example.com", ["MANAGE_PRODUCTS"], COFFEE_PARTNER)
    rival = await staff_token(settings, "topup@example.com", ["MANAGE_PRODUCTS"], TOPUP_PARTNER)
    csv = "code,valid_until\n" + "".join(f"{code},2027-03-31\n" for code in CODES) + "BREW-OLD,2026-01-01\n"

    # when
    refused = (await api.ok(UPLOAD, {"variant": gid("ProductVariant", mall.coffee.id), "csv": csv},
                            rival))["digitalCodesUpload"]
    uploaded = (await api.ok(UPLOAD, {"variant": gid("ProductVariant", mall.coffee.id), "csv": csv},
                             brew))["digitalCodesUpload"]

    # then: the rival finds no such variant and changed nothing; the partner's codes are in
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("variant", "NOT_FOUND")]
    assert uploaded == {"added": 2, "duplicates": 0, "refused": [{"row": 4, "reason": "The code has expired already."}],
                        "digitalGift": {"mode": "CODE_POOL", "availableCodes": 2}, "errors": []}
    assert await coffee_stock(mall) == (2, 0)


async def test_a_member_redeems_vouchers_and_reads_the_codes_nobody_else_can(api, settings, set_clock, caplog):
    # given: two codes in the pool, the buyer and another member
    caplog.set_level(logging.DEBUG)
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    brew = await staff_token(settings, "brew@example.com", ["MANAGE_PRODUCTS", "MANAGE_ORDERS"], COFFEE_PARTNER)
    rival = await staff_token(settings, "topup@example.com", ["MANAGE_ORDERS"], TOPUP_PARTNER)
    operator = await staff_token(settings, "ops@example.com", ["MANAGE_ORDERS"])
    await api.ok(UPLOAD, {"variant": gid("ProductVariant", mall.coffee.id),
                          "csv": "code,valid_until\n" + "".join(f"{c},2027-03-31\n" for c in CODES)}, brew)
    buyer = token_for(mall.member, settings)
    other = await make_member(settings, "lei@example.com")
    await give_points(mall.channel, other, 5_000)

    # when: the member checks out two vouchers with no address and no delivery method
    completed = await checkout_and_complete(api, buyer, mall.channel.slug, [(mall.coffee, 2)])

    # then: the order is fulfilled at once
    assert completed["errors"] == []
    order_id = completed["order"]["id"]
    assert completed["order"]["status"] == "FULFILLED"
    assert (await Order.get(number=int(completed["order"]["number"]))).status == OrderStatus.FULFILLED

    # when: each party asks for the order's vouchers
    mine = await vouchers_seen(api, buyer, order_id)
    seen_by = {name: await vouchers_seen(api, token, order_id) for name, token in (
        ("other member", token_for(other, settings)), ("rival partner", rival), ("partner", brew),
        ("operator", operator), ("anonymous", None))}

    # then: the buyer reads both codes, with validity and how to use them, in both languages
    assert sorted(v["code"] for v in mine) == sorted(CODES)
    assert {(v["status"], v["validUntil"], v["usageEn"], v["usageZhHans"], v["codeMasked"]) for v in mine} == {
        ("ACTIVE", "2027-03-31", USAGE_EN, USAGE_ZH, False)}
    # and the others see nothing, or masked codes
    assert seen_by["other member"] == []
    assert seen_by["rival partner"] == []
    assert seen_by["anonymous"] == ["PermissionDenied"]
    for staff in ("partner", "operator"):
        assert sorted(v["code"] for v in seen_by[staff]) == sorted("\u2022" * 12 + code[-2:] for code in CODES)
        assert {v["codeMasked"] for v in seen_by[staff]} == {True}
    # and no answer to anyone else, no log line, no stored row holds a code in clear
    others = [await api.post(ORDER_OF_OTHERS, {"id": order_id}, token) for token in (token_for(other, settings),
                                                                                       rival, operator, None)]
    leaked = str(seen_by) + "".join(str(answer.body) for answer in others) + caplog.text
    assert [code for code in CODES if code in leaked] == []
    assert [code for code in CODES for row in await DigitalCode.all() if code in row.sealed] == []
    # and shown once: the codes now count as seen by the member
    assert await DigitalCode.filter(revealed_at__isnull=True).count() == 0


async def test_the_member_lists_every_voucher_including_one_still_being_issued(api, settings, set_clock):
    # given: a coffee voucher delivered and a top-up the partner has not issued yet
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    brew = await staff_token(settings, "brew@example.com", ["MANAGE_PRODUCTS"], COFFEE_PARTNER)
    await api.ok(UPLOAD, {"variant": gid("ProductVariant", mall.coffee.id), "csv": "code\nBREW-NO-DATE-01\n"}, brew)
    buyer = token_for(mall.member, settings)
    await checkout_and_complete(api, buyer, mall.channel.slug, [(mall.coffee, 1)])
    topup = await checkout_and_complete(api, buyer, mall.channel.slug, [(mall.topup, 1)])

    # when
    mine = await vouchers_seen(api, buyer)

    # then: newest order first
    assert topup["order"]["status"] == "UNFULFILLED"
    assert [(v["productName"], v["status"], v["code"], v["validUntil"]) for v in mine] == [
        ("TOPUP-30 voucher", "PENDING", None, None),
        ("COFFEE-50 voucher", "ACTIVE", "BREW-NO-DATE-01", None),
    ]


MARK_USED = """
mutation Used($variant: ID!, $codes: [String!]!) {
  digitalCodesMarkUsed(variant: $variant, codes: $codes) { used errors { field code } }
}
"""


async def test_a_code_the_partner_reports_redeemed_shows_as_used_and_an_expired_one_as_expired(
        api, settings, set_clock):
    # given: two vouchers redeemed, one valid through 10 December
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    brew = await staff_token(settings, "brew@example.com", ["MANAGE_PRODUCTS"], COFFEE_PARTNER)
    rival = await staff_token(settings, "topup@example.com", ["MANAGE_PRODUCTS"], TOPUP_PARTNER)
    csv = "code,valid_until\nBREW-USED-0001,2027-03-31\nBREW-OLD-0002,2026-12-10\n"
    await api.ok(UPLOAD, {"variant": gid("ProductVariant", mall.coffee.id), "csv": csv}, brew)
    buyer = token_for(mall.member, settings)
    await checkout_and_complete(api, buyer, mall.channel.slug, [(mall.coffee, 2)])
    variables = {"variant": gid("ProductVariant", mall.coffee.id), "codes": ["BREW-USED-0001", "BREW-NEVER-SOLD"]}

    # when: a rival reports it, then the partner does; and the member looks after 10 December
    refused = (await api.ok(MARK_USED, variables, rival))["digitalCodesMarkUsed"]
    marked = (await api.ok(MARK_USED, variables, brew))["digitalCodesMarkUsed"]
    set_clock("2026-12-11T10:00:00+08:00")
    mine = await vouchers_seen(api, token_for(mall.member, settings))

    # then
    assert refused == {"used": 0, "errors": [{"field": "variant", "code": "NOT_FOUND"}]}
    assert marked == {"used": 1, "errors": []}
    assert sorted((v["code"], v["status"]) for v in mine) == [("BREW-OLD-0002", "EXPIRED"),
                                                              ("BREW-USED-0001", "USED")]
