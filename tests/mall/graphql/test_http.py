"""The /graphql/ endpoint over HTTP: statuses and error shapes as Saleor answers them."""

from __future__ import annotations

SHOP_NAME = "{ shop { name } }"


async def test_get_serves_graphiql_from_local_files(http):
    # when
    reply = await http.get("/graphql/")

    # then
    assert reply.status_code == 200
    assert "/static/vendor/graphiql/graphiql.min.js" in reply.text
    assert "unpkg" not in reply.text
    assert "cdn" not in reply.text.lower()
    asset = await http.get("/static/vendor/graphiql/graphiql.min.js")
    assert asset.status_code == 200


async def test_successful_query_reports_its_cost(api):
    # when
    response = await api.post(SHOP_NAME)

    # then
    assert response.status_code == 200
    assert response.body == {
        "data": {"shop": {"name": "Points Mall"}},
        "extensions": {"cost": {"requestedQueryCost": 1, "maximumAvailable": 50000}},
    }


async def test_body_that_is_not_json_is_refused_with_400(http):
    # when
    reply = await http.post("/graphql/", content=b"{not json", headers={"content-type": "application/json"})

    # then
    assert reply.status_code == 400
    assert reply.json()["errors"][0]["message"] == "Unable to parse query."


async def test_missing_query_is_refused_with_400(http):
    # when
    reply = await http.post("/graphql/", json={"variables": {}})

    # then
    assert reply.status_code == 400
    assert reply.json() == {"errors": [{"message": "Must provide a query string."}]}


async def test_syntax_error_is_400_without_data(api):
    # when
    response = await api.post("{ shop { name }")

    # then
    assert response.status_code == 400
    assert "data" not in response.body
    assert response.error_messages == ["Syntax Error: Expected Name, found <EOF>."]


async def test_unknown_field_is_400_validation_error(api):
    # when
    response = await api.post("{ shop { nonsense } }")

    # then
    assert response.status_code == 400
    assert response.error_messages == ["Cannot query field 'nonsense' on type 'Shop'."]


async def test_application_graphql_body_is_accepted(http):
    # when
    reply = await http.post("/graphql/", content=SHOP_NAME.encode(), headers={"content-type": "application/graphql"})

    # then
    assert reply.status_code == 200
    assert reply.json()["data"] == {"shop": {"name": "Points Mall"}}


async def test_batch_of_one_is_answered_as_a_list(http):
    # when
    reply = await http.post("/graphql/", json=[{"query": SHOP_NAME}])

    # then
    assert reply.status_code == 200
    assert [item["data"] for item in reply.json()] == [{"shop": {"name": "Points Mall"}}]


async def test_batch_over_the_limit_is_refused(http):
    # when
    reply = await http.post("/graphql/", json=[{"query": SHOP_NAME}, {"query": SHOP_NAME}])

    # then
    assert reply.status_code == 400
    assert reply.json()["errors"][0]["message"] == "Number of batch queries exceeded."


async def test_wrong_variable_type_is_400(api):
    # when
    response = await api.post("query($id: ID!) { node(id: $id) { id } }", {"id": None})

    # then
    assert response.status_code == 400
    assert response.error_messages == [
        "Variable '$id' has invalid value: Expected value of non-null type 'ID!' not to be None."
    ]


async def test_every_response_carries_a_request_id(http):
    # when
    given = await http.post("/graphql/", json={"query": SHOP_NAME}, headers={"X-Request-ID": "abc-123"})
    generated = await http.post("/graphql/", json={"query": SHOP_NAME})

    # then
    assert given.headers["x-request-id"] == "abc-123"
    assert len(generated.headers["x-request-id"]) == 32


async def test_healthz_checks_the_database(http):
    # when
    reply = await http.get("/healthz")

    # then
    assert reply.status_code == 200
    assert reply.json() == {"status": "ok", "database": "ok"}
