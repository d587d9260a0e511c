"""Notifications' refusals, in the domain's own terms (the API maps them through ErrorCodes)."""

from __future__ import annotations

from enum import StrEnum


class NotificationErrorCode(StrEnum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
