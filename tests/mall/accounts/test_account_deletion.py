"""accountRequestDeletion and accountDelete: the member confirms by the mailed token; the account is
anonymised, not deleted, because points and orders keep their owner."""

from __future__ import annotations

from mall.graphql.ids import to_global_id
from tests.factories import MEMBER_PASSWORD, make_channel, make_member, make_staff, token_for
from tests.mall.accounts.helpers import (
    AUTHENTICATED_USER_REQUIRED,
    ME,
    sign_in,
)

REDIRECT_URL = "https://shop.example.com/account/delete"

REQUEST_DELETION = """
mutation RequestDeletion($redirectUrl: String!, $channel: String) {
  accountRequestDeletion(redirectUrl: $redirectUrl, channel: $channel) { errors { field code message } }
}
"""

ACCOUNT_DELETE = """
mutation Delete($token: String!) { accountDelete(token: $token) { errors { field code message } } }
"""

ADDRESS_CREATE = """
mutation Create($input: AddressInput!) { accountAddressCreate(input: $input, type: SHIPPING) { errors { code } } }
"""

USER = """
query User($id: ID!) {
  user(id: $id) { email firstName lastName isActive addresses { id } defaultShippingAddress { id } }
}
"""


async def deletion_token(api, mailbox, token: str) -> str:
    data = await api.ok(REQUEST_DELETION, {"redirectUrl": REDIRECT_URL}, token=token)
    assert data["accountRequestDeletion"]["errors"] == []
    return (await mailbox.receive_one()).params["token"]


async def account_as_seen_by_staff(api, settings, user_id: int) -> dict:
    clerk = await make_staff("clerk@example.com", permissions=["MANAGE_USERS"])
    data = await api.ok(USER, {"id": to_global_id("User", user_id)}, token=token_for(clerk, settings))
    return data["user"]


async def test_account_request_deletion_mails_a_link(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    member = await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(REQUEST_DELETION, {"redirectUrl": REDIRECT_URL, "channel": "bank-a-mall"},
                        token=token_for(member, settings))

    # then
    assert data["accountRequestDeletion"] == {"errors": []}
    mail = await mailbox.receive_one()
    assert (mail.to, mail.subject) == ("mei@example.com", "Delete your account")
    assert mail.link.startswith(REDIRECT_URL + "?token=")


async def test_account_request_deletion_needs_a_channel_when_there_are_several(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    await make_channel("bank-b-mall", issuer_code="BANKB")
    member = await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(REQUEST_DELETION, {"redirectUrl": REDIRECT_URL}, token=token_for(member, settings))

    # then
    assert [e["code"] for e in data["accountRequestDeletion"]["errors"]] == ["MISSING_CHANNEL_SLUG"]
    assert await mailbox.receive() == []


async def test_account_request_deletion_needs_a_signed_in_user(api, mailbox):
    # given
    await make_channel("bank-a-mall")

    # when
    response = await api.post(REQUEST_DELETION, {"redirectUrl": REDIRECT_URL})

    # then
    assert response.data == {"accountRequestDeletion": None}
    assert response.error_messages == [AUTHENTICATED_USER_REQUIRED]
    assert await mailbox.receive() == []


async def test_account_delete_with_the_mailed_token_anonymises_and_deactivates(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    member = await make_member(settings, "mei@example.com", first_name="Mei", last_name="Lin")
    deletion = await deletion_token(api, mailbox, token_for(member, settings))

    # when
    data = await api.ok(ACCOUNT_DELETE, {"token": deletion}, token=token_for(member, settings))

    # then
    assert data["accountDelete"] == {"errors": []}
    account = await account_as_seen_by_staff(api, settings, member.id)
    assert account["email"].startswith(f"deleted-{member.id}-")
    assert account["email"].endswith("@deleted.invalid")
    assert (account["firstName"], account["lastName"], account["isActive"]) == ("", "", False)


async def test_account_delete_removes_the_address_book(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    member = await make_member(settings, "mei@example.com")
    address = {"firstName": "Mei", "lastName": "Lin", "streetAddress1": "88 Century Avenue", "city": "Shanghai",
               "postalCode": "200120", "country": "CN"}
    await api.ok(ADDRESS_CREATE, {"input": address}, token=token_for(member, settings))
    deletion = await deletion_token(api, mailbox, token_for(member, settings))

    # when
    await api.ok(ACCOUNT_DELETE, {"token": deletion}, token=token_for(member, settings))

    # then
    account = await account_as_seen_by_staff(api, settings, member.id)
    assert (account["addresses"], account["defaultShippingAddress"]) == ([], None)


async def test_a_deleted_account_cannot_sign_in_or_use_its_tokens(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    member = await make_member(settings, "mei@example.com")
    access_token = token_for(member, settings)
    deletion = await deletion_token(api, mailbox, access_token)

    # when
    await api.ok(ACCOUNT_DELETE, {"token": deletion}, token=access_token)

    # then
    assert (await api.post(ME, token=access_token)).error_codes == ["InvalidTokenError"]
    assert [e["code"] for e in (await sign_in(api, "mei@example.com", MEMBER_PASSWORD))["errors"]] == [
        "INVALID_CREDENTIALS"
    ]


async def test_account_delete_refuses_a_wrong_token_and_changes_nothing(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    member = await make_member(settings, "mei@example.com", first_name="Mei")
    deletion = await deletion_token(api, mailbox, token_for(member, settings))
    wrong = deletion[:-4] + ("0000" if not deletion.endswith("0000") else "1111")

    # when
    data = await api.ok(ACCOUNT_DELETE, {"token": wrong}, token=token_for(member, settings))

    # then
    assert data["accountDelete"] == {
        "errors": [{"field": "token", "code": "INVALID", "message": "Invalid or expired token."}]
    }
    me = (await api.ok(ME, token=token_for(member, settings)))["me"]
    assert (me["email"], me["firstName"], me["isActive"]) == ("mei@example.com", "Mei", True)


async def test_account_delete_refuses_another_members_token(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    mei = await make_member(settings, "mei@example.com")
    li = await make_member(settings, "li@example.com")
    meis_token = await deletion_token(api, mailbox, token_for(mei, settings))

    # when
    data = await api.ok(ACCOUNT_DELETE, {"token": meis_token}, token=token_for(li, settings))

    # then
    assert [e["code"] for e in data["accountDelete"]["errors"]] == ["INVALID"]
    assert (await api.ok(ME, token=token_for(li, settings)))["me"]["isActive"] is True


async def test_account_delete_needs_a_signed_in_user(api):
    # when
    response = await api.post(ACCOUNT_DELETE, {"token": "1-abc"})

    # then
    assert response.data == {"accountDelete": None}
    assert response.error_messages == [AUTHENTICATED_USER_REQUIRED]
