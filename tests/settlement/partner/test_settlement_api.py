"""Settlement in the API: who sees which statements, who confirms, disputes and marks them paid."""

from __future__ import annotations

import dataclasses

import httpx
import pytest

from mall.accounts.models import ScopeKind
from mall.app import create_app
from mall.graphql.ids import to_global_id
from settlement.models import Statement, StatementEvent, StatementStatus
from tests.conftest import TEST_PUBLIC_URL
from tests.factories import make_staff, token_for
from tests.graphql_client import GraphQLClient
from tests.settlement.helpers import at, make_bank, redeem, settle_issuers
from tests.settlement.partner.helpers import deliver, make_shop, order_gifts, settle_partner

STATEMENTS = """
query($filter: SettlementStatementFilterInput) {
  settlementStatements(first: 10, filter: $filter) {
    totalCount
    edges { node { kind counterpartyCode period status amountDue { amount currency }
      lines(first: 10) { edges { node { kind reference pointsCaptured transferIds amount { amount } } } } } }
  }
}"""
CONFIRM = "mutation($id: ID!) { settlementStatementConfirm(id: $id) { statement { status } errors { code } } }"
DISPUTE = """mutation($id: ID!, $reason: String!) {
  settlementStatementDispute(id: $id, reason: $reason) { statement { status } errors { field code } } }"""
MARK_PAID = """mutation($id: ID!, $reference: String) {
  settlementStatementMarkPaid(id: $id, reference: $reference) { statement { status paymentReference }
  errors { field code } } }"""
RUN = """mutation($input: SettlementRunInput!) {
  settlementRun(input: $input) { run { period status differences statementsIssued }
  statements { counterpartyCode amountDue { amount } } errors { field message code } } }"""


async def token(settings, email: str, scope: tuple[ScopeKind, str] | None = None,
                permissions: list[str] | None = None) -> str:
    staff = await make_staff(email, permissions if permissions is not None else ["MANAGE_SETTLEMENTS"], scope)
    return token_for(staff, settings)


async def two_statements(settings) -> tuple[Statement, Statement]:
    """BANKA's and partner ACME's November statements."""
    shop = await make_shop(settings)
    line = await order_gifts(shop, 1)
    await deliver(shop, line, 1, at("2026-11-12T03:00:00"))
    partner = (await settle_partner(settings, period="2026-11")).issued[0]
    await redeem(shop.bank, 500, at("2026-10-10T02:00:00"), "order:october")
    issuer = (await settle_issuers(settings, "2026-10", "BANKA")).issued[0]
    return issuer, partner


def gid(statement: Statement) -> str:
    return to_global_id("SettlementStatement", statement.id)


@pytest.mark.parametrize(("scope", "expected"), [
    (None, [("ISSUER", "BANKA"), ("PARTNER", "ACME")]),
    ((ScopeKind.ISSUER, "BANKA"), [("ISSUER", "BANKA")]),
    ((ScopeKind.ISSUER, "BANKB"), []),
    ((ScopeKind.PARTNER, "ACME"), [("PARTNER", "ACME")]),
    ((ScopeKind.PARTNER, "OTHER"), []),
])
async def test_staff_see_only_their_issuers_or_partners_statements(api, settings, scope, expected):
    # given
    await two_statements(settings)
    caller = await token(settings, "viewer@example.com", scope)

    # when
    data = await api.ok(STATEMENTS, token=caller)

    # then
    nodes = [edge["node"] for edge in data["settlementStatements"]["edges"]]
    assert sorted((n["kind"], n["counterpartyCode"]) for n in nodes) == expected


async def test_statements_need_manage_settlements(api, settings):
    # given
    await two_statements(settings)
    caller = await token(settings, "orders@example.com", permissions=["MANAGE_ORDERS"])

    # when
    response = await api.post(STATEMENTS, token=caller)

    # then
    assert response.error_codes == ["PermissionDenied"]


async def test_an_issuer_statement_shows_its_lines_and_their_transfers(api, settings):
    # given
    bank = await make_bank(settings)
    capture = await redeem(bank, 700, at("2026-11-10T02:00:00"), "order:kettle")
    await settle_issuers(settings, "2026-11", "BANKA")
    caller = await token(settings, "bank@example.com", (ScopeKind.ISSUER, "BANKA"))

    # when
    data = await api.ok(STATEMENTS, {"filter": {"period": "2026-11"}}, token=caller)

    # then
    node = data["settlementStatements"]["edges"][0]["node"]
    assert (node["status"], node["amountDue"]) == ("ISSUED", {"amount": 7.0, "currency": "CNY"})
    assert [edge["node"] for edge in node["lines"]["edges"]] == [
        {"kind": "ORDER", "reference": "order:kettle", "pointsCaptured": 700, "transferIds": [str(capture.id)],
         "amount": {"amount": 7.0}}
    ]


async def test_the_bank_confirms_its_statement_and_the_operator_marks_it_paid(api, settings):
    # given
    issuer, _ = await two_statements(settings)
    bank = await token(settings, "bank@example.com", (ScopeKind.ISSUER, "BANKA"))
    operator = await token(settings, "operator@example.com")

    # when
    confirmed = await api.ok(CONFIRM, {"id": gid(issuer)}, token=bank)
    paid = await api.ok(MARK_PAID, {"id": gid(issuer), "reference": "BANKA-WIRE-77"}, token=operator)

    # then
    assert confirmed["settlementStatementConfirm"] == {"statement": {"status": "CONFIRMED"}, "errors": []}
    assert paid["settlementStatementMarkPaid"] == {
        "statement": {"status": "PAID", "paymentReference": "BANKA-WIRE-77"}, "errors": []
    }
    events = await StatementEvent.filter(statement_id=issuer.id).values_list("to_status", flat=True)
    assert events == [StatementStatus.DRAFT, StatementStatus.ISSUED, StatementStatus.CONFIRMED, StatementStatus.PAID]


async def test_the_partner_disputes_with_a_reason_and_a_blank_reason_changes_nothing(api, settings):
    # given
    _, partner = await two_statements(settings)
    acme = await token(settings, "acme@example.com", (ScopeKind.PARTNER, "ACME"))

    # when
    blank = await api.ok(DISPUTE, {"id": gid(partner), "reason": " "}, token=acme)
    disputed = await api.ok(DISPUTE, {"id": gid(partner), "reason": "Two kettles were delivered"}, token=acme)

    # then
    assert blank["settlementStatementDispute"]["errors"] == [{"field": "reason", "code": "REQUIRED"}]
    assert disputed["settlementStatementDispute"] == {"statement": {"status": "DISPUTED"}, "errors": []}
    notes = await StatementEvent.filter(statement_id=partner.id).values_list("note", flat=True)
    assert notes[-1] == "Two kettles were delivered"


async def test_only_the_counterparty_confirms_and_only_the_operator_marks_paid(api, settings):
    # given
    issuer, partner = await two_statements(settings)
    operator = await token(settings, "operator@example.com")
    other_partner = await token(settings, "other@example.com", (ScopeKind.PARTNER, "OTHER"))
    bank = await token(settings, "bank@example.com", (ScopeKind.ISSUER, "BANKA"))

    # when
    by_operator = await api.post(CONFIRM, {"id": gid(issuer)}, token=operator)
    by_stranger = await api.ok(CONFIRM, {"id": gid(partner)}, token=other_partner)
    paid_by_bank = await api.post(MARK_PAID, {"id": gid(issuer), "reference": "X"}, token=bank)

    # then
    assert by_operator.error_codes == ["PermissionDenied"]
    assert by_stranger["settlementStatementConfirm"]["errors"] == [{"code": "NOT_FOUND"}]
    assert paid_by_bank.error_codes == ["PermissionDenied"]
    statuses = await Statement.all().order_by("id").values_list("status", flat=True)
    assert statuses == [StatementStatus.ISSUED, StatementStatus.ISSUED]


async def test_the_operator_runs_a_period_and_a_mismatch_comes_back_as_errors(api, settings):
    # given
    bank = await make_bank(settings)
    await redeem(bank, 400, at("2026-10-10T02:00:00"), "order:tea")
    await redeem(bank, 100, at("2026-10-11T02:00:00"), "manual:oops")
    operator = await token(settings, "operator@example.com")

    # when: October is over whenever this runs
    data = await api.ok(RUN, {"input": {"period": "2026-10", "issuerCode": "BANKA"}}, token=operator)

    # then
    payload = data["settlementRun"]
    assert (payload["run"]["status"], payload["run"]["statementsIssued"], payload["statements"]) == ("REFUSED", 0, [])
    assert [e["code"] for e in payload["errors"]] == ["RECONCILIATION_MISMATCH"] * 3
    assert payload["errors"][0]["message"] == (
        "issuer BANKA 2026-10: captures 500 points in the ledger, 400 on the statement (difference 100)"
    )
    assert await Statement.all().count() == 0


async def test_the_operator_runs_a_period_and_gets_its_statements(api, settings):
    # given
    bank = await make_bank(settings)
    await redeem(bank, 400, at("2026-10-10T02:00:00"), "order:tea")
    operator = await token(settings, "operator@example.com")

    # when
    data = await api.ok(RUN, {"input": {"period": "2026-10", "issuerCode": "BANKA"}}, token=operator)

    # then
    assert data["settlementRun"] == {
        "run": {"period": "2026-10", "status": "SUCCEEDED", "differences": [], "statementsIssued": 1},
        "statements": [{"counterpartyCode": "BANKA", "amountDue": {"amount": 4.0}}], "errors": [],
    }


async def test_bank_staff_cannot_run_settlement(api, settings):
    # given
    await make_bank(settings)
    bank = await token(settings, "bank@example.com", (ScopeKind.ISSUER, "BANKA"))

    # when
    response = await api.post(RUN, {"input": {"period": "2026-10"}}, token=bank)

    # then
    assert response.error_codes == ["PermissionDenied"]


STATEMENT = """query($id: ID!) { settlementStatement(id: $id) { counterpartyCode liability { opening redeemed closing }
  files { kind sha256 url } events { fromStatus toStatus actor } } }"""


async def test_one_statement_by_id_is_null_outside_the_callers_scope(api, settings):
    # given
    issuer, _ = await two_statements(settings)
    own = await token(settings, "bank-a@example.com", (ScopeKind.ISSUER, "BANKA"))
    foreign = await token(settings, "bank-b@example.com", (ScopeKind.ISSUER, "BANKB"))

    # when
    seen = await api.ok(STATEMENT, {"id": gid(issuer)}, token=own)
    hidden = await api.ok(STATEMENT, {"id": gid(issuer)}, token=foreign)

    # then: local statement files have the mall's signed links (the folder itself is private)
    statement = seen["settlementStatement"]
    assert (statement["counterpartyCode"], statement["liability"]) == (
        "BANKA", {"opening": 100_000, "redeemed": 500, "closing": 99_500}
    )
    assert sorted(f["kind"] for f in statement["files"]) == ["csv", "json", "manifest"]
    assert all(f["url"].startswith(f"{TEST_PUBLIC_URL}/settlement-files/") for f in statement["files"])
    assert [(e["fromStatus"], e["toStatus"]) for e in statement["events"]] == [(None, "DRAFT"), ("DRAFT", "ISSUED")]
    assert hidden == {"settlementStatement": None}


async def test_files_in_the_issuers_bucket_have_presigned_links(settings, s3_server, s3_bucket):
    # given: an app whose settings know the S3 endpoint
    s3_settings = dataclasses.replace(settings, extra={"S3_ENDPOINT_URL": s3_server.endpoint_url})
    bank = await make_bank(settings, storage_location=f"s3://{s3_bucket}/statements")
    await redeem(bank, 500, at("2026-10-10T02:00:00"), "order:tea")
    statement = (await settle_issuers(s3_settings, "2026-10", "BANKA")).issued[0]
    operator = await token(settings, "operator@example.com")
    transport = httpx.ASGITransport(app=create_app(s3_settings, manage_database=False))

    # when
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        data = await GraphQLClient(http).ok(STATEMENT, {"id": gid(statement)}, token=operator)

    # then
    urls = [f["url"] for f in data["settlementStatement"]["files"]]
    prefix = f"{s3_server.endpoint_url}/{s3_bucket}/statements/settlements/issuer/BANKA/"
    assert [(url.startswith(prefix), "X-Amz-Signature=" in url) for url in urls] == [(True, True)] * 3
