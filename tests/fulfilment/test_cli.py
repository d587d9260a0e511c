"""`mall carrier create`, run as a user runs it."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from datetime import UTC, datetime

import asyncpg
from cryptography.fernet import Fernet

from fulfilment.digital.vault import CodeVault
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


SECRET = "cli-test-secret"


def run_sql(environment: dict[str, str], statement: str, *values: object) -> list[tuple[object, ...]]:
    """One statement on the CLI's database ($1, $2... placeholders), its rows."""
    url = environment["DATABASE_URL"]
    if url.startswith("sqlite://"):
        with sqlite3.connect(url.removeprefix("sqlite://")) as connection:
            return connection.execute(re.sub(r"\$\d+", "?", statement), values).fetchall()

    async def fetch() -> list[tuple[object, ...]]:
        connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
        try:
            return [tuple(row) for row in await connection.fetch(statement, *values)]
        finally:
            await connection.close()

    return asyncio.run(fetch())


def test_digital_rotate_key_reseals_every_code_under_the_new_key(environment):
    # given: two codes sealed under the key derived from SECRET_KEY (no DIGITAL_CODES_KEY set)
    environment = environment | {"SECRET_KEY": SECRET}
    assert mall(environment, "migrate").returncode == 0
    old = CodeVault.from_keys("", SECRET)
    for code in ("CLI-CODE-0001", "CLI-CODE-0002"):
        fields = old.sealed_fields(code)
        run_sql(environment, "INSERT INTO fulfilment_digital_code (variant_id, sealed, fingerprint, key_id, status,"
                " reference, created_at) VALUES (7, $1, $2, $3, 'available', '', $4)",
                fields["sealed"], fields["fingerprint"], fields["key_id"], datetime(2026, 12, 1, tzinfo=UTC))
    new_key = Fernet.generate_key().decode()

    # when: the new key first, then a second run with nothing left
    rotated = mall(environment | {"DIGITAL_CODES_KEY": new_key}, "digital", "rotate-key", "--batch-size", "1")
    again = mall(environment | {"DIGITAL_CODES_KEY": new_key}, "digital", "rotate-key")

    # then
    assert rotated.returncode == 0, rotated.stderr
    assert rotated.stdout == "Re-encrypted 2 codes under the current key; 0 left under older keys.\n"
    assert again.stdout == "Re-encrypted 0 codes under the current key; 0 left under older keys.\n"
    sealed = [row[0] for row in run_sql(environment, "SELECT sealed FROM fulfilment_digital_code ORDER BY id")]
    assert [Fernet(new_key.encode()).decrypt(text.encode()).decode() for text in sealed] == [  # type: ignore[union-attr]
        "CLI-CODE-0001", "CLI-CODE-0002"]


def test_digital_rotate_key_refuses_a_malformed_key(environment):
    # given
    assert mall(environment, "migrate").returncode == 0

    # when
    refused = mall(environment | {"DIGITAL_CODES_KEY": "not-a-fernet-key"}, "digital", "rotate-key")

    # then
    assert refused.returncode == 1
    assert refused.stderr == "error: DIGITAL_CODES_KEY: each key must be a Fernet key (urlsafe base64 of 32 bytes).\n"
