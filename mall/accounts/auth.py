"""Who is calling: a member or staff user (our JWT), an app (opaque token), or nobody.

Errors raised by `authenticate` (deferred by the GraphQL context until something needs the caller):
    jwt.ExpiredSignatureError   our access token, expired
    jwt.InvalidTokenError       our token, but forged, revoked (key rotated), of the wrong type, or user inactive
(the GraphQL context answers them as Saleor does, mall.graphql.errors; this module knows no API)
A header that is not one of our JWTs and matches no app token leaves the caller anonymous, as Saleor does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import jwt

from kernel.global_ids import decode_global_id
from mall.accounts.models import App, AppToken, ScopeKind, User
from mall.accounts.tokens import ACCESS, decode_token, is_our_token
from mall.settings import Settings


@dataclass(frozen=True)
class Scope:
    """The partner or issuer a staff user or app is confined to."""

    kind: ScopeKind
    code: str


@dataclass(frozen=True)
class Principal:
    user: User | None = None
    app: App | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.user is None and self.app is None

    @property
    def is_staff(self) -> bool:
        return self.user is not None and self.user.is_staff and self.user.is_active

    @property
    def is_superuser(self) -> bool:
        return self.is_staff and self.user is not None and self.user.is_superuser

    @property
    def permissions(self) -> frozenset[str]:
        if self.app is not None:
            return frozenset(self.app.permissions)
        if not self.is_staff or self.user is None:
            return frozenset()
        return frozenset(self.user.permissions)

    @property
    def scope(self) -> Scope | None:
        holder = self.app or self.user
        if holder is None or holder.scope_kind is None or holder.scope_code is None:
            return None
        return Scope(ScopeKind(holder.scope_kind), holder.scope_code)


ANONYMOUS = Principal()


def read_bearer(headers: dict[str, str]) -> str | None:
    """The token from `Authorization-Bearer: t` or `Authorization: Bearer|JWT t`."""
    direct = headers.get("authorization-bearer")
    if direct:
        return direct.strip()
    value = headers.get("authorization", "")
    prefix, _, token = value.partition(" ")
    if prefix.lower() in {"bearer", "jwt"} and token.strip():
        return token.strip()
    return None


def hash_app_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def authenticate(token: str | None, settings: Settings) -> Principal:
    if not token:
        return ANONYMOUS
    if is_our_token(token):
        return Principal(user=await user_from_access_token(token, settings))
    app_token = await AppToken.get_or_none(token_hash=hash_app_token(token)).select_related("app")
    if app_token is None or not app_token.app.is_active:
        return ANONYMOUS
    return Principal(app=app_token.app)


async def user_from_access_token(token: str, settings: Settings) -> User:
    return await user_from_token(token, settings, ACCESS)


async def user_from_token(token: str, settings: Settings, token_type: str) -> User:
    claims = decode_token(token, settings, token_type)  # raises jwt.ExpiredSignatureError, jwt.PyJWTError
    decoded = decode_global_id(str(claims["user_id"]))
    if decoded is None or decoded[0] != "User":
        raise jwt.InvalidTokenError("The token names no user.")
    user = await User.get_or_none(id=int(decoded[1]))
    if user is None or not user.is_active or user.jwt_token_key != claims["token"]:
        raise jwt.InvalidTokenError("The token was revoked or its user is inactive.")
    return user
