"""Redemptions per second on one hot gift: the whole storefront flow, and checkoutComplete alone, against
PostgreSQL with one `mall serve` worker.

    python bench/redeem.py [--server postgres://postgres@127.0.0.1:5432/postgres]
                           [--members 400] [--seconds 10] [--concurrency 1 16 64] [--keep]

It creates its own database (mall_bench_<hex>), migrates it, seeds one channel, one published gift with
plenty of stock in one warehouse (every redemption takes the same stock row: a flash sale), free delivery,
and --members members with points (each a JWT signed with the server's key). Then, for each concurrency:

    flow       closed-loop members each redeem the gift through the storefront's requests:
               checkoutCreate (with the line), checkoutShippingAddressUpdate, checkoutDeliveryMethodUpdate,
               transactionInitialize (mall.points), checkoutComplete. Reports redemptions/s (5 requests
               each) and p50/p99 of the whole flow.
    complete   checkouts prepared and paid beforehand through the services; clients only send
               checkoutComplete. Reports completions/s and p50/p99 of the request.

It prints the server process's CPU per redemption/completion (from /proc), checks that orders, stock and
points add up, then stops the server and drops the database (unless --keep).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import httpx
from tortoise.transactions import in_transaction

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from serving import (
    admin,
    cpu_seconds,
    database_name,
    free_port,
    scratch_database,
    start_server,
    stop_server,
    wait_until_up,
)

from catalog.models import (
    ChannelWarehouse,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
    Warehouse,
)
from ledger.services import Request, credit_points
from mall.accounts.addresses import AddressData
from mall.accounts.models import User
from mall.accounts.passwords import hash_password
from mall.accounts.tokens import create_access_token
from mall.app import create_app
from mall.channels.models import Channel
from mall.db import close_database, migrate_database, open_database
from mall.graphql.ids import parse_int_id, to_global_id
from mall.settings import Settings
from mall.statement_count import install_statement_counter
from orders.models import Order, ShippingMethod
from orders.services.checkouts import LineRequest, create_checkout, set_address, set_delivery_method
from orders.services.payments import initialize_points_payment

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
CHANNEL = "bench-mall"
GIFT_POINTS = 100
MEMBER_POINTS = 10_000_000
STOCK = 10_000_000
REQUEST_TIMEOUT_SECONDS = 60
ADDRESS = {
    "firstName": "Mei", "lastName": "Lin", "streetAddress1": "88 Century Avenue", "city": "Shanghai",
    "postalCode": "200120", "country": "CN", "phone": "+8613800000000",
}

CREATE = """
mutation CheckoutCreate($channel: String!, $lines: [CheckoutLineInput!]) {
  checkoutCreate(input: {channel: $channel, languageCode: EN, lines: $lines}) {
    checkout { id totalPrice { gross { amount currency } } } errors { field code message }
  }
}
"""
ADDRESS_UPDATE = """
mutation Address($id: ID!, $address: AddressInput!) {
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) { checkout { id } errors { code } }
}
"""
DELIVERY = """
mutation Delivery($id: ID!, $method: ID) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {
    checkout { id totalPrice { gross { amount } } } errors { code }
  }
}
"""
PAY = """
mutation Pay($id: ID!) {
  transactionInitialize(id: $id, paymentGateway: {id: "mall.points"}) {
    transaction { id authorizedAmount { amount } } errors { field code message }
  }
}
"""
COMPLETE = """
mutation Complete($id: ID!) {
  checkoutComplete(id: $id) { order { id number status total { gross { amount } } } errors { field code message } }
}
"""


# Seeding --------------------------------------------------------------------------------------------


@dataclass
class World:
    variant_id: str
    shipping_id: str
    tokens: list[str]
    members: list[User]
    channel: Channel


async def seed(members: int, settings: Settings) -> World:
    now = datetime.now(UTC) - timedelta(days=1)
    channel = await Channel.create(name="Bench Mall", slug=CHANNEL, currency_code="PTS", issuer_code="BENCH")
    product_type = await ProductType.create(name="Gift", slug="gift")
    product = await Product.create(name="Hot Gift", slug="hot-gift", product_type=product_type, search_text="hot gift")
    variant = await ProductVariant.create(product=product, sku="HOT-1", name="Standard")
    await ProductVariantChannelListing.create(variant=variant, channel=channel, price_points=GIFT_POINTS)
    await ProductChannelListing.create(
        product=product, channel=channel, is_published=True, published_at=now, available_for_purchase_at=now,
        min_price_points=GIFT_POINTS, max_price_points=GIFT_POINTS,
    )
    warehouse = await Warehouse.create(name="Hot DC", slug="hot-dc")
    await ChannelWarehouse.create(channel=channel, warehouse=warehouse, sort_order=0)
    await Stock.create(variant=variant, warehouse=warehouse, quantity=STOCK)
    shipping = await ShippingMethod.create(channel=channel, name="Standard delivery", price_points=0)
    password = hash_password("bench-password")
    await User.bulk_create([User(email=f"member{n}@bench.example", password_hash=password) for n in range(members)])
    users = list(await User.filter(email__endswith="@bench.example").order_by("id"))
    for user in users:
        await credit_points(channel, user.id, MEMBER_POINTS, Request(idempotency_key=f"bench:{user.id}"))
    return World(
        to_global_id("ProductVariant", variant.id), to_global_id("ShippingMethod", shipping.id),
        [create_access_token(user, settings) for user in users], users, channel,
    )


async def paid_checkouts(world: World, count: int) -> list[str]:
    """Checkouts ready to complete, made through the services (what the flow's first four requests do)."""
    variant = parse_int_id(world.variant_id, "ProductVariant")
    shipping = parse_int_id(world.shipping_id, "ShippingMethod")
    address = AddressData(
        first_name="Mei", last_name="Lin", street_address_1="88 Century Avenue", city="Shanghai",
        postal_code="200120", country="CN", phone="+8613800000000",
    )
    ids = []
    for index in range(count):
        member = world.members[index % len(world.members)]
        async with in_transaction():
            checkout = await create_checkout(CHANNEL, member, None, [LineRequest(variant, 1)])
            await set_address(checkout, address, "SHIPPING")
            await set_delivery_method(checkout, shipping)
            await initialize_points_payment(checkout, None, "bench", f"user:{member.id}")
        ids.append(to_global_id("Checkout", checkout.token))
    return ids


@dataclass
class Result:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    server_cpu_seconds: float = 0.0

    def line(self, label: str, unit: str) -> str:
        ordered = sorted(self.latencies_ms) or [0.0]

        def pct(share: float) -> float:
            return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

        count = len(self.latencies_ms)
        rate = count / self.seconds if self.seconds else 0.0
        cpu_ms = 1000 * self.server_cpu_seconds / count if count else 0.0
        return (
            f"{label:<16} {rate:7.1f} {unit}/s   p50 {pct(0.50):7.1f} ms   p99 {pct(0.99):7.1f} ms   "
            f"server CPU {cpu_ms:5.1f} ms/{unit}   n={count} errors={len(self.errors)}"
        )


async def call(session: aiohttp.ClientSession, url: str, query: str, variables: dict, token: str) -> dict:
    headers = {"Authorization": f"Bearer {token}"}
    async with session.post(url, json={"query": query, "variables": variables}, headers=headers) as response:
        payload = await response.json()
    if response.status != 200 or payload.get("errors"):
        raise RuntimeError(str(payload.get("errors") or response.status))
    field_name = next(iter(payload["data"]))
    answer = payload["data"][field_name]
    if answer.get("errors"):
        raise RuntimeError(str(answer["errors"]))
    return answer


async def redeem(session: aiohttp.ClientSession, url: str, world: World, token: str) -> None:
    line = [{"quantity": 1, "variantId": world.variant_id}]
    created = await call(session, url, CREATE, {"channel": CHANNEL, "lines": line}, token)
    checkout_id = created["checkout"]["id"]
    await call(session, url, ADDRESS_UPDATE, {"id": checkout_id, "address": ADDRESS}, token)
    await call(session, url, DELIVERY, {"id": checkout_id, "method": world.shipping_id}, token)
    await call(session, url, PAY, {"id": checkout_id}, token)
    await call(session, url, COMPLETE, {"id": checkout_id}, token)


async def _flow_client(
    session: aiohttp.ClientSession, url: str, world: World, token: str, deadline: float, result: Result
) -> None:
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            await redeem(session, url, world, token)
        except RuntimeError as error:
            result.errors.append(str(error))
            continue
        result.latencies_ms.append((time.perf_counter() - started) * 1000)


async def _complete_client(
    session: aiohttp.ClientSession, url: str, queue: list[tuple[str, str]], deadline: float, result: Result
) -> None:
    while queue and time.perf_counter() < deadline:
        checkout_id, token = queue.pop()
        started = time.perf_counter()
        try:
            await call(session, url, COMPLETE, {"id": checkout_id}, token)
        except RuntimeError as error:
            result.errors.append(str(error))
            continue
        result.latencies_ms.append((time.perf_counter() - started) * 1000)


async def measure_clients(clients: list[Any], pid: int) -> Result:
    result = Result()
    started, cpu_before = time.perf_counter(), cpu_seconds(pid)
    await asyncio.gather(*(client(result) for client in clients))
    result.seconds = time.perf_counter() - started
    result.server_cpu_seconds = cpu_seconds(pid) - cpu_before
    return result


def session_for(concurrency: int) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(limit=concurrency)
    return aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(REQUEST_TIMEOUT_SECONDS))


async def run_flow(url: str, world: World, concurrency: int, seconds: float, pid: int) -> Result:
    """Each client is one member (members never share a cart), redeeming again and again."""
    async with session_for(concurrency) as session:
        deadline = time.perf_counter() + seconds
        tokens = random.sample(world.tokens, concurrency)
        clients = [lambda r, t=t: _flow_client(session, url, world, t, deadline, r) for t in tokens]
        return await measure_clients(clients, pid)


async def run_complete(
    url: str, world: World, checkouts: list[str], concurrency: int, seconds: float, pid: int
) -> Result:
    """Clients share a queue of paid checkouts (checkout i belongs to member i modulo the members)."""
    queue = [(checkout_id, world.tokens[i % len(world.tokens)]) for i, checkout_id in enumerate(checkouts)]
    queue.reverse()
    async with session_for(concurrency) as session:
        deadline = time.perf_counter() + seconds
        return await measure_clients([lambda r: _complete_client(session, url, queue, deadline, r)] * concurrency, pid)


async def check_totals(redemptions: int) -> str:
    """Every redemption the clients saw succeed is one order and one unit of stock, no more."""
    orders = await Order.all().count()
    allocated = (await Stock.get(variant__sku="HOT-1")).quantity_allocated
    charged = sum(await Order.all().values_list("points_charged", flat=True))
    verdict = "ok" if orders == redemptions == allocated and charged == GIFT_POINTS * orders else "MISMATCH"
    return f"check {verdict}: {orders} orders, {allocated} units allocated, {charged} points charged, " \
           f"{redemptions} redemptions answered"


STEPS = ("checkoutCreate", "address", "delivery", "transactionInitialize", "checkoutComplete")


async def count_statements(world: World, settings: Settings) -> str:
    """SQL statements of each request of one redemption (the member's second: caches warm), counted in this
    process where the driver sends them (mall.statement_count) against an in-process copy of the app."""
    transport = httpx.ASGITransport(app=create_app(settings, manage_database=False))
    counter = await install_statement_counter()
    counts: dict[str, int] = {}
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for _ in range(2):
            counts.clear()
            await counter.measure_from_now()
            checkout_id = ""
            for step, document in zip(STEPS, (CREATE, ADDRESS_UPDATE, DELIVERY, PAY, COMPLETE), strict=True):
                variables: dict[str, Any] = {"id": checkout_id}
                if step == "checkoutCreate":
                    variables = {"channel": CHANNEL, "lines": [{"quantity": 1, "variantId": world.variant_id}]}
                elif step == "address":
                    variables["address"] = ADDRESS
                elif step == "delivery":
                    variables["method"] = world.shipping_id
                headers = {"Authorization": f"Bearer {world.tokens[-1]}"}
                reply = await client.post("/graphql/", json={"query": document, "variables": variables},
                                          headers=headers)
                body = reply.json()
                if step == "checkoutCreate":
                    checkout_id = body["data"]["checkoutCreate"]["checkout"]["id"]
                counts[step] = await counter.measure_from_now()
    flow = sum(counts.values())
    return "statements per request: " + ", ".join(f"{step} {n}" for step, n in counts.items()) + f"; flow {flow}"


async def main(arguments: argparse.Namespace) -> None:
    async with scratch_database(arguments.server, keep=arguments.keep) as database_url:
        await measure(arguments, database_url)


async def measure(arguments: argparse.Namespace, database_url: str) -> None:
    name = database_name(database_url)
    var_dir = Path(f"/tmp/{name}")
    var_dir.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 (once, before anything runs)
    os.environ["MALL_VAR_DIR"] = str(var_dir)
    settings = Settings.from_environ()
    process = None
    try:
        started = time.perf_counter()
        await migrate_database(database_url)
        await close_database()
        await open_database(database_url)
        world = await seed(arguments.members, settings)
        per_run = int(arguments.complete_rate * arguments.seconds)
        prepared = {c: await paid_checkouts(world, per_run) for c in arguments.concurrency}
        await admin(database_url, "VACUUM ANALYZE")
        # Access tokens live 5 minutes: minted now, not when seeding began (a slow machine outlasted them).
        world.tokens[:] = [create_access_token(user, settings) for user in world.members]
        print(await count_statements(world, settings), flush=True)
        print(f"seeded {arguments.members} members and {per_run * len(prepared)} paid checkouts in "
              f"{time.perf_counter() - started:.1f} s ({name})")
        port = free_port()
        process = start_server(database_url, port, var_dir)
        base = f"http://127.0.0.1:{port}"
        await wait_until_up(base, process)
        url = f"{base}/graphql/"
        print(f"server pid {process.pid}", flush=True)
        machine = f"python {platform.python_version()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
        print(f"{machine}, one uvicorn worker, {arguments.seconds:g} s per run")
        async with session_for(1) as session:
            await redeem(session, url, world, world.tokens[0])  # warm up the worker
        redemptions = 3  # two counted (count_statements), one to warm the worker up
        for concurrency in arguments.concurrency:
            result = await run_flow(url, world, concurrency, arguments.seconds, process.pid)
            redemptions += len(result.latencies_ms)
            print(result.line(f"flow c={concurrency}", "redemption"), flush=True)
            if result.errors:
                print("  first error:", result.errors[0][:300])
        for concurrency in arguments.concurrency:
            result = await run_complete(url, world, prepared[concurrency], concurrency, arguments.seconds, process.pid)
            redemptions += len(result.latencies_ms)
            print(result.line(f"complete c={concurrency}", "completion"), flush=True)
            if result.errors:
                print("  first error:", result.errors[0][:300])
        print(await check_totals(redemptions))
    finally:
        if process is not None:
            stop_server(process)
        await close_database()


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL server URL (any database on it)")
    parser.add_argument("--members", type=int, default=400)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 16, 64])
    parser.add_argument("--complete-rate", type=float, default=250.0,
                        help="paid checkouts prepared per second of each checkoutComplete run")
    parser.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_arguments()))
