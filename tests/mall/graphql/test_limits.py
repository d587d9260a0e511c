"""Limits refused before execution with HTTP 400: cost, depth, aliases, mutations per document."""

from __future__ import annotations

from tests.factories import make_staff, token_for

EXPENSIVE = """
{
  customers(first: 100) {
    edges { node { orders(first: 100) { edges { node {
      lines { variant { product { category { name } } } }
    } } } } }
  }
}
"""


async def test_query_over_the_cost_limit_is_refused(api, settings):
    # given: 100 + 100*100 (orders) + 3 * 100*100 (lines, variant, product) + 100*100 (category)
    staff = await make_staff(permissions=["MANAGE_USERS"])

    # when
    response = await api.post(EXPENSIVE, token=token_for(staff, settings))

    # then
    assert response.status_code == 400
    assert "data" not in response.body
    assert response.error_messages == ["The query exceeds the maximum cost of 50000. Actual cost is 50100"]
    assert response.error_codes == ["QueryCostError"]


async def test_cost_multiplies_by_first_given_in_variables(api, settings):
    # given
    staff = await make_staff(permissions=["MANAGE_USERS"])
    query = "query($n: Int) { customers(first: $n) { edges { node { orders(first: $n) { totalCount } } } } }"

    # when
    response = await api.post(query, {"n": 20}, token=token_for(staff, settings))

    # then
    assert response.status_code == 200
    assert response.body["extensions"]["cost"] == {"requestedQueryCost": 20 + 20 * 20, "maximumAvailable": 50000}


async def test_too_many_aliases_are_refused(api):
    # given
    query = "{ " + " ".join(f"a{i}: shop {{ name }}" for i in range(101)) + " }"

    # when
    response = await api.post(query)

    # then
    assert response.status_code == 400
    assert response.error_messages == ["Number of aliases exceed the limit of 100"]


async def test_too_many_mutations_are_refused(api):
    # given
    query = "mutation { " + " ".join(f'm{i}: tokenVerify(token: "x") {{ isValid }}' for i in range(5)) + " }"

    # when
    response = await api.post(query)

    # then
    assert response.status_code == 400
    assert response.error_messages == ["Number of mutations exceed the limit of 4"]


async def test_too_deep_query_is_refused(api):
    # given: 21 nested selection sets
    query = "{ __schema { types { fields { type " + "{ ofType " * 17 + "{ name }" + " }" * 17 + " } } } }"

    # when
    response = await api.post(query)

    # then
    assert response.status_code == 400
    assert response.error_messages == ["The query exceeds the maximum depth of 20."]


async def test_introspection_fits_the_limits(api):
    # given
    from graphql import get_introspection_query

    # when
    response = await api.post(get_introspection_query(descriptions=True))

    # then
    assert response.status_code == 200
    assert response.data["__schema"]["queryType"]["name"] == "Query"
