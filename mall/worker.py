"""`mall worker`: deliver the outbox in a loop; later domains register their handlers here."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from mall.ledger.jobs import run_ledger_jobs
from mall.outbox.mail import MAIL_TOPIC, folder_mail_handler
from mall.outbox.services import DeliveryReport, Handler, deliver_due
from mall.settings import Settings
from orders.services.cash_refunds import cash_handlers, release_abandoned_cash_payments
from orders.services.stripe_gateway import cash_gateway


def outbox_handlers(settings: Settings) -> dict[str, Handler]:
    handlers = {MAIL_TOPIC: folder_mail_handler(settings.mail_dir)}
    gateway = cash_gateway(settings)
    if gateway is not None:  # with Stripe off, card refunds wait in the outbox until it is configured
        handlers.update(cash_handlers(gateway))
    return handlers


async def run_once(settings: Settings) -> DeliveryReport:
    await run_ledger_jobs()
    await release_abandoned_cash_payments()
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
    while not stop.is_set():
        ledger = await run_ledger_jobs()  # void expired holds, expire lots, seal transfers
        await release_abandoned_cash_payments()  # card payments of abandoned checkouts: void or refund
        if ledger.busy or ledger.failures:
            echo(ledger.summary())
        report = await deliver_due(handlers)
        if report.delivered or report.failed or report.dead:
            echo(f"outbox: {report.delivered} delivered, {report.failed} to retry, {report.dead} dead")
        if once:
            return
        if not (report.delivered or report.failed or ledger.busy):
            with contextlib.suppress(TimeoutError):  # idle: wake at the timeout or at stop
                await asyncio.wait_for(stop.wait(), timeout=idle_seconds)
