"""Per-worker copies of the rules every checkout price reads (tier levels, promotion rules, flash sales, issuers,
channels), dropped whenever one of their tables is written, in any worker.

A redemption's requests each priced the cart by reading these few rows again: about a dozen statements of
every redemption (bench/README.md, issue 23). They change a few times a day. Each app keeps a `RuleCache`;
a GraphQL request opens a scope on it (`begin_request`), reads the rule version once (one statement), and
reuses the copies loaded under that version. The version lives in one row that database triggers move on
every write to a watched table (migration mall 0006, like catalog/render_versions.py), in the writer's own
transaction: no write path (a service, an import, a raw statement) can change a rule without every worker
seeing a new version on its next request. A version is never reused, even after a rolled-back write: it comes
from a sequence on PostgreSQL and from random() on SQLite, so a copy loaded inside a transaction that rolled
back can never be taken for a later committed version's.

The request scope also remembers answers for the request alone (`for_request`).

Outside a request scope (the worker, the CLI, service tests) nothing is cached: every read goes to the
database. Watching another table takes a new migration that adds its triggers, and a line here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from mall import sql

RULE_VERSION_TABLE = "mall_rule_version"  # one row: (id 1, version)
READ_VERSION = f"SELECT version FROM {RULE_VERSION_TABLE} WHERE id = 1"

# (table, the columns whose update moves the version; empty: any column). A flash sale's `quantity_sold`
# moves on every unit sold and is never cached (orders.flash_sales.pricing reads it fresh): it must not move
# the version, or a sale would drop every worker's copies at each purchase.
WATCHED_TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("loyalty_tier_level", ()),
    ("catalog_promotion", ()),
    ("catalog_promotion_rule", ()),
    ("catalog_promotion_rule_channel", ()),
    ("orders_flash_sale", ("channel_id", "variant_id", "starts_at", "ends_at", "is_ended")),
    ("bank_link_issuer", ()),
    ("channel_channel", ()),  # migration mall 0008
)
MAX_ENTRIES = 1_000  # copies kept per version (one per channel or issuer and kind): far above any real mall

T = TypeVar("T")


@dataclass
class RuleCache:
    """One app's copies, all loaded under `version` (None: nothing loaded yet)."""

    version: int | None = None
    entries: dict[Hashable, Any] = field(default_factory=dict)

    def adopt(self, version: int) -> None:
        """A request saw `version`: copies of any other version are dropped."""
        if version != self.version:
            self.version = version
            self.entries = {}


@dataclass
class _RequestScope:
    cache: RuleCache
    version: int | None = None  # read on the request's first cached read
    answers: dict[Hashable, Any] = field(default_factory=dict)  # for_request's, dropped with the request


_scope: ContextVar[_RequestScope | None] = ContextVar("rule_cache_scope", default=None)


def begin_request(cache: RuleCache) -> None:
    """Called at the start of each GraphQL request: its cached reads use `cache` and read the version once."""
    _scope.set(_RequestScope(cache))


def end_request() -> None:
    """Leaves the scope, so code that runs after the request in the same task reads the database again."""
    _scope.set(None)


def version_column() -> str:
    """A column for a statement the request sends anyway (`..., {version_column()} FROM ...`), read before any
    cached copy: hand its value to `note_version` and the request reads no version of its own."""
    return f"(SELECT version FROM {RULE_VERSION_TABLE} WHERE id = 1) AS rule_version"


def note_version(version: int | None) -> None:
    """The rule version read by another statement of this request (`version_column`); before any cached read."""
    scope = _scope.get()
    if scope is not None and scope.version is None and version is not None:
        scope.version = int(version)
        scope.cache.adopt(scope.version)


async def _version_of(scope: _RequestScope) -> int:
    if scope.version is None:
        row = await sql.fetch_one(READ_VERSION)
        scope.version = int(row["version"]) if row is not None else 0
        scope.cache.adopt(scope.version)
    return scope.version


async def cached(key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
    """The copy of `key` under the current rule version, loaded by `load` when there is none.

    The version is read before `load` runs, so a copy is never older than the version it is kept under (a
    write committed in between only makes it newer, and moves the version for the next request). A request
    that read an older version than the cache holds loads for itself and keeps nothing."""
    scope = _scope.get()
    if scope is None:
        return await load()
    version = await _version_of(scope)
    cache = scope.cache
    if version == cache.version and key in cache.entries:
        found: T = cache.entries[key]
        return found
    value = await load()
    if version == cache.version and len(cache.entries) < MAX_ENTRIES:
        cache.entries[key] = value
    return value


async def for_request(key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
    """`load`'s answer, asked once per request (outside a request: every time). For what one request asks
    several times and cannot change while it runs, such as the member's tier standing that the mutation and
    then its payload both price with."""
    scope = _scope.get()
    if scope is None:
        return await load()
    if key not in scope.answers:
        scope.answers[key] = await load()
    found: T = scope.answers[key]
    return found
