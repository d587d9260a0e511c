"""`mall worker`: every domain's periodic jobs, then the outbox, in a loop. Domains register here."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from bank_link.jobs import BankJobs
from cases.jobs import notice_handlers, run_case_jobs
from fulfilment.digital.code_messages import LINE_CODES, line_codes_source
from fulfilment.digital.vault import vault_for
from fulfilment.jobs import fulfilment_handlers, run_fulfilment_jobs
from ledger.jobs import run_ledger_jobs
from loyalty.services import run_loyalty_jobs, welcome_handlers
from mall.notifications.delivery import notification_handlers
from mall.outbox.mail import MAIL_TOPIC, folder_mail_handler
from mall.outbox.services import DeliveryReport, Handler, deliver_due
from mall.settings import Settings
from orders.services.cash_refunds import cash_handlers, release_abandoned_cash_payments
from orders.services.stripe_gateway import cash_gateway
from settlement.partner.payouts import PAYOUT_TOPIC, payout_handler
from settlement.partner.transfers import connect_transfers


def outbox_handlers(settings: Settings) -> dict[str, Handler]:
    handlers = {
        MAIL_TOPIC: folder_mail_handler(settings.mail_dir),
        PAYOUT_TOPIC: payout_handler(connect_transfers(settings)),
        **fulfilment_handlers(settings),
        # gift codes reach the member's e-mail and phone opened from the vault at send time, never stored
        **notification_handlers(settings, {LINE_CODES: line_codes_source(vault_for(settings))}),
        **notice_handlers(settings.public_url),  # customer service notices, told through mall/notifications
        **welcome_handlers(),  # new members' welcome points
    }
    gateway = cash_gateway(settings)
    if gateway is not None:  # with Stripe off, card refunds wait in the outbox until it is configured
        handlers.update(cash_handlers(gateway))
    return handlers


def _silent(_: str) -> None:
    pass


@dataclass
class PeriodicJobs:
    """The jobs run before each delivery of the outbox (they may queue messages it then delivers)."""

    settings: Settings
    echo: Callable[[str], None] = _silent
    bank: BankJobs = field(init=False)

    def __post_init__(self) -> None:
        self.bank = BankJobs(self.settings.public_url)  # remembers when it last ran: reminders are paced

    async def run(self) -> bool:
        """Run each job once; True while any of them has more waiting."""
        ledger = await run_ledger_jobs()  # void expired holds, expire lots, seal transfers
        if ledger.busy or ledger.failures:
            self.echo(ledger.summary())
        await release_abandoned_cash_payments()  # card payments of abandoned checkouts: void or refund
        shipping = await run_fulfilment_jobs()  # batch manifests, forget old webhook receipts, accept facts
        reminded = await self.bank.run()  # expiry reminders into the outbox
        if reminded:
            self.echo(f"bank: {reminded} expiry reminders queued")
        loyalty = await run_loyalty_jobs()  # spend awards and take-backs, tier reviews, member states
        if loyalty.tiers_judged or loyalty.states_changed:
            self.echo(loyalty.summary())
        cases = await run_case_jobs()  # overdue cases to the operator
        if cases.escalated:
            self.echo(f"cases: {cases.escalated} overdue cases escalated")
        return ledger.busy or shipping.busy or loyalty.busy or cases.busy


async def run_once(settings: Settings) -> DeliveryReport:
    """One pass of the jobs and one delivery of the outbox (tests step the worker with it)."""
    await PeriodicJobs(settings).run()
    return await deliver_due(outbox_handlers(settings))


# `--once` repeats passes while they find work, so that it leaves nothing due behind it (the jobs and the
# outbox take batches of 100); the bound only stops a pass that somehow always finds work.
MAX_PASSES_ONCE = 10_000


async def run_worker(
    settings: Settings,
    stop: asyncio.Event,
    *,
    once: bool,
    idle_seconds: float,
    echo: Callable[[str], None] = print,
) -> None:
    handlers, jobs = outbox_handlers(settings), PeriodicJobs(settings, echo)
    passes = 0
    while not stop.is_set():
        busy = await jobs.run()
        report = await deliver_due(handlers)
        passes += 1
        if report.delivered or report.failed or report.dead:
            echo(f"outbox: {report.delivered} delivered, {report.failed} to retry, {report.dead} dead")
        found_work = bool(busy or report.delivered)
        if once and (not found_work or passes >= MAX_PASSES_ONCE):
            return
        if not once and not (found_work or report.failed):
            with contextlib.suppress(TimeoutError):  # idle: wake at the timeout or at stop
                await asyncio.wait_for(stop.wait(), timeout=idle_seconds)
