"""How the cases domain refuses: every DomainError of its services carries one of these codes, and the Python
(snake_case) name of the input it is about (the API layer camel-cases it)."""

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


def refusal(code: CaseErrorCode, message: str, field: str | None) -> DomainError:
    return DomainError.single(field, message, code)


def not_found(field: str, label: str) -> DomainError:
    return refusal(CaseErrorCode.NOT_FOUND, f"Couldn't resolve to a node: {label}", field)
