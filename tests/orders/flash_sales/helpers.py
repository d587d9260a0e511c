"""A flash sale on the redemption tests' gift, made and read through the API as the console and the mall do."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from mall.accounts.models import User
from mall.graphql.ids import to_global_id
from tests.factories import make_staff, token_for
from tests.graphql_client import GraphQLClient
from tests.orders.services.world import World

NOW = "2026-11-12T10:00:00+08:00"
SALE_POINTS = 500
SALE_FIELDS = "id name variantId price { amount currency } startsAt endsAt quantity remaining limitPerMember isLive"
CREATE_SALE = f"""
mutation FlashSaleCreate($variant: ID!, $channel: String!, $input: FlashSaleInput!) {{
  flashSaleCreate(variant: $variant, channel: $channel, input: $input) {{
    flashSale {{ {SALE_FIELDS} }} errors {{ field code message }}
  }}
}}
"""
UPDATE_SALE = f"""
mutation FlashSaleUpdate($id: ID!, $input: FlashSaleInput!) {{
  flashSaleUpdate(id: $id, input: $input) {{ flashSale {{ {SALE_FIELDS} }} errors {{ field code message }} }}
}}
"""
END_SALE = f"""
mutation FlashSaleEnd($id: ID!) {{
  flashSaleEnd(id: $id) {{ flashSale {{ {SALE_FIELDS} }} errors {{ field code message }} }}
}}
"""
SALES = (
    "query FlashSales($channel: String!, $product: ID) "
    f"{{ flashSales(channel: $channel, product: $product) {{ {SALE_FIELDS} }} }}"
)


def sale_input(now: datetime, **changes: Any) -> dict[str, Any]:
    """A sale that started a minute ago and runs for an hour: 3 units at SALE_POINTS, one per member."""
    terms = {
        "price": SALE_POINTS, "quantity": 3, "limitPerMember": 1,
        "startsAt": (now - timedelta(minutes=1)).isoformat(), "endsAt": (now + timedelta(hours=1)).isoformat(),
    }
    return terms | changes


async def operator_token(settings: Any) -> str:
    """The operator's staff user (made on first use) with MANAGE_PRODUCTS."""
    staff = await User.get_or_none(email="operator@example.com") or await make_staff(
        "operator@example.com", ["MANAGE_PRODUCTS"]
    )
    return token_for(staff, settings)


async def create_sale(api: GraphQLClient, token: str, world: World, input: dict[str, Any]) -> Any:
    variables = {"variant": to_global_id("ProductVariant", world.item.id), "channel": world.channel.slug,
                 "input": input}
    return (await api.ok(CREATE_SALE, variables, token))["flashSaleCreate"]


async def sale_on(api: GraphQLClient, settings: Any, world: World, now: datetime, **changes: Any) -> str:
    """A running sale on the world's gift, made by the operator; returns its ID."""
    created = await create_sale(api, await operator_token(settings), world, sale_input(now, **changes))
    assert created["errors"] == [], created
    return str(created["flashSale"]["id"])


async def sales(api: GraphQLClient, world: World) -> list[dict[str, Any]]:
    return list((await api.ok(SALES, {"channel": world.channel.slug}))["flashSales"])
