"""Who ships: the operator's staff (every warehouse) or a partner's staff (their partner's warehouses only).

Another partner's shipments, lines and warehouses look absent to a partner (NOT_FOUND), never forbidden,
as in the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mall.graphql.errors import DomainError


@dataclass(frozen=True)
class Shipper:
    actor: str
    partner_code: str | None = None

    @property
    def is_operator(self) -> bool:
        return self.partner_code is None

    def owns(self, row: Any) -> bool:
        """Rows carry the partner they belong to in `partner_code`."""
        return self.partner_code is None or getattr(row, "partner_code", None) == self.partner_code


OPERATOR = Shipper(actor="system")


def missing(field: str, label: str) -> DomainError:
    return DomainError.single(field, f"Couldn't resolve to a node: {label}", "NOT_FOUND")
