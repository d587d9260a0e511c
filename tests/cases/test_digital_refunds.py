"""A customer service refund of an e-voucher takes its code back: the member never keeps both the points and
a working code. A code the member saw is burned; an unseen one goes back into the pool when the partner's
contract says so, and its unit back on the stock."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from cases.access import Viewer
from cases.models import Case, CaseCategory, CaseSubject, Party, ResolutionKind
from cases.services import CaseRequest, LineUnits, Resolution, resolve_case
from fulfilment.digital.models import CodeStatus, DigitalCode
from fulfilment.digital.vouchers import member_vouchers
from ledger.services import points_balance
from orders.models import Order, OrderLine
from tests.cases.world import OPERATOR, opened
from tests.fulfilment.digital.world import (
    COFFEE_POINTS,
    DigitalMall,
    build_digital_mall,
    coffee_stock,
    redeem,
    return_unseen_codes,
    stock_codes,
)


async def complaint(settings, mall: DigitalMall, order: Order) -> Case:
    request = CaseRequest(subject=CaseSubject.ORDER, category=CaseCategory.QUALITY,
                          description="The till refused the code.", order_id=str(order.id))
    return await opened(settings, Viewer(Party.MEMBER, mall.member.id), request)


async def refunded(case: Case, order: Order) -> Case:
    line = await OrderLine.get(order_id=order.id)
    async with in_transaction():
        return await resolve_case(OPERATOR, case.id, Resolution(ResolutionKind.REFUND, "Refunded, sorry.",
                                                                lines=[LineUnits(str(line.id), 1)]))


async def available_points(mall: DigitalMall) -> int:
    return (await points_balance(mall.channel.id, mall.member.id)).points_available


async def test_a_refunded_voucher_whose_code_was_shown_is_burned(settings):
    # given: a coffee voucher redeemed and its code shown to the member; one code left in the pool
    mall = await build_digital_mall(settings)
    await stock_codes(mall, "BREW-AAAA-1111", "BREW-BBBB-2222")
    order = await redeem(mall, [(mall.coffee, 1)])
    await member_vouchers(mall.vault, mall.member.id)
    case = await complaint(settings, mall, order)
    before = await available_points(mall)

    # when
    await refunded(case, order)

    # then: the points are back, the code is void for good, the pool and its stock are as they were
    assert await available_points(mall) == before + COFFEE_POINTS
    assert await DigitalCode.filter(order_id=order.id).values_list("status", flat=True) == [CodeStatus.BURNED]
    [voucher] = await member_vouchers(mall.vault, mall.member.id)
    assert voucher.status == "void"
    assert await coffee_stock(mall) == (1, 0)


async def test_a_refunded_voucher_never_shown_goes_back_into_the_pool_when_the_contract_says_so(settings):
    # given: the partner takes unseen codes back; the member never opened the voucher
    mall = await build_digital_mall(settings)
    await return_unseen_codes()
    await stock_codes(mall, "BREW-AAAA-1111", "BREW-BBBB-2222")
    order = await redeem(mall, [(mall.coffee, 1)])
    case = await complaint(settings, mall, order)

    # when
    await refunded(case, order)

    # then: the code is for sale again, and its unit is back on the stock
    assert await DigitalCode.filter(status=CodeStatus.AVAILABLE).count() == 2
    assert await DigitalCode.filter(order_id=order.id).count() == 0
    assert await coffee_stock(mall) == (2, 0)
