"""How channels refuse: every DomainError of mall.channels carries one of these codes (Saleor's names)."""

from __future__ import annotations

from enum import StrEnum


class ChannelsErrorCode(StrEnum):
    REQUIRED = "REQUIRED"  # bad input on create/update
    INVALID = "INVALID"
    UNIQUE = "UNIQUE"  # another channel has the slug
    NOT_FOUND = "NOT_FOUND"  # the channel named does not exist, or the issuer a channel names
    MISSING_CHANNEL_SLUG = "MISSING_CHANNEL_SLUG"  # no channel named while several exist
    CHANNEL_INACTIVE = "CHANNEL_INACTIVE"  # the channel named is switched off
