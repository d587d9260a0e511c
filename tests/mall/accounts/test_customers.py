"""`customers` and `user`: staff look up members."""

from __future__ import annotations

from mall.graphql.ids import to_global_id
from tests.factories import make_member, make_staff, token_for

CUSTOMERS = """
query Customers($first: Int, $after: String, $search: String) {
  customers(first: $first, after: $after, search: $search) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { email firstName } }
  }
}
"""

USER = """
query User($id: ID, $email: String) { user(id: $id, email: $email) { id email isStaff } }
"""


async def test_customers_lists_members_by_email_without_staff(api, settings):
    # given
    clerk = await make_staff("clerk@example.com", permissions=["MANAGE_USERS"])
    await make_member(settings, "zhao@example.com", first_name="Zhao")
    await make_member(settings, "an@example.com", first_name="An")

    # when
    data = await api.ok(CUSTOMERS, {"first": 10}, token=token_for(clerk, settings))

    # then
    assert data["customers"] == {
        "totalCount": 2,
        "pageInfo": {"hasNextPage": False, "endCursor": data["customers"]["pageInfo"]["endCursor"]},
        "edges": [{"node": {"email": "an@example.com", "firstName": "An"}},
                  {"node": {"email": "zhao@example.com", "firstName": "Zhao"}}],
    }


async def test_customers_pages_forwards(api, settings):
    # given
    clerk = await make_staff("clerk@example.com", permissions=["MANAGE_ORDERS"])
    for email in ("c@example.com", "a@example.com", "b@example.com"):
        await make_member(settings, email)
    token = token_for(clerk, settings)
    first_page = (await api.ok(CUSTOMERS, {"first": 2}, token=token))["customers"]

    # when
    second_page = (await api.ok(CUSTOMERS, {"first": 2, "after": first_page["pageInfo"]["endCursor"]},
                                token=token))["customers"]

    # then
    assert [e["node"]["email"] for e in first_page["edges"]] == ["a@example.com", "b@example.com"]
    assert first_page["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["email"] for e in second_page["edges"]] == ["c@example.com"]
    assert second_page["pageInfo"]["hasNextPage"] is False


async def test_customers_search_matches_email_and_names(api, settings):
    # given
    clerk = await make_staff("clerk@example.com", permissions=["MANAGE_USERS"])
    await make_member(settings, "mei@example.com", last_name="Lin")
    await make_member(settings, "lin.wei@example.com")
    await make_member(settings, "zhao@example.com", last_name="Zhao")

    # when
    data = await api.ok(CUSTOMERS, {"first": 10, "search": "lin"}, token=token_for(clerk, settings))

    # then
    assert [e["node"]["email"] for e in data["customers"]["edges"]] == ["lin.wei@example.com", "mei@example.com"]
    assert data["customers"]["totalCount"] == 2


async def test_user_by_id_returns_the_member(api, settings):
    # given
    clerk = await make_staff("clerk@example.com", permissions=["MANAGE_ORDERS"])
    member = await make_member(settings, "mei@example.com")
    member_id = to_global_id("User", member.id)

    # when
    data = await api.ok(USER, {"id": member_id}, token=token_for(clerk, settings))

    # then
    assert data["user"] == {"id": member_id, "email": "mei@example.com", "isStaff": False}


async def test_user_by_email_ignores_case(api, settings):
    # given
    clerk = await make_staff("clerk@example.com", permissions=["MANAGE_USERS"])
    await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(USER, {"email": " MEI@example.com"}, token=token_for(clerk, settings))

    # then
    assert data["user"]["email"] == "mei@example.com"


async def test_user_with_an_unknown_id_is_null(api, settings):
    # given
    clerk = await make_staff("clerk@example.com", permissions=["MANAGE_USERS"])

    # when
    response = await api.post(USER, {"id": to_global_id("User", 4242)}, token=token_for(clerk, settings))

    # then
    assert response.body["data"] == {"user": None}
    assert response.errors == []


async def test_user_with_a_malformed_id_is_an_error(api, settings):
    # given
    clerk = await make_staff("clerk@example.com", permissions=["MANAGE_USERS"])
    address_id = to_global_id("Address", 1)

    # when
    response = await api.post(USER, {"id": address_id}, token=token_for(clerk, settings))

    # then
    assert response.status_code == 200
    assert response.data == {"user": None}
    assert response.error_codes == ["GraphQLError"]
    assert response.error_messages == [f"Invalid ID: {address_id}. Expected: User, received: Address."]


async def test_user_without_arguments_is_an_error(api, settings):
    # given
    clerk = await make_staff("clerk@example.com", permissions=["MANAGE_USERS"])

    # when
    response = await api.post(USER, token=token_for(clerk, settings))

    # then
    assert response.data == {"user": None}
    assert response.error_messages == ["At least one of arguments is required: 'id', 'email', 'externalReference'."]


SEARCH_CUSTOMERS_OPERANDS = """
query _SearchCustomersOperands($first: Int!, $customersIds: [ID!]) {
  customers(first: $first, filter: {ids: $customersIds}) { edges { node { id email firstName lastName } } }
}
"""


async def test_the_dashboards_filter_operands_find_customers_by_id(api, settings):
    # given
    clerk = await make_staff("clerk@example.com", permissions=["MANAGE_USERS"])
    zhao = await make_member(settings, "zhao@example.com", first_name="Zhao", last_name="Li")
    await make_member(settings, "an@example.com", first_name="An")

    # when
    data = await api.ok(SEARCH_CUSTOMERS_OPERANDS, {"first": 5, "customersIds": [to_global_id("User", zhao.id)]},
                        token=token_for(clerk, settings))

    # then
    assert data == {"customers": {"edges": [{"node": {"id": to_global_id("User", zhao.id), "email": "zhao@example.com",
                                                      "firstName": "Zhao", "lastName": "Li"}}]}}
