"""Bad input is refused with Saleor-style errors, and nothing is written: no case, event, picture or ledger
transfer, and a resolution that fails leaves the case open."""

from __future__ import annotations

import pytest

from mall.accounts.models import ScopeKind
from tests.cases.api import OPEN, RESOLVE, gid, open_with_pictures, picture, staff_token
from tests.cases.world import build_mall
from tests.factories import make_member, token_for
from tests.security.probe import database_state

NO_SUCH_ROW = "8a4e4ba0-3b5e-4d2f-9d1e-0c4f6c1d2e3f"


def case_input(mall, **changes) -> dict:
    fields = {"subject": "SHIPMENT", "category": "DAMAGED", "description": "Broken spout",
              "order": gid("Order", mall.order_id), "fulfillment": gid("Fulfillment", mall.shipment_id)}
    return {"input": {**fields, **changes}}


@pytest.mark.parametrize(("changes", "expected"), [
    ({"description": "   "}, [("description", "REQUIRED")]),
    ({"description": "x" * 4_001}, [("description", "INVALID")]),
    ({"fulfillment": None}, [("fulfillment", "REQUIRED")]),
    ({"order": None}, [("order", "REQUIRED")]),
    ({"order": gid("Order", NO_SUCH_ROW)}, [("order", "NOT_FOUND")]),
    ({"order": "not-an-id"}, [("order", "GRAPHQL_ERROR")]),
    ({"contactChannel": "PHONE"}, [("contactChannel", "INVALID")]),
    ({"subject": "POINTS", "order": None, "fulfillment": None, "channel": "nowhere"}, [("channel", "NOT_FOUND")]),
])
async def test_a_member_s_bad_case_is_refused_and_nothing_is_written(api, settings, changes, expected):
    # given
    mall = await build_mall(settings)
    member = token_for(mall.shop.bank.member, settings)
    before = await database_state()

    # when
    answer = (await api.ok(OPEN, case_input(mall, **changes), member))["serviceCaseOpen"]

    # then
    assert [(e["field"], e["code"]) for e in answer["errors"]] == expected
    assert answer["serviceCase"] is None
    assert await database_state() == before


async def test_another_members_order_looks_absent(api, settings):
    # given
    mall = await build_mall(settings)
    stranger = token_for(await make_member(settings, "lu@example.com"), settings)
    before = await database_state()

    # when
    answer = (await api.ok(OPEN, case_input(mall), stranger))["serviceCaseOpen"]

    # then
    assert [(e["field"], e["code"]) for e in answer["errors"]] == [("order", "NOT_FOUND")]
    assert await database_state() == before


async def test_a_file_that_is_no_picture_is_refused_and_nothing_is_stored(http, settings):
    # given
    mall = await build_mall(settings)
    member = token_for(mall.shop.bank.member, settings)
    before = await database_state()
    files_before = {path for path in settings.storage_dir.rglob("*") if path.is_file()}

    # when
    answer = await open_with_pictures(http, member, case_input(mall), [picture(), b"<script>alert(1)</script>"])

    # then
    assert [(e["field"], e["code"]) for e in answer["errors"]] == [("pictures", "UNSUPPORTED_MIME_TYPE")]
    assert await database_state() == before
    assert {path for path in settings.storage_dir.rglob("*") if path.is_file()} == files_before


@pytest.mark.parametrize(("resolution", "expected"), [
    ({"kind": "GOODWILL", "note": "Sorry", "points": 0, "payer": "PARTNER"}, [("points", "INVALID")]),
    ({"kind": "GOODWILL", "note": "Sorry", "points": 100}, [("payer", "INVALID")]),
    ({"kind": "GOODWILL", "note": "Sorry", "points": 100, "payer": "OPERATOR"}, [("payer", "INVALID")]),
    ({"kind": "EXPLANATION", "note": " "}, [("note", "REQUIRED")]),
    ({"kind": "REFUND", "note": "Refund"}, [("lines", "REQUIRED")]),
    ({"kind": "REFUND", "note": "Refund", "lines": [{"orderLine": gid("OrderLine", NO_SUCH_ROW), "quantity": 1}]},
     [("lines", "NOT_FOUND")]),
    ({"kind": "RETURN", "note": "Send it back"}, [("fulfillment", "INVALID")]),
])
async def test_a_bad_resolution_is_refused_and_the_case_stays_open(api, settings, resolution, expected):
    # given: an open case about ACME's shipment (not delivered yet: nothing to return)
    mall = await build_mall(settings)
    member = token_for(mall.shop.bank.member, settings)
    acme = await staff_token(settings, "desk@acme.example", (ScopeKind.PARTNER, "ACME"))
    case_id = (await api.ok(OPEN, case_input(mall), member))["serviceCaseOpen"]["serviceCase"]["id"]
    before = await database_state()

    # when
    answer = (await api.ok(RESOLVE, {"id": case_id, "input": resolution}, acme))["serviceCaseResolve"]

    # then
    assert [(e["field"], e["code"]) for e in answer["errors"]] == expected
    assert await database_state() == before


async def test_a_long_description_within_4000_characters_is_taken(api, settings):
    # given
    mall = await build_mall(settings)
    member = token_for(mall.shop.bank.member, settings)

    # when
    answer = (await api.ok(OPEN, case_input(mall, description="x" * 4_000), member))["serviceCaseOpen"]

    # then
    assert answer["errors"] == []
    assert answer["serviceCase"]["status"] == "OPEN"


async def test_the_bank_does_not_reship(api, settings):
    # given
    mall = await build_mall(settings)
    member = token_for(mall.shop.bank.member, settings)
    bank = await staff_token(settings, "desk@banka.example", (ScopeKind.ISSUER, "BANKA"))
    case_id = (await api.ok(OPEN, case_input(mall), member))["serviceCaseOpen"]["serviceCase"]["id"]
    before = await database_state()

    # when
    answer = (await api.ok(RESOLVE, {"id": case_id, "input": {"kind": "RESHIPMENT", "note": "Again"}}, bank))

    # then
    assert [(e["field"], e["code"]) for e in answer["serviceCaseResolve"]["errors"]] == [("kind", "INVALID")]
    assert await database_state() == before
