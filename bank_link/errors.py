"""How the bank link refuses. Every refusal is a DomainError (mall.graphql.errors) carrying one of these codes.

    IssuerErrorCode         issuer create/update, and the issuer a command or mutation names
        REQUIRED, INVALID, UNIQUE, NOT_FOUND
    BankPointsErrorCode     a credit or reversal from the bank (feed row or `pointsCredit`)
        REQUIRED, INVALID            a blank or malformed value
        NOT_FOUND                    unknown issuer, channel or member
        INACTIVE                     the member or issuer is switched off
        EXPIRED                      the points would already be expired when booked
        INSUFFICIENT_POINTS          a reversal asks for more than the member has
        IDEMPOTENCY_CONFLICT         the bank transaction id was used for a different credit
        GRAPHQL_ERROR                a malformed argument (GraphQL layer only)
Single sign-on refusals use Saleor's AccountErrorCode (see bank_link.sso).
"""

from __future__ import annotations

from enum import StrEnum

from mall.graphql.errors import DomainError


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
    GRAPHQL_ERROR = "GRAPHQL_ERROR"


BANK_POINTS_ERROR_DESCRIPTIONS = {
    "REQUIRED": "A required value is blank.",
    "INVALID": "A value is out of range or malformed.",
    "NOT_FOUND": "The issuer, channel or member does not exist.",
    "INACTIVE": "The member or the issuer is not active.",
    "EXPIRED": "The points would already have expired.",
    "INSUFFICIENT_POINTS": "The member has fewer points than the reversal takes back.",
    "IDEMPOTENCY_CONFLICT": "The bank transaction id was already used for a different credit.",
    "GRAPHQL_ERROR": "A global ID is malformed or of the wrong type.",
}


def issuer_error(code: IssuerErrorCode, message: str, field: str | None = None) -> DomainError:
    return DomainError.single(field, message, code.value)


def points_error(code: BankPointsErrorCode, message: str, field: str | None = None) -> DomainError:
    return DomainError.single(field, message, code.value)
