"""The authorization matrix (#16, "close the class"): every root query and mutation, and every type `node`
resolves, asked by every kind of caller, against the expected answers of tests/security/table.py.

The lists of fields come from the schema's own introspection, so a new root field (or node type) without a
row fails here before it can leak. Each refused call must leave the database exactly as it was.
"""

from __future__ import annotations

import pytest

from mall.graphql.node import node_types
from mall.graphql.schema import build_schema
from tests.security.calls import MUTATIONS, NODES, QUERIES
from tests.security.probe import Outcome, Seen, ask, database_state, resolve
from tests.security.table import MUTATION_ROWS, NODE_ROWS, QUERY_ROWS, Row
from tests.security.world import ACTORS, user_tokens

NODE_SELECTION = (
    "node(id: {ref}) {{ id ... on Order {{ userEmail shippingAddress {{ streetAddress1 phone }} }} "
    "... on User {{ email addresses {{ streetAddress1 }} }} ... on Checkout {{ cartEmail: email }} "
    "... on Address {{ streetAddress1 }} }}"
)
REFUSED = {Outcome.DENIED, Outcome.ABSENT}


def root_fields(kind: str) -> set[str]:
    introspection = build_schema().introspect()["__schema"]
    type_name = introspection[f"{kind}Type"]["name"]
    root = next(t for t in introspection["types"] if t["name"] == type_name)
    return {field["name"] for field in root["fields"]}


def compared(row: Row, seen: Seen) -> Seen:
    return seen if row.whose else Seen(seen.outcome)


def mismatches(row: Row, answers: dict[str, Seen]) -> dict[str, str]:
    return {name: f"expected {row.expect[name]}, got {seen}" for name, seen in answers.items()
            if compared(row, seen) != compared(row, row.expect[name])}


def test_every_root_field_and_node_type_has_a_row_and_a_call():
    # given
    queries, mutations = root_fields("query"), root_fields("mutation")

    # then
    assert set(QUERY_ROWS) == queries
    assert set(MUTATION_ROWS) == mutations
    assert set(NODE_ROWS) == set(node_types())
    assert (set(QUERIES), set(MUTATIONS), set(NODES)) == (set(QUERY_ROWS), set(MUTATION_ROWS), set(NODE_ROWS))


@pytest.mark.parametrize("field", list(QUERY_ROWS))
async def test_query(matrix_api, world, field):
    # when
    answers = {actor.name: await ask(matrix_api, world, "query", field, QUERIES[field], actor.name)
               for actor in ACTORS}

    # then
    assert mismatches(QUERY_ROWS[field], answers) == {}


@pytest.mark.parametrize("type_name", list(NODE_ROWS))
async def test_node(matrix_api, world, type_name):
    # given: products, variants and collections need a channel `node` cannot take (see calls.NODES)
    ref = NODES[type_name]
    if ref is None:
        pytest.skip(f"{type_name} by node needs a channel: its row is checked through its own root field")

    # when
    selection = NODE_SELECTION.format(ref=ref)
    answers = {actor.name: await ask(matrix_api, world, "query", "node", selection, actor.name) for actor in ACTORS}

    # then
    assert mismatches(NODE_ROWS[type_name], answers) == {}


@pytest.mark.parametrize("field", list(MUTATION_ROWS))
async def test_mutation(matrix_api, world, settings, field):
    # given: each caller's document (rows made afresh for a caller are made now, before the state is taken)
    row = MUTATION_ROWS[field]
    selections = {actor.name: await resolve(world, MUTATIONS[field] + " { errors { field code } }")
                  for actor in ACTORS}
    refused = [actor.name for actor in ACTORS if row.expect[actor.name].outcome in REFUSED]
    allowed = [actor.name for actor in ACTORS if actor.name not in refused]
    before = await database_state()

    # when: the refused callers first, then the others
    answers = {name: await ask(matrix_api, world, "mutation", field, selections[name], name) for name in refused}
    after_refusals = await database_state()
    answers |= {name: await ask(matrix_api, world, "mutation", field, selections[name], name) for name in allowed}
    world.tokens |= await user_tokens(settings, world.users)  # tokensDeactivateAll revokes the callers' own

    # then
    assert mismatches(row, answers) == {}
    assert after_refusals == before
