"""Import contracts: dependencies point one way, and CI fails on an import that breaks them.

The house, from the bottom up (a package imports only what is below it or beside it in its own layer):

    kernel        errors, clock, global IDs, Saleor's vocabulary, outbound fetches: imports no other package
    mall          accounts, channels, outbox, SQL, storage, GraphQL conventions
    ledger        the points ledger: accounts, transfers, lots, holds, expiry (imports no domain)
    partners      partner merchants
    bank_link     issuers, member and points feeds, sign-on
    catalog       gifts, listings, stock (uses partners)
    orders        checkout, orders, payments (uses catalog, bank_link)
    fulfilment    shipments, carriers, returns (uses orders, catalog)
    settlement    issuer and partner statements (uses everything below)
    loyalty       earning rules, awards, tiers, member states (beside settlement: reads deliveries and
                  returns, books through the ledger)
    cases         customer service cases (uses fulfilment and everything below; beside settlement: neither
                  imports the other, goodwill reaches statements through the ledger)
    composition   mall.app, mall.asgi, mall.cli, mall.worker, mall.demo, mall.wiring, mall.graphql.schema and
                  mall.graphql.composed:
                  the only modules that may import anything

Besides the layers:
- a module outside a `graphql` package never imports a `graphql` module (the API adapts the domain, never
  the other way); the composition root is the exception;
- a domain's non-GraphQL code reaches another domain only through its public surface: its `services`,
  `models` and `errors` modules (and the few named in PUBLIC_EXTRAS);
- the ledger imports no domain and nothing of the composition root;
- no module outside the ledger names a ledger table in SQL text: others read the ledger through its
  services and reports (ledger.reports.TRANSFER_REPORT for their own aggregate SQL).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tortoise.models import Model

import ledger.models

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("kernel", "mall", "ledger", "partners", "bank_link", "catalog", "orders", "fulfilment", "settlement",
            "loyalty", "cases")
DOMAINS = ("partners", "bank_link", "catalog", "orders", "fulfilment", "settlement", "loyalty", "cases")
# What each package may import besides itself and the packages of the layers below it.
LAYER = {"kernel": 0, "mall": 1, "ledger": 2, "partners": 3, "bank_link": 3, "catalog": 4, "orders": 5,
         "fulfilment": 6, "settlement": 7, "loyalty": 7, "cases": 7}
COMPOSITION_ROOT = frozenset({
    "mall.__main__", "mall.app", "mall.asgi", "mall.cli", "mall.worker", "mall.demo", "mall.wiring",
    "mall.tortoise_config", "mall.graphql.schema",
    "mall.graphql.composed",  # API types assembled from several domains (User with its orders and points)
})
# Modules of a domain other domains may use although they are not called services/models/errors.
PUBLIC_EXTRAS = frozenset({
    "bank_link.policy",  # an issuer's cash and expiry rules, read by checkout
    "catalog.visibility",  # the one rule for what a member may see and buy, read by checkout
    "catalog.tier_benefits",  # a member's tier prices, free delivery and reserved gifts, read by checkout
})
PUBLIC_SURFACE = ("services", "models", "errors")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The project modules `path` imports (absolute imports; the project uses no relative ones)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found.update(name for name in names if name.split(".")[0] in PACKAGES)
    return found


def import_graph() -> dict[str, set[str]]:
    return {
        module_name(path): imports_of(path)
        for package in PACKAGES for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts
    }


def is_graphql(module: str) -> bool:
    return "graphql" in module.split(".")


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    bad = []
    for module, targets in graph.items():
        if module in COMPOSITION_ROOT:
            continue
        own = module.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            upward = other != own and LAYER[other] >= LAYER[own]
            # API adapters answer with the composed API types; nothing else reaches the composition root
            composed_type = is_graphql(module) and target == "mall.graphql.composed"
            if upward or (target in COMPOSITION_ROOT and not composed_type):
                bad.append(f"{module} -> {target}")
    return sorted(bad)


def graphql_violations(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{module} -> {target}" for module, targets in graph.items() for target in targets
                  if module not in COMPOSITION_ROOT and not is_graphql(module) and is_graphql(target))


def surface_violations(graph: dict[str, set[str]]) -> list[str]:
    bad = []
    for module, targets in graph.items():
        own = module.split(".")[0]
        if module in COMPOSITION_ROOT or is_graphql(module) or own not in DOMAINS:
            continue
        for target in targets:
            other = target.split(".")[0]
            public = any(part in PUBLIC_SURFACE for part in target.split(".")[1:]) or target in PUBLIC_EXTRAS
            if other in DOMAINS and other != own and not public:
                bad.append(f"{module} -> {target}")
    return sorted(bad)


def ledger_violations(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{module} -> {target}" for module, targets in graph.items() for target in targets
                  if module.startswith("ledger") and not is_graphql(module)
                  and (target.split(".")[0] in DOMAINS or target in COMPOSITION_ROOT))


LEDGER_TABLES = frozenset(
    value._meta.db_table for value in vars(ledger.models).values()
    if isinstance(value, type) and issubclass(value, Model) and value.__module__ == "ledger.models"
)
SQL_TEXT = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN)\b", re.IGNORECASE)


def string_literals(path: Path) -> list[str]:
    """Every string in the module's code, f-strings as their literal parts joined (placeholders dropped)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.JoinedStr):
            found.append("".join(part.value for part in node.values
                                 if isinstance(part, ast.Constant) and isinstance(part.value, str)))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append(node.value)
    return found


def ledger_table_readers(texts: dict[str, list[str]]) -> list[str]:
    """Modules outside the ledger with SQL text naming one of its tables, as `module: table`."""
    named = re.compile(r"\b(" + "|".join(sorted(LEDGER_TABLES)) + r")\b")
    return sorted({f"{module}: {match}" for module, strings in texts.items() if module.split(".")[0] != "ledger"
                   for text in strings if SQL_TEXT.search(text) for match in named.findall(text)})


def sql_texts() -> dict[str, list[str]]:
    return {
        module_name(path): string_literals(path)
        for package in PACKAGES for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts
    }


def test_the_checks_see_the_whole_code_base():
    # when
    graph = import_graph()

    # then
    assert len(graph) > 250
    assert {"kernel.clock", "mall.wiring", "settlement.runs", "ledger.services"} <= set(graph)


def test_every_package_imports_only_the_layers_below_it():
    assert layer_violations(import_graph()) == []


def test_nothing_outside_the_api_imports_a_graphql_module():
    assert graphql_violations(import_graph()) == []


def test_a_domain_reaches_another_through_its_public_surface_only():
    assert surface_violations(import_graph()) == []


def test_the_ledger_imports_no_domain_and_no_composition_root():
    assert ledger_violations(import_graph()) == []


def test_no_module_outside_the_ledger_names_its_tables_in_sql():
    assert {"ledger_transfer", "ledger_account", "ledger_lot", "ledger_hold"} <= LEDGER_TABLES
    assert ledger_table_readers(sql_texts()) == []


def test_the_sql_check_catches_a_ledger_table_in_sql_text_only():
    # given: settlement reading the transfer table, a lock list naming a table without SQL, the ledger itself
    texts = {
        "settlement.issuer.statements": ["SELECT t.id FROM ledger_transfer t WHERE t.kind = 'capture'"],
        "mall.locking": ["ledger_account"],
        "ledger.reports": ["SELECT id FROM ledger_transfer"],
        "settlement.partner.checks": ["SELECT 1 FROM settlement_statement_line l JOIN ledger_lot x ON true"],
    }

    # then
    assert ledger_table_readers(texts) == ["settlement.issuer.statements: ledger_transfer",
                                           "settlement.partner.checks: ledger_lot"]


def test_each_check_catches_what_it_forbids():
    # given: a kernel module reaching up, a service importing the API, a domain reaching another's internals,
    # the ledger reaching a domain
    graph = {
        "kernel.clock": {"mall.settings"},
        "orders.services.checkouts": {"catalog.graphql.types", "catalog.services.stock", "catalog.query_plans"},
        "ledger.holds": {"orders.models"},
        "catalog.services.products": {"orders.services.checkouts"},
    }

    # then
    assert layer_violations(graph) == ["catalog.services.products -> orders.services.checkouts",
                                       "kernel.clock -> mall.settings", "ledger.holds -> orders.models"]
    assert graphql_violations(graph) == ["orders.services.checkouts -> catalog.graphql.types"]
    assert surface_violations(graph) == ["orders.services.checkouts -> catalog.graphql.types",
                                         "orders.services.checkouts -> catalog.query_plans"]
    assert ledger_violations(graph) == ["ledger.holds -> orders.models"]
