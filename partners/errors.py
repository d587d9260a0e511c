"""How partners refuse: every DomainError of the partners package carries one of these codes."""

from __future__ import annotations

from enum import StrEnum


class PartnersErrorCode(StrEnum):
    REQUIRED = "REQUIRED"  # a value that must not be blank is blank
    INVALID = "INVALID"  # a malformed value, or a partner that is not active
    UNIQUE = "UNIQUE"  # another partner has the code
    NOT_FOUND = "NOT_FOUND"  # no partner with that code
