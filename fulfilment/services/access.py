"""Who ships: the operator's staff (every warehouse) or a partner's staff (their partner's warehouses only).

Another partner's shipments, lines and warehouses look absent to a partner (NOT_FOUND), never forbidden,
as in the catalogue.
"""

from __future__ import annotations

from mall.actors import SYSTEM, PartnerScopedActor

Shipper = PartnerScopedActor  # the acting staff, scoped to a partner or not (mall.actors)
OPERATOR = SYSTEM
