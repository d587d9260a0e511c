"""`mall ledger verify` and `mall ledger seal`, run as an operator runs them: a separate process."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

from mall import sql
from tests.ledger.helpers import NOW, credit, hold


async def mall(settings, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DATABASE_URL": settings.database_url, "MALL_VAR_DIR": str(settings.var_dir)}
    command = [sys.executable, "-c", "from mall.cli import main; main()", *arguments]
    return await asyncio.to_thread(
        subprocess.run, command, env=environment, capture_output=True, text=True, timeout=120, check=False
    )


async def test_verify_reports_a_sound_ledger_and_exits_zero(settings, channel, member):
    # given
    await credit(channel, member, 100)
    await hold(channel, member, 30, now=NOW)
    sealed = await mall(settings, "ledger", "seal")

    # when
    result = await mall(settings, "ledger", "verify")

    # then
    assert sealed.stdout == "Sealed 2 transfers.\n"
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "Checked 2 transfers in 1 points units, 1 member wallets.",
        "Hash chain: 2 sealed, 0 not sealed yet.",
        "OK: balances equal the transfers, every unit sums to zero, the chain is intact.",
    ]


async def test_verify_reports_a_tampered_transfer_and_exits_non_zero(settings, channel, member):
    # given
    await credit(channel, member, 100)
    await mall(settings, "ledger", "seal")
    await sql.execute("UPDATE ledger_transfer SET points = 90 WHERE id = 1")

    # when
    result = await mall(settings, "ledger", "verify")

    # then
    assert result.returncode == 1
    assert "FAILED: 3 problem(s):" in result.stdout
    assert "  - chain: transfer 1 (sequence 1) does not match its hash" in result.stdout
