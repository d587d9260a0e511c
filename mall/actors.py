"""Who acts on partner-owned rows (products, warehouses, stock, shipments): the operator's staff, with no
partner, act on every row; a partner's staff only on their partner's. Another partner's rows look absent to
them (NOT_FOUND), never "forbidden": a partner must not even learn that a competitor's row exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from kernel.errors import DomainError


@dataclass(frozen=True)
class PartnerScopedActor:
    actor: str
    partner_code: str | None = None

    @property
    def is_operator(self) -> bool:
        return self.partner_code is None

    def owns(self, row: Any) -> bool:
        """Rows carry the partner they belong to in `partner_code`."""
        return self.partner_code is None or getattr(row, "partner_code", None) == self.partner_code


SYSTEM = PartnerScopedActor(actor="system")


def missing(field: str, label: str, code: Enum) -> DomainError:
    """The refusal for a row that does not exist or is another partner's; `code` is the caller's NOT_FOUND."""
    return DomainError.single(field, f"Couldn't resolve to a node: {label}", code)
