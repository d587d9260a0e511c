"""The statement lifecycle as data: which status may follow which, and the one function that moves it.

    draft -> issued -> confirmed -> paid
                    \\-> disputed -> confirmed (the counterparty withdraws its dispute once resolved)

Issued statements never change: only their status moves on, each move recorded as an event.
"""

from __future__ import annotations

from datetime import UTC, datetime

from kernel import clock
from settlement.errors import SettlementErrorCode, refusal
from settlement.models import Statement, StatementEvent, StatementStatus

TRANSITIONS: dict[StatementStatus, frozenset[StatementStatus]] = {
    StatementStatus.DRAFT: frozenset({StatementStatus.ISSUED}),
    StatementStatus.ISSUED: frozenset({StatementStatus.CONFIRMED, StatementStatus.DISPUTED}),
    StatementStatus.DISPUTED: frozenset({StatementStatus.CONFIRMED}),
    StatementStatus.CONFIRMED: frozenset({StatementStatus.PAID}),
    StatementStatus.PAID: frozenset(),
}
MAX_NOTE_LENGTH = 1000


async def move_statement(
    statement: Statement, target: StatementStatus, actor: str, note: str = "", *, now: datetime | None = None
) -> Statement:
    """Move the statement to `target` if the table allows it, guarded by a conditional update (two
    concurrent moves: one wins), and record the event.

    Raises DomainError INVALID_TRANSITION (not allowed from the current status, or changed meanwhile),
    INVALID (note too long).
    """
    current = StatementStatus(statement.status)
    if target not in TRANSITIONS[current]:
        raise refusal(SettlementErrorCode.INVALID_TRANSITION,
                      f"A {current.value} statement cannot become {target.value}.", "id")
    if len(note) > MAX_NOTE_LENGTH:
        raise refusal(SettlementErrorCode.INVALID, f"Use at most {MAX_NOTE_LENGTH} characters.", "note")
    changes: dict[str, object] = {"status": target}
    if target == StatementStatus.ISSUED:
        changes["issued_at"] = (now or clock.now()).astimezone(UTC)
    if not await Statement.filter(id=statement.id, status=current).update(**changes):
        raise refusal(SettlementErrorCode.INVALID_TRANSITION, "The statement changed meanwhile, reload it.", "id")
    await StatementEvent.create(statement_id=statement.id, from_status=current, to_status=target, actor=actor,
                                note=note)
    for name, value in changes.items():
        setattr(statement, name, value)
    return statement


async def record_creation(statement: Statement, actor: str) -> None:
    await StatementEvent.create(statement_id=statement.id, from_status=None, to_status=StatementStatus.DRAFT,
                                actor=actor, note="computed")


MAX_REFERENCE_LENGTH = 200


def check_reference(reference: str) -> str:
    """The payment reference, trimmed. Raises DomainError REQUIRED (blank), INVALID (too long)."""
    cleaned = reference.strip()
    if not cleaned:
        raise refusal(SettlementErrorCode.REQUIRED, "Give the payment's reference.", "reference")
    if len(cleaned) > MAX_REFERENCE_LENGTH:
        raise refusal(SettlementErrorCode.INVALID, f"Use at most {MAX_REFERENCE_LENGTH} characters.", "reference")
    return cleaned


async def record_payment(statement: Statement, reference: str, actor: str) -> Statement:
    """The statement was paid (by the bank, or by the operator to a partner by hand): confirmed -> paid.

    Raises DomainError REQUIRED / INVALID (reference), INVALID_TRANSITION (not confirmed).
    """
    cleaned = check_reference(reference)
    await move_statement(statement, StatementStatus.PAID, actor, f"paid, reference {cleaned}")
    await Statement.filter(id=statement.id).update(payment_reference=cleaned)
    statement.payment_reference = cleaned
    return statement


def require_status(statement: Statement, *allowed: StatementStatus) -> None:
    """Raises DomainError INVALID_TRANSITION unless the statement is in one of `allowed`."""
    if StatementStatus(statement.status) not in allowed:
        names = " or ".join(status.value for status in allowed)
        raise refusal(SettlementErrorCode.INVALID_TRANSITION,
                      f"The statement is {statement.status}: it must be {names}.", "id")


async def confirm_statement(statement: Statement, actor: str) -> Statement:
    """The counterparty agrees with an issued (or disputed) statement. Raises DomainError INVALID_TRANSITION."""
    return await move_statement(statement, StatementStatus.CONFIRMED, actor, "confirmed by the counterparty")


async def dispute_statement(statement: Statement, actor: str, reason: str) -> Statement:
    """The counterparty disagrees, saying why. Raises DomainError REQUIRED (no reason), INVALID (too long),
    INVALID_TRANSITION."""
    if not reason.strip():
        raise refusal(SettlementErrorCode.REQUIRED, "Say what is wrong with the statement.", "reason")
    return await move_statement(statement, StatementStatus.DISPUTED, actor, reason.strip())
