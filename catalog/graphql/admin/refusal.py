"""A clear refusal for Saleor mutations of concepts a points mall does not have (attributes, pages,
menus, file exports): the caller must hold the permission Saleor asks for, then gets one error with a
code from the mutation's own error enum and nothing is written. Never a fake success."""

from __future__ import annotations

from typing import Any

from mall.graphql.context import Info
from mall.graphql.permissions import require_permission


async def refuse(
    info: Info, permission: str, payload: type, error_type: type, codes: Any, code: str, field: str | None, why: str
) -> Any:
    await require_permission(info, permission)
    return payload(errors=[error_type(field=field, message=why, code=codes[code])])
