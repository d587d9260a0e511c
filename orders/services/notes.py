"""Staff notes on an order's timeline (Saleor's `orderNoteAdd` / `orderNoteUpdate`): events, never edited in
place, so the timeline keeps what was written and when."""

from __future__ import annotations

from kernel.errors import DomainError
from orders.errors import OrdersErrorCode
from orders.models import Order, OrderEvent

NOTE_ADDED = "NOTE_ADDED"
NOTE_UPDATED = "NOTE_UPDATED"
NOTE_MAX_LENGTH = 10_000  # a note is prose for staff; anything longer is a paste gone wrong


def _checked(message: str) -> str:
    text = message.strip()
    if not text:
        raise DomainError.single("message", "Message can't be empty.", OrdersErrorCode.REQUIRED)
    if len(text) > NOTE_MAX_LENGTH:
        raise DomainError.single("message", f"A note has at most {NOTE_MAX_LENGTH} characters.",
                                  OrdersErrorCode.INVALID)
    return text


async def add_note(order: Order, actor: str, message: str) -> OrderEvent:
    """A new note on the order's timeline. Raises DomainError (REQUIRED) for an empty message."""
    return await OrderEvent.create(order=order, type=NOTE_ADDED, actor=actor, message=_checked(message))


async def update_note(note: OrderEvent, actor: str, message: str) -> OrderEvent:
    """A correction of a note: a NOTE_UPDATED event naming the note it corrects (the original stays)."""
    text = _checked(message)
    return await OrderEvent.create(order_id=note.order_id, type=NOTE_UPDATED, actor=actor,  # type: ignore[attr-defined]
                                   message=text, data={"related_event_id": note.id})
