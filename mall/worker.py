"""`mall worker`: deliver the outbox in a loop; later domains register their handlers here."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from bank_link.jobs import BankJobs
from mall.ledger.jobs import run_ledger_jobs
from mall.outbox.mail import MAIL_TOPIC, folder_mail_handler
from mall.outbox.services import DeliveryReport, Handler, deliver_due
from mall.settings import Settings


def outbox_handlers(settings: Settings) -> dict[str, Handler]:
    return {MAIL_TOPIC: folder_mail_handler(settings.mail_dir)}


async def run_once(settings: Settings) -> DeliveryReport:
    await run_ledger_jobs()
    await BankJobs(settings.public_url).run()
    return await deliver_due(outbox_handlers(settings))


async def run_worker(
    settings: Settings,
    stop: asyncio.Event,
    *,
    once: bool,
    idle_seconds: float,
    echo: Callable[[str], None] = print,
) -> None:
    handlers = outbox_handlers(settings)
    bank_jobs = BankJobs(settings.public_url)
    while not stop.is_set():
        ledger = await run_ledger_jobs()  # void expired holds, expire lots, seal transfers
        if ledger.busy or ledger.failures:
            echo(ledger.summary())
        reminded = await bank_jobs.run()  # expiry reminders into the outbox, delivered just below
        if reminded:
            echo(f"bank: {reminded} expiry reminders queued")
        report = await deliver_due(handlers)
        if report.delivered or report.failed or report.dead:
            echo(f"outbox: {report.delivered} delivered, {report.failed} to retry, {report.dead} dead")
        if once:
            return
        if not (report.delivered or report.failed or ledger.busy):
            with contextlib.suppress(TimeoutError):  # idle: wake at the timeout or at stop
                await asyncio.wait_for(stop.wait(), timeout=idle_seconds)
