"""Code-backed vouchers: uploaded into a pool (encrypted, stock = unsold codes) and delivered at completion,
with no address and no delivery method, the order FULFILLED at once."""

from __future__ import annotations

import pytest

from catalog.models import ProductVariant, Stock
from fulfilment.digital.models import CodeStatus, DigitalCode
from fulfilment.jobs import run_fulfilment_jobs
from fulfilment.models import Shipment
from kernel.errors import DomainError
from ledger.services import points_balance
from orders.models import Order, OrderLine, OrderStatus
from tests.fulfilment.digital.world import COFFEE_POINTS, build_digital_mall, coffee_stock, redeem, stock_codes


async def test_an_upload_seals_the_codes_and_stocks_one_unit_each(settings, set_clock):
    # given
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)

    # when: three codes, one of them twice, and a row without a code
    outcome = await stock_codes(mall, "BREW-AAAA-1111", "BREW-BBBB-2222", "BREW-AAAA-1111", "")

    # then
    assert (outcome.added, outcome.duplicates, [(r.row, r.reason) for r in outcome.refused]) == (
        2, 1, [(5, "The code is empty.")])
    rows = await DigitalCode.all().order_by("id")
    assert [row.status for row in rows] == [CodeStatus.AVAILABLE, CodeStatus.AVAILABLE]
    assert all("BREW" not in row.sealed for row in rows)
    assert [mall.vault.open(row.sealed) for row in rows] == ["BREW-AAAA-1111", "BREW-BBBB-2222"]
    assert await coffee_stock(mall) == (2, 0)
    assert (await ProductVariant.get(id=mall.coffee.id)).track_inventory is True  # the pool is its stock


async def test_the_same_upload_again_adds_nothing(settings, set_clock):
    # given
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await stock_codes(mall, "BREW-AAAA-1111", "BREW-BBBB-2222")

    # when
    again = await stock_codes(mall, "BREW-AAAA-1111", "BREW-BBBB-2222")

    # then
    assert (again.added, again.duplicates) == (0, 2)
    assert await coffee_stock(mall) == (2, 0)


async def test_a_checkout_of_only_vouchers_completes_without_address_and_is_fulfilled_with_codes(settings, set_clock):
    # given: a pool of three codes, the one expiring first listed last
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await stock_codes(mall, "BREW-LATE-0001", "BREW-LATE-0002")
    await stock_codes(mall, "BREW-SOON-0003", valid_until="2026-12-31")

    # when: two vouchers, checked out with no address and no delivery method
    order = await redeem(mall, [(mall.coffee, 2)])

    # then: delivered at once, from the codes that expire first
    order = await Order.get(id=order.id)
    assert order.status == OrderStatus.FULFILLED
    assert (order.shipping_address_id, order.shipping_method_id) == (None, None)
    line = await OrderLine.get(order_id=order.id)
    assert line.quantity_fulfilled == 2
    codes = await DigitalCode.filter(order_line_id=line.id).order_by("id")
    assert sorted(mall.vault.open(code.sealed) for code in codes) == ["BREW-LATE-0001", "BREW-SOON-0003"]
    assert {code.status for code in codes} == {CodeStatus.ASSIGNED}
    shipment = await Shipment.get(order_id=order.id)
    assert shipment.partner_code == "BREW"
    assert shipment.delivered_at is not None  # settlement counts the line from this instant
    assert await coffee_stock(mall) == (1, 0)
    balance = await points_balance(mall.channel.id, mall.member.id)
    assert balance.points_available == 10_000 - 2 * COFFEE_POINTS


async def test_a_pool_short_of_codes_refuses_the_completion_and_changes_nothing(settings, set_clock):
    # given: one code in the pool, but the stock row says three (a partner typed it by hand)
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await stock_codes(mall, "BREW-ONLY-0001")
    await Stock.filter(variant_id=mall.coffee.id).update(quantity=3)

    # when
    with pytest.raises(DomainError) as refused:
        await redeem(mall, [(mall.coffee, 2)])

    # then
    assert [(d.field, d.code) for d in refused.value.details] == [("lines", "INSUFFICIENT_STOCK")]
    assert await Order.all().count() == 0
    assert await DigitalCode.filter(status=CodeStatus.AVAILABLE).count() == 1
    assert await coffee_stock(mall) == (3, 0)
    balance = await points_balance(mall.channel.id, mall.member.id)
    assert (balance.points_available, balance.points_held) == (10_000 - 600, 600)  # held, not spent


async def test_the_worker_withdraws_unsold_codes_past_their_last_day_from_pool_and_stock(settings, set_clock):
    # given: one code valid through 31 December, one through June, both unsold
    set_clock("2026-12-01T10:00:00+08:00")
    mall = await build_digital_mall(settings)
    await stock_codes(mall, "BREW-DEC-0001", valid_until="2026-12-31")
    await stock_codes(mall, "BREW-JUN-0002", valid_until="2027-06-30")

    # when: the worker runs on 31 December (still valid) and on 1 January (UTC)
    set_clock("2026-12-31T12:00:00+00:00")
    on_the_last_day = (await run_fulfilment_jobs()).codes_expired
    set_clock("2027-01-01T00:30:00+00:00")
    the_day_after = (await run_fulfilment_jobs()).codes_expired

    # then
    assert (on_the_last_day, the_day_after) == (0, 1)
    assert [code.status for code in await DigitalCode.all().order_by("id")] == [CodeStatus.BURNED,
                                                                                CodeStatus.AVAILABLE]
    assert await coffee_stock(mall) == (1, 0)
