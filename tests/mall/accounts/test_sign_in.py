from __future__ import annotations

from tests.factories import MEMBER_PASSWORD, make_member

TOKEN_CREATE = """
mutation SignIn($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) {
    token refreshToken csrfToken
    user { email }
    errors { field code message }
  }
}
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
