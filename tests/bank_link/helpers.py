"""Shared steps and checks for the bank link tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bank_link.models import Issuer, Member
from mall import sql

TABLES = ("account_user", "bank_link_member", "bank_link_issuer", "bank_link_expiry_reminder",
          "bank_link_sign_on_token_use", "ledger_account",
          "ledger_transfer", "ledger_lot", "ledger_lot_entry", "outbox_message")


def write_file(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


async def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables the bank link writes or causes writes to: equal snapshots, nothing changed."""
    state = {}
    for table in TABLES:
        rows = await sql.fetch(f"SELECT * FROM {table} ORDER BY id")
        state[table] = [tuple(sorted((key, str(value)) for key, value in row.items())) for row in rows]
    return state


async def members(issuer: Issuer) -> list[tuple[str, str, str, str, str]]:
    """(reference, name, email, phone, status) of the issuer's members, by reference."""
    found = await Member.filter(issuer_id=issuer.id).order_by("customer_reference")
    return [(m.customer_reference, m.name, m.email, m.phone, m.status.value) for m in found]
