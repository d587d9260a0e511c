"""Relay global IDs: base64("Type:pk"), and Saleor's messages for bad ones."""

from __future__ import annotations

import pytest
from graphql import GraphQLError

from mall.graphql.ids import decode_global_id, parse_global_id, to_global_id
from tests.factories import make_channel, make_member, make_staff, token_for

USER_BY_ID = "query($id: ID!) { user(id: $id) { email } }"


def test_global_id_is_base64_of_type_and_pk():
    assert to_global_id("Product", 72) == "UHJvZHVjdDo3Mg=="
    assert decode_global_id("UHJvZHVjdDo3Mg==") == ("Product", "72")


@pytest.mark.parametrize("bad", ["nonsense", "UHJvZHVjdA==", "Zm9vOmJhcjpiYXo=", ""])
def test_malformed_id_gives_saleor_message(bad):
    # when
    with pytest.raises(GraphQLError) as raised:
        parse_global_id(bad, "Product")

    # then
    assert raised.value.message == f"Invalid ID: {bad}. Expected: Product."


def test_id_of_another_type_names_both_types():
    # given
    category_id = to_global_id("Category", 3)

    # when
    with pytest.raises(GraphQLError) as raised:
        parse_global_id(category_id, "Product")

    # then
    assert raised.value.message == f"Invalid ID: {category_id}. Expected: Product, received: Category."


async def test_query_with_wrong_type_id_is_a_top_level_graphql_error(api, settings):
    # given
    staff = await make_staff(permissions=["MANAGE_USERS"])
    channel = await make_channel()
    channel_id = to_global_id("Channel", channel.id)

    # when
    response = await api.post(USER_BY_ID, {"id": channel_id}, token=token_for(staff, settings))

    # then
    assert response.status_code == 200
    assert response.data == {"user": None}
    assert response.error_messages == [f"Invalid ID: {channel_id}. Expected: User, received: Channel."]
    assert response.error_codes == ["GraphQLError"]


async def test_node_resolves_own_user_and_hides_others(api, settings):
    # given
    mei = await make_member(settings, "mei@example.com")
    other = await make_member(settings, "li@example.com")
    query = "query($id: ID!) { node(id: $id) { __typename id ... on User { email } } }"

    # when
    own = await api.ok(query, {"id": to_global_id("User", mei.id)}, token=token_for(mei, settings))
    foreign = await api.ok(query, {"id": to_global_id("User", other.id)}, token=token_for(mei, settings))

    # then
    assert own == {"node": {"__typename": "User", "id": to_global_id("User", mei.id), "email": "mei@example.com"}}
    assert foreign == {"node": None}


async def test_node_with_malformed_id_is_refused(api):
    # when
    response = await api.post('{ node(id: "garbage") { id } }')

    # then
    assert response.data == {"node": None}
    assert response.error_messages == ["Invalid ID: garbage."]


async def test_node_for_a_missing_object_is_null_without_error(api):
    # when
    data = await api.ok("query($id: ID!) { node(id: $id) { id } }", {"id": to_global_id("Channel", 999)})

    # then
    assert data == {"node": None}
