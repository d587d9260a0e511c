"""`mall settle`, run as a process on a fresh database."""

from __future__ import annotations

from tests.mall.test_cli import environment, fresh_database_url, mall

__all__ = ["environment", "fresh_database_url"]  # fixtures this module uses


def test_settle_refuses_bad_requests_and_settles_a_period_with_nobody_to_settle(environment):
    # given
    assert mall(environment, "migrate").returncode == 0

    # when
    bad_period = mall(environment, "settle", "--period", "2026-13")
    unknown = mall(environment, "settle", "--period", "2026-11", "--issuer", "NOPE")
    empty = mall(environment, "settle", "--period", "2026-10")

    # then
    assert (bad_period.returncode, unknown.returncode, empty.returncode) == (2, 2, 0)
    assert "error: period: Use a month as YYYY-MM, e.g. 2026-11. (INVALID)" in bad_period.stderr
    assert "error: issuerCode: Issuer 'NOPE' does not exist. (NOT_FOUND)" in unknown.stderr
    assert empty.stdout.strip() == "Run 1: succeeded."
