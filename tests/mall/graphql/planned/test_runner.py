"""A plan answers exactly as graphql-core's executor does, or declines and lets graphql-core answer."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from graphql import ExecutionResult, execute, parse

from mall.graphql.limits import select_operation
from mall.graphql.planned import make_plan, run_plan
from tests.mall.graphql.planned.schema import Shop, schema

ANSWERED = [
    pytest.param(
        "{ shelves { label gifts { id name __typename ... on Voucher { value } ... on Parcel { weight size } } } }",
        None,
        id="interface list with inline fragments",
    ),
    pytest.param(
        """query Shelves($n: Int!) { first: shelves(count: $n) { ...Shelf label } }
        fragment Shelf on Shelf { label gifts(window: {first: 1, size: LARGE}) { name } path
          large: sized(size: LARGE) plain: sized }""",
        {"n": 3},
        id="aliases, merged fields, fragments, enum arguments and response paths",
    ),
    pytest.param(
        """{ a: prize(id: 1) { __typename ... on Voucher { value name } ... on Parcel { weight } }
        b: prize(id: 2) { ... on Parcel { size weight } } c: prize(id: 9) { __typename } }""",
        None,
        id="union",
    ),
    pytest.param("{ gift(id: 2) { id name ... on Parcel { size } ... on Gift { id } } }", None, id="interface"),
    pytest.param(
        "query($w: Window) { shelves { gifts(window: $w) { name } } }", {"w": {"first": 1}}, id="input object variable"
    ),
    pytest.param('{ greeting(name: "Mei") __typename }', None, id="root parameter and __typename"),
]


async def planned(query: str, variables: dict[str, Any] | None = None) -> tuple[dict[str, Any] | None, Shop]:
    document = parse(query)
    operation = select_operation(document, None)
    plan = make_plan(schema, document, operation)
    assert plan is not None
    shop = Shop()
    data = await run_plan(plan, schema.execution_context_class, schema._schema, document, shop, variables or {})
    return data, shop


async def reference(query: str, variables: dict[str, Any] | None = None) -> tuple[ExecutionResult, Shop]:
    shop = Shop()
    result: Any = execute(
        schema._schema, parse(query), context_value=shop, variable_values=variables,
        executor_class=schema.execution_context_class,
    )
    if not isinstance(result, ExecutionResult):
        result = await result
    return result, shop


@pytest.mark.parametrize(("query", "variables"), ANSWERED)
async def test_a_plan_answers_exactly_as_graphql_core(query: str, variables: dict[str, Any] | None) -> None:
    # when
    data, _ = await planned(query, variables)
    expected, _ = await reference(query, variables)

    # then: the same bytes, key order included
    assert expected.errors is None
    assert data is not None
    assert orjson.dumps(data) == orjson.dumps(expected.data)


async def test_a_field_is_loaded_in_one_batch_across_a_list() -> None:
    # given
    query = "{ shelves(count: 3) { gifts { name } } }"

    # when
    _, shop = await planned(query)
    _, reference_shop = await reference(query)

    # then
    assert shop.batches == [[1, 2, 3]]
    assert shop.batches == reference_shop.batches


async def test_response_paths_count_list_items() -> None:
    # when
    data, _ = await planned("{ shelves(count: 2) { path } }")

    # then
    assert data == {"shelves": [{"path": "shelves.0.path"}, {"path": "shelves.1.path"}]}


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        pytest.param("{ shelves { label broken } }", None, id="a resolver raises"),
        pytest.param("{ shelves { labelRequired } }", None, id="null in a non-null field"),
        pytest.param("query($n: Int!) { shelves(count: $n) { label } }", {"n": "many"}, id="bad variables"),
        pytest.param("query($n: Int!) { shelves(count: $n) { label } }", {}, id="missing variable"),
    ],
)
async def test_a_plan_declines_what_goes_wrong_and_graphql_core_reports_it(
    query: str, variables: dict[str, Any] | None
) -> None:
    # when
    data, _ = await planned(query, variables)
    expected, _ = await reference(query, variables)

    # then
    assert data is None
    assert expected.errors


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("query($on: Boolean!) { greeting @include(if: $on) }", id="directives"),
        pytest.param("{ __schema { queryType { name } } }", id="introspection"),
        pytest.param("{ shelves { ... on Shelf @skip(if: true) { label } } }", id="directive on a fragment"),
        pytest.param("mutation { touch }", id="mutation"),
    ],
)
def test_documents_a_plan_does_not_answer(query: str) -> None:
    # given
    document = parse(query)

    # when
    plan = make_plan(schema, document, select_operation(document, None))

    # then
    assert plan is None
