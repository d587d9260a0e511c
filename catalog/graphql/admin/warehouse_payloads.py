"""TODO"""

from __future__ import annotations

import strawberry

from catalog.graphql.mutations.common import WarehouseError, errors_field


@strawberry.type(description="Deletes selected warehouse.")
class WarehouseDelete:
    errors: list[WarehouseError] = errors_field()
