"""Bank single sign-on through `externalObtainAccessTokens(pluginId: "mall.bank-sso")`."""

from __future__ import annotations

import json
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from bank_link.issuers import IssuerData, create_issuer, update_issuer
from bank_link.member_import import import_members
from bank_link.models import Member
from mall.accounts.models import User
from tests.bank_link.helpers import snapshot, write_file

OBTAIN = """
mutation Obtain($input: JSONString!) {
  externalObtainAccessTokens(pluginId: "mall.bank-sso", input: $input) {
    token refreshToken csrfToken
    user { email firstName lastName }
    errors { field code message }
  }
}
"""
ME = "{ me { email } }"
AUDIENCE = "http://testserver"  # the tests' PUBLIC_URL
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC_KEY = ec.generate_private_key(ec.SECP256R1())


def public_pem(key: Any) -> str:
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def bank_token(key: Any = RSA_KEY, algorithm: str = "RS256", **claims: Any) -> str:
    now = int(time.time())
    body = {"iss": "BANKA", "aud": AUDIENCE, "sub": "C001", "iat": now, "nbf": now, "exp": now + 300,
            "email": "mei@example.com", "name": "Mei Lin"} | claims
    return jwt.encode({k: v for k, v in body.items() if v is not None}, key, algorithm=algorithm)


def obtain(token: str) -> dict[str, str]:
    return {"input": json.dumps({"token": token})}


@pytest.fixture
async def sso_issuer(issuer):
    return await update_issuer(issuer, IssuerData(sso_public_key_pem=public_pem(RSA_KEY)))


async def test_a_new_member_is_enrolled_and_signed_in(api, sso_issuer):
    # when
    data = await api.ok(OBTAIN, obtain(bank_token()))

    # then
    payload = data["externalObtainAccessTokens"]
    assert payload["errors"] == []
    assert payload["user"] == {"email": "mei@example.com", "firstName": "Mei", "lastName": "Lin"}
    assert await Member.filter(issuer_id=sso_issuer.id).values_list("customer_reference", "email") == [
        ("C001", "mei@example.com")]
    assert (await api.ok(ME, token=payload["token"]))["me"] == {"email": "mei@example.com"}
    assert payload["refreshToken"]
    assert payload["csrfToken"]


async def test_a_roster_member_is_matched_by_customer_reference(api, sso_issuer, tmp_path):
    # given: the roster knows C001 without an e-mail
    roster = ["customer_reference,name,email,phone,status", "C001,Mei Lin,,+86 138 0000 0001,"]
    await import_members("BANKA", str(write_file(tmp_path, "roster.csv", roster)))
    before = await snapshot()

    # when: the token's e-mail differs; the member is who the bank's reference says
    data = await api.ok(OBTAIN, obtain(bank_token(email="other@example.com")))

    # then
    assert data["externalObtainAccessTokens"]["user"]["email"] == "c001.banka@members.invalid"
    assert await snapshot() == before


async def test_an_ec_key_signs_es256_tokens(api, sso_issuer):
    # given
    await update_issuer(sso_issuer, IssuerData(sso_public_key_pem=public_pem(EC_KEY)))

    # when
    data = await api.ok(OBTAIN, obtain(bank_token(EC_KEY, "ES256")))

    # then
    assert data["externalObtainAccessTokens"]["errors"] == []


def _expired() -> str:
    past = int(time.time()) - 3600
    return bank_token(iat=past, nbf=past, exp=past + 300)


def _hmac_with_public_key() -> str:
    return jwt.encode({"iss": "BANKA", "aud": AUDIENCE, "sub": "C001"}, "s" * 32, algorithm="HS256")


REFUSALS = {
    "bad signature": (lambda: bank_token(OTHER_RSA_KEY), "JWT_INVALID_TOKEN"),
    "expired": (_expired, "JWT_SIGNATURE_EXPIRED"),
    "wrong audience": (lambda: bank_token(aud="https://elsewhere.example"), "JWT_INVALID_TOKEN"),
    "unknown issuer": (lambda: bank_token(iss="NOBANK"), "NOT_FOUND"),
    "signed by another bank": (lambda: bank_token(EC_KEY, "ES256"), "JWT_INVALID_TOKEN"),
    "not yet valid": (lambda: bank_token(nbf=int(time.time()) + 600), "JWT_INVALID_TOKEN"),
    "no customer reference": (lambda: bank_token(sub=None), "JWT_INVALID_TOKEN"),
    "too long a lifetime": (lambda: bank_token(exp=int(time.time()) + 3600), "JWT_INVALID_TOKEN"),
    "malformed reference": (lambda: bank_token(sub="no spaces please"), "INVALID"),
    "another algorithm": (_hmac_with_public_key, "JWT_INVALID_TOKEN"),
    "not a token": (lambda: "not-a-jwt", "JWT_DECODE_ERROR"),
}


@pytest.mark.parametrize("case", list(REFUSALS))
async def test_refused_tokens_create_nothing(api, sso_issuer, case):
    # given: Bank B exists with its own key (a token it signs naming Bank A must not pass)
    await create_issuer(IssuerData(code="BANKB", name="Bank B", points_unit="BPT",
                                   sso_public_key_pem=public_pem(EC_KEY)))
    make, code = REFUSALS[case]
    before = await snapshot()

    # when
    data = await api.ok(OBTAIN, obtain(make()))

    # then
    payload = data["externalObtainAccessTokens"]
    assert [(error["field"], error["code"]) for error in payload["errors"]] == [("input", code)]
    assert (payload["token"], payload["user"]) == (None, None)
    assert await snapshot() == before


async def test_an_inactive_member_is_refused(api, sso_issuer, tmp_path):
    # given
    roster = ["customer_reference,name,email,phone,status", "C001,Mei Lin,mei@example.com,,inactive"]
    await import_members("BANKA", str(write_file(tmp_path, "roster.csv", roster)))
    before = await snapshot()

    # when
    data = await api.ok(OBTAIN, obtain(bank_token()))

    # then
    assert data["externalObtainAccessTokens"]["errors"] == [
        {"field": "input", "code": "INACTIVE", "message": "This member is not active."}]
    assert await snapshot() == before


async def test_an_issuer_without_a_key_or_inactive_refuses_sign_on(api, issuer):
    # given: Bank A has no sign-on key
    before = await snapshot()

    # when
    data = await api.ok(OBTAIN, obtain(bank_token()))

    # then
    assert data["externalObtainAccessTokens"]["errors"] == [
        {"field": "input", "code": "DISABLED_AUTHENTICATION_METHOD", "message": "Sign-on from BANKA is not enabled."}]
    assert await snapshot() == before


async def test_a_staff_email_in_the_token_is_refused(api, sso_issuer):
    # given
    from tests.factories import make_staff

    await make_staff("mei@example.com")

    # when
    data = await api.ok(OBTAIN, obtain(bank_token()))

    # then
    assert data["externalObtainAccessTokens"]["errors"][0]["code"] == "INVALID"
    assert await Member.all().count() == 0
    assert await User.all().count() == 1


async def test_a_missing_token_is_refused(api, sso_issuer):
    # when
    data = await api.ok(OBTAIN, {"input": json.dumps({"code": "x"})})

    # then
    assert data["externalObtainAccessTokens"]["errors"][0]["code"] == "JWT_MISSING_TOKEN"


async def test_authentication_url_tells_the_bank_how_to_sign(api):
    # when
    data = await api.ok('mutation { externalAuthenticationUrl(pluginId: "mall.bank-sso", input: "{}") '
                        "{ authenticationData errors { code } } }")

    # then
    assert json.loads(data["externalAuthenticationUrl"]["authenticationData"]) == {
        "audience": AUDIENCE, "claims": ["iss", "aud", "sub", "iat", "nbf", "exp"], "algorithms": ["RS256", "ES256"],
        "maxLifetimeSeconds": 600,
    }
