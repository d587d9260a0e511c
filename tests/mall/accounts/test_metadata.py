"""The Dashboard keeps its onboarding state in the signed-in user's metadata (`SaveOnBoardingState`, the
`UpdateMetadata` pair of its utils): set and deleted on one's own account only."""

from __future__ import annotations

from mall.accounts.models import User
from tests.factories import make_staff, token_for

SAVE_ONBOARDING_STATE = """
mutation SaveOnBoardingState($id: ID!, $input: [MetadataInput!]!) {
  updateMetadata(id: $id, input: $input) { errors { code field message } }
}
"""

UPDATE_METADATA = """
mutation UpdateMetadata($id: ID!, $input: [MetadataInput!]!, $keysToDelete: [String!]!) {
  updateMetadata(id: $id, input: $input) {
    errors { code field message }
    item { metadata { key value } ... on Node { id } }
  }
  deleteMetadata(id: $id, keys: $keysToDelete) {
    errors { code field message }
    item { metadata { key value } ... on Node { id } }
  }
}
"""


async def test_the_dashboard_saves_its_onboarding_state_on_the_signed_in_user(api, settings):
    # given
    staff = await make_staff("ops@example.com", ["MANAGE_ORDERS"])
    token = token_for(staff, settings)
    me = (await api.ok("{ me { id } }", token=token))["me"]["id"]

    # when
    saved = await api.ok(SAVE_ONBOARDING_STATE, {"id": me, "input": [{"key": "onboarding", "value": '{"step":2}'}]},
                         token=token)
    changed = await api.ok(UPDATE_METADATA, {"id": me, "input": [{"key": "pins", "value": "orders"}],
                                             "keysToDelete": ["onboarding"]}, token=token)

    # then
    assert saved == {"updateMetadata": {"errors": []}}
    assert changed["deleteMetadata"]["item"] == {"metadata": [{"key": "pins", "value": "orders"}], "id": me}
    assert (await User.get(id=staff.id)).metadata == {"pins": "orders"}


async def test_another_users_metadata_is_refused_and_unchanged(api, settings):
    # given
    staff = await make_staff("ops@example.com", ["MANAGE_ORDERS", "MANAGE_STAFF"])
    other = await make_staff("other@example.com", ["MANAGE_ORDERS"])
    other_id = (await api.ok("{ me { id } }", token=token_for(other, settings)))["me"]["id"]

    # when
    answer = await api.post(SAVE_ONBOARDING_STATE, {"id": other_id, "input": [{"key": "x", "value": "y"}]},
                            token=token_for(staff, settings))

    # then
    assert answer.error_codes == ["PermissionDenied"]
    assert (await User.get(id=other.id)).metadata == {}


async def test_metadata_of_other_objects_is_not_changed_here(api, settings):
    # given
    staff = await make_staff("ops@example.com", ["MANAGE_PRODUCTS"])

    # when
    answer = await api.ok(SAVE_ONBOARDING_STATE, {"id": "UHJvZHVjdDox", "input": [{"key": "x", "value": "y"}]},
                          token=token_for(staff, settings))

    # then
    assert [error["code"] for error in answer["updateMetadata"]["errors"]] == ["INVALID"]
