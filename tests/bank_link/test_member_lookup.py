"""`memberLookup` and `memberLookups`: bank staff find their own members, and every lookup is audited."""

from __future__ import annotations

import pytest

from bank_link.issuers import IssuerData, create_issuer
from bank_link.member_import import import_members
from bank_link.models import MemberLookup
from mall.accounts.models import ScopeKind
from tests.bank_link.helpers import snapshot, write_file
from tests.factories import give_points, make_staff, token_for

LOOKUP = """
mutation Lookup($input: MemberLookupInput!) {
  memberLookup(input: $input) {
    member { customerReference name email phone status channels
             user { pointsBalance(channel: "bank-a-mall") { available } } }
    errors { field code }
  }
}
"""
FIND = "mutation Find($input: MemberLookupInput!) { memberLookup(input: $input) { member { name } } }"
TRAIL = """
query Trail($issuer: String) {
  memberLookups(issuer: $issuer, first: 10) {
    totalCount
    edges { node { issuerCode actor actorEmail searchedBy searchedFor reason customerReference created } }
  }
}
"""


@pytest.fixture(autouse=True)
def on_a_november_morning(set_clock):
    set_clock("2026-11-25T10:00:00+08:00")


@pytest.fixture
async def roster(channel, tmp_path) -> None:
    """Bank A knows Mei (with 300 points); Bank B exists with its own member."""
    await create_issuer(IssuerData(code="BANKB", name="Bank B", points_unit="BPT"))
    lines = ["customer_reference,name,email,phone,status", "C001,Mei Lin,mei@example.com,+8613800000001,"]
    await import_members("BANKA", str(write_file(tmp_path, "roster.csv", lines)))
    await import_members("BANKB", str(write_file(tmp_path, "b.csv", [lines[0], "B001,Bo Wu,bo@example.com,,"])))
    from bank_link.models import Member
    from mall.accounts.models import User

    mei = await User.get(id=(await Member.get(customer_reference="C001")).user_id)  # type: ignore[attr-defined]
    await give_points(channel, mei, 300)


async def bank_staff(issuer: str = "BANKA", email: str = "desk@bank-a.example"):
    return await make_staff(email, ["MANAGE_USERS", "MANAGE_POINTS"], (ScopeKind.ISSUER, issuer))


async def test_bank_staff_find_a_member_by_phone_and_the_lookup_is_recorded(api, settings, roster):
    # given
    staff = await bank_staff()

    # when
    data = await api.ok(LOOKUP, {"input": {"phone": "+8613800000001", "reason": "Member called about points"}},
                        token=token_for(staff, settings))

    # then
    assert data["memberLookup"] == {"errors": [], "member": {
        "customerReference": "C001", "name": "Mei Lin", "email": "mei@example.com", "phone": "+8613800000001",
        "status": "active", "channels": ["bank-a-mall"], "user": {"pointsBalance": {"available": 300}}}}
    rows = await MemberLookup.all().values_list("actor", "actor_email", "searched_by", "searched_for", "reason")
    assert rows == [(f"user:{staff.id}", "desk@bank-a.example", "phone", "+8613800000001",
                     "Member called about points")]


async def test_a_lookup_that_finds_nobody_is_recorded_too(api, settings, roster):
    # given
    staff = await bank_staff()

    # when: Bank B's member is not Bank A's
    data = await api.ok(LOOKUP, {"input": {"customerReference": "B001", "reason": "Complaint 88"}},
                        token=token_for(staff, settings))

    # then
    assert data["memberLookup"] == {"errors": [], "member": None}
    assert await MemberLookup.all().values_list("searched_for", "member_id") == [("B001", None)]


@pytest.mark.parametrize(("input", "error"), [
    ({"reason": "no criterion"}, {"field": "customerReference", "code": "REQUIRED"}),
    ({"email": "mei@example.com", "phone": "+8613800000001", "reason": "two"},
     {"field": "customerReference", "code": "INVALID"}),
    ({"email": "mei@example.com", "reason": "  "}, {"field": "reason", "code": "REQUIRED"}),
    ({"email": "mei@example.com", "reason": "x" * 501}, {"field": "reason", "code": "INVALID"}),
])
async def test_a_lookup_without_one_criterion_and_a_reason_is_refused_and_not_recorded(
    api, settings, roster, input, error
):
    # given
    staff = await bank_staff()
    before = await snapshot()

    # when
    data = await api.ok(LOOKUP, {"input": input}, token=token_for(staff, settings))

    # then
    assert data["memberLookup"] == {"errors": [error], "member": None}
    assert await snapshot() == before
    assert await MemberLookup.all().count() == 0


async def test_another_banks_staff_cannot_look_up_bank_as_members(api, settings, roster):
    # given
    other = await bank_staff("BANKB", "desk@bank-b.example")

    # when
    response = await api.post(LOOKUP, {"input": {"issuer": "BANKA", "customerReference": "C001", "reason": "curious"}},
                              token=token_for(other, settings))

    # then
    assert response.error_codes == ["PermissionDenied"]
    assert await MemberLookup.all().count() == 0


async def test_the_operator_reads_the_trail_and_a_bank_reads_only_its_own(api, settings, roster):
    # given
    desk_a, desk_b = await bank_staff(), await bank_staff("BANKB", "desk@bank-b.example")
    await api.ok(FIND, {"input": {"email": "MEI@example.com", "reason": "Card lost"}},
                 token=token_for(desk_a, settings))
    await api.ok(FIND, {"input": {"customerReference": "B001", "reason": "Address change"}},
                 token=token_for(desk_b, settings))
    operator = await make_staff("ops@mall.example", is_superuser=True)
    bank_a_auditor = await make_staff("audit@bank-a.example", ["MANAGE_ISSUERS"], (ScopeKind.ISSUER, "BANKA"))

    # when
    everything = await api.ok(TRAIL, {}, token=token_for(operator, settings))
    own = await api.ok(TRAIL, {}, token=token_for(bank_a_auditor, settings))
    other = await api.post(TRAIL, {"issuer": "BANKB"}, token=token_for(bank_a_auditor, settings))

    # then: newest first (the clock runs on from 10:00 Shanghai)
    nodes = [edge["node"] for edge in everything["memberLookups"]["edges"]]
    assert [(n["issuerCode"], n["actorEmail"], n["searchedBy"], n["searchedFor"], n["reason"], n["customerReference"],
             n["created"][:16]) for n in nodes] == [
        ("BANKB", "desk@bank-b.example", "customer_reference", "B001", "Address change", "B001",
         "2026-11-25T02:00"),
        ("BANKA", "desk@bank-a.example", "email", "mei@example.com", "Card lost", "C001", "2026-11-25T02:00"),
    ]
    assert [edge["node"]["searchedFor"] for edge in own["memberLookups"]["edges"]] == ["mei@example.com"]
    assert other.error_codes == ["PermissionDenied"]
