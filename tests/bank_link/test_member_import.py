"""`mall bank import-members`: upsert, bad rows to the error file, idempotent, from S3."""

from __future__ import annotations

import pytest

from bank_link.files import BankFileError
from bank_link.member_import import import_members
from bank_link.models import Member
from kernel.errors import DomainError
from mall.accounts.models import User
from tests.bank_link.helpers import members, snapshot, write_file
from tests.factories import make_member, make_staff

HEADER = "customer_reference,name,email,phone,status"
ROSTER = [
    HEADER,
    "C001,Mei Lin,Mei@Example.com,,active",
    "C002,Bo Wang,,+86 138 0000 0001,",
    "C003,Bad Mail,not-an-email,,active",
    "C004,No Contact,,,active",
    "C005,Odd Status,odd@example.com,,asleep",
    "C006,Same Mail,mei@example.com,,active",
    "C007,Too,many,columns,here,now",
    "C008,Sleeping,sleep@example.com,,INACTIVE",
]


async def test_good_rows_are_applied_and_bad_rows_written_with_the_reason(issuer, tmp_path):
    # given
    roster = write_file(tmp_path, "roster.csv", ROSTER)

    # when
    summary = await import_members("BANKA", str(roster), batch_size=3)

    # then
    assert summary.line() == (f"8 rows: 3 created, 0 updated, 0 unchanged, 5 refused (see {roster}.errors.csv)")
    assert await members(issuer) == [
        ("C001", "Mei Lin", "mei@example.com", "", "active"),
        ("C002", "Bo Wang", "", "+86 138 0000 0001", "active"),
        ("C008", "Sleeping", "sleep@example.com", "", "inactive"),
    ]
    assert (tmp_path / "roster.csv.errors.csv").read_text() == (
        "customer_reference,name,email,phone,status,error\n"
        "C003,Bad Mail,not-an-email,,active,email 'not-an-email' is not a valid e-mail address\n"
        "C004,No Contact,,,active,give an email or a phone\n"
        'C005,Odd Status,odd@example.com,,asleep,"status \'asleep\' is not one of active, inactive"\n'
        "C006,Same Mail,mei@example.com,,active,e-mail mei@example.com is already used by customer reference C001\n"
        "C007,Too,many,columns,here,now,\"expected 5 columns, found 6\"\n"
    )


async def test_members_get_mall_accounts_without_a_password(issuer, tmp_path):
    # given
    roster = write_file(tmp_path, "roster.csv", ROSTER[:3])

    # when
    await import_members("BANKA", str(roster))

    # then
    accounts = await User.all().order_by("email").values_list("email", "first_name", "last_name", "password_hash")
    assert accounts == [("c002.banka@members.invalid", "Bo", "Wang", None), ("mei@example.com", "Mei", "Lin", None)]


async def test_importing_the_same_file_again_changes_nothing(issuer, tmp_path):
    # given
    roster = write_file(tmp_path, "roster.csv", ROSTER)
    await import_members("BANKA", str(roster))
    before = await snapshot()

    # when
    summary = await import_members("BANKA", str(roster))

    # then
    assert summary.counts["unchanged"] == 3
    assert (summary.counts["created"], summary.counts["updated"]) == (0, 0)
    assert await snapshot() == before


async def test_a_changed_row_updates_the_member_only(issuer, tmp_path):
    # given
    await import_members("BANKA", str(write_file(tmp_path, "first.csv", ROSTER[:3])))
    changed = [HEADER, "C001,Mei Lin-Wang,mei.new@example.com,,inactive", "C002,Bo Wang,,+86 138 0000 0001,"]

    # when
    summary = await import_members("BANKA", str(write_file(tmp_path, "second.csv", changed)))

    # then
    assert (summary.counts["created"], summary.counts["updated"], summary.counts["unchanged"]) == (0, 1, 1)
    assert (await members(issuer))[0] == ("C001", "Mei Lin-Wang", "mei.new@example.com", "", "inactive")
    assert await User.filter(email="mei@example.com").exists()  # the account keeps the e-mail it was made with


async def test_an_existing_member_account_is_linked_by_email(issuer, settings, tmp_path):
    # given
    registered = await make_member(settings, "mei@example.com")

    # when
    await import_members("BANKA", str(write_file(tmp_path, "roster.csv", ROSTER[:2])))

    # then
    assert (await Member.get(customer_reference="C001")).user_id == registered.id  # type: ignore[attr-defined]


async def test_a_staff_email_is_refused(issuer, tmp_path):
    # given
    await make_staff("mei@example.com")
    roster = write_file(tmp_path, "roster.csv", ROSTER[:2])

    # when
    summary = await import_members("BANKA", str(roster))

    # then
    assert summary.counts["refused"] == 1
    assert await Member.all().count() == 0
    assert (tmp_path / "roster.csv.errors.csv").read_text().splitlines()[1] == (
        "C001,Mei Lin,Mei@Example.com,,active,e-mail mei@example.com belongs to a staff account"
    )


@pytest.mark.parametrize("batch_size", [10, 2])  # the repeat in the same batch as its first row, or in the next
async def test_a_reference_repeated_in_one_file_is_refused_and_the_first_row_kept(issuer, tmp_path, batch_size):
    # given
    roster = write_file(tmp_path, "roster.csv", [HEADER, "C001,First,a@example.com,,", "C002,Bo,b@example.com,,",
                                                 "C001,Second,c@example.com,,"])

    # when
    summary = await import_members("BANKA", str(roster), batch_size=batch_size)

    # then
    assert summary.line() == f"3 rows: 2 created, 0 updated, 0 unchanged, 1 refused (see {roster}.errors.csv)"
    assert await members(issuer) == [("C001", "First", "a@example.com", "", "active"),
                                     ("C002", "Bo", "b@example.com", "", "active")]
    assert (tmp_path / "roster.csv.errors.csv").read_text().splitlines() == [
        f"{HEADER},error", "C001,Second,c@example.com,,,customer_reference C001 appears earlier in this file"]


async def test_rows_that_are_not_utf8_are_refused_and_written_back_byte_for_byte(issuer, tmp_path):
    # given: a roster saved as GBK by mistake: 王 is not UTF-8 there
    roster = tmp_path / "roster.csv"
    roster.write_bytes(f"{HEADER}\nC001,Mei Lin,mei@example.com,,\nC002,王,wang@example.com,,\n".encode("gbk"))

    # when
    summary = await import_members("BANKA", str(roster))

    # then
    assert summary.line() == f"2 rows: 1 created, 0 updated, 0 unchanged, 1 refused (see {roster}.errors.csv)"
    assert await members(issuer) == [("C001", "Mei Lin", "mei@example.com", "", "active")]
    assert (tmp_path / "roster.csv.errors.csv").read_bytes().splitlines()[1] == (
        "C002,王,wang@example.com,,,".encode("gbk")
        + b"the row is not UTF-8 text: save the file as UTF-8 and send the row again")


async def test_an_unknown_issuer_or_a_missing_column_stops_the_import(issuer, tmp_path):
    # given
    roster = write_file(tmp_path, "roster.csv", ["customer_reference,name,email", "C001,Mei,mei@example.com"])

    # when / then
    with pytest.raises(DomainError):
        await import_members("NOBANK", str(roster))
    with pytest.raises(BankFileError, match="missing: phone, status"):
        await import_members("BANKA", str(roster))
    assert await Member.all().count() == 0


async def test_import_from_s3_writes_the_error_file_beside_it(issuer, s3_server, s3_bucket):
    # given
    body = "\n".join([*ROSTER[:4], ""]).encode()
    s3 = s3_server.client()
    s3.put_object(Bucket=s3_bucket, Key="rosters/2026-11.csv", Body=body)
    environ = {"S3_ENDPOINT_URL": s3_server.endpoint_url}

    # when
    summary = await import_members("BANKA", f"s3://{s3_bucket}/rosters/2026-11.csv", environ=environ)

    # then
    assert summary.line() == (f"3 rows: 2 created, 0 updated, 0 unchanged, 1 refused "
                              f"(see s3://{s3_bucket}/rosters/2026-11.csv.errors.csv)")
    errors = s3.get_object(Bucket=s3_bucket, Key="rosters/2026-11.csv.errors.csv")["Body"].read().decode()
    assert errors == ("customer_reference,name,email,phone,status,error\n"
                      "C003,Bad Mail,not-an-email,,active,email 'not-an-email' is not a valid e-mail address\n")
    assert [row[0] for row in await members(issuer)] == ["C001", "C002"]
