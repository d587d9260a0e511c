"""Product list pages reuse products' rendered answers (mall/graphql/planned/reuse.py) and still answer
exactly what a fresh render would, after every kind of catalogue change, through the HTTP API."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from catalog.models import Category, Product, ProductVariant, ProductVariantChannelListing, Translation
from catalog.promotions.models import Promotion, PromotionRule, PromotionRuleChannel, RewardValueType
from mall import sql
from mall.app import create_app
from mall.channels.models import Channel
from mall.graphql.ids import to_global_id
from mall.graphql.planned import RenderedObjects
from mall.settings import Settings
from tests.catalog.factories import (
    add_media,
    make_category,
    make_gift,
    make_variant,
    make_warehouse,
    price_variant,
    refresh_price_range,
    stock,
)
from tests.catalog.graphql.test_query_count import counting_queries
from tests.catalog.graphql.test_storefront_operations import PRODUCT_LIST_PAGINATED
from tests.factories import make_channel, make_staff, token_for

PAGE = {"channel": "bank-a-mall", "languageCode": "EN", "first": 10}
WITH_STOCK = """
query($channel: String!) {
  products(first: 10, channel: $channel) { edges { node { name productVariants(first: 5) {
    edges { node { sku quantityAvailable } } } } } }
}
"""


@dataclasses.dataclass
class Mall:
    reusing: httpx.AsyncClient  # plans, with reuse (the default settings)
    fresh: httpx.AsyncClient  # graphql-core alone: renders everything on every request
    rendered: RenderedObjects

    async def both(self, query: str, variables: dict[str, Any], token: str | None = None) -> tuple[Any, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = {"query": query, "variables": variables}
        replies = [await client.post("/graphql/", json=body, headers=headers) for client in (self.reusing, self.fresh)]
        assert all(reply.status_code == 200 for reply in replies), [reply.text for reply in replies]
        reused, fresh = (reply.json() for reply in replies)
        assert "errors" not in reused, reused
        return reused["data"], fresh["data"]


@pytest.fixture
async def mall(settings: Settings) -> AsyncIterator[Mall]:
    apps = [create_app(dataclasses.replace(settings, planned_execution=planned), manage_database=False)
            for planned in (True, False)]
    clients = [
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=settings.public_url) for app in apps
    ]
    yield Mall(clients[0], clients[1], apps[0].state.graphql.rendered)
    for client in clients:
        await client.aclose()


@pytest.fixture
async def channel() -> Channel:
    return await make_channel("bank-a-mall")


async def three_gifts(channel: Channel) -> list[Product]:
    tea = await make_category("Tea")
    gifts = [await make_gift(channel, name, points, category=tea) for name, points in
             (("Jade Cup", 300), ("Silk Scarf", 500), ("Tea Set", 800))]
    for gift in gifts:
        await add_media(gift, f"products/{gift.slug}.png", alt=gift.name)
    return gifts


def names(data: dict[str, Any]) -> list[str]:
    return [edge["node"]["name"] for edge in data["products"]["edges"]]


async def test_a_second_page_view_reuses_the_products_and_answers_the_same(mall, channel):
    # given
    await three_gifts(channel)
    first, _ = await mall.both(PRODUCT_LIST_PAGINATED, PAGE)

    # when
    with counting_queries() as statements:
        second, fresh = await mall.both(PRODUCT_LIST_PAGINATED, PAGE)

    # then
    assert second == first == fresh
    assert names(second) == ["Jade Cup", "Silk Scarf", "Tea Set"]
    assert (mall.rendered.hits, mall.rendered.misses) == (3, 3)
    # reused: the channel (with the rules' version: the running promotions, part of the render key, are the
    # worker's copy) and the page with its count, categories and thumbnails; fresh: those and the variants (with
    # their stock), the products' and categories' translations (one statement), the variants' attributes (the
    # product type's variant attributes and the values the variants carry) and, for `assignedAttribute`, the
    # product attributes and the values the products carry
    assert len(statements) == 2 + 8, statements


async def test_another_page_or_order_reuses_the_products_it_shares(mall, channel):
    # given
    await three_gifts(channel)
    await mall.both(PRODUCT_LIST_PAGINATED, PAGE | {"first": 2})

    # when
    reused, fresh = await mall.both(
        PRODUCT_LIST_PAGINATED, PAGE | {"sortBy": {"field": "PRICE", "direction": "DESC"}}
    )

    # then
    assert reused == fresh
    assert names(reused) == ["Tea Set", "Silk Scarf", "Jade Cup"]
    assert (mall.rendered.hits, mall.rendered.misses) == (2, 3)


async def rename_through_the_orm(gifts: list[Product], channel: Channel) -> None:
    gifts[0].name = "Jade Cup II"
    await gifts[0].save()


async def rename_through_raw_sql(gifts: list[Product], channel: Channel) -> None:
    await sql.execute("UPDATE catalog_product SET name = $1 WHERE id = $2", "Jade Bowl", gifts[0].id)


async def reprice_a_variant(gifts: list[Product], channel: Channel) -> None:
    variant = await ProductVariant.get(product_id=gifts[1].id)
    await ProductVariantChannelListing.filter(variant=variant, channel=channel).update(price_points=450)
    await refresh_price_range(gifts[1].id, channel.id)


async def add_a_variant(gifts: list[Product], channel: Channel) -> None:
    variant = await make_variant(gifts[2], "TEA-SET-LARGE", "Large")
    await price_variant(variant, channel, 1200)


async def delete_a_variant(gifts: list[Product], channel: Channel) -> None:
    await ProductVariant.filter(product_id=gifts[2].id).delete()


async def add_a_picture_first(gifts: list[Product], channel: Channel) -> None:
    await add_media(gifts[0], "products/jade-cup-front.png", alt="Front", sort_order=-1)


async def rename_the_category(gifts: list[Product], channel: Channel) -> None:
    await Category.filter(slug="tea").update(name="Fine Tea")


async def move_to_another_category(gifts: list[Product], channel: Channel) -> None:
    wine = await make_category("Wine")
    await Product.filter(id=gifts[1].id).update(category_id=wine.id)


async def translate_a_gift(gifts: list[Product], channel: Channel) -> None:
    await Translation.create(product_id=gifts[1].id, language_code="EN", name="Silk Scarf (EN)")


async def translate_the_category(gifts: list[Product], channel: Channel) -> None:
    await Translation.create(category=await Category.get(slug="tea"), language_code="EN", name="Tea (EN)")


CHANGES = [
    rename_through_the_orm,
    rename_through_raw_sql,
    reprice_a_variant,
    add_a_variant,
    delete_a_variant,
    add_a_picture_first,
    rename_the_category,
    move_to_another_category,
    translate_a_gift,
    translate_the_category,
]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
async def test_a_change_shows_on_the_next_page_view(
    mall: Mall, channel: Channel, change: Callable[[list[Product], Channel], Awaitable[None]]
):
    # given
    gifts = await three_gifts(channel)
    before, _ = await mall.both(PRODUCT_LIST_PAGINATED, PAGE)

    # when
    await change(gifts, channel)
    after, fresh = await mall.both(PRODUCT_LIST_PAGINATED, PAGE)

    # then
    assert after == fresh
    assert after != before


async def test_a_staff_edit_through_the_api_shows_on_the_next_page_view(mall, channel, settings):
    # given
    gifts = await three_gifts(channel)
    staff = await make_staff(permissions=["MANAGE_PRODUCTS"])
    await mall.both(PRODUCT_LIST_PAGINATED, PAGE)
    product_id = (await mall.both(PRODUCT_LIST_PAGINATED, PAGE))[0]["products"]["edges"][0]["node"]["id"]

    # when
    reply = await mall.reusing.post("/graphql/", json={
        "query": 'mutation($id: ID!) { productUpdate(id: $id, input: {name: "Jade Vase"}) { errors { code } } }',
        "variables": {"id": product_id},
    }, headers={"Authorization": f"Bearer {token_for(staff, settings)}"})
    after, fresh = await mall.both(PRODUCT_LIST_PAGINATED, PAGE)

    # then
    assert reply.json()["data"]["productUpdate"]["errors"] == []
    assert after == fresh
    assert names(after) == ["Jade Vase", "Silk Scarf", "Tea Set"]
    assert gifts[0].slug == "jade-cup"


async def test_staff_answers_are_never_reused(mall, channel, settings):
    # given
    await three_gifts(channel)
    token = token_for(await make_staff(permissions=["MANAGE_PRODUCTS"]), settings)

    # when
    await mall.both(PRODUCT_LIST_PAGINATED, PAGE, token)
    again, fresh = await mall.both(PRODUCT_LIST_PAGINATED, PAGE, token)

    # then
    assert again == fresh
    assert (mall.rendered.hits, mall.rendered.misses) == (0, 0)


async def test_a_variable_read_inside_the_product_keys_its_answer(mall, channel):
    # given
    await three_gifts(channel)
    await mall.both(PRODUCT_LIST_PAGINATED, PAGE)

    # when
    await mall.both(PRODUCT_LIST_PAGINATED, PAGE | {"languageCode": "PL"})
    await mall.both(PRODUCT_LIST_PAGINATED, PAGE | {"after": None})

    # then: PL renders again; a variable used outside the product (after) does not
    assert (mall.rendered.hits, mall.rendered.misses) == (3, 6)


async def test_a_selection_that_reads_stock_is_rendered_every_time(mall, channel):
    # given
    gifts = await three_gifts(channel)
    warehouse = await make_warehouse("jade", [channel])
    variant = await ProductVariant.get(product_id=gifts[0].id)
    stocked = await stock(variant, warehouse, 5)
    await mall.both(WITH_STOCK, {"channel": "bank-a-mall"})

    # when
    stocked.quantity = 2
    await stocked.save()
    after, fresh = await mall.both(WITH_STOCK, {"channel": "bank-a-mall"})

    # then
    assert after == fresh
    assert after["products"]["edges"][0]["node"]["productVariants"]["edges"][0]["node"]["quantityAvailable"] == 2
    assert (mall.rendered.hits, mall.rendered.misses) == (0, 0)


async def test_a_promotion_that_starts_gives_every_product_a_new_answer(mall, channel, set_clock):
    # given a page viewed once, and a 50 % promotion on the Jade Cup starting at 10:00
    set_clock("2026-11-12T09:59:00+08:00")
    cup, *_ = await three_gifts(channel)
    await mall.both(PRODUCT_LIST_PAGINATED, PAGE)
    promotion = await Promotion.create(name="Jade week", start_at=datetime.fromisoformat("2026-11-12T10:00:00+08:00"))
    rule = await PromotionRule.create(promotion=promotion, reward_value_type=RewardValueType.PERCENTAGE,
                                      reward_value=Decimal(50),
                                      catalogue_predicate={"productPredicate": {"ids": [to_global_id("Product",
                                                                                                     cup.id)]}})
    await PromotionRuleChannel.create(rule=rule, channel=channel)

    # when the page is viewed before and after the start
    before, _ = await mall.both(PRODUCT_LIST_PAGINATED, PAGE)
    set_clock("2026-11-12T10:00:00+08:00")
    after, fresh = await mall.both(PRODUCT_LIST_PAGINATED, PAGE)

    # then the reused answers never show a price the promotion no longer (or not yet) gives
    def cup_price(data: dict[str, Any]) -> float:
        node = data["products"]["edges"][0]["node"]
        return node["pricing"]["priceRange"]["start"]["gross"]["amount"]

    assert (cup_price(before), cup_price(after), cup_price(fresh)) == (300, 150, 150)
    assert after == fresh
