"""Points refunded for a digital gift's units outside the return flow (a customer service refund: the code
did not work at the till, the voucher was not what was promised): the units' codes are taken back, so a
member never holds both the points and a working code.

Codes go as a return's do (fulfilment.digital.giving_back): burned when the member has seen them, or back
into the pool when unseen and the partner's contract says so, and then back on the stock row that mirrors
the pool. A refund of a parcel's units takes nothing back here (its goods come back, if at all, through a
return).
"""

from __future__ import annotations

from catalog.services.stock import add_to_stock, stock_row
from fulfilment.digital.giving_back import give_back_codes, is_digital_line
from fulfilment.digital.models import DigitalGift
from orders.models import OrderLine


async def withdraw_refunded_codes(line: OrderLine, quantity: int) -> int:
    """Take back the codes of `quantity` refunded units of the line; returns how many went back into the pool
    (and its stock). Call inside the refund's transaction."""
    if not await is_digital_line(line.id):
        return 0
    returned = await give_back_codes(line.id, quantity)
    gift = await DigitalGift.get_or_none(variant_id=line.variant_id)  # type: ignore[attr-defined]
    row = await stock_row(gift.warehouse_id, line.variant_id) if gift else None  # type: ignore[attr-defined]
    if returned and row is not None:
        await add_to_stock(row.id, returned)
    return returned
