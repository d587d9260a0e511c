"""`issuerLiability`: outstanding, expiring, breakage and period movements, exact, from the ledger."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bank_link.liability import liability_report
from bank_link.member_import import import_members
from bank_link.models import Member
from bank_link.points import BankPoints, book_bank_points
from ledger.expiry import expire_wallet_lots
from ledger.models import Account, TransferKind
from ledger.services import Request, capture_hold, hold_points, refund_capture
from mall.accounts.models import ScopeKind
from tests.bank_link.helpers import write_file
from tests.factories import make_staff, token_for

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
LIABILITY = """
query Liability($issuer: String!, $start: DateTime, $end: DateTime) {
  issuerLiability(issuer: $issuer, periodStart: $start, periodEnd: $end) {
    issuer { code } channel currency pointsOutstanding pointsHeld membersWithPoints
    expiring { withinDays points }
    pointsExpiredToDate
    period { accrued accrualReversed redeemed refunded expired adjustedIn adjustedOut }
  }
}
"""


async def given_a_programme(issuer, channel, tmp_path) -> dict[str, int]:
    """Mei: 100 expiring in 20 days, 200 in 50 days, 400 in 80 days; spent 150 (50 refunded), 60 held,
    30 taken back by the bank. Bo: 40 that expired (moved to breakage)."""
    roster = ["customer_reference,name,email,phone,status", "C001,Mei,mei@example.com,,", "C002,Bo,bo@example.com,,"]
    await import_members("BANKA", str(write_file(tmp_path, "roster.csv", roster)))
    users = {m.customer_reference: m.user_id for m in await Member.all()}  # type: ignore[attr-defined]
    past = NOW - timedelta(days=10)
    for number, (reference, points, days) in enumerate([("C001", 100, 20), ("C001", 200, 50), ("C001", 400, 80),
                                                        ("C002", 40, -1)]):
        item = BankPoints(f"T{number}", reference, points, past, NOW + timedelta(days=days), "spend")
        await book_bank_points(issuer, channel, item, "test", now=past)
    await book_bank_points(issuer, channel, BankPoints("T9", "C001", -30, NOW, None, "reversal"), "test", now=NOW)
    hold = await hold_points(channel, users["C001"], 150, Request("h1", "test"), now=NOW,
                             expires_at=NOW + timedelta(minutes=15))
    capture = await capture_hold(hold.id, Request("c1", "test"), now=NOW)
    await refund_capture(capture.id, Request("r1", "test"), points=50, now=NOW)
    await hold_points(channel, users["C001"], 60, Request("h2", "test"), now=NOW, expires_at=NOW + timedelta(hours=1))
    bo_wallet = await Account.get(name=f"member:{users['C002']}")
    await expire_wallet_lots(bo_wallet.id, now=NOW)
    return users


async def test_the_report_adds_up_the_ledger(issuer, channel, tmp_path):
    # given
    await given_a_programme(issuer, channel, tmp_path)

    # when
    report = await liability_report(issuer, None, NOW - timedelta(days=1), NOW + timedelta(seconds=1), now=NOW)

    # then: Mei holds 700 - 30 - 150 + 50 = 570 (60 of them reserved); Bo's 40 expired
    figures = report.figures
    assert (figures.points_outstanding, figures.points_held, figures.members_with_points) == (570, 60, 1)
    # FEFO: the reversal took 30 and the redemptions 150 - 50 + 60 from the lot expiring in 20 days first
    assert figures.expiring_within_days == {30: 0, 60: 110, 90: 510}
    assert figures.points_expired_to_date == 40


async def test_staff_read_the_report_over_graphql(api, settings, issuer, channel, tmp_path):
    # given
    await given_a_programme(issuer, channel, tmp_path)
    staff = await make_staff("analyst@banka.example", ["VIEW_REPORTS"], scope=(ScopeKind.ISSUER, "BANKA"))

    # when: the period is the day of the redemptions (the accruals were ten days earlier)
    data = await api.ok(LIABILITY, {"issuer": "BANKA", "start": (NOW - timedelta(hours=1)).isoformat(),
                                    "end": (NOW + timedelta(hours=1)).isoformat()}, token=token_for(staff, settings))

    # then
    report = data["issuerLiability"]
    assert report["period"] == {"accrued": 0, "accrualReversed": 30, "redeemed": 150, "refunded": 50, "expired": 40,
                                "adjustedIn": 0, "adjustedOut": 0}
    assert (report["issuer"], report["channel"], report["currency"]) == ({"code": "BANKA"}, "bank-a-mall", "PTS")
    assert (report["pointsOutstanding"], report["pointsHeld"], report["pointsExpiredToDate"]) == (570, 60, 40)


async def test_the_whole_history_by_default(issuer, channel, tmp_path):
    # given
    await given_a_programme(issuer, channel, tmp_path)

    # when
    report = await liability_report(issuer, None, None, NOW + timedelta(seconds=1), now=NOW)

    # then
    assert (report.moved(TransferKind.ACCRUAL).to_members, report.moved(TransferKind.ACCRUAL).from_members) == (740, 30)


async def test_another_issuers_staff_are_refused(api, settings, issuer, channel):
    # given
    staff = await make_staff("analyst@bankb.example", ["VIEW_REPORTS"], scope=(ScopeKind.ISSUER, "BANKB"))

    # when
    response = await api.post(LIABILITY, {"issuer": "BANKA"}, token=token_for(staff, settings))

    # then
    assert response.data == {"issuerLiability": None}
    assert response.error_codes == ["PermissionDenied"]


async def test_staff_without_report_permission_are_refused(api, settings, issuer, channel):
    # given
    staff = await make_staff("teller@banka.example", ["MANAGE_POINTS"], scope=(ScopeKind.ISSUER, "BANKA"))

    # when
    response = await api.post(LIABILITY, {"issuer": "BANKA"}, token=token_for(staff, settings))

    # then
    assert response.error_codes == ["PermissionDenied"]
