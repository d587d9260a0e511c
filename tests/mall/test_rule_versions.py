"""Per-worker copies of the pricing rules (mall/rule_versions.py): two app instances on one database, as two
workers are; a rule changed through one is the price the other charges on its very next request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from decimal import Decimal

import httpx
import pytest
from tortoise.transactions import in_transaction

from kernel import clock
from loyalty.services import LevelTerms, set_tier_levels
from mall.app import create_app
from mall.graphql.ids import to_global_id
from mall.rule_versions import READ_VERSION
from mall.sql import execute, fetch_one
from orders.flash_sales.models import FlashSale
from tests.factories import make_staff, token_for
from tests.graphql_client import GraphQLClient
from tests.orders.flash_sales.helpers import SALE_POINTS, create_sale, sale_input
from tests.orders.flash_sales.helpers import operator_token as sale_operator_token
from tests.orders.services.world import GIFT_POINTS, World, build_world
from tests.reference import SALEOR_OPERATIONS
from tests.settlement.helpers import make_issuer

CREATE = """
mutation CheckoutCreate($channel: String!, $lines: [CheckoutLineInput!]) {
  checkoutCreate(input: {channel: $channel, languageCode: EN, lines: $lines}) { checkout { id } errors { code } }
}
"""
CART = "query Cart($id: ID!) { checkout(id: $id) { totalPrice { gross { amount } } } }"
PROMOTION_CREATE = SALEOR_OPERATIONS / "dashboard" / "discounts" / "PromotionCreate.graphql"
NOW = "2026-11-12T10:00:00+08:00"


@pytest.fixture
async def second_worker(settings) -> AsyncIterator[GraphQLClient]:
    """Another app instance: its own copies of the rules, the same database."""
    transport = httpx.ASGITransport(app=create_app(settings, manage_database=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield GraphQLClient(http)


async def cart_of(api: GraphQLClient, world: World, token: str) -> str:
    lines = [{"quantity": 1, "variantId": to_global_id("ProductVariant", world.item.id)}]
    data = await api.ok(CREATE, {"channel": world.channel.slug, "lines": lines}, token)
    return str(data["checkoutCreate"]["checkout"]["id"])


async def total(api: GraphQLClient, checkout_id: str, token: str) -> int:
    return int((await api.ok(CART, {"id": checkout_id}, token))["checkout"]["totalPrice"]["gross"]["amount"])


async def version() -> int:
    row = await fetch_one(READ_VERSION)
    assert row is not None
    return int(row["version"])


async def test_a_promotion_made_through_one_worker_prices_the_next_request_of_the_other(
        api, second_worker, settings, set_clock):
    # given: a cart both workers have priced (each keeps the channel's rules: none)
    set_clock(NOW)
    world = await build_world(settings)
    member = token_for(world.member, settings)
    checkout_id = await cart_of(api, world, member)
    before = [await total(api, checkout_id, member), await total(second_worker, checkout_id, member)]
    operator = token_for(await make_staff("promoter@example.com", ["MANAGE_DISCOUNTS"]), settings)
    rule = {"name": "Tea", "channels": [to_global_id("Channel", world.channel.id)],
            "cataloguePredicate": {"productPredicate": {"ids": [to_global_id("Product", world.item.product_id)]}},  # type: ignore[attr-defined]
            "rewardValueType": "PERCENTAGE", "rewardValue": 25}
    promotion = {"name": "Spring", "type": "CATALOGUE", "startDate": "2026-11-01T00:00:00+00:00",
                 "endDate": "2026-11-30T00:00:00+00:00", "rules": [rule]}

    # when: the second worker creates a 25 % promotion, and the first prices the cart again
    created = await second_worker.ok(PROMOTION_CREATE.read_text(), {"input": promotion}, operator)
    after = await total(api, checkout_id, member)

    # then
    assert created["promotionCreate"]["errors"] == []
    assert before == [GIFT_POINTS, GIFT_POINTS]
    assert after == GIFT_POINTS * 3 // 4


async def test_a_tier_discount_set_in_the_database_prices_the_next_request_of_each_worker(
        api, second_worker, settings):
    # given: both workers priced the member's cart before the programme had levels
    await make_issuer("BANKA")
    world = await build_world(settings)
    member = token_for(world.member, settings)
    checkout_id = await cart_of(api, world, member)
    before = [await total(api, checkout_id, member), await total(second_worker, checkout_id, member)]

    # when: the programme's entry level gets a 10 % discount (as the loyalty console's service writes it)
    async with in_transaction():
        await set_tier_levels("BANKA", [LevelTerms("silver", "Silver", 0, points_discount_percent=Decimal(10))])
    after = [await total(api, checkout_id, member), await total(second_worker, checkout_id, member)]

    # then
    assert before == [GIFT_POINTS, GIFT_POINTS]
    assert after == [GIFT_POINTS * 9 // 10] * 2


async def test_a_flash_sale_started_through_one_worker_prices_the_other_and_ends_there_too(
        api, second_worker, settings, set_clock):
    # given: a cart the first worker priced without a sale
    now = set_clock(NOW)
    world = await build_world(settings)
    member = token_for(world.member, settings)
    checkout_id = await cart_of(api, world, member)
    before = await total(api, checkout_id, member)
    operator = await sale_operator_token(settings)

    # when: the second worker starts a sale of the gift, then the sale is ended
    sale = await create_sale(second_worker, operator, world, sale_input(now))
    during = await total(api, checkout_id, member)
    await FlashSale.filter(channel_id=world.channel.id).update(is_ended=True)
    ended = await total(api, checkout_id, member)

    # then
    assert sale["errors"] == []
    assert (before, during, ended) == (GIFT_POINTS, SALE_POINTS, GIFT_POINTS)


async def test_writes_to_watched_tables_move_the_version_and_units_sold_do_not(settings):
    # given: a live sale of an issuer's programme
    issuer = await make_issuer("BANKA")
    world = await build_world(settings)
    sale = await FlashSale.create(channel=world.channel, variant=world.item, price_points=SALE_POINTS, quantity=3,
                                  starts_at=clock.now() - timedelta(minutes=1),
                                  ends_at=clock.now() + timedelta(hours=1))
    first = await version()

    # when: a unit is sold (as the conditional take does), then the sale's end moves
    await execute("UPDATE orders_flash_sale SET quantity_sold = quantity_sold + 1 WHERE id = $1", sale.id)
    after_sold = await version()
    await execute("UPDATE orders_flash_sale SET ends_at = $1 WHERE id = $2", clock.now() + timedelta(hours=2), sale.id)
    after_moved = await version()
    await execute("UPDATE bank_link_issuer SET max_cash_share_percent = 30 WHERE id = $1", issuer.id)
    after_issuer = await version()

    # then
    assert after_sold == first
    assert len({first, after_moved, after_issuer}) == 3
