"""Bank single sign-on: a member arrives from the bank's app with a JWT the bank signed, and gets ours.

The bank's token (RS256 or ES256, verified with `Issuer.sso_public_key_pem`) must carry:

    iss    the issuer's code (e.g. BANKA)
    aud    our PUBLIC_URL
    sub    the member's customer reference at the bank
    iat, nbf, exp   issued at most MAX_LIFETIME before it expires; checked with LEEWAY of clock skew
    jti    a unique id of the token (at most 255 characters): each token signs on once
    email, name     optional: used only when the member is new to the mall

Why `jti`: a token intercepted or left in a log could otherwise sign the member on again and again for
its whole lifetime. Each (issuer, jti) is remembered until the token could no longer pass anyway (exp +
leeway) in a table, so every worker sees it; its unique pair makes one of two concurrent uses wait for
the other and then find it. `mall worker` forgets expired rows (`forget_used_tokens`).

The member is matched by (issuer, customer reference), or created as the roster import would create them.
Refusals (DomainError, mall.accounts' AccountsErrorCode, field `input`), each before anything is written:

    JWT_DECODE_ERROR        not a JWT
    JWT_INVALID_TOKEN       bad signature, wrong algorithm, audience or issuer, a claim missing or not yet
                            valid, a lifetime over MAX_LIFETIME
    JWT_SIGNATURE_EXPIRED   past `exp`
    UNIQUE                  the token's jti was used already (a replay): the bank must sign a new one
    NOT_FOUND               no issuer with that code
    DISABLED_AUTHENTICATION_METHOD   the issuer is inactive or has no sign-on key
    INVALID                 the customer reference or e-mail is malformed, or the e-mail is a staff account's
    OUT_OF_SCOPE_USER       the e-mail of a member new to this issuer is the account of another issuer's member
    INACTIVE                the member (or their mall account) is switched off

Why OUT_OF_SCOPE_USER: a bank vouches only for its own cardholders. Linking by e-mail would let bank B, by
naming bank A's member's e-mail under a new reference, sign on as that member and spend bank A's points.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePublicKey

from bank_link.imports import RowError
from bank_link.models import Issuer, Member, MemberStatus, SignOnTokenUse
from bank_link.roster import account_email, apply_roster_batch, parse_roster_row
from kernel import clock
from kernel.errors import DomainError
from kernel.token_times import WALL_CLOCK_CHECKS_OFF, check_time_claims
from mall import sql
from mall.accounts.errors import AccountsErrorCode
from mall.accounts.models import User
from mall.settings import Settings

BANK_SSO_PLUGIN_ID = "mall.bank-sso"
MAX_LIFETIME = timedelta(minutes=10)
LEEWAY_SECONDS = 30
REQUIRED_CLAIMS = ["iss", "aud", "sub", "iat", "nbf", "exp", "jti"]
MAX_JTI_LENGTH = 255
# The pair is unique: a use that comes second, even concurrently, inserts nothing.
REMEMBER_USE = (
    "INSERT INTO bank_link_sign_on_token_use (issuer_id, jti, forget_after, used_at) VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (issuer_id, jti) DO NOTHING RETURNING id"
)


def _refusal(code: AccountsErrorCode, message: str) -> DomainError:
    return DomainError.single("input", message, code)


async def sign_on(token: str, audience: str) -> User:
    """The mall account of the member the bank's token names. Raises DomainError (see the module)."""
    issuer = await _issuer_of(token)
    claims = _verified_claims(token, issuer, audience)
    await _use_once(issuer, claims)
    member = await Member.get_or_none(issuer_id=issuer.id, customer_reference=str(claims["sub"]))
    if member is None:
        member = await _enrol(issuer, claims)
    user = await User.get(id=member.user_id)  # type: ignore[attr-defined]
    if member.status != MemberStatus.ACTIVE or not user.is_active:
        raise _refusal(AccountsErrorCode.INACTIVE, "This member is not active.")
    return user


async def _issuer_of(token: str) -> Issuer:
    """The issuer the (still unverified) token names; its key decides whether the token is genuine."""
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as error:
        raise _refusal(AccountsErrorCode.JWT_DECODE_ERROR, "Error decoding signature.") from error
    issuer = await Issuer.get_or_none(code=str(unverified.get("iss") or ""))
    if issuer is None:
        raise _refusal(AccountsErrorCode.NOT_FOUND, "No issuer with this token's iss.")
    if not issuer.is_active or not issuer.sso_public_key_pem:
        raise _refusal(AccountsErrorCode.DISABLED_AUTHENTICATION_METHOD, f"Sign-on from {issuer.code} is not enabled.")
    return issuer


def _verified_claims(token: str, issuer: Issuer, audience: str) -> dict[str, Any]:
    key = serialization.load_pem_public_key(issuer.sso_public_key_pem.encode())
    algorithm = "ES256" if isinstance(key, EllipticCurvePublicKey) else "RS256"  # never the token's own choice
    try:
        claims = jwt.decode(token, key, algorithms=[algorithm], audience=audience, issuer=issuer.code,  # type: ignore[arg-type]
                            options={"require": REQUIRED_CLAIMS, **WALL_CLOCK_CHECKS_OFF})
        check_time_claims(claims, leeway_seconds=LEEWAY_SECONDS)
    except jwt.ExpiredSignatureError as error:
        raise _refusal(AccountsErrorCode.JWT_SIGNATURE_EXPIRED, "Signature has expired") from error
    except jwt.PyJWTError as error:
        raise _refusal(AccountsErrorCode.JWT_INVALID_TOKEN, f"Invalid token: {error}") from error
    if int(claims["exp"]) - int(claims["iat"]) > MAX_LIFETIME.total_seconds():
        raise _refusal(
            AccountsErrorCode.JWT_INVALID_TOKEN,
            f"Invalid token: it may live at most {MAX_LIFETIME.seconds // 60} minutes.",
        )
    if not isinstance(claims["jti"], str) or not 0 < len(claims["jti"]) <= MAX_JTI_LENGTH:
        raise _refusal(
            AccountsErrorCode.JWT_INVALID_TOKEN,
            f"Invalid token: jti must be a text of 1 to {MAX_JTI_LENGTH} characters.",
        )
    return claims


async def _use_once(issuer: Issuer, claims: dict[str, Any]) -> None:
    """Remember the token's (issuer, jti) in the caller's transaction; raises DomainError UNIQUE if it was
    used before. A refusal later in the sign-on rolls the row back with everything else."""
    now = clock.now()
    forget_after = datetime.fromtimestamp(int(claims["exp"]) + LEEWAY_SECONDS, UTC)
    if not await sql.fetch(REMEMBER_USE, issuer.id, claims["jti"], forget_after, now):
        raise _refusal(
            AccountsErrorCode.UNIQUE, "This sign-on token was used already: open the mall again from the bank's app."
        )


async def forget_used_tokens(now: datetime) -> int:
    """Delete the uses of tokens that expired (with leeway) before `now`: they are refused as expired anyway.
    One indexed range delete; returns how many rows went."""
    return await SignOnTokenUse.filter(forget_after__lt=now).delete()


async def _enrol(issuer: Issuer, claims: dict[str, Any]) -> Member:
    """Create the member the token names, as the roster import would; raises DomainError INVALID."""
    fields = {"customer_reference": str(claims["sub"]), "name": str(claims.get("name") or ""),
              "email": str(claims.get("email") or "")}
    try:
        row = parse_roster_row(fields, contact_required=False)  # the bank's app is how we reach them
    except RowError as error:
        raise _refusal(AccountsErrorCode.INVALID, f"Invalid token claims: {error}.") from error
    await _refuse_other_issuers_member(issuer, account_email(issuer.code, row))
    outcome = await apply_roster_batch(issuer.id, issuer.code, [row])
    if outcome.refused:
        raise _refusal(AccountsErrorCode.INVALID, f"Cannot enrol this member: {outcome.refused[0]}.")
    return await Member.get(issuer_id=issuer.id, customer_reference=row.customer_reference)


async def _refuse_other_issuers_member(issuer: Issuer, email: str) -> None:
    """Raises DomainError OUT_OF_SCOPE_USER when the account with `email` is a member of another issuer."""
    if await Member.filter(user__email=email).exclude(issuer_id=issuer.id).exists():
        raise _refusal(
            AccountsErrorCode.OUT_OF_SCOPE_USER,
            "This e-mail belongs to a member of another bank: the bank's sign-on cannot reach their account.",
        )


class BankSignOn:
    """The `mall.bank-sso` plugin of externalObtainAccessTokens / externalAuthenticationUrl.

    Input: `{"token": "<the bank's JWT>"}`. externalAuthenticationUrl answers with what the bank needs to
    mint a token for us (`{"audience": PUBLIC_URL, "claims": [...], "algorithms": [...]}`).
    """

    async def obtain_user(self, data: dict[str, Any], settings: Settings) -> User:
        token = data.get("token")
        if not isinstance(token, str) or not token:
            raise DomainError.single(
                "input", "Give the bank's token as {\"token\": \"...\"}.", AccountsErrorCode.JWT_MISSING_TOKEN
            )
        return await sign_on(token, settings.public_url)

    async def authentication_url(self, data: dict[str, Any], settings: Settings) -> dict[str, Any]:
        return {"audience": settings.public_url, "claims": REQUIRED_CLAIMS, "algorithms": ["RS256", "ES256"],
                "maxLifetimeSeconds": int(MAX_LIFETIME.total_seconds())}
