"""A settlement run: close one period for a set of counterparties (issuers, partners, or both).

The run is the use case and owns its transactions:
1. Check the request (period, counterparties, every period over) and record the run.
2. In ONE transaction: for each counterparty without a statement for the period, compute a draft,
   reconcile it with the ledger, post its ledger transfers and issue it. Any difference anywhere refuses
   the whole run (ReconciliationMismatch, nothing is issued) and is stored on the run, one line each.
   A counterparty whose statement exists is skipped: re-running a period doubles nothing.
3. After the commit, write each issued statement's files (CSV, JSON, manifest). A storage failure marks
   the run failed; running the period again writes the missing files and issues nothing twice.

Each side (issuer, partner) plugs in through the `Side` protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from kernel import clock
from mall.storage import StorageError
from settlement.errors import ReconciliationMismatch
from settlement.files import destination_for, write_statement_files
from settlement.lifecycle import move_statement, record_creation
from settlement.models import CounterpartyKind, RunStatus, SettlementRun, Statement, StatementStatus
from settlement.periods import Period, month_period, parse_period, require_closed

MAX_DIFFERENCES_STORED = 200


@dataclass(frozen=True)
class Counterparty:
    kind: CounterpartyKind
    code: str
    time_zone: str
    storage_location: str
    model: Any


class Side(Protocol):
    """One kind of counterparty: who it settles with and how its statements are computed."""

    kind: CounterpartyKind

    async def counterparties(self, code: str | None) -> list[Counterparty]:
        """All active counterparties, or the one with `code` (DomainError NOT_FOUND if none)."""
        ...

    async def build(self, counterparty: Counterparty, period: Period, run: SettlementRun) -> Statement: ...

    async def reconcile(self, statement: Statement) -> list[str]: ...

    async def post(self, counterparty: Counterparty, statement: Statement, actor: str) -> None: ...


@dataclass(frozen=True)
class RunRequest:
    period: str
    sides: Sequence[tuple[Side, str | None]]  # each side with its one counterparty code, or None for all
    actor: str
    issuer_code: str | None = None
    partner_code: str | None = None


@dataclass
class RunOutcome:
    run: SettlementRun
    issued: list[Statement] = field(default_factory=list)
    skipped: list[Statement] = field(default_factory=list)

    @property
    def differences(self) -> list[str]:
        return list(self.run.differences)


@dataclass(frozen=True)
class Target:
    side: Side
    counterparty: Counterparty
    period: Period


async def _targets(request: RunRequest, now: datetime) -> list[Target]:
    parse_period(request.period)
    targets = []
    for side, code in request.sides:
        for counterparty in await side.counterparties(code):
            period = month_period(request.period, counterparty.time_zone)
            require_closed(period, now)
            targets.append(Target(side, counterparty, period))
    return targets


async def run_settlement(request: RunRequest, settings: Any, *, now: datetime | None = None) -> RunOutcome:
    """Close the period for the request's counterparties.

    Raises DomainError INVALID (period), NOT_FOUND (counterparty), PERIOD_OPEN before anything is
    recorded. A reconciliation mismatch does not raise: the outcome's run is REFUSED with its differences.
    A run that loses a race with another run of the same period issues nothing and is FAILED.
    """
    now = (now or clock.now()).astimezone(UTC)
    targets = await _targets(request, now)
    run = await SettlementRun.create(period=request.period, issuer_code=request.issuer_code,
                                     partner_code=request.partner_code, actor=request.actor)
    outcome = RunOutcome(run)
    try:
        async with in_transaction():
            await _issue_all(targets, outcome, request.actor, now)
    except ReconciliationMismatch as mismatch:
        return await _finish(outcome, RunStatus.REFUSED, mismatch.differences, issued=[])
    except IntegrityError:  # the unique statement per counterparty and month, or an entry's source
        concurrent = "another run settled one of these counterparties at the same time; run the period again"
        outcome.skipped = []
        return await _finish(outcome, RunStatus.FAILED, [concurrent], issued=[])
    return await _write_files(targets, outcome, settings)


async def _issue_all(targets: list[Target], outcome: RunOutcome, actor: str, now: datetime) -> None:
    differences: list[str] = []
    for target in targets:
        existing = await Statement.get_or_none(kind=target.side.kind, counterparty_code=target.counterparty.code,
                                               period=target.period.name)
        if existing is not None:
            outcome.skipped.append(existing)
            continue
        statement = await target.side.build(target.counterparty, target.period, outcome.run)
        await record_creation(statement, actor)
        found = await target.side.reconcile(statement)
        differences += found
        if not found:
            await target.side.post(target.counterparty, statement, actor)
            outcome.issued.append(await move_statement(statement, StatementStatus.ISSUED, actor, now=now))
    if differences:
        raise ReconciliationMismatch(differences[:MAX_DIFFERENCES_STORED])


async def _write_files(targets: list[Target], outcome: RunOutcome, settings: Any) -> RunOutcome:
    """Files of every statement of the run's targets that has none yet (this run's, or a failed one's)."""
    locations = {(t.side.kind, t.counterparty.code): t.counterparty.storage_location for t in targets}
    problems = []
    for statement in [*outcome.issued, *outcome.skipped]:
        destination = destination_for(locations[(statement.kind, statement.counterparty_code)], settings)
        try:
            await write_statement_files(statement, destination)
        except StorageError as error:
            problems.append(f"{statement.kind} {statement.counterparty_code} {statement.period}: files not written "
                            f"({error})")
    status = RunStatus.FAILED if problems else RunStatus.SUCCEEDED
    return await _finish(outcome, status, problems, issued=outcome.issued)


async def _finish(outcome: RunOutcome, status: RunStatus, differences: list[str],
                  issued: list[Statement]) -> RunOutcome:
    run = outcome.run
    run.status, run.differences, run.finished_at = status, differences, clock.now()
    run.statements_issued, run.statements_skipped = len(issued), len(outcome.skipped)
    outcome.issued = issued
    await run.save(update_fields=["status", "differences", "finished_at", "statements_issued", "statements_skipped"])
    return outcome
