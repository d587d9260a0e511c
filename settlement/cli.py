"""`mall settle`: close a settlement period for every issuer and partner, or for one of them."""

from __future__ import annotations

import sys

import click

from kernel.errors import DomainError
from mall.settings import Settings
from settlement.models import RunStatus, Statement
from settlement.runs import RunOutcome


def _describe(statement: Statement) -> str:
    return (f"{statement.kind} {statement.counterparty_code} {statement.period}: {statement.line_count} lines, "
            f"amount due {statement.amount_due} {statement.currency} (statement {statement.id}, {statement.status})")


def _report(outcome: RunOutcome) -> None:
    for statement in outcome.issued:
        click.echo(f"issued  {_describe(statement)}")
    for statement in outcome.skipped:
        click.echo(f"skipped {_describe(statement)}: settled before")
    if outcome.run.status == RunStatus.REFUSED:
        click.echo("REFUSED: the statements differ from the ledger, nothing was issued:", err=True)
    for difference in outcome.differences:
        click.echo(f"  - {difference}", err=True)
    click.echo(f"Run {outcome.run.id}: {outcome.run.status}.")


@click.command(help="Close a settlement period (YYYY-MM, in each counterparty's time zone): issue statements, "
                    "reconciled with the ledger, and write their files. Re-running a period issues nothing twice.")
@click.option("--period", required=True, help="The month to settle, e.g. 2026-11.")
@click.option("--issuer", "issuer_code", default=None, help="Settle this issuer only.")
@click.option("--partner", "partner_code", default=None, help="Settle this partner only.")
def settle(period: str, issuer_code: str | None, partner_code: str | None) -> None:
    from mall.db import run_with_database
    from settlement.settle import settle_period

    settings = Settings.from_environ()
    try:
        outcome = run_with_database(settings, lambda: settle_period(
            period, "system:cli", settings, issuer_code=issuer_code, partner_code=partner_code))
    except DomainError as failure:
        for detail in failure.details:
            click.echo(f"error: {detail.field}: {detail.message} ({detail.code})", err=True)
        sys.exit(1)  # a refused period (open, unknown counterparty) is a refusal like a reconciliation one
    _report(outcome)
    sys.exit(0 if outcome.run.status == RunStatus.SUCCEEDED else 1)
