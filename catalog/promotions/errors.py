"""How promotion services refuse: every DomainError of catalog.promotions carries one of these codes.

Names follow Saleor's PromotionCreateErrorCode family; field names are the services' Python names.
"""

from __future__ import annotations

from enum import StrEnum


class PromotionErrorCode(StrEnum):
    REQUIRED = "REQUIRED"  # a value that must not be blank is blank
    INVALID = "INVALID"  # a malformed predicate, reward or date range, or what a points mall cannot do
    NOT_FOUND = "NOT_FOUND"  # the promotion, rule or a channel named does not exist
    MISSING_CHANNELS = "MISSING_CHANNELS"  # a fixed reward with no channel to say its points unit
    MULTIPLE_CURRENCIES_NOT_ALLOWED = "MULTIPLE_CURRENCIES_NOT_ALLOWED"  # a fixed reward over several points units
    INVALID_PRECISION = "INVALID_PRECISION"  # a fixed number of points with a fraction
