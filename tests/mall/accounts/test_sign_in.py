"""tokenCreate: who may sign in, and what a refusal says."""

from __future__ import annotations

from tests.factories import MEMBER_PASSWORD, STAFF_PASSWORD, make_inactive_staff, make_member
from tests.mall.accounts.helpers import TOKEN_CREATE, sign_in

LAST_LOGIN = """
query LastLogin { me { lastLogin } }
"""


async def test_token_create_returns_tokens_for_valid_credentials(api, settings):
    # given
    await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(TOKEN_CREATE, {"email": "Mei@Example.com", "password": MEMBER_PASSWORD})

    # then
    payload = data["tokenCreate"]
    assert payload["errors"] == []
    assert payload["user"] == {"email": "mei@example.com"}
    assert payload["token"].count(".") == 2
    assert payload["refreshToken"].count(".") == 2
    assert len(payload["csrfToken"]) >= 32


async def test_token_create_records_the_sign_in_time(api, settings):
    # given
    await make_member(settings, "mei@example.com")

    # when
    token = (await sign_in(api, "mei@example.com", MEMBER_PASSWORD))["token"]

    # then
    data = await api.ok(LAST_LOGIN, token=token)
    assert data["me"]["lastLogin"] is not None


async def test_token_create_refuses_a_wrong_password(api, settings):
    # given
    await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(TOKEN_CREATE, {"email": "mei@example.com", "password": "not-the-password"})

    # then
    assert data["tokenCreate"] == {
        "token": None, "refreshToken": None, "csrfToken": None, "user": None,
        "errors": [{"field": "email", "code": "INVALID_CREDENTIALS", "message": "Please, enter valid credentials"}],
    }


async def test_token_create_refuses_an_unknown_email_like_a_wrong_password(api):
    # when
    data = await api.ok(TOKEN_CREATE, {"email": "nobody@example.com", "password": MEMBER_PASSWORD})

    # then
    assert data["tokenCreate"]["errors"] == [
        {"field": "email", "code": "INVALID_CREDENTIALS", "message": "Please, enter valid credentials"}
    ]


async def test_token_create_refuses_an_inactive_account(api):
    # given
    await make_inactive_staff("former@example.com")

    # when
    data = await api.ok(TOKEN_CREATE, {"email": "former@example.com", "password": STAFF_PASSWORD})

    # then
    assert data["tokenCreate"]["token"] is None
    assert data["tokenCreate"]["errors"] == [{"field": "email", "code": "INACTIVE", "message": "Account inactive."}]


async def test_token_create_refuses_an_inactive_account_with_a_wrong_password_as_invalid_credentials(api):
    # given: an inactive account does not reveal itself to someone without the password
    await make_inactive_staff("former@example.com")

    # when
    data = await api.ok(TOKEN_CREATE, {"email": "former@example.com", "password": "guess-guess-guess"})

    # then
    assert [e["code"] for e in data["tokenCreate"]["errors"]] == ["INVALID_CREDENTIALS"]


async def test_token_create_refuses_an_unconfirmed_account(api, confirmation_settings):
    # given
    await make_member(confirmation_settings, "mei@example.com")

    # when
    data = await api.ok(TOKEN_CREATE, {"email": "mei@example.com", "password": MEMBER_PASSWORD})

    # then
    assert data["tokenCreate"]["token"] is None
    assert data["tokenCreate"]["errors"] == [
        {"field": "email", "code": "ACCOUNT_NOT_CONFIRMED", "message": "Account needs to be confirmed via email."}
    ]
