"""Why a site settings change is refused (the mutation's ShopErrorCode has the same names)."""

from __future__ import annotations

from enum import StrEnum


class SiteErrorCode(StrEnum):
    REQUIRED = "REQUIRED"  # the shop's name, or a company address's street, city or country, is blank
    INVALID = "INVALID"  # too long, not a URL or host, or a setting the mall fixes given another value
