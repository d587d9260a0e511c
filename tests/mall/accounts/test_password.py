"""passwordChange, requestPasswordReset and setPassword with the mailed token."""

from __future__ import annotations

import time

from mall.accounts.one_time_tokens import make_token
from tests.factories import MEMBER_PASSWORD, make_channel, make_member, token_for
from tests.mall.accounts.helpers import AUTHENTICATED_USER_REQUIRED, sign_in

NEW_PASSWORD = "plum-blossom-river-9"
REDIRECT_URL = "https://shop.example.com/reset"

PASSWORD_CHANGE = """
mutation Change($oldPassword: String, $newPassword: String!) {
  passwordChange(oldPassword: $oldPassword, newPassword: $newPassword) {
    user { email }
    errors { field code message }
  }
}
"""

REQUEST_PASSWORD_RESET = """
mutation RequestReset($email: String!, $redirectUrl: String!, $channel: String) {
  requestPasswordReset(email: $email, redirectUrl: $redirectUrl, channel: $channel) {
    errors { field code message }
  }
}
"""

SET_PASSWORD = """
mutation SetPassword($email: String!, $token: String!, $password: String!) {
  setPassword(email: $email, token: $token, password: $password) {
    token refreshToken csrfToken
    user { email }
    errors { field code message }
  }
}
"""


async def can_sign_in(api, email: str, password: str) -> bool:
    return (await sign_in(api, email, password))["errors"] == []


async def reset_link_params(api, mailbox, email: str = "mei@example.com") -> dict[str, str]:
    data = await api.ok(REQUEST_PASSWORD_RESET, {"email": email, "redirectUrl": REDIRECT_URL})
    assert data["requestPasswordReset"]["errors"] == []
    return (await mailbox.receive_one()).params


async def test_password_change_replaces_the_password(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(PASSWORD_CHANGE, {"oldPassword": MEMBER_PASSWORD, "newPassword": NEW_PASSWORD},
                        token=token_for(member, settings))

    # then
    assert data["passwordChange"] == {"user": {"email": "mei@example.com"}, "errors": []}
    assert await can_sign_in(api, "mei@example.com", NEW_PASSWORD)
    assert not await can_sign_in(api, "mei@example.com", MEMBER_PASSWORD)


async def test_password_change_refuses_a_wrong_old_password(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(PASSWORD_CHANGE, {"oldPassword": "not-my-password", "newPassword": NEW_PASSWORD},
                        token=token_for(member, settings))

    # then
    assert data["passwordChange"] == {
        "user": None,
        "errors": [{"field": "oldPassword", "code": "INVALID_PASSWORD", "message": "Old password isn't valid."}],
    }
    assert await can_sign_in(api, "mei@example.com", MEMBER_PASSWORD)
    assert not await can_sign_in(api, "mei@example.com", NEW_PASSWORD)


async def test_password_change_refuses_a_weak_new_password(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(PASSWORD_CHANGE, {"oldPassword": MEMBER_PASSWORD, "newPassword": "qwerty123"},
                        token=token_for(member, settings))

    # then
    assert data["passwordChange"]["errors"] == [
        {"field": "newPassword", "code": "PASSWORD_TOO_COMMON", "message": "This password is too common."}
    ]
    assert await can_sign_in(api, "mei@example.com", MEMBER_PASSWORD)


async def test_password_change_needs_a_signed_in_user(api):
    # when
    response = await api.post(PASSWORD_CHANGE, {"oldPassword": MEMBER_PASSWORD, "newPassword": NEW_PASSWORD})

    # then
    assert response.data == {"passwordChange": None}
    assert response.error_messages == [AUTHENTICATED_USER_REQUIRED]


async def test_request_password_reset_mails_a_link(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(REQUEST_PASSWORD_RESET,
                        {"email": "Mei@Example.com", "redirectUrl": REDIRECT_URL, "channel": "bank-a-mall"})

    # then
    assert data["requestPasswordReset"] == {"errors": []}
    mail = await mailbox.receive_one()
    assert (mail.to, mail.subject) == ("mei@example.com", "Reset your password")
    assert mail.link.startswith(REDIRECT_URL + "?")
    assert mail.params["email"] == "mei@example.com"
    assert mail.params["token"]


async def test_request_password_reset_keeps_the_redirect_urls_own_query(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    await make_member(settings, "mei@example.com")

    # when
    await api.ok(REQUEST_PASSWORD_RESET, {"email": "mei@example.com", "redirectUrl": REDIRECT_URL + "?lang=zh"})

    # then
    mail = await mailbox.receive_one()
    assert mail.link.startswith(REDIRECT_URL + "?lang=zh&")
    assert mail.params["lang"] == "zh"


async def test_request_password_reset_needs_a_channel_when_there_are_several(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    await make_channel("bank-b-mall", issuer_code="BANKB")
    await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(REQUEST_PASSWORD_RESET, {"email": "mei@example.com", "redirectUrl": REDIRECT_URL})

    # then
    assert data["requestPasswordReset"]["errors"] == [{
        "field": "channel", "code": "MISSING_CHANNEL_SLUG",
        "message": "You must specify a channel slug, more than one channel exists.",
    }]
    assert await mailbox.receive() == []


async def test_request_password_reset_refuses_an_unknown_channel(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(REQUEST_PASSWORD_RESET,
                        {"email": "mei@example.com", "redirectUrl": REDIRECT_URL, "channel": "bank-z-mall"})

    # then
    assert data["requestPasswordReset"]["errors"] == [
        {"field": "channel", "code": "NOT_FOUND", "message": "Channel with 'bank-z-mall' slug does not exist."}
    ]
    assert await mailbox.receive() == []


async def test_request_password_reset_refuses_an_inactive_channel(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall", is_active=False)
    await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(REQUEST_PASSWORD_RESET,
                        {"email": "mei@example.com", "redirectUrl": REDIRECT_URL, "channel": "bank-a-mall"})

    # then
    assert data["requestPasswordReset"]["errors"] == [
        {"field": "channel", "code": "CHANNEL_INACTIVE", "message": "Channel with 'bank-a-mall' is inactive."}
    ]
    assert await mailbox.receive() == []


async def test_request_password_reset_refuses_an_invalid_redirect_url(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(REQUEST_PASSWORD_RESET, {"email": "mei@example.com", "redirectUrl": "javascript:alert(1)"})

    # then
    assert data["requestPasswordReset"]["errors"] == [
        {"field": "redirectUrl", "code": "INVALID", "message": "javascript:alert(1) is not a valid URL."}
    ]
    assert await mailbox.receive() == []


async def test_request_password_reset_twice_within_fifteen_minutes_is_refused(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    await make_member(settings, "mei@example.com")
    await reset_link_params(api, mailbox)

    # when
    data = await api.ok(REQUEST_PASSWORD_RESET, {"email": "mei@example.com", "redirectUrl": REDIRECT_URL})

    # then
    assert data["requestPasswordReset"]["errors"] == [{
        "field": "email", "code": "PASSWORD_RESET_ALREADY_REQUESTED",
        "message": "Password reset already requested. Please try again later.",
    }]
    assert await mailbox.receive() == []


async def test_request_password_reset_for_an_unknown_email_succeeds_and_sends_nothing(api, mailbox):
    # given
    await make_channel("bank-a-mall")

    # when
    data = await api.ok(REQUEST_PASSWORD_RESET, {"email": "nobody@example.com", "redirectUrl": REDIRECT_URL})

    # then
    assert data["requestPasswordReset"] == {"errors": []}
    assert await mailbox.receive() == []


async def test_set_password_with_the_mailed_token_sets_the_password(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    await make_member(settings, "mei@example.com")
    params = await reset_link_params(api, mailbox)

    # when
    data = await api.ok(SET_PASSWORD, {**params, "password": NEW_PASSWORD})

    # then
    payload = data["setPassword"]
    assert payload["errors"] == []
    assert payload["user"] == {"email": "mei@example.com"}
    assert payload["token"].count(".") == 2
    assert await can_sign_in(api, "mei@example.com", NEW_PASSWORD)
    assert not await can_sign_in(api, "mei@example.com", MEMBER_PASSWORD)


async def test_set_password_token_works_once(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    await make_member(settings, "mei@example.com")
    params = await reset_link_params(api, mailbox)
    await api.ok(SET_PASSWORD, {**params, "password": NEW_PASSWORD})

    # when
    data = await api.ok(SET_PASSWORD, {**params, "password": "another-river-77"})

    # then
    assert data["setPassword"] == {
        "token": None, "refreshToken": None, "csrfToken": None, "user": None,
        "errors": [{"field": "token", "code": "INVALID", "message": "Invalid or expired token."}],
    }
    assert await can_sign_in(api, "mei@example.com", NEW_PASSWORD)


async def test_set_password_refuses_a_token_for_another_email(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    await make_member(settings, "mei@example.com")
    await make_member(settings, "li@example.com")
    params = await reset_link_params(api, mailbox, "mei@example.com")

    # when
    data = await api.ok(SET_PASSWORD, {"email": "li@example.com", "token": params["token"], "password": NEW_PASSWORD})

    # then
    assert [e["code"] for e in data["setPassword"]["errors"]] == ["INVALID"]
    assert await can_sign_in(api, "li@example.com", MEMBER_PASSWORD)


async def test_set_password_refuses_a_weak_password_and_keeps_the_token_usable(api, settings, mailbox):
    # given
    await make_channel("bank-a-mall")
    await make_member(settings, "mei@example.com")
    params = await reset_link_params(api, mailbox)

    # when
    refused = await api.ok(SET_PASSWORD, {**params, "password": "short"})

    # then
    assert [e["code"] for e in refused["setPassword"]["errors"]] == ["PASSWORD_TOO_SHORT"]
    accepted = await api.ok(SET_PASSWORD, {**params, "password": NEW_PASSWORD})
    assert accepted["setPassword"]["errors"] == []


async def test_set_password_confirms_an_unconfirmed_member(api, confirmation_settings, mailbox):
    # given: the reset link proves the member owns the address
    await make_channel("bank-a-mall")
    await make_member(confirmation_settings, "mei@example.com")
    await mailbox.receive()  # the confirmation mail
    params = await reset_link_params(api, mailbox)

    # when
    await api.ok(SET_PASSWORD, {**params, "password": NEW_PASSWORD})

    # then
    assert await can_sign_in(api, "mei@example.com", NEW_PASSWORD)


async def test_set_password_refuses_a_link_older_than_a_day(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    stale = make_token(settings.secret_key, member, "password-reset", now=time.time() - 24 * 3600 - 60)

    # when
    data = await api.ok(SET_PASSWORD, {"email": "mei@example.com", "token": stale, "password": NEW_PASSWORD})

    # then
    assert data["setPassword"]["errors"] == [
        {"field": "token", "code": "INVALID", "message": "Invalid or expired token."}
    ]
    assert await can_sign_in(api, "mei@example.com", MEMBER_PASSWORD)


async def test_set_password_refuses_a_token_made_for_another_purpose(api, confirmation_settings, mailbox):
    # given: the account confirmation link cannot be used to set a password
    await make_member(confirmation_settings, "mei@example.com")
    params = (await mailbox.receive_one()).params

    # when
    data = await api.ok(SET_PASSWORD, {**params, "password": NEW_PASSWORD})

    # then
    assert [e["code"] for e in data["setPassword"]["errors"]] == ["INVALID"]
