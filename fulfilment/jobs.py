"""Fulfilment's share of `mall worker`: the hand-off and digital issuing handlers, manifest batching, old
webhook receipts, numbering committed deliveries and returns (their accepted sequence), expired codes."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.transactions import in_transaction

from fulfilment.digital.delivery import ISSUE_TOPIC
from fulfilment.digital.issuer_api import HttpPartnerIssuer, PartnerIssuer
from fulfilment.digital.issuing import issue_line
from fulfilment.digital.pools import variants_with_expired_codes, withdraw_expired_codes
from fulfilment.digital.vault import vault_for
from fulfilment.services.acceptance import ACCEPT_BATCH_SIZE, accept_facts
from fulfilment.services.handoff import HANDOFF_TOPIC, batch_manifests, hand_over
from fulfilment.services.tracking import forget_receipts
from fulfilment.signing import TOLERANCE_SECONDS
from kernel import clock
from mall.outbox.models import OutboxMessage
from mall.outbox.services import Handler
from mall.settings import Settings

log = logging.getLogger("mall.fulfilment")


@dataclass
class FulfilmentJobReport:
    manifests: int = 0
    receipts_forgotten: int = 0
    facts_accepted: int = 0
    codes_expired: int = 0
    failures: int = 0

    @property
    def busy(self) -> bool:
        return bool(self.manifests) or self.facts_accepted >= ACCEPT_BATCH_SIZE


def fulfilment_handlers(settings: Settings, issuer: PartnerIssuer | None = None) -> dict[str, Handler]:
    """The worker's handlers: carriers' hand-offs, and partners' issuing of digital gifts (`issuer`: the
    partners' APIs, over HTTP unless a test hands another)."""
    environ = dict(settings.extra)
    vault, partners = vault_for(settings), issuer or HttpPartnerIssuer()

    async def deliver(message: OutboxMessage) -> None:
        await hand_over(message.payload, environ)

    async def issue(message: OutboxMessage) -> None:
        await issue_line(message.payload, vault, partners)

    return {HANDOFF_TOPIC: deliver, ISSUE_TOPIC: issue}


async def run_fulfilment_jobs(now: datetime | None = None) -> FulfilmentJobReport:
    """Batch manifest shipments, forget receipts older than twice the signature tolerance, number the
    deliveries and returns committed since the last run. A failure is logged and retried on the next run."""
    now = (now or clock.now()).astimezone(UTC)
    report = FulfilmentJobReport()
    try:
        report.manifests = await batch_manifests()
        async with in_transaction():
            report.receipts_forgotten = await forget_receipts(now - timedelta(seconds=2 * TOLERANCE_SECONDS))
        async with in_transaction():  # its own: the head row stays locked until the numbers commit
            report.facts_accepted = await accept_facts()
        report.codes_expired = await _withdraw_expired_codes()
    except Exception:  # a job failure must not stop the worker
        report.failures += 1
        log.exception("fulfilment jobs failed")
    return report


async def _withdraw_expired_codes() -> int:
    """Unsold digital codes past their last day leave their pools (and stock), one variant a transaction."""
    today, withdrawn = clock.today_in("UTC"), 0
    for variant_id in await variants_with_expired_codes(today):
        async with in_transaction():
            withdrawn += await withdraw_expired_codes(variant_id, today)
    return withdrawn
