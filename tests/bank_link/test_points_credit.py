"""`pointsCredit`: bank systems credit points in real time, for their own issuer only, idempotently."""

from __future__ import annotations

import pytest

from bank_link.issuers import IssuerData, create_issuer
from bank_link.member_import import import_members
from ledger.services import points_balance
from mall.accounts.models import ScopeKind
from mall.accounts.services import create_app
from tests.bank_link.helpers import snapshot, write_file
from tests.factories import make_channel, make_staff, token_for

CREDIT = """
mutation Credit($input: PointsCreditInput!) {
  pointsCredit(input: $input) {
    replayed
    transfer { kind points availableChange reference reason actor description }
    errors { field message code }
  }
}
"""

REVERSE = CREDIT.replace("transfer { kind", "transfer { id reverses kind")


def credit(points: int = 120, transaction_id: str = "TX-1", **fields: object) -> dict[str, object]:
    return {"input": {"transactionId": transaction_id, "customerReference": "C001", "points": points,
                      "earnedAt": "2026-11-20T09:30:00+08:00", "kind": "spend", **fields}}


@pytest.fixture
async def mei(channel, tmp_path) -> int:
    roster = ["customer_reference,name,email,phone,status", "C001,Mei Lin,mei@example.com,,"]
    await import_members("BANKA", str(write_file(tmp_path, "roster.csv", roster)))
    from bank_link.models import Member

    return (await Member.get(customer_reference="C001")).user_id  # type: ignore[attr-defined]


async def bank_app(issuer_code: str = "BANKA", permissions: tuple[str, ...] = ("MANAGE_POINTS",)) -> str:
    _, token = await create_app(f"{issuer_code} core banking", permissions, (ScopeKind.ISSUER, issuer_code))
    return token


@pytest.fixture(autouse=True)
def imported_in_late_november(set_clock):
    """The bank's points were earned in November 2026 and reach the mall on 25 November (Shanghai): under
    Bank A's policy (end of the next year) they are spendable until the end of 2027, whatever today is."""
    set_clock("2026-11-25T10:00:00+08:00")


async def test_the_banks_app_credits_its_member(api, channel, mei):
    # given
    app, token = await create_app("Bank A core banking", ("MANAGE_POINTS",), (ScopeKind.ISSUER, "BANKA"))

    # when
    data = await api.ok(CREDIT, credit(), token=token)

    # then
    payload = data["pointsCredit"]
    assert payload["errors"] == []
    assert payload["replayed"] is False
    assert payload["transfer"] == {
        "kind": "ACCRUAL", "points": 120, "availableChange": 120, "reference": "feed:TX-1", "reason": "spend",
        "actor": f"app:{app.id}", "description": "Points earned - bank record TX-1",
    }
    assert (await points_balance(channel.id, mei)).points_available == 120


async def test_the_same_transaction_again_returns_the_first_credit(api, channel, mei):
    # given
    token = await bank_app()
    await api.ok(CREDIT, credit(), token=token)
    before = await snapshot()

    # when
    data = await api.ok(CREDIT, credit(), token=token)

    # then
    assert data["pointsCredit"]["replayed"] is True
    assert data["pointsCredit"]["transfer"]["points"] == 120
    assert await snapshot() == before


async def test_negative_points_take_points_back(api, channel, mei):
    # given
    token = await bank_app()
    await api.ok(CREDIT, credit(120), token=token)

    # when
    data = await api.ok(CREDIT, credit(-20, "TX-2", kind="refund at merchant"), token=token)

    # then
    assert data["pointsCredit"]["transfer"]["availableChange"] == -20
    assert data["pointsCredit"]["transfer"]["description"] == "Earned points taken back - bank record TX-2"
    assert (await points_balance(channel.id, mei)).points_available == 100


async def test_negative_points_naming_a_credit_reverse_it(api, channel, mei):
    # given
    token = await bank_app()
    first = await api.ok(REVERSE, credit(120), token=token)

    # when
    data = await api.ok(REVERSE, credit(-120, "TX-2", kind="purchase refunded", reverses="TX-1"), token=token)

    # then
    payload = data["pointsCredit"]
    assert payload["errors"] == []
    assert payload["transfer"]["reverses"] == first["pointsCredit"]["transfer"]["id"]
    assert payload["transfer"]["availableChange"] == -120
    assert payload["transfer"]["description"] == ("Earned points taken back (correction of an earlier transfer) "
                                                  "- bank record TX-2")
    assert (await points_balance(channel.id, mei)).points_available == 0


@pytest.mark.parametrize(
    ("given", "change", "error"),
    [
        ([], {"reverses": "TX-9"}, {"field": "reverses", "code": "NOT_FOUND",
                                    "message": "Issuer BANKA has no booked transaction 'TX-9'."}),
        ([credit(-120, "TX-2", reverses="TX-1")], {"transactionId": "TX-3"}, {
            "field": "reverses", "code": "ALREADY_REVERSED", "message": "Transaction 'TX-1' was already reversed."}),
        ([], {"points": 120}, {"field": "reverses", "code": "INVALID",
                               "message": "reverses is only for negative points (the bank taking a credit back)"}),
    ],
)
async def test_refused_reversals_change_nothing(api, channel, mei, given, change, error):
    # given: TX-1 credited 120 points, TX-5 another 120
    token = await bank_app()
    for variables in [credit(120), credit(120, "TX-5"), *given]:
        assert (await api.ok(CREDIT, variables, token=token))["pointsCredit"]["errors"] == []
    before = await snapshot()

    # when
    reversal = credit(-120, "TX-2", reverses="TX-1")["input"] | change
    data = await api.ok(CREDIT, {"input": reversal}, token=token)

    # then
    assert data["pointsCredit"]["errors"] == [error]
    assert await snapshot() == before


async def test_another_issuers_app_is_refused_and_nothing_changes(api, channel, mei):
    # given
    await create_issuer(IssuerData(code="BANKB", name="Bank B", points_unit="BPT"))
    token = await bank_app("BANKB")
    before = await snapshot()

    # when
    response = await api.post(CREDIT, credit(issuer="BANKA"), token=token)

    # then
    assert response.data == {"pointsCredit": None}
    assert response.error_codes == ["PermissionDenied"]
    assert await snapshot() == before


async def test_another_issuers_app_without_an_issuer_books_nothing_here(api, channel, mei):
    # given: Bank B has no member C001 and no channel
    await create_issuer(IssuerData(code="BANKB", name="Bank B", points_unit="BPT"))
    token = await bank_app("BANKB")
    before = await snapshot()

    # when
    data = await api.ok(CREDIT, credit(), token=token)

    # then
    assert data["pointsCredit"]["errors"] == [
        {"field": "channel", "message": "Issuer BANKB has no channel.", "code": "NOT_FOUND"}]
    assert await snapshot() == before


async def test_an_app_without_the_points_permission_is_refused(api, channel, mei):
    # given
    token = await bank_app(permissions=("VIEW_REPORTS",))

    # when
    response = await api.post(CREDIT, credit(), token=token)

    # then
    assert response.error_codes == ["PermissionDenied"]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"customerReference": "C404"}, {"field": "customerReference", "code": "NOT_FOUND",
                                         "message": "Issuer BANKA has no member 'C404'."}),
        ({"points": 0}, {"field": "points", "code": "INVALID",
                         "message": "points must be a whole number from -2147483647 to 2147483647, not zero"}),
        ({"transactionId": "bad id"}, {
            "field": "transactionId", "code": "INVALID",
            "message": "transaction_id must be 1-100 letters, digits, '.', '_', ':' or '-'"}),
        ({"points": -5}, {"field": "amount", "code": "INSUFFICIENT_POINTS",
                          "message": "The member does not have enough points."}),
        ({"expiresAt": "2026-01-01T00:00:00+00:00"}, {"field": "expiresAt", "code": "EXPIRED",
                                                      "message": "These points expired at 2026-01-01T00:00:00+00:00."}),
        ({"channel": "elsewhere"}, {"field": "channel", "code": "NOT_FOUND",
                                    "message": "Issuer BANKA has no channel 'elsewhere'."}),
        # ten minutes after the clock (25 November 10:00 in Shanghai): a bank's clock is not that far off
        ({"earnedAt": "2026-11-25T10:10:00+08:00"}, {
            "field": "earnedAt", "code": "INVALID",
            "message": "These points are dated 2026-11-25T02:10:00+00:00, in the future: send them once they are "
                       "earned."}),
    ],
)
async def test_refusals_change_nothing(api, channel, mei, change, error):
    # given
    token = await bank_app()
    before = await snapshot()

    # when
    data = await api.ok(CREDIT, {"input": credit()["input"] | change}, token=token)

    # then
    assert data["pointsCredit"]["errors"] == [error]
    assert await snapshot() == before


async def test_the_operator_names_the_issuer(api, settings, channel, mei):
    # given
    operator = await make_staff("ops@example.com", ["MANAGE_POINTS"])

    # when
    missing = await api.ok(CREDIT, credit(), token=token_for(operator, settings))
    named = await api.ok(CREDIT, credit(issuer="BANKA"), token=token_for(operator, settings))

    # then
    assert missing["pointsCredit"]["errors"] == [{"field": "issuer", "message": "Name the issuer.", "code": "REQUIRED"}]
    assert named["pointsCredit"]["errors"] == []


async def test_bank_staff_credit_their_own_issuer(api, settings, channel, mei):
    # given
    staff = await make_staff("teller@banka.example", ["MANAGE_POINTS"], scope=(ScopeKind.ISSUER, "BANKA"))

    # when
    data = await api.ok(CREDIT, credit(), token=token_for(staff, settings))

    # then
    assert data["pointsCredit"]["errors"] == []
    assert (await points_balance(channel.id, mei)).points_available == 120


async def test_an_issuer_with_two_channels_needs_one_named(api, channel, mei):
    # given
    await make_channel("bank-a-app", issuer_code="BANKA")
    token = await bank_app()

    # when
    data = await api.ok(CREDIT, credit(), token=token)

    # then
    assert data["pointsCredit"]["errors"][0]["code"] == "REQUIRED"
