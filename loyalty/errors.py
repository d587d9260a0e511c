"""How the loyalty engine refuses: a DomainError carrying one of these codes (LoyaltyErrorCode members) and the
service's Python field name; the ledger's own refusals pass through as LedgerErrorCode. Each mutation maps both
into the API's LoyaltyErrorCode (loyalty.graphql.errors).

    REQUIRED              a value that must not be blank is blank
    INVALID               a value is out of range or malformed (a cap below one, a window that ends
                          before it starts, a rule kind a mutation does not book)
    NOT_FOUND             the issuer, channel, rule, member, partner or tier level does not exist
    UNIQUE                another rule or tier level of the programme already uses this code
    RULE_INACTIVE         the rule is switched off, or the moment is outside its validity window
    CAP_REACHED           the member has used the rule's day, month or year cap
    NOT_ELIGIBLE          the member is not one of the programme's (the channel has no issuer, or the
                          bank switched the member off)

Raised by the ledger through the engine (LedgerErrorCode), with the same names in the API enum:
    INSUFFICIENT_POINTS   points to take back were spent already
    IDEMPOTENCY_CONFLICT  the occasion was booked before with other terms

The API's LoyaltyErrorCode (loyalty.graphql.types) has these names and GRAPHQL_ERROR (a malformed argument,
raised by the GraphQL layer only): LOYALTY_ERROR_DESCRIPTIONS describes them all.
"""

from __future__ import annotations

from enum import StrEnum

from kernel.errors import DomainError


class LoyaltyErrorCode(StrEnum):
    REQUIRED = "REQUIRED"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    UNIQUE = "UNIQUE"
    RULE_INACTIVE = "RULE_INACTIVE"
    CAP_REACHED = "CAP_REACHED"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"


LOYALTY_ERROR_DESCRIPTIONS: dict[str, str] = {
    "REQUIRED": "A required value is blank.",
    "INVALID": "A value is out of range or malformed.",
    "NOT_FOUND": "The issuer, channel, rule, member, partner or tier level does not exist.",
    "UNIQUE": "Another rule or tier level of the programme already uses this code.",
    "RULE_INACTIVE": "The rule is switched off or outside its validity window.",
    "CAP_REACHED": "The member has reached the rule's day, month or year cap.",
    "NOT_ELIGIBLE": "The member does not take part in this programme.",
    "INSUFFICIENT_POINTS": "The member has fewer points than are taken back.",
    "IDEMPOTENCY_CONFLICT": "This occasion was booked before with other terms.",
    "GRAPHQL_ERROR": "A malformed argument.",
}


def refusal(code: LoyaltyErrorCode, message: str, field: str | None = None, **extra: object) -> DomainError:
    return DomainError.single(field, message, code, **extra)
