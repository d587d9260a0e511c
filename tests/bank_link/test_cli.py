"""`mall bank ...`, run as an operator runs it: a real process on a fresh database."""

from __future__ import annotations

from click.testing import CliRunner

from mall.cli import main
from tests.bank_link.helpers import write_file
from tests.mall.test_cli import environment, fresh_database_url, mall  # noqa: F401 (fixtures)


def test_every_bank_command_has_help():
    for command in (["bank"], ["bank", "issuer", "create"], ["bank", "issuer", "list"], ["bank", "import-members"],
                    ["bank", "import-points"]):
        result = CliRunner().invoke(main, [*command, "--help"], prog_name="mall")
        assert result.exit_code == 0, command


def test_create_an_issuer_and_import_its_members_and_points(environment, tmp_path):  # noqa: F811
    # given
    assert mall(environment, "migrate").returncode == 0
    roster = write_file(tmp_path, "roster.csv", ["customer_reference,name,email,phone,status",
                                                 "C001,Mei Lin,mei@example.com,,", "C002,Bad,nope,,"])
    feed = write_file(tmp_path, "feed.csv", ["transaction_id,customer_reference,points,earned_at",
                                             "T1,C001,100,2026-11-01"])

    # when
    created = mall(environment, "bank", "issuer", "create", "--code", "BANKA", "--name", "Bank A",
                   "--points-unit", "PTS", "--expiry-rule", "end_of_year", "--expiry-count", "1")
    duplicate = mall(environment, "bank", "issuer", "create", "--code", "BANKA", "--name", "A", "--points-unit", "PTS")
    listed = mall(environment, "bank", "issuer", "list")
    members = mall(environment, "bank", "import-members", "--issuer", "BANKA", str(roster))
    no_channel = mall(environment, "bank", "import-points", "--issuer", "BANKA", str(feed))

    # then
    assert created.returncode == 0, created.stderr
    assert created.stdout == "Created issuer BANKA (Bank A).\n"
    assert duplicate.returncode == 1
    assert "error: code: Issuer with code 'BANKA' already exists. (UNIQUE)" in duplicate.stderr
    assert listed.stdout == "BANKA\tBank A\tPTS\texpiry: end_of_year 1\tactive\n"
    assert members.returncode == 0, members.stderr
    assert members.stdout == f"2 rows: 1 created, 0 updated, 0 unchanged, 1 refused (see {roster}.errors.csv)\n"
    assert no_channel.returncode == 1
    assert "error: channel: Issuer BANKA has no channel. (NOT_FOUND)" in no_channel.stderr


def test_an_unreadable_file_is_reported(environment, tmp_path):  # noqa: F811
    # given
    assert mall(environment, "migrate").returncode == 0
    assert mall(environment, "bank", "issuer", "create", "--code", "BANKA", "--name", "A", "--points-unit", "PTS"
                ).returncode == 0

    # when
    result = mall(environment, "bank", "import-members", "--issuer", "BANKA", str(tmp_path / "missing.csv"))

    # then
    assert result.returncode == 1
    assert f"error: cannot read {tmp_path / 'missing.csv'}" in result.stderr
