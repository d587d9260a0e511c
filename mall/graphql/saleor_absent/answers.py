"""How the mall answers for a Saleor concept it does not have: truthfully, never with a fake success.

A query answers what a mall without the concept holds (an empty list or connection, null); a mutation
first checks the permission Saleor's schema asks of it (an anonymous caller or a member gets Saleor's
PermissionDenied, as from Saleor, not a feature refusal that would tell them what the staff may try), then
answers its payload with one error: NOT_FOUND when it names rows (there are none), otherwise INVALID (or the
enum's GRAPHQL_ERROR, or its clearest code, when it has no INVALID), and a message saying what the points
mall lacks. A few mutations the mall has the concept for but cannot perform answer their own code and reason
(`SPECIFIC_REFUSALS`). Nothing is written, whoever asks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from enum import Enum
from typing import Any, NoReturn, TypeVar, get_args

import strawberry
from strawberry.types.base import StrawberryOptional
from strawberry.types.lazy_type import StrawberryLazyReference

from mall.accounts.auth import Principal
from mall.graphql.connection import PageInfo
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, same_names
from mall.graphql.errors import PermissionDenied
from mall.graphql.permissions import has_any_permission

PayloadT = TypeVar("PayloadT")
ConnectionT = TypeVar("ConnectionT")
# The clearest code of the enums that have neither INVALID nor GRAPHQL_ERROR
WITHOUT_INVALID = ("NO_INVOICE_PLUGIN", "OUT_OF_SCOPE_PERMISSION")
ABSENT_MESSAGE = "A points mall has no {concept}: `{mutation}` is not available."
# Saleor's pseudo-permissions (its descriptions list them beside real ones): who the caller must be.
# OWNER means "the object's owner": with no object, any signed-in caller gets as far as the refusal.
CALLER_KINDS: dict[str, Callable[[Principal], bool]] = {
    "AUTHENTICATED_USER": lambda principal: principal.user is not None,
    "AUTHENTICATED_STAFF_USER": lambda principal: principal.is_staff,
    "AUTHENTICATED_APP": lambda principal: principal.app is not None,
    "OWNER": lambda principal: not principal.is_anonymous,
    "IS_OWNER": lambda principal: not principal.is_anonymous,
}
# An order is paid when the member completes the checkout (points captured, stock allocated); Saleor's line
# and discount edits are for draft and unconfirmed orders whose payment is still to come. Changing a paid
# order's lines would spend or give back points the member never agreed to: refused, with what to do instead.
ORDER_NOT_EDITABLE = ("NOT_EDITABLE", "A points mall's order is paid with the member's points when they complete "
                      "the checkout, so its {what} cannot change afterwards: cancel the order (its points go back "
                      "to the member) and let the member redeem again.")
SPECIFIC_REFUSALS: dict[str, tuple[str, str]] = {
    "orderLinesCreate": (ORDER_NOT_EDITABLE[0], ORDER_NOT_EDITABLE[1].format(what="lines")),
    "orderLineUpdate": (ORDER_NOT_EDITABLE[0], ORDER_NOT_EDITABLE[1].format(what="lines")),
    "orderLineDelete": (ORDER_NOT_EDITABLE[0], ORDER_NOT_EDITABLE[1].format(what="lines")),
    "orderDiscountAdd": (ORDER_NOT_EDITABLE[0], ORDER_NOT_EDITABLE[1].format(what="discounts")),
    "orderDiscountUpdate": (ORDER_NOT_EDITABLE[0], ORDER_NOT_EDITABLE[1].format(what="discounts")),
    "orderDiscountDelete": (ORDER_NOT_EDITABLE[0], ORDER_NOT_EDITABLE[1].format(what="discounts")),
    "orderLineDiscountUpdate": (ORDER_NOT_EDITABLE[0], ORDER_NOT_EDITABLE[1].format(what="discounts")),
    "orderLineDiscountRemove": (ORDER_NOT_EDITABLE[0], ORDER_NOT_EDITABLE[1].format(what="discounts")),
    "orderUpdateShipping": (ORDER_NOT_EDITABLE[0], ORDER_NOT_EDITABLE[1].format(what="delivery method")),
}


def refusal_codes(code_enum: Any) -> ErrorCodes:
    """The declared codes of an absent concept's refusals: its mutations run no service and raise nothing
    (mall/graphql/error_codes.py), they answer their own enum's member directly."""
    return ErrorCodes(code_enum, api_codes=same_names(ApiErrorCode, code_enum, unreachable=frozenset(ApiErrorCode)))


def absent_enum(name: str, values: tuple[str, ...]) -> Any:
    """A Saleor enum the mall declares only so that clients' documents validate."""
    return strawberry.enum(Enum(name, {value: value for value in values}), name=name)  # type: ignore[misc]


def never_resolved() -> NoReturn:
    """No object of an absent concept exists, so no field of one is ever asked for."""
    raise AssertionError("an absent Saleor concept has no rows to resolve")


def resolved(annotation: Any) -> Any:
    """The class itself, also when the generated code names one of the mall's own lazily (`strawberry.lazy`)."""
    arguments = get_args(annotation)
    lazy = next((meta for meta in arguments[1:] if isinstance(meta, StrawberryLazyReference)), None)
    return lazy.resolve_forward_ref(arguments[0]).resolve_type() if lazy is not None else annotation


async def _no_rows() -> int:
    return 0


def absent_connection(connection_type: type[ConnectionT]) -> ConnectionT:
    """An empty `...CountableConnection` (the generated ones, or one of the mall's)."""
    connection_type = resolved(connection_type)
    page_info = PageInfo(has_next_page=False, has_previous_page=False, start_cursor=None, end_cursor=None)
    values = {"edges": [], "page_info": page_info, "total_count": 0, "count_rows": _no_rows}
    declared = {field.name for field in dataclasses.fields(connection_type) if field.init}  # what it is built of
    return connection_type(**{name: value for name, value in values.items() if name in declared})


def settings_of(settings_type: type[ConnectionT]) -> ConnectionT:
    """A settings object (gift card, refund, return settings) of a concept the mall lacks: every setting off
    (false, none, the enum's first value: Saleor lists "never" or "none" first)."""
    values: dict[str, Any] = {}
    for field in settings_type.__strawberry_definition__.fields:  # type: ignore[attr-defined]
        annotation = field.type
        if isinstance(annotation, StrawberryOptional) or field.default not in {None, dataclasses.MISSING}:
            continue
        enum = getattr(annotation, "wrapped_cls", None)
        values[field.python_name] = next(iter(enum)) if enum is not None else _OFF.get(annotation)
    return settings_type(**values)


_OFF: dict[Any, Any] = {bool: False, int: 0, str: ""}


def _concept(mutation: str) -> str:
    words = {"giftCard": "gift cards", "voucher": "vouchers", "promotion": "promotions", "sale": "sales",
             "shipping": "shipping zones", "tax": "taxes", "app": "apps", "webhook": "webhooks",
             "plugin": "plugins", "invoice": "invoices", "draftOrder": "draft orders", "export": "exports",
             "refundReason": "refund reasons", "returnReason": "return reasons", "refundSettings": "refund settings",
             "returnSettings": "return settings", "permissionGroup": "permission groups to edit"}
    return next((text for prefix, text in words.items() if mutation.startswith(prefix)), "such feature")


def permitted(principal: Principal, permissions: tuple[str, ...]) -> bool:
    """Whether the caller holds one of Saleor's `permissions` for a mutation (none listed: anyone)."""
    if not permissions:
        return True
    kinds = [CALLER_KINDS[name] for name in permissions if name in CALLER_KINDS]
    real = tuple(name for name in permissions if name not in CALLER_KINDS)
    return any(kind(principal) for kind in kinds) or (bool(real) and has_any_permission(principal, real))


async def require_saleor_permissions(info: Info, permissions: tuple[str, ...]) -> None:
    """Raises PermissionDenied (top-level, Saleor's message) unless the caller may call the mutation."""
    if not permitted(await info.context.principal(), permissions):
        raise PermissionDenied(permissions)


async def refused(info: Info, permissions: tuple[str, ...], payload_type: type[PayloadT], error_type: type,
                  code_enum: Any, mutation: str, targets_rows: bool) -> PayloadT:
    """A generated mutation's answer: Saleor's permission check, then the refusal."""
    await require_saleor_permissions(info, permissions)
    return refusal(payload_type, error_type, code_enum, mutation, targets_rows)


def refusal(payload_type: type[PayloadT], error_type: type, code_enum: Any, mutation: str,
            targets_rows: bool) -> PayloadT:
    """The payload of a mutation the mall cannot perform, with its one error."""
    error_type, code_enum = resolved(error_type), resolved(code_enum)
    codes = {member.name for member in code_enum}
    specific_code, specific_message = SPECIFIC_REFUSALS.get(mutation, (None, None))
    preferred = [specific_code] if specific_code else []
    preferred += ["NOT_FOUND"] if targets_rows else []
    preferred += ["INVALID", "GRAPHQL_ERROR", *WITHOUT_INVALID]
    code = code_enum[next(name for name in preferred if name in codes)]
    message = specific_message or ABSENT_MESSAGE.format(concept=_concept(mutation), mutation=mutation)
    error = error_type(field=None, message=message, code=code)
    fields = getattr(payload_type, "__dataclass_fields__", {})
    extra = {"count": 0} if "count" in fields else {}
    return payload_type(errors=[error], **extra)  # type: ignore[call-arg]
