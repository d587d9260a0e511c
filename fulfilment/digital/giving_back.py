"""A digital gift given back (a return received) follows the partner's contract.

A code the member has seen may have been copied: it is never sold again, and by default it cannot be
returned at all (`DigitalContract.returnable_once_shown`). A code given back unseen is burned or goes back
into the pool as `unused_code_policy` says; codes the partner's API issued for one order always burn.
(A delivered digital shipment is not cancelled like a parcel that never left: its carrier status is
delivered, which shipment cancellation refuses.)

Errors (DomainError codes, FulfilmentErrorCode): INVALID.
"""

from __future__ import annotations

from fulfilment.digital.models import (
    CodeStatus,
    DigitalCode,
    DigitalContract,
    DigitalGift,
    DigitalMode,
    UnusedCodePolicy,
)
from fulfilment.errors import FulfilmentErrorCode
from kernel import clock
from kernel.errors import DomainError


async def _contract(partner_code: str | None) -> DigitalContract:
    found = await DigitalContract.get_or_none(partner_code=partner_code) if partner_code else None
    return found or DigitalContract(partner_code=partner_code or "")  # the defaults: burn, not returnable


async def refuse_shown_codes(order_line_ids: list[object]) -> None:
    """Refuses a return of lines whose codes the member was shown, unless their partner accepts those."""
    shown = await DigitalCode.filter(order_line_id__in=order_line_ids, revealed_at__isnull=False).values_list(
        "partner_code", flat=True)
    for partner_code in set(shown):
        if not (await _contract(partner_code)).returnable_once_shown:  # type: ignore[arg-type]
            raise DomainError.single("lines", "A voucher whose code was shown cannot be returned.",
                                     FulfilmentErrorCode.INVALID)


async def _back_to_pool(code: DigitalCode, gift: DigitalGift | None, contract: DigitalContract) -> bool:
    return (gift is not None and gift.mode == DigitalMode.CODE_POOL and code.revealed_at is None
            and contract.unused_code_policy == UnusedCodePolicy.RETURN)


async def give_back_codes(order_line_id: object, quantity: int) -> int:
    """Withdraw `quantity` of the line's codes; returns how many went back into the pool (the units to put
    back on the stock row that mirrors it). Codes the line never had (a parcel) give back nothing."""
    codes = await DigitalCode.filter(order_line_id=order_line_id, status=CodeStatus.ASSIGNED).order_by("id").limit(
        quantity)
    returned = 0
    for code in codes:
        gift = await DigitalGift.get_or_none(variant_id=code.variant_id)
        if await _back_to_pool(code, gift, await _contract(code.partner_code)):
            returned += await DigitalCode.filter(id=code.id, status=CodeStatus.ASSIGNED).update(
                status=CodeStatus.AVAILABLE, order_line_id=None, order_id=None, assigned_at=None)
        else:
            await DigitalCode.filter(id=code.id, status=CodeStatus.ASSIGNED).update(
                status=CodeStatus.BURNED, burned_at=clock.now())
    return returned


async def is_digital_line(order_line_id: object) -> bool:
    return await DigitalCode.filter(order_line_id=order_line_id).exists()
