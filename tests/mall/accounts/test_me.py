"""`me` and the Authorization header: anonymous, signed in, expired, forged, foreign."""

from __future__ import annotations

import dataclasses
import time
from datetime import timedelta

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from mall.accounts.tokens import create_access_token
from mall.graphql.ids import to_global_id
from tests.factories import make_member, make_staff, token_for
from tests.mall.accounts.helpers import ME, post_with_headers

ME_WITH_PERMISSIONS = """
query Me { me { email isStaff userPermissions { code name } staffScope { kind code } } }
"""


def forged_token(claims: dict) -> str:
    """A token shaped like ours, signed with a key that is not the mall's."""
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(claims, other_key, algorithm="RS256", headers={"kid": "not-ours"})


async def test_me_is_null_for_an_anonymous_caller(api):
    # when
    response = await api.post(ME)

    # then
    assert response.status_code == 200
    assert response.body["data"] == {"me": None}
    assert response.errors == []


async def test_me_returns_the_signed_in_member(api, settings):
    # given
    member = await make_member(settings, "mei@example.com", first_name="Mei", last_name="Lin")

    # when
    data = await api.ok(ME, token=token_for(member, settings))

    # then
    assert data["me"] == {
        "id": to_global_id("User", member.id), "email": "mei@example.com", "firstName": "Mei",
        "lastName": "Lin", "isActive": True, "isConfirmed": True,
    }


async def test_me_of_staff_lists_permissions(api, settings):
    # given
    staff = await make_staff("ops@example.com", permissions=["MANAGE_USERS", "MANAGE_POINTS"])

    # when
    data = await api.ok(ME_WITH_PERMISSIONS, token=token_for(staff, settings))

    # then
    assert data["me"] == {
        "email": "ops@example.com",
        "isStaff": True,
        "userPermissions": [
            {"code": "MANAGE_POINTS", "name": "Adjust members' points and read any member's points history."},
            {"code": "MANAGE_USERS", "name": data["me"]["userPermissions"][1]["name"]},
        ],
        "staffScope": None,
    }


async def test_me_with_an_expired_token_is_an_error(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    token = create_access_token(member, dataclasses.replace(settings, access_token_ttl=timedelta(seconds=-10)))

    # when
    response = await api.post(ME, token=token)

    # then
    assert response.status_code == 200
    assert response.data == {"me": None}
    [error] = response.errors
    assert error["message"] == "Signature has expired"
    assert error["extensions"]["exception"]["code"] == "ExpiredSignatureError"
    assert error["path"] == ["me"]


async def test_me_with_a_forged_token_is_an_error(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    claims = jwt.decode(token_for(member, settings), options={"verify_signature": False})

    # when
    response = await api.post(ME, token=forged_token(claims))

    # then
    assert response.status_code == 200
    assert response.data == {"me": None}
    assert response.error_codes == ["InvalidTokenError"]
    assert response.error_messages == ["Invalid token. Create new one by using tokenCreate mutation."]


async def test_me_with_an_unsigned_token_is_an_error(api, settings):
    # given: `alg: none` must never be accepted, whatever the claims say
    member = await make_member(settings, "mei@example.com")
    claims = jwt.decode(token_for(member, settings), options={"verify_signature": False})

    # when
    response = await api.post(ME, token=jwt.encode(claims, None, algorithm="none"))

    # then
    assert response.data == {"me": None}
    assert response.error_codes == ["InvalidTokenError"]


async def test_me_with_our_key_but_another_issuer_is_an_error(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    other_mall = dataclasses.replace(settings, public_url="https://other.example.com")

    # when
    response = await api.post(ME, token=create_access_token(member, other_mall))

    # then
    assert response.data == {"me": None}
    assert response.error_codes == ["InvalidTokenError"]


async def test_me_with_a_token_of_a_user_that_no_longer_exists_is_an_error(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    token = token_for(member, settings)
    await member.delete()

    # when
    response = await api.post(ME, token=token)

    # then
    assert response.error_codes == ["InvalidTokenError"]


async def test_me_with_a_header_that_is_not_a_jwt_is_anonymous(api):
    # when
    response = await api.post(ME, token="opaque-value-of-some-other-system")

    # then
    assert response.status_code == 200
    assert response.body["data"] == {"me": None}
    assert response.errors == []


async def test_me_with_a_jwt_of_another_issuer_is_anonymous(api):
    # given
    now = int(time.time())
    token = jwt.encode({"iss": "https://auth.example.com", "sub": "42", "iat": now, "exp": now + 300},
                       "shared-secret-of-someone-else-entirely", algorithm="HS256")

    # when
    response = await api.post(ME, token=token)

    # then
    assert response.body["data"] == {"me": None}
    assert response.errors == []


async def test_me_accepts_the_jwt_prefix(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    response = await post_with_headers(api, ME, {}, {"Authorization": f"JWT {token_for(member, settings)}"})

    # then
    assert response.errors == []
    assert response.data["me"]["email"] == "mei@example.com"


async def test_me_accepts_the_authorization_bearer_header(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    response = await post_with_headers(api, ME, {}, {"Authorization-Bearer": token_for(member, settings)})

    # then
    assert response.errors == []
    assert response.data["me"]["email"] == "mei@example.com"


async def test_an_expired_token_does_not_break_public_fields(api, settings):
    # given: the token only matters to fields that need the caller
    member = await make_member(settings, "mei@example.com")
    token = create_access_token(member, dataclasses.replace(settings, access_token_ttl=timedelta(seconds=-10)))

    # when
    response = await api.post("query { shop { name } me { email } }", token=token)

    # then
    assert response.data == {"shop": {"name": "Points Mall"}, "me": None}
    assert response.error_codes == ["ExpiredSignatureError"]
