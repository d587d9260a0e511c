"""JWTs: claims, JWKS, tokenRefresh, tokenVerify, tokensDeactivateAll."""

from __future__ import annotations

import dataclasses
import time
from datetime import timedelta

import jwt
import pytest

from mall.accounts.tokens import create_access_token, create_refresh_token, decode_token, keys_for
from mall.graphql.ids import to_global_id
from tests.factories import MEMBER_PASSWORD, STAFF_PASSWORD, make_inactive_staff, make_member, make_staff, token_for
from tests.mall.accounts.helpers import ME, post_with_headers, sign_in

THIRTY_DAYS_SECONDS = 30 * 24 * 3600

TOKEN_CREATE_WITH_AUDIENCE = """
mutation SignIn($email: String!, $password: String!, $audience: String) {
  tokenCreate(email: $email, password: $password, audience: $audience) { token errors { code } }
}
"""

TOKEN_REFRESH = """
mutation Refresh($refreshToken: String, $csrfToken: String) {
  tokenRefresh(refreshToken: $refreshToken, csrfToken: $csrfToken) {
    token
    user { email }
    errors { field code message }
  }
}
"""

TOKEN_VERIFY = """
mutation Verify($token: String!) {
  tokenVerify(token: $token) {
    isValid
    payload
    user { email }
    errors { field code message }
  }
}
"""

TOKENS_DEACTIVATE_ALL = """
mutation DeactivateAll { tokensDeactivateAll { errors { field code message } } }
"""


def claims_of(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


async def test_access_token_claims(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    token = (await sign_in(api, "mei@example.com", MEMBER_PASSWORD))["token"]

    # then
    claims = claims_of(token)
    assert claims["iss"] == "http://testserver/graphql/" == settings.graphql_url
    assert claims["type"] == "access"
    assert claims["exp"] - claims["iat"] == 300
    assert claims["owner"] == "saleor"  # what Saleor issues: its auth SDK refreshes other owners externally
    assert claims["email"] == "mei@example.com"
    assert claims["user_id"] == to_global_id("User", member.id)
    assert claims["is_staff"] is False
    assert claims["token"] == member.jwt_token_key
    assert "permissions" not in claims


async def test_refresh_token_claims(api, settings):
    # given
    await make_member(settings, "mei@example.com")

    # when
    payload = await sign_in(api, "mei@example.com", MEMBER_PASSWORD)

    # then
    claims = claims_of(payload["refreshToken"])
    assert claims["iss"] == "http://testserver/graphql/"
    assert claims["type"] == "refresh"
    assert claims["exp"] - claims["iat"] == THIRTY_DAYS_SECONDS
    assert claims["csrfToken"] == payload["csrfToken"]


async def test_tokens_are_signed_with_rs256_and_name_their_key(api, settings):
    # given
    await make_member(settings, "mei@example.com")

    # when
    payload = await sign_in(api, "mei@example.com", MEMBER_PASSWORD)

    # then
    jwks = (await api.http.get("/.well-known/jwks.json")).json()
    [key] = jwks["keys"]
    for token in (payload["token"], payload["refreshToken"]):
        header = jwt.get_unverified_header(token)
        assert header["alg"] == "RS256"
        assert header["kid"] == key["kid"]


async def test_jwks_verifies_an_access_token(api, settings):
    # given
    await make_member(settings, "mei@example.com")
    token = (await sign_in(api, "mei@example.com", MEMBER_PASSWORD))["token"]

    # when
    reply = await api.http.get("/.well-known/jwks.json")

    # then
    assert reply.status_code == 200
    [key] = reply.json()["keys"]
    assert (key["kty"], key["use"], key["alg"]) == ("RSA", "sig", "RS256")
    claims = jwt.decode(token, jwt.PyJWK(key).key, algorithms=["RS256"], issuer="http://testserver/graphql/")
    assert claims["email"] == "mei@example.com"


async def test_staff_access_token_carries_permissions(api):
    # given
    await make_staff("ops@example.com", permissions=["MANAGE_USERS", "MANAGE_ORDERS"])

    # when
    token = (await sign_in(api, "ops@example.com", STAFF_PASSWORD))["token"]

    # then
    claims = claims_of(token)
    assert claims["is_staff"] is True
    assert claims["permissions"] == ["MANAGE_ORDERS", "MANAGE_USERS"]


async def test_token_create_with_audience_sets_aud(api, settings):
    # given
    await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(TOKEN_CREATE_WITH_AUDIENCE,
                        {"email": "mei@example.com", "password": MEMBER_PASSWORD, "audience": "storefront"})

    # then
    assert claims_of(data["tokenCreate"]["token"])["aud"] == "custom:storefront"


async def test_token_refresh_returns_a_new_access_token(api, settings):
    # given
    await make_member(settings, "mei@example.com")
    refresh_token = (await sign_in(api, "mei@example.com", MEMBER_PASSWORD))["refreshToken"]

    # when
    data = await api.ok(TOKEN_REFRESH, {"refreshToken": refresh_token})

    # then
    payload = data["tokenRefresh"]
    assert payload["errors"] == []
    assert payload["user"] == {"email": "mei@example.com"}
    assert claims_of(payload["token"])["type"] == "access"
    assert (await api.ok(ME, token=payload["token"]))["me"]["email"] == "mei@example.com"


async def test_token_refresh_refuses_garbage(api):
    # when
    data = await api.ok(TOKEN_REFRESH, {"refreshToken": "not-a-token"})

    # then
    assert data["tokenRefresh"] == {
        "token": None, "user": None,
        "errors": [{"field": "refreshToken", "code": "JWT_INVALID_TOKEN", "message": "Invalid token."}],
    }


async def test_token_refresh_refuses_an_access_token(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(TOKEN_REFRESH, {"refreshToken": token_for(member, settings)})

    # then
    assert data["tokenRefresh"]["token"] is None
    assert data["tokenRefresh"]["errors"] == [
        {"field": "refreshToken", "code": "JWT_INVALID_TOKEN", "message": "Invalid token."}
    ]


async def test_token_refresh_refuses_an_expired_refresh_token(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    expired_settings = dataclasses.replace(settings, refresh_token_ttl=timedelta(seconds=-10))
    refresh_token = create_refresh_token(member, expired_settings, "csrf")

    # when
    data = await api.ok(TOKEN_REFRESH, {"refreshToken": refresh_token})

    # then
    assert data["tokenRefresh"]["token"] is None
    assert data["tokenRefresh"]["errors"] == [
        {"field": "refreshToken", "code": "JWT_SIGNATURE_EXPIRED", "message": "Signature has expired"}
    ]


async def test_token_refresh_without_any_token_is_refused(api):
    # when
    data = await api.ok(TOKEN_REFRESH)

    # then
    assert data["tokenRefresh"]["errors"] == [
        {"field": "refreshToken", "code": "JWT_MISSING_TOKEN", "message": "Missing refreshToken"}
    ]


async def test_token_refresh_from_the_cookie_needs_the_csrf_token(api, settings):
    # given
    await make_member(settings, "mei@example.com")
    refresh_token = (await sign_in(api, "mei@example.com", MEMBER_PASSWORD))["refreshToken"]

    # when
    response = await post_with_headers(api, TOKEN_REFRESH, {}, {"Cookie": f"refreshToken={refresh_token}"})

    # then
    assert response.data["tokenRefresh"] == {
        "token": None, "user": None,
        "errors": [{"field": "csrfToken", "code": "JWT_INVALID_CSRF_TOKEN", "message": "Invalid csrf token"}],
    }


async def test_token_refresh_with_an_empty_argument_reads_the_cookie_and_needs_the_csrf_token(api, settings):
    # given: an empty `refreshToken` must not switch off the cookie's CSRF check
    await make_member(settings, "mei@example.com")
    refresh_token = (await sign_in(api, "mei@example.com", MEMBER_PASSWORD))["refreshToken"]

    # when
    response = await post_with_headers(
        api, TOKEN_REFRESH, {"refreshToken": ""}, {"Cookie": f"refreshToken={refresh_token}"}
    )

    # then
    assert response.data["tokenRefresh"]["token"] is None
    assert [e["code"] for e in response.data["tokenRefresh"]["errors"]] == ["JWT_INVALID_CSRF_TOKEN"]


async def test_token_refresh_from_the_cookie_refuses_another_csrf_token(api, settings):
    # given
    await make_member(settings, "mei@example.com")
    refresh_token = (await sign_in(api, "mei@example.com", MEMBER_PASSWORD))["refreshToken"]

    # when
    response = await post_with_headers(
        api, TOKEN_REFRESH, {"csrfToken": "someone-elses"}, {"Cookie": f"refreshToken={refresh_token}"}
    )

    # then
    assert [e["code"] for e in response.data["tokenRefresh"]["errors"]] == ["JWT_INVALID_CSRF_TOKEN"]


async def test_token_refresh_from_the_cookie_with_its_csrf_token(api, settings):
    # given
    await make_member(settings, "mei@example.com")
    payload = await sign_in(api, "mei@example.com", MEMBER_PASSWORD)

    # when
    response = await post_with_headers(
        api, TOKEN_REFRESH, {"csrfToken": payload["csrfToken"]}, {"Cookie": f"refreshToken={payload['refreshToken']}"}
    )

    # then
    assert response.data["tokenRefresh"]["errors"] == []
    assert response.data["tokenRefresh"]["user"] == {"email": "mei@example.com"}


async def test_token_refresh_refuses_a_token_of_an_inactive_user(api, settings):
    # given
    former = await make_inactive_staff("former@example.com")

    # when
    data = await api.ok(TOKEN_REFRESH, {"refreshToken": create_refresh_token(former, settings, "csrf")})

    # then
    assert [e["code"] for e in data["tokenRefresh"]["errors"]] == ["JWT_INVALID_TOKEN"]


async def test_token_verify_accepts_a_valid_access_token(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    token = token_for(member, settings)

    # when
    data = await api.ok(TOKEN_VERIFY, {"token": token})

    # then
    payload = data["tokenVerify"]
    assert payload["errors"] == []
    assert payload["isValid"] is True
    assert payload["user"] == {"email": "mei@example.com"}
    assert payload["payload"] == claims_of(token)


async def test_token_verify_refuses_an_expired_token(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    token = create_access_token(member, dataclasses.replace(settings, access_token_ttl=timedelta(seconds=-10)))

    # when
    data = await api.ok(TOKEN_VERIFY, {"token": token})

    # then
    assert data["tokenVerify"] == {
        "isValid": False, "payload": None, "user": None,
        "errors": [{"field": "token", "code": "JWT_SIGNATURE_EXPIRED", "message": "Signature has expired"}],
    }


async def test_token_verify_refuses_garbage(api):
    # when
    data = await api.ok(TOKEN_VERIFY, {"token": "not-a-token"})

    # then
    assert data["tokenVerify"]["isValid"] is False
    assert data["tokenVerify"]["errors"] == [
        {"field": "token", "code": "JWT_DECODE_ERROR", "message": "Error decoding signature."}
    ]


async def test_token_verify_refuses_a_refresh_token(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(TOKEN_VERIFY, {"token": create_refresh_token(member, settings, "csrf")})

    # then
    assert data["tokenVerify"]["isValid"] is False
    assert data["tokenVerify"]["errors"] == [
        {"field": "token", "code": "JWT_INVALID_TOKEN", "message": "Invalid token."}
    ]


async def test_tokens_deactivate_all_invalidates_earlier_access_tokens(api, settings):
    # given
    await make_member(settings, "mei@example.com")
    token = (await sign_in(api, "mei@example.com", MEMBER_PASSWORD))["token"]

    # when
    data = await api.ok(TOKENS_DEACTIVATE_ALL, token=token)

    # then
    assert data["tokensDeactivateAll"] == {"errors": []}
    response = await api.post(ME, token=token)
    assert response.status_code == 200
    assert response.data == {"me": None}
    assert response.error_codes == ["InvalidTokenError"]
    assert response.error_messages == ["Invalid token. Create new one by using tokenCreate mutation."]


async def test_tokens_deactivate_all_invalidates_earlier_refresh_tokens(api, settings):
    # given
    await make_member(settings, "mei@example.com")
    payload = await sign_in(api, "mei@example.com", MEMBER_PASSWORD)
    await api.ok(TOKENS_DEACTIVATE_ALL, token=payload["token"])

    # when
    data = await api.ok(TOKEN_REFRESH, {"refreshToken": payload["refreshToken"]})

    # then
    assert [e["code"] for e in data["tokenRefresh"]["errors"]] == ["JWT_INVALID_TOKEN"]


async def test_tokens_deactivate_all_leaves_signing_in_again_possible(api, settings):
    # given
    await make_member(settings, "mei@example.com")
    old = (await sign_in(api, "mei@example.com", MEMBER_PASSWORD))["token"]
    await api.ok(TOKENS_DEACTIVATE_ALL, token=old)

    # when
    new = (await sign_in(api, "mei@example.com", MEMBER_PASSWORD))["token"]

    # then
    assert (await api.ok(ME, token=new))["me"]["email"] == "mei@example.com"


async def test_tokens_deactivate_all_needs_a_signed_in_user(api):
    # when
    response = await api.post(TOKENS_DEACTIVATE_ALL)

    # then
    assert response.data == {"tokensDeactivateAll": None}
    assert response.error_codes == ["PermissionDenied"]
    assert response.error_messages == [
        "To access this path, you need one of the following permissions: AUTHENTICATED_USER"
    ]


async def test_a_remembered_token_is_refused_once_it_expires(settings):
    # given: a token whose signature was verified while it was valid
    member = await make_member(settings)
    token = create_access_token(member, settings)
    claims = decode_token(token, settings, "access")
    keys_for(settings).remember(token, settings.graphql_url, claims | {"exp": int(time.time()) - 1})

    # when / then
    with pytest.raises(jwt.ExpiredSignatureError):
        decode_token(token, settings, "access")


async def test_a_token_verified_for_one_deployment_is_not_taken_by_another(settings):
    # given: the same signing key behind another public URL (another issuer claim)
    member = await make_member(settings)
    token = create_access_token(member, settings)
    decode_token(token, settings, "access")
    elsewhere = dataclasses.replace(settings, public_url="http://elsewhere.example")

    # when / then
    with pytest.raises(jwt.InvalidIssuerError):
        decode_token(token, elsewhere, "access")
