"""`orderNoteAdd` and `orderNoteUpdate`: staff notes on an order's timeline (the Dashboard's order page).
Requires MANAGE_ORDERS; a scoped caller writes on the orders it may change (a partner's: its own)."""

from __future__ import annotations

import uuid
from enum import Enum
from typing import Any

import strawberry

from mall.accounts.auth import Principal
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, all_but, same_names
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.ids import parse_int_id_for_mutation
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission
from orders.errors import OrdersErrorCode
from orders.graphql.common import actor_of, channel_row
from orders.graphql.events import OrderEvent
from orders.graphql.inputs import uuid_id
from orders.graphql.order import Order
from orders.models import Order as OrderModel
from orders.models import OrderEvent as OrderEventModel
from orders.services.notes import NOTE_ADDED, NOTE_UPDATED, add_note, update_note
from orders.services.visibility import may_change_order

INVALID = "Points mall: the input was refused before anything ran (mall/graphql/boundary.py)."


@strawberry.enum(name="OrderNoteAddErrorCode")
class OrderNoteAddErrorCode(Enum):
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    REQUIRED = "REQUIRED"
    INVALID = strawberry.enum_value("INVALID", description=INVALID)


@strawberry.enum(name="OrderNoteUpdateErrorCode")
class OrderNoteUpdateErrorCode(Enum):
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    INVALID = strawberry.enum_value("INVALID", description=INVALID)


@strawberry.type(name="OrderNoteAddError")
class OrderNoteAddError:
    field: str | None = strawberry.field(description="Name of a field that caused the error.")
    message: str | None = strawberry.field(description="The error message.")
    code: OrderNoteAddErrorCode | None = strawberry.field(description="The error code.")


@strawberry.type(name="OrderNoteUpdateError")
class OrderNoteUpdateError:
    field: str | None = strawberry.field(description="Name of a field that caused the error.")
    message: str | None = strawberry.field(description="The error message.")
    code: OrderNoteUpdateErrorCode | None = strawberry.field(description="The error code.")


def _note_codes(api_enum: type[Enum]) -> ErrorCodes:
    """A note is refused when blank (REQUIRED) or too long (INVALID); an order that is not there is NOT_FOUND
    where the enum has it (orderNoteUpdate's), GRAPHQL_ERROR otherwise (orderNoteAdd's has no NOT_FOUND)."""
    found = api_enum.__members__.get("NOT_FOUND", api_enum.GRAPHQL_ERROR)  # type: ignore[attr-defined]
    return ErrorCodes(
        api_enum,
        same_names(OrdersErrorCode, api_enum,
                   unreachable=all_but(OrdersErrorCode, OrdersErrorCode.REQUIRED, OrdersErrorCode.INVALID)),
        api_codes=same_names(ApiErrorCode, api_enum, renames={ApiErrorCode.NOT_FOUND: found}),
    )


ORDER_NOTE_ADD_ERRORS = _note_codes(OrderNoteAddErrorCode)
ORDER_NOTE_UPDATE_ERRORS = _note_codes(OrderNoteUpdateErrorCode)


@strawberry.input(description="Message of a note on an order.")
class OrderNoteInput:
    message: str = strawberry.field(description="Note message.")


@strawberry.type(description="Adds note to the order.")
class OrderNoteAdd:
    order: Order | None = strawberry.field(default=None, description="Order with the note added.")
    event: OrderEvent | None = strawberry.field(default=None, description="Order note created.")
    errors: list[OrderNoteAddError] = strawberry.field(default_factory=list)


@strawberry.type(description="Updates note of an order.")
class OrderNoteUpdate:
    order: Order | None = strawberry.field(default=None, description="Order with the note updated.")
    event: OrderEvent | None = strawberry.field(default=None, description="Order note updated.")
    errors: list[OrderNoteUpdateError] = strawberry.field(default_factory=list)


async def _visible_order(principal: Principal, order: OrderModel | None, global_id: str, field: str) -> OrderModel:
    if order is None:
        raise DomainError.single(field, f"Couldn't resolve to a node: {global_id}", ApiErrorCode.NOT_FOUND)
    if not await may_change_order(principal.scope, order):
        raise PermissionDenied(message="You do not have access to this order.")
    return order


async def _answer(info: Info, payload: type, order: OrderModel, event: OrderEventModel) -> Any:
    node = Order.of(order, await channel_row(info.context, order.channel_id))
    return payload(order=node, event=OrderEvent.of(event, node))


@strawberry.type
class OrderNoteMutations:
    @strawberry.mutation(description="Adds note to the order. Requires MANAGE_ORDERS.")
    async def order_note_add(self, info: Info, order: strawberry.ID, input: OrderNoteInput) -> OrderNoteAdd | None:
        async def work() -> OrderNoteAdd:
            principal = await require_permission(info, "MANAGE_ORDERS")
            pk: uuid.UUID = uuid_id(order, "Order", "id")
            row = await _visible_order(principal, await OrderModel.get_or_none(id=pk), order, "id")
            return await _answer(info, OrderNoteAdd, row, await add_note(row, actor_of(principal), input.message))

        return await run_in_transaction(OrderNoteAdd, OrderNoteAddError, ORDER_NOTE_ADD_ERRORS, work)

    @strawberry.mutation(description="Updates note of an order (a NOTE_UPDATED event naming the note). "
                         "Requires MANAGE_ORDERS.")
    async def order_note_update(self, info: Info, note: strawberry.ID,
                                input: OrderNoteInput) -> OrderNoteUpdate | None:
        async def work() -> OrderNoteUpdate:
            principal = await require_permission(info, "MANAGE_ORDERS")
            pk = parse_int_id_for_mutation(note, "OrderEvent", "id")
            found = await OrderEventModel.get_or_none(id=pk, type__in=[NOTE_ADDED, NOTE_UPDATED])
            if found is None:
                raise DomainError.single("id", f"Couldn't resolve to a node: {note}", ApiErrorCode.NOT_FOUND)
            row = await _visible_order(principal, await OrderModel.get(id=found.order_id), note, "id")  # type: ignore[attr-defined]
            return await _answer(info, OrderNoteUpdate, row, await update_note(found, actor_of(principal),
                                                                               input.message))

        return await run_in_transaction(OrderNoteUpdate, OrderNoteUpdateError, ORDER_NOTE_UPDATE_ERRORS, work)
