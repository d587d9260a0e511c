"""`mall settle`, run as a process on a fresh database."""

from __future__ import annotations

from tests.mall.test_cli import environment, fresh_database_url, mall

__all__ = ["environment", "fresh_database_url"]  # fixtures this module uses


def test_settle_exits_1_on_every_refusal_and_settles_a_month_that_is_over(environment):
    # given: it is 15 November 2026 in Shanghai, for the process too
    at_mid_november = environment | {"MALL_CLOCK_START": "2026-11-15T10:00:00+08:00"}
    assert mall(at_mid_november, "migrate").returncode == 0
    assert mall(at_mid_november, "bank", "issuer", "create", "--code", "BANKA", "--name", "Bank A",
                "--points-unit", "PTS").returncode == 0

    # when
    bad_period = mall(at_mid_november, "settle", "--period", "2026-13")
    unknown = mall(at_mid_november, "settle", "--period", "2026-10", "--issuer", "NOPE")
    open_month = mall(at_mid_november, "settle", "--period", "2026-11")
    empty = mall(at_mid_november, "settle", "--period", "2026-10")

    # then: every refusal exits 1, as the README says
    assert (bad_period.returncode, unknown.returncode, open_month.returncode, empty.returncode) == (1, 1, 1, 0)
    assert "error: period: Use a month as YYYY-MM, e.g. 2026-11. (INVALID)" in bad_period.stderr
    assert "error: issuer_code: Issuer 'NOPE' does not exist. (NOT_FOUND)" in unknown.stderr
    assert "(PERIOD_OPEN)" in open_month.stderr
    assert empty.stdout.splitlines() == [
        "issued  issuer BANKA 2026-10: 0 lines, amount due 0.00 CNY (statement 1, issued)", "Run 1: succeeded."]
