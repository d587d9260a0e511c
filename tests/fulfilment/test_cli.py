"""`mall carrier create`, run as a user runs it."""

from __future__ import annotations

from tests.mall.test_cli import environment, fresh_database_url, mall

__all__ = ["environment", "fresh_database_url"]


def test_carrier_create_prints_the_secret_once_and_refuses_a_duplicate(environment):
    # given
    assert mall(environment, "migrate").returncode == 0

    # when
    created = mall(environment, "carrier", "create", "--code", "swift", "--name", "Swift Express", "--mode", "http",
                   "--endpoint-url", "https://api.swift.example/v1/shipments")
    duplicate = mall(environment, "carrier", "create", "--code", "swift", "--name", "Swift Express")

    # then
    assert created.returncode == 0, created.stderr
    assert created.stdout.splitlines()[0] == "Created carrier swift (http)."
    assert len(created.stdout.splitlines()[1].removeprefix("Webhook signing secret (shown once): ")) == 43
    assert duplicate.returncode == 1
    assert "error: code: Carrier with this code already exists. (UNIQUE)" in duplicate.stderr
