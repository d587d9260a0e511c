"""The ledger's share of `mall worker`: void expired holds, expire lots, seal new transfers.

Each hold and each wallet is handled in its own transaction, so one failure neither blocks nor undoes
the others; the failure is logged and the item is tried again on the next run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from kernel import clock
from kernel.errors import DomainError
from ledger.expiry import WORKER_ACTOR, expire_wallet_lots, wallets_with_expired_lots
from ledger.sealing import seal_transfers
from ledger.services import Request, due_holds, void_hold

BATCH_SIZE = 100
log = logging.getLogger("ledger")


@dataclass
class LedgerJobReport:
    holds_voided: int = 0
    lots_expired: int = 0
    transfers_sealed: int = 0
    failures: int = 0

    @property
    def busy(self) -> bool:
        """Whether this run did anything: the worker then runs again at once instead of idling."""
        return bool(self.holds_voided or self.lots_expired or self.transfers_sealed)

    def summary(self) -> str:
        return (f"ledger: {self.holds_voided} expired holds voided, {self.lots_expired} lots expired, "
                f"{self.transfers_sealed} transfers sealed, {self.failures} failures")


async def run_ledger_jobs(now: datetime | None = None, limit: int = BATCH_SIZE) -> LedgerJobReport:
    now = (now or clock.now()).astimezone(UTC)
    report = LedgerJobReport()
    for hold_id in await due_holds(now, limit):
        await _void_expired_hold(hold_id, now, report)
    for wallet_id in await wallets_with_expired_lots(now, limit):
        await _expire_wallet(wallet_id, now, report)
    await _seal(report)
    return report


async def _seal(report: LedgerJobReport) -> None:
    try:
        async with in_transaction():
            report.transfers_sealed = await seal_transfers()
    except Exception:
        report.failures += 1
        log.exception("sealing transfers failed")


async def _void_expired_hold(hold_id: int, now: datetime, report: LedgerJobReport) -> None:
    request = Request(f"void:expired-hold:{hold_id}", WORKER_ACTOR, f"hold:{hold_id}", "Hold expired")
    try:
        async with in_transaction():
            await void_hold(hold_id, request, now=now)
        report.holds_voided += 1
    except DomainError:
        pass  # captured or voided since it was listed: nothing left to do
    except Exception:
        report.failures += 1
        log.exception("voiding an expired hold failed", extra={"hold_id": hold_id})


async def _expire_wallet(wallet_id: int, now: datetime, report: LedgerJobReport) -> None:
    try:
        async with in_transaction():
            report.lots_expired += len(await expire_wallet_lots(wallet_id, now))
    except Exception:
        report.failures += 1
        log.exception("expiring lots failed", extra={"wallet_id": wallet_id})
