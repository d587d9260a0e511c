"""RS256 JWTs shaped like Saleor's (claims, lifetimes), and the JWKS that publishes our public key.

Errors raised by `decode_token` (all from PyJWT):
    ExpiredSignatureError   the token's `exp` has passed
    InvalidTokenError       bad signature, wrong issuer, wrong type, malformed
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections import OrderedDict
from datetime import datetime
from functools import cached_property
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey

from kernel import clock
from kernel.global_ids import to_global_id
from kernel.token_times import WALL_CLOCK_CHECKS_OFF, check_time_claims
from mall.accounts.models import User
from mall.settings import Settings

TOKEN_OWNER = "saleor"  # Saleor's clients (the Dashboard's auth SDK) refresh any other owner with `externalRefresh`
ACCESS = "access"
REFRESH = "refresh"


def _b64url_uint(value: int) -> str:
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


MAX_VERIFIED_TOKENS = 10_000  # bounded: one entry per signed-in member active in this process


class TokenKeys:
    """The signing key of this deployment, loaded once per process."""

    def __init__(self, private_key_pem: str) -> None:
        key = serialization.load_pem_private_key(private_key_pem.encode(), password=None)
        if not isinstance(key, RSAPrivateKey):
            raise ValueError("JWT_PRIVATE_KEY must be an RSA private key (RS256)")
        self.private_key = key
        # Tokens whose signature this key verified, with their claims: a member's every request carries the
        # same token, and checking an RSA signature again costs more than the rest of authenticating.
        self.verified: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()

    def remember(self, token: str, issuer: str, claims: dict[str, Any]) -> None:
        self.verified[(token, issuer)] = claims
        if len(self.verified) > MAX_VERIFIED_TOKENS:
            self.verified.popitem(last=False)

    @cached_property
    def public_key(self) -> RSAPublicKey:
        return self.private_key.public_key()

    @cached_property
    def key_id(self) -> str:
        der = self.public_key.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return hashlib.sha256(der).hexdigest()[:16]

    def jwks(self) -> dict[str, Any]:
        numbers = self.public_key.public_numbers()
        key = {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": self.key_id}
        key |= {"n": _b64url_uint(numbers.n), "e": _b64url_uint(numbers.e)}
        return {"keys": [key]}


_keys_cache: dict[str, TokenKeys] = {}


def keys_for(settings: Settings) -> TokenKeys:
    keys = _keys_cache.get(settings.jwt_private_key_pem)
    if keys is None:
        keys = _keys_cache[settings.jwt_private_key_pem] = TokenKeys(settings.jwt_private_key_pem)
    return keys


def _base_claims(user: User, token_type: str, settings: Settings, now: datetime) -> dict[str, Any]:
    ttl = settings.access_token_ttl if token_type == ACCESS else settings.refresh_token_ttl
    return {
        "iat": int(now.timestamp()),
        "exp": int((now + ttl).timestamp()),
        "iss": settings.graphql_url,
        "owner": TOKEN_OWNER,
        "type": token_type,
        "token": user.jwt_token_key,
        "email": user.email,
        "user_id": to_global_id("User", user.pk),
        "is_staff": user.is_staff,
    }


def _sign(claims: dict[str, Any], settings: Settings) -> str:
    keys = keys_for(settings)
    return jwt.encode(claims, keys.private_key, algorithm="RS256", headers={"kid": keys.key_id})


def create_access_token(user: User, settings: Settings, audience: str | None = None) -> str:
    claims = _base_claims(user, ACCESS, settings, clock.now())
    if user.is_staff:
        claims["permissions"] = sorted(user.permissions)
    if audience:
        claims["aud"] = f"custom:{audience}"
    return _sign(claims, settings)


def create_refresh_token(user: User, settings: Settings, csrf_token: str) -> str:
    claims = _base_claims(user, REFRESH, settings, clock.now())
    claims["csrfToken"] = csrf_token
    return _sign(claims, settings)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def is_our_token(token: str) -> bool:
    """True for a JWT this mall issued (any validity); other header values may be app tokens."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return False
    return claims.get("owner") == TOKEN_OWNER


def decode_token(token: str, settings: Settings, expected_type: str) -> dict[str, Any]:
    """The claims of a token this deployment signed. Raises jwt.ExpiredSignatureError, jwt.InvalidTokenError."""
    keys = keys_for(settings)
    claims = keys.verified.get((token, settings.graphql_url))
    if claims is None:
        claims = jwt.decode(
            token,
            keys.public_key,
            algorithms=["RS256"],
            issuer=settings.graphql_url,
            options={"require": ["exp", "iat", "type", "token", "user_id"], "verify_aud": False,
                     **WALL_CLOCK_CHECKS_OFF},
        )
        keys.remember(token, settings.graphql_url, claims)
    check_time_claims(claims)  # on every use, also for a token remembered as verified
    if claims.get("type") != expected_type:
        raise jwt.InvalidTokenError(f"Invalid token type: expected {expected_type}.")
    return claims
