"""Statement files in the mall's private local folder download through links the mall signs: the statement's
reader gets a link from the API that serves the file for an hour; a link for another file, a changed signature
or an expired link is refused the same way."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from mall.accounts.models import ScopeKind
from mall.graphql.ids import to_global_id
from tests.factories import make_staff, token_for
from tests.settlement.helpers import at, make_bank, redeem, settle_issuers

FILES = """query($id: ID!) { settlementStatement(id: $id) { files { kind sha256 sizeBytes url } } }"""
REFUSED = {"error": "This link is not valid or has expired."}


async def bank_statement_files(api, settings) -> list[dict[str, object]]:
    """BANKA's October statement's files, as its bank's staff read them."""
    bank = await make_bank(settings)
    await redeem(bank, 500, at("2026-10-10T02:00:00"), "order:october")
    statement = (await settle_issuers(settings, "2026-10", "BANKA")).issued[0]
    staff = await make_staff("bank-a@example.com", ["MANAGE_SETTLEMENTS"], scope=(ScopeKind.ISSUER, "BANKA"))
    answer = await api.ok(FILES, {"id": to_global_id("SettlementStatement", statement.id)}, token_for(staff, settings))
    return sorted(answer["settlementStatement"]["files"], key=lambda item: str(item["kind"]))


def path_of(url: object) -> str:
    parts = urlsplit(str(url))
    return f"{parts.path}?{parts.query}"


async def test_the_statements_reader_downloads_its_files_through_signed_links(api, http, settings, set_clock):
    # given
    set_clock("2026-11-05T10:00:00+08:00")
    files = await bank_statement_files(api, settings)

    # when
    downloads = [await http.get(path_of(item["url"])) for item in files]

    # then: each file whole (its SHA-256 as recorded), as an attachment, never cached
    assert [response.status_code for response in downloads] == [200, 200, 200]
    assert [hashlib.sha256(response.content).hexdigest() for response in downloads] == [f["sha256"] for f in files]
    assert [response.headers["content-type"] for response in downloads] == [
        "text/csv; charset=utf-8", "application/json", "application/json"]
    assert all(response.headers["content-disposition"].startswith("attachment;") for response in downloads)
    assert {response.headers["cache-control"] for response in downloads} == {"private, no-store"}


async def test_a_tampered_link_or_one_for_another_file_is_refused(api, http, settings, set_clock):
    # given
    set_clock("2026-11-05T10:00:00+08:00")
    csv_file, json_file, _ = await bank_statement_files(api, settings)
    csv_path, json_path = path_of(csv_file["url"]), path_of(json_file["url"])
    other_file = json_path.split("?")[0] + "?" + csv_path.split("?")[1]  # the CSV's signature on the JSON's id

    # when
    answers = [await http.get(path) for path in (
        other_file, csv_path[:-4] + "0000", csv_path.split("?")[0], "/settlement-files/abc?expires=1&signature=x")]

    # then
    assert [(response.status_code, response.json()) for response in answers] == [(404, REFUSED)] * 4


async def test_a_link_expires_after_an_hour(api, http, settings, set_clock):
    # given: a link handed out at 10:00
    set_clock("2026-11-05T10:00:00+08:00")
    csv_file, *_ = await bank_statement_files(api, settings)

    # when: it is used at 10:59 and at 11:01
    set_clock("2026-11-05T10:59:00+08:00")
    in_time = await http.get(path_of(csv_file["url"]))
    set_clock("2026-11-05T11:01:00+08:00")
    too_late = await http.get(path_of(csv_file["url"]))

    # then
    assert in_time.status_code == 200
    assert (too_late.status_code, too_late.json()) == (404, REFUSED)
