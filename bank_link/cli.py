"""`mall bank ...`: issuers, and the bank's files (member roster, points feed)."""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any, TypeVar

import click

from kernel.errors import DomainError
from mall.settings import Settings

T = TypeVar("T")


def _run(work: Callable[[], Awaitable[T]]) -> T:
    """Run `work` with the database open; a refusal or an unreadable file ends the command with status 1."""
    from bank_link.files import BankFileError
    from mall.db import run_with_database

    try:
        return run_with_database(Settings.from_environ(), work)
    except DomainError as failure:
        for detail in failure.details:
            click.echo(f"error: {detail.field}: {detail.message} ({detail.code})", err=True)
    except BankFileError as failure:
        click.echo(f"error: {failure}", err=True)
    sys.exit(1)


@click.group(help="The issuing banks: issuers, member roster and points feed imports.")
def bank() -> None:
    pass


@bank.group(help="Manage issuers (the banks whose programmes the mall serves).")
def issuer() -> None:
    pass


@issuer.command("create", help="Create an issuer.")
@click.option("--code", required=True, help="Unique code, e.g. BANKA (channels name it as their issuer_code).")
@click.option("--name", required=True, help="The bank's name.")
@click.option("--points-unit", required=True, help="The programme's points unit, e.g. PTS.")
@click.option("--cash-value-per-point", type=Decimal, default=None, help="What one redeemed point is worth.")
@click.option("--cash-currency", default=None, help="Currency of the cash value (ISO code).")
@click.option("--expiry-rule", type=click.Choice(["never", "fixed_days", "end_of_month", "end_of_year"]),
              default=None, help="When credited points expire.")
@click.option("--expiry-count", type=int, default=None, help="Days, months or years for the expiry rule.")
@click.option("--reminder-days", type=int, default=None, help="E-mail members this many days before points expire.")
@click.option("--time-zone", default=None, help="IANA time zone of the bank's periods.")
@click.option("--sso-public-key", type=click.File("r"), default=None, help="PEM file: the bank's sign-on key.")
def issuer_create(code: str, name: str, points_unit: str, sso_public_key: Any, **options: Any) -> None:
    from bank_link.issuers import IssuerData, create_issuer

    pem = sso_public_key.read() if sso_public_key is not None else None
    data = IssuerData(code=code, name=name, points_unit=points_unit, sso_public_key_pem=pem, **options)
    created = _run(lambda: create_issuer(data))
    click.echo(f"Created issuer {created.code} ({created.name}).")


@issuer.command("list", help="List the issuers.")
def issuer_list() -> None:
    from bank_link.models import Issuer

    async def rows() -> list[Issuer]:
        return await Issuer.all().order_by("code")

    for found in _run(rows):
        policy = found.expiry_rule if found.expiry_rule == "never" else f"{found.expiry_rule} {found.expiry_count}"
        state = "active" if found.is_active else "inactive"
        click.echo(f"{found.code}\t{found.name}\t{found.points_unit}\texpiry: {policy}\t{state}")


def _progress_bar(location: str, label: str) -> Any:
    from bank_link.files import source_size

    return click.progressbar(length=source_size(location) or 0, label=label, file=sys.stderr)


@bank.command("import-members", help="Import the bank's member roster (CSV; a path or s3://bucket/key). "
              "Idempotent: rows already imported change nothing.")
@click.option("--issuer", "issuer_code", required=True, help="The issuer's code.")
@click.option("--errors", "error_location", default=None, help="Where refused rows go (default: FILE.errors.csv).")
@click.argument("location")
def import_members(issuer_code: str, location: str, error_location: str | None) -> None:
    from bank_link.member_import import import_members as run_import

    with _progress_bar(location, "members") as bar:
        summary = _run(lambda: run_import(issuer_code, location, error_location=error_location, progress=bar.update))
    click.echo(summary.line())


@bank.command("import-points", help="Import the bank's points feed (CSV, or JSON lines for *.jsonl / *.ndjson; "
              "a path or s3://bucket/key). Idempotent by bank transaction id.")
@click.option("--issuer", "issuer_code", required=True, help="The issuer's code.")
@click.option("--channel", "channel_slug", default=None, help="The channel to credit (when the issuer has several).")
@click.option("--errors", "error_location", default=None, help="Where refused rows go (default: FILE.errors.csv).")
@click.argument("location")
def import_points(issuer_code: str, channel_slug: str | None, location: str, error_location: str | None) -> None:
    from bank_link.points_import import import_points as run_import

    with _progress_bar(location, "points") as bar:
        summary = _run(lambda: run_import(issuer_code, location, channel_slug=channel_slug,
                                          error_location=error_location, progress=bar.update))
    click.echo(summary.line())
