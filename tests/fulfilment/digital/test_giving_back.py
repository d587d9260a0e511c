"""Returns of digital gifts follow the partner's contract: a shown code cannot be returned (by default); a code
given back unseen is burned, or goes back into the pool when the contract says so."""

from __future__ import annotations

import pytest
from tortoise.transactions import in_transaction

from fulfilment.digital.models import CodeStatus, DigitalCode, DigitalContract
from fulfilment.digital.vouchers import member_vouchers
from fulfilment.models import ReturnRequest, Shipment, ShipmentLine
from fulfilment.services.access import OPERATOR
from fulfilment.services.returns import ReturnPick, decide_return, receive_return, request_return
from kernel.errors import DomainError
from ledger.services import points_balance
from tests.fulfilment.digital.world import (
    COFFEE_PARTNER,
    build_digital_mall,
    coffee_stock,
    redeem,
    return_unseen_codes,
    stock_codes,
)


async def ask_to_return(mall, order) -> ReturnRequest:
    shipment = await Shipment.get(order_id=order.id)
    line = await ShipmentLine.get(shipment_id=shipment.id)
    async with in_transaction():
        return await request_return(mall.member.id, shipment.id, [ReturnPick(line.id, 1)], "changed my mind")


async def take_back(request: ReturnRequest) -> None:
    async with in_transaction():
        await decide_return(OPERATOR, request, approve=True)
        await receive_return(OPERATOR, await ReturnRequest.get(id=request.id))


async def test_a_voucher_whose_code_was_shown_cannot_be_returned(settings, set_clock):
    # given: the member opened the voucher
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await stock_codes(mall, "BREW-SEEN-0001")
    order = await redeem(mall, [(mall.coffee, 1)])
    await member_vouchers(mall.vault, mall.member.id)

    # when
    with pytest.raises(DomainError) as refused:
        await ask_to_return(mall, order)

    # then
    assert [(d.field, d.code) for d in refused.value.details] == [("lines", "INVALID")]
    assert await ReturnRequest.all().count() == 0
    assert (await DigitalCode.get()).status == CodeStatus.ASSIGNED


async def test_an_unseen_code_given_back_returns_to_the_pool_when_the_contract_says_so(settings, set_clock):
    # given
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await return_unseen_codes(COFFEE_PARTNER)
    await stock_codes(mall, "BREW-BACK-0001", "BREW-KEEP-0002")
    order = await redeem(mall, [(mall.coffee, 1)])
    assert await coffee_stock(mall) == (1, 0)

    # when
    await take_back(await ask_to_return(mall, order))

    # then: both codes unsold again, the stock follows, the points are back
    assert [code.status for code in await DigitalCode.all().order_by("id")] == [CodeStatus.AVAILABLE] * 2
    assert await coffee_stock(mall) == (2, 0)
    assert (await points_balance(mall.channel.id, mall.member.id)).points_available == 10_000


async def test_an_unseen_code_given_back_is_burned_by_default(settings, set_clock):
    # given
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await stock_codes(mall, "BREW-BURN-0001", "BREW-KEEP-0002")
    order = await redeem(mall, [(mall.coffee, 1)])

    # when
    await take_back(await ask_to_return(mall, order))

    # then: the code is never sold again, and the stock does not promise it
    assert [code.status for code in await DigitalCode.all().order_by("id")] == [CodeStatus.BURNED,
                                                                                CodeStatus.AVAILABLE]
    assert await coffee_stock(mall) == (1, 0)
    assert (await points_balance(mall.channel.id, mall.member.id)).points_available == 10_000
    assert not await DigitalContract.exists(partner_code=COFFEE_PARTNER)
