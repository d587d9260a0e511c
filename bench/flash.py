"""A flash sale: N members try at the same moment to redeem one of the S units of a flash sale (issue 20's
flash sale: a reduced points price, S units, one a member) on a gift with more in stock, against `mall serve`
with W workers on PostgreSQL.

    python bench/flash.py [--members 5000] [--units 100] [--stock 500] [--workers 2] [--connections 1000]
                          [--server postgres://postgres@127.0.0.1:5432/postgres] [--keep] [--no-sale]

It creates its own database (mall_bench_<hex>), seeds one channel, one gift of 2,000 points with --stock units
(default 5 x S) and a running flash sale of S of them at 500 points, free delivery, and --members members with
500 points each (the sale price: a member who comes after the sale sold out cannot pay the gift's own price and
is refused at `transactionInitialize`), through the ledger's service. With --no-sale (the first runs' shape)
the gift is 500 points with S units in stock, and members have 2,000 points. Then it starts the server and
fires the storefront's whole redemption for every member at once: checkoutCreate (with the line),
checkoutShippingAddressUpdate, checkoutDeliveryMethodUpdate, transactionInitialize (mall.points),
checkoutComplete. A member stops at the first refusal (the request and code are counted).

It prints orders, refusals by request and code, answers per second, p50/p95/p99 of the whole attempt for the
winners and for everyone, the time from the first request to the last answer, the server's CPU (all
workers) and the load average, then checks the invariants: orders = units allocated = S (when N >= S), with
a sale: every order at the sale price and the sale's units sold = S; no negative stock, the ledger verifies,
and every member without an order has all their points available and none held.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from redeem import ADDRESS, ADDRESS_UPDATE, COMPLETE, CREATE, DELIVERY, PAY
from serving import admin, database_name, free_port, scratch_database, start_server, stop_server, wait_until_up

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
from ledger.balances import points_balance
from ledger.services import Request, credit_points
from ledger.verify import verify_ledger
from mall.accounts.models import User
from mall.accounts.tokens import create_access_token
from mall.channels.models import Channel
from mall.db import close_database, migrate_database, open_database
from mall.graphql.ids import to_global_id
from mall.settings import Settings
from orders.flash_sales.models import FlashSale
from orders.models import Order, OrderLine, ShippingMethod

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
CHANNEL = "flash-mall"
GIFT_POINTS = 500  # without a sale
MEMBER_POINTS = 2_000  # without a sale
SALE_GIFT_POINTS = 2_000  # the gift's own price when it is on sale
SALE_POINTS = 500  # the sale price: also every member's points
REQUEST_TIMEOUT_SECONDS = 300
STEPS = (("checkoutCreate", CREATE), ("checkoutShippingAddressUpdate", ADDRESS_UPDATE),
         ("checkoutDeliveryMethodUpdate", DELIVERY), ("transactionInitialize", PAY),
         ("checkoutComplete", COMPLETE))


@dataclass
class Sale:
    variant_id: str
    shipping_id: str
    channel: Channel
    members: list[User]
    tokens: list[str]
    on_sale: bool
    member_points: int


@dataclass
class Attempt:
    """One member's try: the order number, or the request and code that refused them."""

    started: float
    finished: float = 0.0
    order: int | None = None
    refused_at: str | None = None
    code: str | None = None

    @property
    def seconds(self) -> float:
        return self.finished - self.started


@dataclass
class Outcome:
    attempts: list[Attempt] = field(default_factory=list)
    first_request: float = 0.0
    last_answer: float = 0.0
    server_cpu_seconds: float = 0.0


async def seed(members: int, units: int, stock: int, on_sale: bool, settings: Settings) -> Sale:
    now = datetime.now(UTC) - timedelta(days=1)
    price = SALE_GIFT_POINTS if on_sale else GIFT_POINTS
    member_points = SALE_POINTS if on_sale else MEMBER_POINTS
    channel = await Channel.create(name="Flash Mall", slug=CHANNEL, currency_code="PTS", issuer_code="BENCH")
    product_type = await ProductType.create(name="Gift", slug="gift")
    product = await Product.create(name="Flash Gift", slug="flash-gift", product_type=product_type,
                                   search_text="flash gift")
    variant = await ProductVariant.create(product=product, sku="FLASH-1", name="Standard")
    await ProductVariantChannelListing.create(variant=variant, channel=channel, price_points=price)
    await ProductChannelListing.create(
        product=product, channel=channel, is_published=True, published_at=now, available_for_purchase_at=now,
        min_price_points=price, max_price_points=price,
    )
    warehouse = await Warehouse.create(name="Flash DC", slug="flash-dc")
    await ChannelWarehouse.create(channel=channel, warehouse=warehouse, sort_order=0)
    await Stock.create(variant=variant, warehouse=warehouse, quantity=stock if on_sale else units)
    if on_sale:
        await FlashSale.create(channel=channel, variant=variant, name="Bench flash sale", price_points=SALE_POINTS,
                               quantity=units, limit_per_member=1, starts_at=now, ends_at=now + timedelta(days=2))
    shipping = await ShippingMethod.create(channel=channel, name="Standard delivery", price_points=0)
    await User.bulk_create([User(email=f"member{n}@flash.example") for n in range(members)])
    users = list(await User.filter(email__endswith="@flash.example").order_by("id"))
    for user in users:
        await credit_points(channel, user.id, member_points, Request(idempotency_key=f"flash:{user.id}"))
    return Sale(to_global_id("ProductVariant", variant.id), to_global_id("ShippingMethod", shipping.id), channel,
                users, [create_access_token(user, settings) for user in users], on_sale, member_points)


def variables_for(step: str, sale: Sale, checkout_id: str | None) -> dict[str, object]:
    if step == "checkoutCreate":
        return {"channel": CHANNEL, "lines": [{"quantity": 1, "variantId": sale.variant_id}]}
    if step == "checkoutShippingAddressUpdate":
        return {"id": checkout_id, "address": ADDRESS}
    if step == "checkoutDeliveryMethodUpdate":
        return {"id": checkout_id, "method": sale.shipping_id}
    return {"id": checkout_id}


async def ask(session: aiohttp.ClientSession, url: str, query: str, variables: dict[str, object],
              token: str) -> tuple[dict[str, object], str | None]:
    """The mutation's answer and its first error code (or the transport's failure as a code)."""
    headers = {"Authorization": f"Bearer {token}"}
    try:
        async with session.post(url, json={"query": query, "variables": variables}, headers=headers) as response:
            payload = await response.json()
    except (TimeoutError, aiohttp.ClientError) as error:
        return {}, f"transport:{type(error).__name__}"
    if response.status != 200 or payload.get("errors"):
        return {}, f"http:{response.status}"
    answer = next(iter(payload["data"].values()))
    errors = answer.get("errors") or []
    return answer, errors[0]["code"] if errors else None


async def attempt(session: aiohttp.ClientSession, url: str, sale: Sale, token: str, start: asyncio.Event) -> Attempt:
    await start.wait()
    tried = Attempt(started=time.perf_counter())
    checkout_id = None
    for step, query in STEPS:
        answer, code = await ask(session, url, query, variables_for(step, sale, checkout_id), token)
        if code is not None:
            tried.refused_at, tried.code = step, code
            break
        if step == "checkoutCreate":
            checkout_id = answer["checkout"]["id"]  # type: ignore[index]
        if step == "checkoutComplete":
            tried.order = answer["order"]["number"]  # type: ignore[index]
    tried.finished = time.perf_counter()
    return tried


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children (uvicorn's workers), from /proc."""
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        pending += [int(child) for child in children]
    return total


async def run_sale(url: str, sale: Sale, connections: int, pid: int) -> Outcome:
    connector = aiohttp.TCPConnector(limit=connections)
    timeout = aiohttp.ClientTimeout(REQUEST_TIMEOUT_SECONDS)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        start = asyncio.Event()
        tasks = [asyncio.create_task(attempt(session, url, sale, token, start)) for token in sale.tokens]
        await asyncio.sleep(0.5)  # every member waiting at the gate
        outcome = Outcome(first_request=time.perf_counter())
        cpu_before = tree_cpu_seconds(pid)
        start.set()
        outcome.attempts = list(await asyncio.gather(*tasks))
        outcome.last_answer = max(tried.finished for tried in outcome.attempts)
        outcome.server_cpu_seconds = tree_cpu_seconds(pid) - cpu_before
    return outcome


def percentiles(seconds: list[float]) -> str:
    ordered = sorted(seconds) or [0.0]

    def at(share: float) -> float:
        return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    return f"p50 {at(0.50):8.1f} ms  p95 {at(0.95):8.1f} ms  p99 {at(0.99):8.1f} ms  max {at(1.0):8.1f} ms"


def report(outcome: Outcome, members: int) -> list[str]:
    winners = [tried for tried in outcome.attempts if tried.order is not None]
    refusals = Counter(f"{tried.refused_at} {tried.code}" for tried in outcome.attempts if tried.order is None)
    span = outcome.last_answer - outcome.first_request
    answers_per_second = members / span if span else 0.0
    lines = [
        f"orders {len(winners)}   refused {members - len(winners)}   first request to last answer {span:.2f} s   "
        f"{answers_per_second:.0f} members answered/s",
        f"winners  {percentiles([tried.seconds for tried in winners])}",
        f"everyone {percentiles([tried.seconds for tried in outcome.attempts])}",
        f"server CPU {outcome.server_cpu_seconds:.1f} s in all, "
        f"{1000 * outcome.server_cpu_seconds / members:.1f} ms per member",
    ]
    lines += [f"  refused: {count:6d} x {kind}" for kind, count in refusals.most_common()]
    return lines


async def check_invariants(sale: Sale, units: int) -> list[str]:
    orders = await Order.all().count()
    stock = await Stock.get(variant__sku="FLASH-1")
    ordered_members = set(await Order.all().values_list("user_id", flat=True))
    short = 0
    for member in sale.members:
        if member.id in ordered_members:
            continue
        balance = await points_balance(sale.channel.id, member.id)
        short += balance.points_available != sale.member_points or balance.points_held != 0
    ledger = await verify_ledger()
    expected = min(units, len(sale.members))
    verdicts = {
        f"orders = {expected}": orders == expected,
        "units allocated = orders": stock.quantity_allocated == orders,
        "no negative stock": stock.quantity - stock.quantity_allocated >= 0,
        "ledger verifies": ledger.ok,
        "losers' balances whole": short == 0,
    }
    if sale.on_sale:
        sold = (await FlashSale.get(name="Bench flash sale")).quantity_sold
        at_sale_price = await OrderLine.filter(unit_price_points=SALE_POINTS).count()
        verdicts["every order at the sale price"] = at_sale_price == orders
        verdicts[f"sale units sold = {expected}"] = sold == expected
    lines = [f"check {'ok' if ok else 'FAILED'}: {what}" for what, ok in verdicts.items()]
    return lines + ([f"  {short} members without an order have points held or missing"] if short else [])


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
        stock = arguments.stock or 5 * arguments.units
        sale = await seed(arguments.members, arguments.units, stock, not arguments.no_sale, settings)
        await admin(database_url, "VACUUM ANALYZE")
        print(f"seeded {arguments.members} members and {arguments.units} units in "
              f"{time.perf_counter() - started:.1f} s ({name})", flush=True)
        port = free_port()
        process = start_server(database_url, port, var_dir, workers=arguments.workers)
        base = f"http://127.0.0.1:{port}"
        await wait_until_up(base, process)
        # Tokens minted now, not at seeding: access tokens live minutes, and seeding thousands of members on a
        # busy machine takes minutes too.
        sale.tokens = [create_access_token(user, settings) for user in sale.members]
        print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, {arguments.workers} workers, "
              f"{arguments.connections} client connections, load average before {os.getloadavg()[0]:.1f}", flush=True)
        outcome = await run_sale(f"{base}/graphql/", sale, arguments.connections, process.pid)
        print(f"load average after {os.getloadavg()[0]:.1f}")
        for line in report(outcome, arguments.members) + await check_invariants(sale, arguments.units):
            print(line)
    finally:
        if process is not None:
            stop_server(process)
        await close_database()


async def main(arguments: argparse.Namespace) -> None:
    async with scratch_database(arguments.server, keep=arguments.keep) as database_url:
        await measure(arguments, database_url)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL server URL (any database on it)")
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--stock", type=int, default=0, help="units in stock with a sale (default 5 x --units)")
    parser.add_argument("--no-sale", action="store_true", help="no flash sale: a gift of --units units at its price")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=1000, help="client connections at most at once")
    parser.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_arguments()))
