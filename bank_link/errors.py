"""How the bank link refuses. Every refusal is a DomainError (kernel.errors) carrying one of these codes and a
Python field name (the API layer camel-cases it).

    IssuerErrorCode         issuer create/update, and the issuer a command or mutation names
        REQUIRED, INVALID, UNIQUE, NOT_FOUND
    BankPointsErrorCode     a credit or reversal from the bank (feed row or `pointsCredit`)
        REQUIRED, INVALID            a blank or malformed value
        NOT_FOUND                    unknown issuer, channel or member
        INACTIVE                     the member or issuer is switched off
        EXPIRED                      the points would already be expired when booked
        INSUFFICIENT_POINTS          a take-back asks for more than the member has (or, naming the
                                     credit it reverses, more than that credit's lot still holds)
        NOT_REVERSIBLE               `reverses` names a take-back, not a credit
        ALREADY_REVERSED             the credit named in `reverses` was reversed before
        IDEMPOTENCY_CONFLICT         the bank transaction id was used for a different credit
    The API's PointsCreditErrorCode has these names and GRAPHQL_ERROR (a malformed argument, raised by the
    GraphQL layer only): BANK_POINTS_ERROR_DESCRIPTIONS describes them all.
Single sign-on refusals carry mall.accounts' AccountsErrorCode (see bank_link.sso).
"""

from __future__ import annotations

from enum import StrEnum

from kernel.errors import DomainError


class IssuerErrorCode(StrEnum):
    REQUIRED = "REQUIRED"
    INVALID = "INVALID"
    UNIQUE = "UNIQUE"
    NOT_FOUND = "NOT_FOUND"


ISSUER_ERROR_DESCRIPTIONS = {
    "REQUIRED": "A required value is blank.",
    "INVALID": "A value is out of range or malformed.",
    "UNIQUE": "Another issuer already uses this code.",
    "NOT_FOUND": "The issuer does not exist.",
}


class BankPointsErrorCode(StrEnum):
    REQUIRED = "REQUIRED"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    INACTIVE = "INACTIVE"
    EXPIRED = "EXPIRED"
    INSUFFICIENT_POINTS = "INSUFFICIENT_POINTS"
    IDEMPOTENCY_CONFLICT = "IDEMPOTENCY_CONFLICT"
    NOT_REVERSIBLE = "NOT_REVERSIBLE"
    ALREADY_REVERSED = "ALREADY_REVERSED"


BANK_POINTS_ERROR_DESCRIPTIONS = {
    "REQUIRED": "A required value is blank.",
    "INVALID": "A value is out of range or malformed.",
    "NOT_FOUND": "The issuer, channel, member or reversed transaction does not exist.",
    "INACTIVE": "The member or the issuer is not active.",
    "EXPIRED": "The points would already have expired.",
    "INSUFFICIENT_POINTS": "The member has fewer points than the reversal takes back.",
    "IDEMPOTENCY_CONFLICT": "The bank transaction id was already used for a different credit.",
    "NOT_REVERSIBLE": "The transaction named in reverses took points back: only a credit can be reversed.",
    "ALREADY_REVERSED": "The credit named in reverses was already reversed.",
    "GRAPHQL_ERROR": "A global ID is malformed or of the wrong type.",
}


def issuer_error(code: IssuerErrorCode, message: str, field: str | None = None) -> DomainError:
    return DomainError.single(field, message, code)


def points_error(code: BankPointsErrorCode, message: str, field: str | None = None) -> DomainError:
    return DomainError.single(field, message, code)
