"""The short-lived cache of catalogue reads: shared by anonymous visitors and members, never by staff, emptied
by catalogue mutations."""

from __future__ import annotations

import dataclasses

import httpx
import pytest

from catalog.services.categories import CategoryData, create_category
from mall.app import create_app
from mall.graphql.response_cache import depends_on_caller
from tests.factories import make_member, make_staff, token_for
from tests.graphql_client import GraphQLClient

CATEGORIES = "{ categories(first: 10) { edges { node { name } } } }"


@pytest.fixture
async def cached_api(settings):
    app = create_app(dataclasses.replace(settings, response_cache_seconds=60), manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as http:
        yield GraphQLClient(http)


def names(data):
    return [edge["node"]["name"] for edge in data["categories"]["edges"]]


async def test_anonymous_catalogue_reads_are_served_from_the_cache(cached_api):
    # given
    await create_category(CategoryData(name="Tea"))
    first = await cached_api.ok(CATEGORIES)
    await create_category(CategoryData(name="Wine"))  # written behind the API's back

    # when
    second = await cached_api.ok(CATEGORIES)

    # then
    assert names(first) == names(second) == ["Tea"]


async def test_a_catalogue_mutation_empties_the_cache(cached_api, settings):
    # given
    staff = await make_staff(permissions=["MANAGE_PRODUCTS"])
    await create_category(CategoryData(name="Tea"))
    await cached_api.ok(CATEGORIES)

    # when
    await cached_api.ok('mutation { categoryCreate(input: {name: "Wine"}) { errors { code } } }',
                        token=token_for(staff, settings))
    fresh = await cached_api.ok(CATEGORIES)

    # then
    assert names(fresh) == ["Tea", "Wine"]


async def test_cart_and_account_mutations_keep_the_cache(cached_api):
    # given
    await create_category(CategoryData(name="Tea"))
    await cached_api.ok(CATEGORIES)
    await create_category(CategoryData(name="Wine"))

    # when
    await cached_api.ok('mutation { tokenVerify(token: "x") { isValid } }')
    still_cached = await cached_api.ok(CATEGORIES)

    # then
    assert names(still_cached) == ["Tea"]


async def test_signed_in_members_share_the_anonymous_cache(cached_api, settings):
    # given
    member = await make_member(settings)
    await create_category(CategoryData(name="Tea"))
    await cached_api.ok(CATEGORIES)
    await create_category(CategoryData(name="Wine"))

    # when
    signed_in = await cached_api.ok(CATEGORIES, token=token_for(member, settings))

    # then
    assert names(signed_in) == ["Tea"]


async def test_a_token_that_fails_is_not_served_from_the_cache(cached_api, settings):
    # given
    tampered = token_for(await make_member(settings), settings)[:-4] + "AAAA"
    await create_category(CategoryData(name="Tea"))
    await cached_api.ok(CATEGORIES)
    await create_category(CategoryData(name="Wine"))

    # when
    uncached = await cached_api.ok(CATEGORIES, token=tampered)

    # then
    assert names(uncached) == ["Tea", "Wine"]


async def test_staff_are_never_served_from_the_cache(cached_api, settings):
    # given
    staff = await make_staff(permissions=["MANAGE_PRODUCTS"])
    await create_category(CategoryData(name="Tea"))
    await cached_api.ok(CATEGORIES)
    await create_category(CategoryData(name="Wine"))

    # when
    signed_in = await cached_api.ok(CATEGORIES, token=token_for(staff, settings))

    # then
    assert names(signed_in) == ["Tea", "Wine"]


async def test_concurrent_misses_compute_once():
    # given
    import asyncio

    from mall.graphql.response_cache import ResponseCache

    cache = ResponseCache(ttl_seconds=60)
    calls = []

    async def compute():
        calls.append(1)
        await asyncio.sleep(0.05)
        return {"data": {"shop": {"name": "Points Mall"}}}, 200

    # when
    results = await asyncio.gather(*(cache.get_or_compute(("q", b"{}", ""), compute) for _ in range(10)))

    # then
    assert len(calls) == 1
    assert {status for _, status in results} == {200}
    assert cache.get(("q", b"{}", "")) == {"data": {"shop": {"name": "Points Mall"}}}


@pytest.mark.parametrize(("query", "shared"), [
    (CATEGORIES, True),
    ("query Gift { product(slug: \"wok\") { variants { pricing { price { gross { amount } } } } } }", True),
    ("query Gift { product(slug: \"wok\") { variants { loyaltyTierPrice { amount } } } }", False),
    ("query Gift { product(slug: \"wok\") { variants { ...Own } } } fragment Own on ProductVariant "
     "{ loyaltyTierPrice { amount } }", False),
])
def test_a_query_naming_a_per_member_price_is_never_shared(query, shared):
    # then: a gold member's tier price must not be served to a visitor from the cache
    assert depends_on_caller(query) is not shared
