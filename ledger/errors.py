"""How the ledger refuses, and how it fails.

    Exception
    ├── DomainError (kernel.errors)         an expected refusal, with one of the codes below; the
    │                                       caller's transaction is rolled back, nothing was written
    └── LedgerInvariantError               the stored ledger contradicts itself (a bug or tampering):
                                           never caught by the ledger, so the transaction rolls back

Codes (LedgerErrorCode; fields are Python names such as `idempotency_key`):
    REQUIRED               an argument that must not be blank is blank
    INVALID                an argument is out of range or malformed
    NOT_FOUND              the member, channel, hold or transfer does not exist
    INSUFFICIENT_POINTS    the wallet (or the lot being reversed) holds fewer points than asked
    IDEMPOTENCY_CONFLICT   the idempotency key was used before for a different request
    HOLD_ALREADY_RESOLVED  the hold was captured or voided before
    HOLD_EXPIRED           the hold is past its expiry and can no longer be captured
    NOT_REVERSIBLE         this kind of transfer is not corrected by a reversal
    ALREADY_REVERSED       the transfer was reversed before
    REFUND_EXCEEDS_CAPTURE a refund asks for more than the capture has left to refund

The API's PointsErrorCode (ledger.graphql.types) has these names and GRAPHQL_ERROR (a malformed global ID,
raised by the GraphQL layer only): ERROR_DESCRIPTIONS describes them all.
"""

from __future__ import annotations

from enum import StrEnum

from kernel.errors import DomainError


class LedgerErrorCode(StrEnum):
    REQUIRED = "REQUIRED"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    INSUFFICIENT_POINTS = "INSUFFICIENT_POINTS"
    IDEMPOTENCY_CONFLICT = "IDEMPOTENCY_CONFLICT"
    HOLD_ALREADY_RESOLVED = "HOLD_ALREADY_RESOLVED"
    HOLD_EXPIRED = "HOLD_EXPIRED"
    NOT_REVERSIBLE = "NOT_REVERSIBLE"
    ALREADY_REVERSED = "ALREADY_REVERSED"
    REFUND_EXCEEDS_CAPTURE = "REFUND_EXCEEDS_CAPTURE"


ERROR_DESCRIPTIONS: dict[str, str] = {
    "REQUIRED": "A required value is blank.",
    "INVALID": "A value is out of range or malformed.",
    "NOT_FOUND": "The member, channel, hold or transfer does not exist.",
    "INSUFFICIENT_POINTS": "The member does not have enough points.",
    "IDEMPOTENCY_CONFLICT": "The idempotency key was already used for a different request.",
    "HOLD_ALREADY_RESOLVED": "The hold was already captured or voided.",
    "HOLD_EXPIRED": "The hold has expired and can no longer be captured.",
    "NOT_REVERSIBLE": "This kind of transfer cannot be reversed.",
    "ALREADY_REVERSED": "The transfer was already reversed.",
    "REFUND_EXCEEDS_CAPTURE": "The refund is larger than what is left of the capture.",
    "GRAPHQL_ERROR": "A global ID is malformed or of the wrong type.",
}


class LedgerInvariantError(RuntimeError):
    """The ledger's own bookkeeping disagrees with itself; never an expected outcome."""


def refusal(code: LedgerErrorCode, message: str, field: str | None = None) -> DomainError:
    return DomainError.single(field, message, code)


def insufficient_points(field: str | None = "amount") -> DomainError:
    return refusal(LedgerErrorCode.INSUFFICIENT_POINTS, "The member does not have enough points.", field)


def idempotency_conflict() -> DomainError:
    return refusal(
        LedgerErrorCode.IDEMPOTENCY_CONFLICT,
        "This idempotency key was already used for a different request.",
        "idempotency_key",
    )
