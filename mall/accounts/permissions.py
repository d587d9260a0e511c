"""Permission names: Saleor's, plus the mall's own where Saleor has none."""

from __future__ import annotations

from kernel.saleor_enums import ENUMS

SALEOR_PERMISSIONS: tuple[str, ...] = tuple(name for name, _ in ENUMS["PermissionEnum"])

MALL_PERMISSIONS: dict[str, str] = {
    "MANAGE_POINTS": "Adjust members' points and read any member's points history.",
    "MANAGE_SETTLEMENTS": "Run settlement periods and read statements.",
    "MANAGE_PARTNERS": "Approve partner merchants and edit their contracts.",
    "MANAGE_ISSUERS": "Manage issuing banks, their rules and member feeds.",
    "MANAGE_CARRIERS": "Manage logistics partners and their hand-off settings.",
    "VIEW_REPORTS": "Read programme reports (accrual, redemption, breakage).",
}

ALL_PERMISSIONS: tuple[str, ...] = SALEOR_PERMISSIONS + tuple(MALL_PERMISSIONS)

# Pseudo-permissions Saleor names in its messages for "any staff user" / "any app".
AUTHENTICATED_STAFF_USER = "AUTHENTICATED_STAFF_USER"
AUTHENTICATED_APP = "AUTHENTICATED_APP"

# What a scoped staff user gets when nobody names its permissions: the smallest set its role's daily work
# needs, never the operator's. Keyed by ScopeKind's values (models import this module's names).
ROLE_DEFAULT_PERMISSIONS: dict[str, tuple[str, ...]] = {
    # a partner merchant lists its gifts and stock, ships its orders, reads and confirms its statements
    "partner": ("MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_SETTLEMENTS"),
    # a bank's points team books and reads its members' points, its members, reports and statements
    "issuer": ("MANAGE_POINTS", "MANAGE_USERS", "VIEW_REPORTS", "MANAGE_SETTLEMENTS"),
}
