"""`mall ledger ...`: operator commands for the points ledger."""

from __future__ import annotations

import sys

import click

from mall.settings import Settings


@click.group(help="The points ledger: verify it, seal it.")
def ledger() -> None:
    pass


@ledger.command(
    help="Recompute every balance from the transfers, check that each points unit sums to zero and that the "
    "hash chain is intact. Prints a report; exits with status 1 on any difference."
)
def verify() -> None:
    from ledger.verify import verify_ledger
    from mall.db import run_with_database

    report = run_with_database(Settings.from_environ(), verify_ledger)
    for line in report.lines():
        click.echo(line)
    sys.exit(0 if report.ok else 1)


@ledger.command(help="Seal every transfer not sealed yet into the hash chain (the worker does this continuously).")
def seal() -> None:
    from tortoise.transactions import in_transaction

    from ledger.sealing import seal_transfers
    from mall.db import run_with_database

    async def seal_all() -> int:
        total = 0
        while True:
            async with in_transaction():
                sealed = await seal_transfers()
            total += sealed
            if not sealed:
                return total

    click.echo(f"Sealed {run_with_database(Settings.from_environ(), seal_all)} transfers.")
