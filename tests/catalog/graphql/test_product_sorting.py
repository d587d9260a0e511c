"""`products(sortBy:)` with keyset pagination in both directions (Saleor's cursors, no OFFSET)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from catalog.models import Product
from mall.channels.models import Channel
from tests.catalog.factories import list_product, make_gift, make_product
from tests.factories import make_channel, make_staff, token_for

PAGE = """
query($first: Int, $last: Int, $after: String, $before: String, $sortBy: ProductOrder, $search: String) {
  products(channel: "bank-a-mall", first: $first, last: $last, after: $after, before: $before,
           sortBy: $sortBy, search: $search) {
    totalCount
    edges { cursor node { name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
# name -> points; two gifts share a price so the name breaks the tie
GIFTS = {"Apron": 300, "Blender": 1200, "Candle": 300, "Drone": 9000, "Easel": 650}


async def gifts() -> Channel:
    channel = await make_channel()
    for name, points in GIFTS.items():
        await make_gift(channel, name, points)
    return channel


def names(data: dict) -> list[str]:
    return [edge["node"]["name"] for edge in data["products"]["edges"]]


async def walk_forwards(api, sort_by: dict, size: int = 2) -> list[list[str]]:
    pages, after = [], None
    while True:
        data = await api.ok(PAGE, {"first": size, "after": after, "sortBy": sort_by})
        pages.append(names(data))
        info = data["products"]["pageInfo"]
        if not info["hasNextPage"]:
            return pages
        after = info["endCursor"]


async def test_price_sort_pages_forwards_by_keyset(api):
    # given
    await gifts()

    # when
    pages = await walk_forwards(api, {"field": "PRICE", "direction": "ASC"})

    # then
    assert pages == [["Apron", "Candle"], ["Easel", "Blender"], ["Drone"]]


async def test_price_sort_descending_pages_backwards(api):
    # given
    await gifts()
    sort_by = {"field": "PRICE", "direction": "DESC"}
    last_page = await api.ok(PAGE, {"last": 2, "sortBy": sort_by})

    # when
    before = await api.ok(
        PAGE, {"last": 2, "before": last_page["products"]["pageInfo"]["startCursor"], "sortBy": sort_by}
    )

    # then
    assert names(last_page) == ["Candle", "Apron"]
    assert last_page["products"]["pageInfo"]["hasPreviousPage"] is True
    assert last_page["products"]["pageInfo"]["hasNextPage"] is False
    assert names(before) == ["Blender", "Easel"]
    assert before["products"]["pageInfo"] | {"startCursor": None, "endCursor": None} == {
        "hasNextPage": True,
        "hasPreviousPage": True,
        "startCursor": None,
        "endCursor": None,
    }


async def test_a_new_cheaper_gift_does_not_shift_the_next_page(api):
    # given
    channel = await gifts()
    sort_by = {"field": "MINIMAL_PRICE", "direction": "ASC"}
    first = await api.ok(PAGE, {"first": 2, "sortBy": sort_by})
    await make_gift(channel, "Acorn", 100)

    # when
    second = await api.ok(PAGE, {"first": 2, "after": first["products"]["pageInfo"]["endCursor"], "sortBy": sort_by})

    # then
    assert names(first) == ["Apron", "Candle"]
    assert names(second) == ["Easel", "Blender"]


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        ("ASC", ["Apron", "Blender", "Candle", "Drone", "Easel"]),
        ("DESC", ["Easel", "Drone", "Candle", "Blender", "Apron"]),
    ],
)
async def test_name_sort(api, direction, expected):
    # given
    await gifts()

    # when
    pages = await walk_forwards(api, {"field": "NAME", "direction": direction}, size=3)

    # then
    assert [name for page in pages for name in page] == expected


async def test_created_and_last_modified_sorts(api):
    # given
    await gifts()
    start = datetime(2026, 5, 1, tzinfo=UTC)
    for offset, name in enumerate(["Drone", "Apron", "Easel", "Blender", "Candle"]):
        await Product.filter(name=name).update(created_at=start + timedelta(days=offset))
    for offset, name in enumerate(["Candle", "Easel", "Apron", "Drone", "Blender"]):
        await Product.filter(name=name).update(updated_at=start + timedelta(days=offset))

    # when
    created = await walk_forwards(api, {"field": "CREATED_AT", "direction": "DESC"})
    modified = await walk_forwards(api, {"field": "LAST_MODIFIED_AT", "direction": "ASC"})

    # then
    assert [name for page in created for name in page] == ["Candle", "Blender", "Easel", "Apron", "Drone"]
    assert [name for page in modified for name in page] == ["Candle", "Easel", "Apron", "Drone", "Blender"]


async def test_rank_needs_a_search(api):
    # given
    await gifts()

    # when
    refused = await api.post(PAGE, {"first": 5, "sortBy": {"field": "RANK", "direction": "DESC"}})
    searched = await api.ok(PAGE, {"first": 5, "sortBy": {"field": "RANK", "direction": "ASC"}, "search": "d"})

    # then
    assert refused.data == {"products": None}
    assert refused.error_messages == ["Sorting by RANK is available only when using a search filter."]
    assert names(searched) == ["Blender", "Candle", "Drone"]


async def test_staff_price_sort_keeps_unpriced_listings_first_in_a_stable_order(api, settings):
    # given
    channel = await gifts()
    await list_product(await make_product("Unpriced Frame"), channel, published=False)
    staff = await make_staff(permissions=["MANAGE_PRODUCTS"])

    # when
    data = await api.ok(
        PAGE, {"first": 3, "sortBy": {"field": "PRICE", "direction": "ASC"}}, token_for(staff, settings)
    )

    # then
    assert names(data) == ["Unpriced Frame", "Apron", "Candle"]


async def test_page_arguments_are_validated(api):
    # given
    await gifts()

    # when
    too_many = await api.post(PAGE, {"first": 101})
    both = await api.post(PAGE, {"first": 1, "last": 1})
    bad_cursor = await api.post(PAGE, {"first": 1, "after": "bm90LWEtY3Vyc29y"})
    missing = await api.post('{ products(channel: "bank-a-mall") { edges { node { name } } } }')

    # then
    assert too_many.error_messages == [
        "Requesting 101 records on the `products` connection exceeds the `first` limit of 100 records."
    ]
    assert both.error_messages == ["Argument `last` cannot be combined with `first`."]
    assert bad_cursor.error_messages == ["Received cursor is invalid."]
    assert missing.error_messages == [
        "You must provide a `first` or `last` value to properly paginate the `products` connection."
    ]


async def test_total_count_alone_needs_no_page_size(api):
    # given
    await gifts()

    # when
    data = await api.ok('{ products(channel: "bank-a-mall") { totalCount } }')

    # then
    assert data == {"products": {"totalCount": 5}}
