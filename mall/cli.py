"""The `mall` command: serve, migrate, demo, staff, app, worker."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import MutableMapping
from typing import Any

import click

from kernel import clock
from kernel.errors import DomainError
from mall.accounts.models import ScopeKind
from mall.accounts.permissions import ALL_PERMISSIONS, ROLE_DEFAULT_PERMISSIONS
from mall.db import close_database, migrate_database, run_with_database
from mall.settings import DEMO_MODE, Settings
from mall.wiring import wire

WORKER_IDLE_SECONDS = 1.0
DASHBOARD_DEV_ORIGIN = "http://localhost:9000"  # where a Saleor Dashboard serves in development


def apply_migrations(settings: Settings) -> None:
    def progress(event: str, app_label: str, name: str) -> None:
        if event.endswith("start") or event == "apply_start":
            click.echo(f"  applying {app_label}.{name} ...")

    async def main() -> None:
        try:
            await migrate_database(settings, progress=progress)
        finally:
            await close_database()

    click.echo(f"Migrating {redacted(settings.database_url)}")
    asyncio.run(main())
    click.echo("Database is up to date.")


def redacted(url: str) -> str:
    """The URL without its password, for logs."""
    if "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"


def load_demo_data(settings: Settings) -> None:
    from mall.demo import load_demo

    created = run_with_database(
        settings, lambda: load_demo(lambda what: click.echo(f"  demo: {what}"), cash_allowed=settings.stripe_enabled,
                                    settings=settings)
    )
    click.echo(f"Demo data ready ({created} new rows).")


@click.group(help="Points Mall: a points redemption mall with a Saleor-compatible GraphQL API.")
def main() -> None:
    # Tests that start the mall in a subprocess set its clock through the environment (never production).
    clock.configure_from_environment()
    wire()  # every command (serve, worker, imports, settlement) runs on the wired domains


def allow_dashboard_in_development(environ: MutableMapping[str, str]) -> None:
    """In demo mode a Saleor Dashboard in development (`npm run dev`, on its usual origin) may call the API
    unless ALLOWED_GRAPHQL_ORIGINS says otherwise; production allows no other origin until told."""
    environ.setdefault("ALLOWED_GRAPHQL_ORIGINS", DASHBOARD_DEV_ORIGIN)


@main.command(help="Run the web server (uvicorn). Applies pending migrations first.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=int,
    help="Worker processes. Use 1 with SQLite; several with PostgreSQL.",
)
@click.option("--demo", is_flag=True, help="Load the demo data (channels, a member, an operator) first.")
@click.option("--no-migrate", is_flag=True, help="Do not apply pending migrations at start.")
def serve(host: str, port: int, workers: int, demo: bool, no_migrate: bool) -> None:
    import uvicorn

    settings = Settings.from_environ()
    if workers > 1 and settings.is_sqlite:
        click.echo(
            "Warning: several workers on one SQLite file fail with 'database is locked'; "
            "use PostgreSQL for --workers > 1.",
            err=True,
        )
    if not no_migrate:
        apply_migrations(settings)
    if demo:
        allow_dashboard_in_development(os.environ)
        load_demo_data(settings)
        os.environ[DEMO_MODE] = "1"  # the served app plays the demo partners' APIs too (mall.app)
        from mall import demo as accounts

        click.echo(f"  member:   {accounts.DEMO_MEMBER_EMAIL} / {accounts.DEMO_MEMBER_PASSWORD}")
        click.echo(f"  operator: {accounts.DEMO_OPERATOR_EMAIL} / {accounts.DEMO_OPERATOR_PASSWORD} "
                   "(console /console/)")
        click.echo(f"  partner:  {accounts.DEMO_PARTNER_EMAIL} / {accounts.DEMO_PARTNER_PASSWORD} "
                   f"({accounts.DEMO_PARTNER_CODE}, console /console/)")
        click.echo(f"  bank:     {accounts.DEMO_BANK_EMAIL} / {accounts.DEMO_BANK_PASSWORD} "
                   f"({accounts.DEMO_BANK_ISSUER}, console /console/)")
    click.echo(f"Serving on http://{host}:{port}/ (GraphQL at /graphql/)")
    uvicorn.run(
        "mall.asgi:app",
        host=host,
        port=port,
        workers=workers,
        log_config=None,
        timeout_graceful_shutdown=10,
        proxy_headers=True,
    )


@main.command(help="Apply every pending database migration.")
def migrate() -> None:
    apply_migrations(Settings.from_environ())


@main.command(help="Load the demo data. Idempotent: running it twice changes nothing.")
def demo() -> None:
    settings = Settings.from_environ()
    apply_migrations(settings)
    load_demo_data(settings)


@main.group(help="Manage staff users.")
def staff() -> None:
    pass


def _scope(partner: str | None, issuer: str | None) -> tuple[ScopeKind, str] | None:
    if partner and issuer:
        raise click.UsageError("Give --partner or --issuer, not both.")
    if partner:
        return ScopeKind.PARTNER, partner
    if issuer:
        return ScopeKind.ISSUER, issuer
    return None


@staff.command("create", help="Create a staff user. Without --permission: an operator with every permission, or, "
                              "with --partner/--issuer, the smallest set that role needs.")
@click.option("--email", required=True, help="E-mail address, used to sign in.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True, help="Password.")
@click.option("--first-name", default="", help="Given name.")
@click.option("--last-name", default="", help="Family name.")
@click.option(
    "--permission",
    "permissions",
    multiple=True,
    type=click.Choice(ALL_PERMISSIONS),
    help="Grant this permission (repeatable).",
)
@click.option("--partner", default=None, help="Confine the user to this partner's data.")
@click.option("--issuer", default=None, help="Confine the user to this issuer's data.")
def staff_create(
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    permissions: tuple[str, ...],
    partner: str | None,
    issuer: str | None,
) -> None:
    from mall.accounts.services import StaffData, create_staff

    scope = _scope(partner, issuer)
    operator = not permissions and scope is None
    data = StaffData(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        permissions=list(permissions or _default_permissions(scope)),
        scope=scope,
        is_superuser=operator,
    )
    settings = Settings.from_environ()
    try:
        user = run_with_database(settings, lambda: create_staff(data))
    except DomainError as failure:
        for detail in failure.details:
            click.echo(f"error: {detail.field}: {detail.message} ({detail.code})", err=True)
        sys.exit(1)
    click.echo(f"Created staff user {user.email} (id {user.id}){' with every permission' if operator else ''}.")


def _default_permissions(scope: tuple[ScopeKind, str] | None) -> tuple[str, ...]:
    return ALL_PERMISSIONS if scope is None else ROLE_DEFAULT_PERMISSIONS[scope[0].value]


@main.group(help="Manage API apps (machine clients such as a storefront server or a bank system).")
def app() -> None:
    pass


@app.command("create", help="Create an app and print its token (shown once).")
@click.argument("name")
@click.option(
    "--permission",
    "permissions",
    multiple=True,
    type=click.Choice(ALL_PERMISSIONS),
    help="Grant this permission (repeatable).",
)
@click.option("--partner", default=None, help="Confine the app to this partner's data.")
@click.option("--issuer", default=None, help="Confine the app to this issuer's data.")
def app_create(name: str, permissions: tuple[str, ...], partner: str | None, issuer: str | None) -> None:
    from mall.accounts.services import create_app

    settings = Settings.from_environ()
    created: Any = run_with_database(settings, lambda: create_app(name, permissions, _scope(partner, issuer)))
    click.echo(created[1])


@main.command(help="Deliver the outbox (e-mails, hand-offs, webhooks) until stopped.")
@click.option("--once", is_flag=True, help="Deliver what is due now, then exit.")
def worker(once: bool) -> None:
    from mall.worker import run_worker

    settings = Settings.from_environ()
    stop = asyncio.Event()

    async def work() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)  # finish the current batch, then exit
        await run_worker(settings, stop, once=once, idle_seconds=WORKER_IDLE_SECONDS, echo=click.echo)

    run_with_database(settings, work)


from bank_link.cli import bank  # noqa: E402
from fulfilment.cli import carrier, digital  # noqa: E402
from ledger.cli import ledger  # noqa: E402
from settlement.cli import settle  # noqa: E402

main.add_command(ledger)
main.add_command(carrier)
main.add_command(digital)
main.add_command(bank)
main.add_command(settle)
