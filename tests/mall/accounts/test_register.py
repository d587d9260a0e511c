"""accountRegister and confirmAccount, through the API like a storefront."""

from __future__ import annotations

import pytest

from tests.factories import MEMBER_PASSWORD, make_channel, make_member
from tests.mall.accounts.helpers import sign_in, user_count

ACCOUNT_REGISTER = """
mutation Register($input: AccountRegisterInput!) {
  accountRegister(input: $input) {
    requiresConfirmation
    user { email firstName lastName languageCode isActive isConfirmed metadata { key value } }
    errors { field code message }
  }
}
"""

CONFIRM_ACCOUNT = """
mutation Confirm($email: String!, $token: String!) {
  confirmAccount(email: $email, token: $token) {
    user { email isConfirmed isActive }
    errors { field code message }
  }
}
"""


async def test_account_register_creates_a_confirmed_member(api):
    # given
    variables = {"input": {
        "email": " Mei.Lin@Example.com ", "password": MEMBER_PASSWORD, "firstName": "Mei", "lastName": "Lin",
        "languageCode": "ZH_HANS", "metadata": [{"key": "source", "value": "app"}],
    }}

    # when
    data = await api.ok(ACCOUNT_REGISTER, variables)

    # then
    assert data["accountRegister"] == {
        "requiresConfirmation": False,
        "user": {
            "email": "mei.lin@example.com", "firstName": "Mei", "lastName": "Lin", "languageCode": "ZH_HANS",
            "isActive": True, "isConfirmed": True, "metadata": [{"key": "source", "value": "app"}],
        },
        "errors": [],
    }
    assert await user_count() == 1


async def test_registered_member_can_sign_in(api):
    # given
    await api.ok(ACCOUNT_REGISTER, {"input": {"email": "mei@example.com", "password": MEMBER_PASSWORD}})

    # when
    payload = await sign_in(api, "mei@example.com", MEMBER_PASSWORD)

    # then
    assert payload["errors"] == []
    assert payload["user"] == {"email": "mei@example.com"}


async def test_account_register_refuses_an_email_already_registered(api, settings):
    # given
    await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(ACCOUNT_REGISTER, {"input": {"email": "MEI@example.com", "password": "another-pass-2026"}})

    # then
    assert data["accountRegister"] == {
        "requiresConfirmation": None,
        "user": None,
        "errors": [{"field": "email", "code": "UNIQUE", "message": "User with this Email already exists."}],
    }
    assert await user_count() == 1


@pytest.mark.parametrize(
    ("password", "code", "message"),
    [
        ("kiwi-42", "PASSWORD_TOO_SHORT", "This password is too short. It must contain at least 8 characters."),
        ("20240517", "PASSWORD_ENTIRELY_NUMERIC", "This password is entirely numeric."),
        ("Sunshine", "PASSWORD_TOO_COMMON", "This password is too common."),
        ("mei.lin-rocks", "PASSWORD_TOO_SIMILAR", "The password is too similar to the email."),
    ],
)
async def test_account_register_refuses_a_weak_password(api, password, code, message):
    # given
    variables = {"input": {"email": "mei.lin@example.com", "password": password}}

    # when
    data = await api.ok(ACCOUNT_REGISTER, variables)

    # then
    assert data["accountRegister"]["user"] is None
    assert data["accountRegister"]["errors"] == [{"field": "password", "code": code, "message": message}]
    assert await user_count() == 0


async def test_account_register_lists_every_problem_of_a_password(api):
    # when
    data = await api.ok(ACCOUNT_REGISTER, {"input": {"email": "mei@example.com", "password": "2024"}})

    # then
    assert [e["code"] for e in data["accountRegister"]["errors"]] == [
        "PASSWORD_TOO_SHORT", "PASSWORD_ENTIRELY_NUMERIC",
    ]
    assert await user_count() == 0


@pytest.mark.parametrize("email", ["mei.example.com", "mei@example", "mei lin@example.com"])
async def test_account_register_refuses_an_invalid_email(api, email):
    # when
    data = await api.ok(ACCOUNT_REGISTER, {"input": {"email": email, "password": MEMBER_PASSWORD}})

    # then
    assert data["accountRegister"]["errors"] == [
        {"field": "email", "code": "INVALID", "message": "Enter a valid email address."}
    ]
    assert await user_count() == 0


async def test_account_register_refuses_a_blank_email(api):
    # when
    data = await api.ok(ACCOUNT_REGISTER, {"input": {"email": "  ", "password": MEMBER_PASSWORD}})

    # then
    assert data["accountRegister"]["errors"] == [
        {"field": "email", "code": "REQUIRED", "message": "This field cannot be blank."}
    ]
    assert await user_count() == 0


async def test_account_register_with_confirmation_required_mails_a_link(confirming_api, mailbox):
    # given
    variables = {"input": {"email": "mei@example.com", "password": MEMBER_PASSWORD,
                           "redirectUrl": "https://shop.example.com/confirm"}}

    # when
    data = await confirming_api.ok(ACCOUNT_REGISTER, variables)

    # then
    payload = data["accountRegister"]
    assert payload["errors"] == []
    assert payload["requiresConfirmation"] is True
    assert payload["user"]["isConfirmed"] is False
    mail = await mailbox.receive_one()
    assert (mail.to, mail.subject) == ("mei@example.com", "Confirm your account")
    assert mail.link.startswith("https://shop.example.com/confirm?")
    assert mail.params["email"] == "mei@example.com"


async def test_unconfirmed_member_cannot_sign_in(confirming_api):
    # given
    await confirming_api.ok(ACCOUNT_REGISTER, {"input": {"email": "mei@example.com", "password": MEMBER_PASSWORD}})

    # when
    payload = await sign_in(confirming_api, "mei@example.com", MEMBER_PASSWORD)

    # then
    assert payload["token"] is None
    assert payload["errors"] == [{"field": "email", "code": "ACCOUNT_NOT_CONFIRMED",
                                  "message": "Account needs to be confirmed via email."}]


async def test_account_register_with_confirmation_refuses_an_unknown_channel(confirming_api, mailbox):
    # given
    await make_channel("bank-a-mall")
    variables = {"input": {"email": "mei@example.com", "password": MEMBER_PASSWORD, "channel": "bank-z-mall"}}

    # when
    data = await confirming_api.ok(ACCOUNT_REGISTER, variables)

    # then
    assert data["accountRegister"]["errors"] == [
        {"field": "channel", "code": "NOT_FOUND", "message": "Channel with 'bank-z-mall' slug does not exist."}
    ]
    assert await user_count() == 0
    assert await mailbox.receive() == []


async def test_account_register_with_confirmation_refuses_an_invalid_redirect_url(confirming_api, mailbox):
    # given
    variables = {"input": {"email": "mei@example.com", "password": MEMBER_PASSWORD, "redirectUrl": "shop/confirm"}}

    # when
    data = await confirming_api.ok(ACCOUNT_REGISTER, variables)

    # then
    assert data["accountRegister"]["errors"] == [
        {"field": "redirectUrl", "code": "INVALID", "message": "shop/confirm is not a valid URL."}
    ]
    assert await user_count() == 0
    assert await mailbox.receive() == []


async def test_confirm_account_with_the_mailed_token_confirms_the_member(confirming_api, mailbox):
    # given
    await confirming_api.ok(ACCOUNT_REGISTER, {"input": {"email": "mei@example.com", "password": MEMBER_PASSWORD}})
    mail = await mailbox.receive_one()

    # when
    data = await confirming_api.ok(CONFIRM_ACCOUNT, {"email": mail.params["email"], "token": mail.params["token"]})

    # then
    assert data["confirmAccount"] == {
        "user": {"email": "mei@example.com", "isConfirmed": True, "isActive": True}, "errors": [],
    }
    assert (await sign_in(confirming_api, "mei@example.com", MEMBER_PASSWORD))["errors"] == []


async def test_confirm_account_token_works_once(confirming_api, mailbox):
    # given
    await confirming_api.ok(ACCOUNT_REGISTER, {"input": {"email": "mei@example.com", "password": MEMBER_PASSWORD}})
    params = (await mailbox.receive_one()).params
    await confirming_api.ok(CONFIRM_ACCOUNT, params)

    # when
    data = await confirming_api.ok(CONFIRM_ACCOUNT, params)

    # then
    assert data["confirmAccount"] == {
        "user": None, "errors": [{"field": "token", "code": "INVALID", "message": "Invalid or expired token."}],
    }


async def test_confirm_account_refuses_a_wrong_token(confirming_api, mailbox):
    # given
    await confirming_api.ok(ACCOUNT_REGISTER, {"input": {"email": "mei@example.com", "password": MEMBER_PASSWORD}})
    token = (await mailbox.receive_one()).params["token"]
    forged = token[:-4] + ("0000" if not token.endswith("0000") else "1111")

    # when
    data = await confirming_api.ok(CONFIRM_ACCOUNT, {"email": "mei@example.com", "token": forged})

    # then
    assert data["confirmAccount"]["errors"] == [
        {"field": "token", "code": "INVALID", "message": "Invalid or expired token."}
    ]
    payload = await sign_in(confirming_api, "mei@example.com", MEMBER_PASSWORD)
    assert payload["errors"][0]["code"] == "ACCOUNT_NOT_CONFIRMED"


async def test_confirm_account_refuses_an_unknown_email(confirming_api):
    # when
    data = await confirming_api.ok(CONFIRM_ACCOUNT, {"email": "nobody@example.com", "token": "1-abc"})

    # then
    assert data["confirmAccount"]["errors"] == [
        {"field": "email", "code": "NOT_FOUND", "message": "User with this email doesn't exist"}
    ]
