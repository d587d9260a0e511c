"""Bank single sign-on through `externalObtainAccessTokens(pluginId: "mall.bank-sso")`."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from bank_link.issuers import IssuerData, create_issuer, update_issuer
from bank_link.jobs import BankJobs
from bank_link.member_import import import_members
from bank_link.models import Member, SignOnTokenUse
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
USES = "bank_link_sign_on_token_use"
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
            "jti": uuid.uuid4().hex, "email": "mei@example.com", "name": "Mei Lin"} | claims
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

    # then: nothing changed but the token's use being remembered
    assert data["externalObtainAccessTokens"]["user"]["email"] == "c001.banka@members.invalid"
    after = await snapshot()
    assert (len(before.pop(USES)), len(after.pop(USES))) == (0, 1)
    assert after == before


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
    "no jti": (lambda: bank_token(jti=None), "JWT_INVALID_TOKEN"),
    "jti not a text": (lambda: bank_token(jti=42), "JWT_INVALID_TOKEN"),
    "jti too long": (lambda: bank_token(jti="j" * 256), "JWT_INVALID_TOKEN"),
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
        "audience": AUDIENCE, "claims": ["iss", "aud", "sub", "iat", "nbf", "exp", "jti"],
        "algorithms": ["RS256", "ES256"], "maxLifetimeSeconds": 600,
    }


async def test_a_token_signs_on_once_and_its_replay_changes_nothing(api, sso_issuer):
    # given: the token was exchanged once
    token = bank_token(jti="bank-a-0001")
    first = (await api.ok(OBTAIN, obtain(token)))["externalObtainAccessTokens"]
    before = await snapshot()

    # when: the same token comes again within its lifetime
    second = (await api.ok(OBTAIN, obtain(token)))["externalObtainAccessTokens"]

    # then
    assert (first["errors"], first["user"]["email"]) == ([], "mei@example.com")
    assert second["errors"] == [{"field": "input", "code": "UNIQUE",
                                 "message": "This sign-on token was used already: open the mall again from the "
                                            "bank's app."}]
    assert (second["token"], second["user"]) == (None, None)
    assert await snapshot() == before


async def test_the_use_is_remembered_until_the_token_could_no_longer_pass(api, sso_issuer):
    # given
    exp = int(time.time()) + 300

    # when
    await api.ok(OBTAIN, obtain(bank_token(jti="bank-a-0002", exp=exp)))

    # then: kept until exp plus the clock-skew leeway
    assert await SignOnTokenUse.filter(issuer_id=sso_issuer.id).values_list("jti", "forget_after") == [
        ("bank-a-0002", datetime.fromtimestamp(exp + 30, UTC))]


async def test_expired_uses_are_forgotten_and_others_kept(api, sso_issuer):
    # given: two tokens used, one expiring in 100 s and one in 300 s
    now = int(time.time())
    await api.ok(OBTAIN, obtain(bank_token(jti="short", exp=now + 100)))
    await api.ok(OBTAIN, obtain(bank_token(jti="long", exp=now + 300)))

    # when: the worker runs once the first could no longer pass
    await BankJobs(AUDIENCE).run(now=datetime.fromtimestamp(now + 131, UTC))

    # then
    assert await SignOnTokenUse.all().values_list("jti", flat=True) == ["long"]


async def test_the_same_jti_is_another_token_at_another_bank(api, sso_issuer):
    # given: Bank B, whose member signed on with a jti Bank A then uses too
    await create_issuer(IssuerData(code="BANKB", name="Bank B", points_unit="BPT",
                                   sso_public_key_pem=public_pem(EC_KEY)))
    await api.ok(OBTAIN, obtain(bank_token(EC_KEY, "ES256", iss="BANKB", jti="shared-0001",
                                            email="lei@example.com")))

    # when
    data = await api.ok(OBTAIN, obtain(bank_token(jti="shared-0001")))

    # then
    assert data["externalObtainAccessTokens"]["errors"] == []


async def test_two_uses_of_one_token_at_once_let_exactly_one_through(api, sso_issuer):
    # given (on PostgreSQL two concurrent transactions, on SQLite serialised)
    token = bank_token(jti="bank-a-0003")

    # when
    answers = await asyncio.gather(api.ok(OBTAIN, obtain(token)), api.ok(OBTAIN, obtain(token)))

    # then
    outcomes = sorted([error["code"] for error in a["externalObtainAccessTokens"]["errors"]] for a in answers)
    assert outcomes == [[], ["UNIQUE"]]
    assert await Member.filter(issuer_id=sso_issuer.id).count() == 1
    assert await SignOnTokenUse.all().count() == 1


async def test_another_banks_token_naming_a_member_of_bank_a_by_email_is_refused(api, sso_issuer, tmp_path):
    # given: Mei is Bank A's member C001; Bank B signs a token for a reference it never used, with her e-mail
    roster = ["customer_reference,name,email,phone,status", "C001,Mei Lin,mei@example.com,,"]
    await import_members("BANKA", str(write_file(tmp_path, "roster.csv", roster)))
    await create_issuer(IssuerData(code="BANKB", name="Bank B", points_unit="BPT",
                                   sso_public_key_pem=public_pem(EC_KEY)))
    before = await snapshot()

    # when
    data = await api.ok(OBTAIN, obtain(bank_token(EC_KEY, "ES256", iss="BANKB", sub="B-9001")))

    # then: no tokens for Mei's account, no Bank B member linked to it, nothing written
    payload = data["externalObtainAccessTokens"]
    assert payload["errors"] == [{"field": "input", "code": "OUT_OF_SCOPE_USER",
                                  "message": "This e-mail belongs to a member of another bank: the bank's sign-on "
                                             "cannot reach their account."}]
    assert (payload["token"], payload["refreshToken"], payload["user"]) == (None, None, None)
    assert await snapshot() == before


async def test_a_bank_signs_on_its_own_new_member_whose_email_is_nobody_elses(api, sso_issuer, tmp_path):
    # given: Bank A's member Mei; Bank B enrols a different person
    roster = ["customer_reference,name,email,phone,status", "C001,Mei Lin,mei@example.com,,"]
    await import_members("BANKA", str(write_file(tmp_path, "roster.csv", roster)))
    await create_issuer(IssuerData(code="BANKB", name="Bank B", points_unit="BPT",
                                   sso_public_key_pem=public_pem(EC_KEY)))

    # when
    data = await api.ok(OBTAIN, obtain(bank_token(EC_KEY, "ES256", iss="BANKB", sub="B-9001",
                                                  email="lei@example.com", name="Lei Wang")))

    # then
    payload = data["externalObtainAccessTokens"]
    assert (payload["errors"], payload["user"]["email"]) == ([], "lei@example.com")
    assert await Member.all().order_by("id").values_list("customer_reference", "email") == [
        ("C001", "mei@example.com"), ("B-9001", "lei@example.com")]
