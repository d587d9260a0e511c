"""Catalogue reads in one process: CPU per request on query plans and on graphql-core alone, interleaved.

    python bench/plans.py [--server postgres://postgres@127.0.0.1:5432/postgres] [--products 10000]
                          [--rounds 7] [--requests 40] [--keep]

Seeds a scratch database as bench/browse.py does, then executes the storefront's ProductListPaginated
(walking the first pages by cursor) and ProductDetails through the GraphQL view's executor, with no HTTP
and no server process, on uvloop as `mall serve` runs. Each round runs both ways back to back (plans,
then graphql-core only), and the median and minimum CPU milliseconds per request over the rounds are
printed. Isolating execution and SQL
from the network stack and interleaving the two makes this the steadier figure to compare executors by on
a shared machine; bench/browse.py measures what a client sees.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from browse import CHANNEL, PRODUCT_DETAILS, PRODUCT_LIST_PAGINATED, seed
from serving import admin, scratch_database

from mall.db import close_database, migrate_database, open_database
from mall.graphql.context import Context
from mall.graphql.limits import select_operation
from mall.graphql.schema import build_schema, reuse_policy
from mall.graphql.view import GraphQLView
from mall.settings import Settings

LIST_PAGES = 10


class Reader:
    """One document executed through the view, on its plan or on graphql-core."""

    def __init__(self, view: GraphQLView, query: str) -> None:
        self.view = view
        self.prepared = view.documents.get(query)
        assert self.prepared.document is not None
        self.operation = select_operation(self.prepared.document, None)
        self.plan = view._plan(self.prepared, self.operation)
        assert self.plan is not None, "the document has no plan"

    async def read(self, variables: dict[str, Any], planned: bool) -> dict[str, Any]:
        context = Context(settings=self.view.settings)
        document = self.prepared.document
        assert document is not None
        plan = self.plan if planned else None
        payload, _ = await self.view._execute(context, document, self.operation, variables, 0, plan)
        assert "errors" not in payload, payload["errors"]
        return payload["data"]


async def list_variables(reader: Reader) -> list[dict[str, Any]]:
    pages, after = [], None
    for _ in range(LIST_PAGES):
        variables = {"first": 20, "after": after, "channel": CHANNEL, "languageCode": "EN"}
        pages.append(variables)
        after = (await reader.read(variables, planned=False))["products"]["pageInfo"]["endCursor"]
    return pages


async def cpu_ms_per_request(reader: Reader, bodies: list[dict[str, Any]], count: int, planned: bool) -> float:
    started = time.process_time()
    for index in range(count):
        await reader.read(bodies[index % len(bodies)], planned)
    return (time.process_time() - started) / count * 1000


async def compare(label: str, reader: Reader, bodies: list[dict[str, Any]], arguments: argparse.Namespace) -> None:
    figures: dict[bool, list[float]] = {True: [], False: []}
    for planned in (True, False):  # warm both paths (plans made, statements prepared)
        await cpu_ms_per_request(reader, bodies, 5, planned)
    for _ in range(arguments.rounds):
        for planned in (True, False):
            figures[planned].append(await cpu_ms_per_request(reader, bodies, arguments.requests, planned))
    for planned, name in ((True, "plans"), (False, "graphql-core")):
        values = figures[planned]
        print(f"{label:<22} {name:<13} median {statistics.median(values):6.2f} ms CPU/request"
              f"   min {min(values):6.2f}   ({arguments.rounds} rounds x {arguments.requests})", flush=True)


async def measure(arguments: argparse.Namespace, database_url: str) -> None:
    await migrate_database(database_url)
    await close_database()
    await open_database(database_url)
    await seed(arguments.products)
    await close_database()
    await admin(database_url, "VACUUM ANALYZE")
    with tempfile.TemporaryDirectory() as var_dir:
        settings = Settings.from_environ({"DATABASE_URL": database_url, "MALL_VAR_DIR": var_dir})
        await open_database(settings)
        try:
            view = GraphQLView(build_schema(), settings, reuse_policy())
            listing, details = Reader(view, PRODUCT_LIST_PAGINATED), Reader(view, PRODUCT_DETAILS)
            step = max(1, arguments.products // 70)
            detail_bodies = [
                {"slug": f"gift-{n:05d}", "channel": CHANNEL, "languageCode": "EN"}
                for n in range(0, arguments.products, step)
            ]
            await compare("ProductListPaginated", listing, await list_variables(listing), arguments)
            await compare("ProductDetails", details, detail_bodies, arguments)
        finally:
            await close_database()


async def main(arguments: argparse.Namespace) -> None:
    async with scratch_database(arguments.server, keep=arguments.keep) as database_url:
        await measure(arguments, database_url)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=40, help="requests per path per round")
    parser.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    return parser.parse_args()


if __name__ == "__main__":
    import uvloop  # the event loop `mall serve` runs on (uvicorn[standard] brings it)

    uvloop.run(main(parse_arguments()))
