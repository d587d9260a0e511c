"""How settlement refuses.

    Exception
    ├── DomainError (kernel.errors)         an expected refusal with one of the codes below: the use
    │                                       case's transaction rolls back, nothing was written
    │   └── ReconciliationMismatch          statements disagree with the ledger: the run issues nothing
    └── StorageError (mall.storage)         a statement file could not be written (a re-run retries)

Codes (SettlementErrorCode):
    REQUIRED                  a value that must not be blank is blank
    INVALID                   a value is malformed (period, time zone, amount)
    NOT_FOUND                 the issuer, partner or statement does not exist
    PERIOD_OPEN               the period has not ended yet
    RECONCILIATION_MISMATCH   a statement's totals differ from the ledger's movements (one error each)
    INVALID_TRANSITION        the statement's status does not allow this step
    GRAPHQL_ERROR             a malformed global ID (GraphQL layer only)

SettlementErrorCode is also the API's enum of the same name (settlement.graphql.schema), hence its
GRAPHQL_ERROR. Field names are Python names (the API layer camel-cases them).
"""

from __future__ import annotations

from enum import StrEnum

from kernel.errors import DomainError, ErrorDetail


class SettlementErrorCode(StrEnum):
    REQUIRED = "REQUIRED"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    PERIOD_OPEN = "PERIOD_OPEN"
    RECONCILIATION_MISMATCH = "RECONCILIATION_MISMATCH"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    GRAPHQL_ERROR = "GRAPHQL_ERROR"


class ReconciliationMismatch(DomainError):
    """The differences found, one readable line each (also stored on the refused run)."""

    def __init__(self, differences: list[str]) -> None:
        super().__init__(
            *(ErrorDetail("period", text, SettlementErrorCode.RECONCILIATION_MISMATCH) for text in differences)
        )
        self.differences = differences


def refusal(code: SettlementErrorCode, message: str, field: str | None = None) -> DomainError:
    return DomainError.single(field, message, code)
