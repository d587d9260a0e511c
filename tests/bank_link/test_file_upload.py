"""`bankFileImport`: bank staff upload their roster and points feed; good rows are applied, refused rows come
back as the error file; another bank's staff and partners are refused."""

from __future__ import annotations

import base64
import json

import pytest

from bank_link.models import Member
from ledger.services import points_balance
from mall.accounts.models import ScopeKind
from tests.bank_link.helpers import snapshot
from tests.factories import make_staff, token_for

IMPORT = """mutation Import($input: BankFileImportInput!) {
  bankFileImport(input: $input) {
    rows refused summary counts { outcome rows } errorFileName errorFileBase64 errors { field code }
  }
}"""
ROSTER = "customer_reference,name,email,phone,status\nC001,Mei Lin,mei@example.com,,\nbad ref!,Bo Wu,bo@example.com,,\n"
FEED = ("transaction_id,customer_reference,points,earned_at\nTX-1,C001,300,2026-11-20T09:30:00+08:00\n"
        "TX-2,NOBODY,50,2026-11-20T09:30:00+08:00\n")


@pytest.fixture(autouse=True)
def imported_in_late_november(set_clock):
    set_clock("2026-11-25T10:00:00+08:00")


async def upload(http, token: str, kind: str, name: str, content: bytes, issuer: str | None = None) -> dict:
    operations = {"query": IMPORT, "variables": {"input": {"kind": kind, "issuer": issuer, "file": None}}}
    form = {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.input.file"]})}
    response = await http.post("/graphql/", headers={"Authorization": f"Bearer {token}"}, data=form,
                               files={"0": (name, content, "text/csv")})
    return response.json()


async def desk(issuer: str = "BANKA", email: str = "desk@bank-a.example"):
    return await make_staff(email, ["MANAGE_USERS", "MANAGE_POINTS"], (ScopeKind.ISSUER, issuer))


async def test_the_bank_uploads_its_roster_then_its_feed_and_gets_the_refused_rows_back(http, settings, channel):
    # given
    token = token_for(await desk(), settings)

    # when
    roster = (await upload(http, token, "MEMBERS", "roster.csv", ROSTER.encode()))["data"]["bankFileImport"]
    feed = (await upload(http, token, "POINTS", "feed.csv", FEED.encode()))["data"]["bankFileImport"]

    # then: the good rows are applied
    assert {key: roster[key] for key in ("rows", "refused", "summary", "errors")} == {
        "rows": 2, "refused": 1, "summary": "2 rows: 1 created, 0 updated, 0 unchanged, 1 refused", "errors": []}
    assert {key: feed[key] for key in ("rows", "refused", "counts", "errorFileName", "errors")} == {
        "rows": 2, "refused": 1, "errorFileName": "feed.errors.csv", "errors": [],
        "counts": [{"outcome": "credited", "rows": 1}, {"outcome": "reversed", "rows": 0},
                   {"outcome": "unchanged", "rows": 0}]}
    mei = await Member.get(customer_reference="C001")
    assert (await points_balance(channel.id, mei.user_id)).points_available == 300  # type: ignore[attr-defined]

    # and: the refused rows come back with their reason
    roster_errors = base64.b64decode(roster["errorFileBase64"]).decode().splitlines()
    assert roster_errors[0] == "customer_reference,name,email,phone,status,error"
    assert roster_errors[1].startswith("bad ref!,Bo Wu,bo@example.com,,,")
    feed_errors = base64.b64decode(feed["errorFileBase64"]).decode().splitlines()
    assert feed_errors[1].startswith("TX-2,NOBODY,50,2026-11-20T09:30:00+08:00,")


async def test_the_same_feed_again_changes_nothing(http, settings, channel):
    # given
    token = token_for(await desk(), settings)
    await upload(http, token, "MEMBERS", "roster.csv", ROSTER.encode())
    await upload(http, token, "POINTS", "feed.csv", FEED.encode())
    before = await snapshot()

    # when
    again = (await upload(http, token, "POINTS", "feed.csv", FEED.encode()))["data"]["bankFileImport"]

    # then
    assert again["counts"][2] == {"outcome": "unchanged", "rows": 1}
    assert await snapshot() == before


@pytest.mark.parametrize(("content", "error"), [
    (b"", {"field": "file", "code": "REQUIRED"}),
    (b"id,points\n1,2\n", {"field": "file", "code": "INVALID"}),
])
async def test_an_empty_file_or_a_bad_header_is_refused_and_changes_nothing(http, settings, channel, content, error):
    # given
    token = token_for(await desk(), settings)
    before = await snapshot()

    # when
    answer = (await upload(http, token, "POINTS", "feed.csv", content))["data"]["bankFileImport"]

    # then
    assert answer["errors"] == [error]
    assert await snapshot() == before


async def test_another_banks_staff_cannot_import_for_bank_a(http, settings, channel):
    # given
    other = token_for(await desk("BANKB", "desk@bank-b.example"), settings)
    before = await snapshot()

    # when
    answer = await upload(http, other, "MEMBERS", "roster.csv", ROSTER.encode(), issuer="BANKA")

    # then
    assert answer["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert await snapshot() == before
