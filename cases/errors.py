"""The cases domain's refusal codes (DomainError codes): what a case mutation's `errors` may say."""

from __future__ import annotations

from enum import StrEnum

from kernel.errors import DomainError


class CaseErrorCode(StrEnum):
    REQUIRED = "REQUIRED"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK"
    REOPEN_NOT_ALLOWED = "REOPEN_NOT_ALLOWED"
    ALREADY_RATED = "ALREADY_RATED"
    GRAPHQL_ERROR = "GRAPHQL_ERROR"


def refusal(code: CaseErrorCode, message: str, field: str | None) -> DomainError:
    return DomainError.single(field, message, code.value)


def not_found(field: str, label: str) -> DomainError:
    return refusal(CaseErrorCode.NOT_FOUND, f"Couldn't resolve to a node: {label}", field)
