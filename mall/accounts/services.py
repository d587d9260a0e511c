"""Account use cases: registration, profile, passwords, e-mail links, staff and apps.

The only writer of `mall.accounts.models` (with `addresses.py`, `sign_in.py` and `bulk.py`). Errors are raised as
DomainError with AccountErrorCode codes: REQUIRED, INVALID, UNIQUE, PASSWORD_* (see passwords.py),
INVALID_PASSWORD, PASSWORD_RESET_ALREADY_REQUESTED, OUT_OF_SCOPE_PERMISSION, OUT_OF_SCOPE_USER.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode, urlsplit

from tortoise.exceptions import IntegrityError

from kernel import clock
from kernel.errors import DomainError, ErrorDetail
from kernel.saleor_enums import LANGUAGE_NAMES
from mall.accounts.auth import Principal, hash_app_token
from mall.accounts.errors import AccountsErrorCode
from mall.accounts.joined import announce_joined
from mall.accounts.models import App, AppToken, ScopeKind, User, new_token_key
from mall.accounts.one_time_tokens import make_token, token_is_valid
from mall.accounts.passwords import hash_password, password_problems, verify_password
from mall.accounts.permissions import ALL_PERMISSIONS
from mall.channels.models import Channel
from mall.outbox.mail import queue_mail
from mall.settings import Settings

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PASSWORD_RESET_LOCK = timedelta(minutes=15)
APP_TOKEN_BYTES = 30


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_problems(email: str, field: str = "email") -> list[ErrorDetail]:
    if not email.strip():
        return [ErrorDetail(field, "This field cannot be blank.", AccountsErrorCode.REQUIRED)]
    if not EMAIL_PATTERN.match(email.strip()) or len(email) > 254:
        return [ErrorDetail(field, "Enter a valid email address.", AccountsErrorCode.INVALID)]
    return []


def check_redirect_url(url: str, field: str = "redirect_url") -> None:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise DomainError.single(field, f"{url} is not a valid URL.", AccountsErrorCode.INVALID)


def link(redirect_url: str, **params: str) -> str:
    separator = "&" if urlsplit(redirect_url).query else "?"
    return f"{redirect_url}{separator}{urlencode(params)}"


@dataclass
class Registration:
    email: str
    password: str
    first_name: str = ""
    last_name: str = ""
    language_code: str = "EN"
    redirect_url: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    channel_slug: str | None = None  # the channel signed up in: its issuer's programme welcomes the member


async def register_member(data: Registration, settings: Settings) -> User:
    email = normalise_email(data.email)
    problems = email_problems(data.email) + password_problems(data.password, email)
    if problems:
        raise DomainError(*problems)
    if settings.account_confirmation_required and data.redirect_url:
        check_redirect_url(data.redirect_url)
    if await User.filter(email=email).exists():
        raise DomainError.single("email", "User with this Email already exists.", AccountsErrorCode.UNIQUE)
    confirmed = not settings.account_confirmation_required
    try:
        user = await User.create(
            email=email,
            password_hash=hash_password(data.password),
            first_name=data.first_name.strip(),
            last_name=data.last_name.strip(),
            language_code=data.language_code,
            is_confirmed=confirmed,
            metadata=data.metadata,
        )
    except IntegrityError as error:  # registered concurrently between the check and the insert
        raise DomainError.single("email", "User with this Email already exists.", AccountsErrorCode.UNIQUE) from error
    if not confirmed:
        await send_confirmation(user, data.redirect_url or settings.public_url + "/account/confirm", settings)
    await _announce_sign_up(user, data.channel_slug)
    return user


async def _announce_sign_up(user: User, channel_slug: str | None) -> None:
    """A sign-up in an issuer's channel joins that issuer's programme (a channel without one: nobody's)."""
    channel = await Channel.get_or_none(slug=channel_slug) if channel_slug else None
    if channel is not None and channel.issuer_code:
        await announce_joined(channel.issuer_code, [user.id])


async def send_confirmation(user: User, redirect_url: str, settings: Settings) -> None:
    token = make_token(settings.secret_key, user, "confirm-account")
    url = link(redirect_url, email=user.email, token=token)
    await queue_mail(user.email, "Confirm your account", f"Confirm your account: {url}\n", f"confirm:{user.id}:{token}")


async def confirm_account(email: str, token: str, settings: Settings) -> User:
    user = await User.get_or_none(email=normalise_email(email))
    if user is None:
        raise DomainError.single("email", "User with this email doesn't exist", AccountsErrorCode.NOT_FOUND)
    if not token_is_valid(settings.secret_key, user, "confirm-account", token):
        raise DomainError.single("token", "Invalid or expired token.", AccountsErrorCode.INVALID)
    user.is_confirmed = True
    await user.save(update_fields=["is_confirmed", "updated_at"])
    return user


@dataclass
class ProfileChanges:
    first_name: str | None = None
    last_name: str | None = None
    language_code: str | None = None
    metadata: dict[str, str] | None = None


async def update_profile(user: User, changes: ProfileChanges) -> User:
    if changes.language_code is not None and changes.language_code not in LANGUAGE_NAMES:
        raise DomainError.single("language_code", "Unknown language code.", AccountsErrorCode.INVALID)
    if changes.first_name is not None:
        user.first_name = changes.first_name.strip()
    if changes.last_name is not None:
        user.last_name = changes.last_name.strip()
    if changes.language_code is not None:
        user.language_code = changes.language_code
    if changes.metadata is not None:
        user.metadata = {**user.metadata, **changes.metadata}
    # Only the profile columns: a whole-row save could undo a concurrent token rotation or password change.
    await user.save(update_fields=["first_name", "last_name", "language_code", "metadata", "updated_at"])
    return user


async def change_password(user: User, old_password: str, new_password: str) -> User:
    if not verify_password(user.password_hash, old_password):
        raise DomainError.single("old_password", "Old password isn't valid.", AccountsErrorCode.INVALID_PASSWORD)
    problems = password_problems(new_password, user.email, field="new_password")
    if problems:
        raise DomainError(*problems)
    user.password_hash = hash_password(new_password)
    await user.save(update_fields=["password_hash", "updated_at"])
    return user


async def request_password_reset(email: str, redirect_url: str, settings: Settings) -> None:
    """Mail a reset link. An unknown e-mail is answered the same way, so addresses cannot be probed."""
    check_redirect_url(redirect_url)
    user = await User.get_or_none(email=normalise_email(email))
    if user is None or not user.is_active:
        return
    now = clock.now()
    last = user.last_password_reset_request_at
    if last is not None and now - last < PASSWORD_RESET_LOCK:
        raise DomainError.single(
            "email",
            "Password reset already requested. Please try again later.",
            AccountsErrorCode.PASSWORD_RESET_ALREADY_REQUESTED,
        )
    await User.filter(id=user.id).update(last_password_reset_request_at=now)
    token = make_token(settings.secret_key, user, "password-reset")
    url = link(redirect_url, email=user.email, token=token)
    await queue_mail(user.email, "Reset your password", f"Set a new password: {url}\n", f"reset:{user.id}:{token}")


async def set_password_with_token(email: str, token: str, password: str, settings: Settings) -> User:
    user = await User.get_or_none(email=normalise_email(email))
    if user is None or not token_is_valid(settings.secret_key, user, "password-reset", token):
        raise DomainError.single("token", "Invalid or expired token.", AccountsErrorCode.INVALID)
    problems = password_problems(password, user.email)
    if problems:
        raise DomainError(*problems)
    user.password_hash = hash_password(password)
    user.last_login = clock.now()
    user.is_confirmed = True  # the link proved the member owns the address
    await user.save(update_fields=["password_hash", "last_login", "is_confirmed", "updated_at"])
    return user


async def request_account_deletion(user: User, redirect_url: str, settings: Settings) -> None:
    check_redirect_url(redirect_url)
    token = make_token(settings.secret_key, user, "delete-account")
    url = link(redirect_url, token=token)
    await queue_mail(user.email, "Delete your account", f"Confirm deletion: {url}\n", f"delete:{user.id}:{token}")


async def delete_account(user: User, token: str, settings: Settings) -> None:
    """Anonymise rather than delete: points and orders must keep their owner for the ledger and audits."""
    if not token_is_valid(settings.secret_key, user, "delete-account", token):
        raise DomainError.single("token", "Invalid or expired token.", AccountsErrorCode.INVALID)
    user.email = f"deleted-{user.id}-{secrets.token_hex(4)}@deleted.invalid"
    user.first_name = user.last_name = ""
    user.password_hash = None
    user.is_active = False
    user.jwt_token_key = new_token_key()
    await user.save(
        update_fields=["email", "first_name", "last_name", "password_hash", "is_active", "jwt_token_key", "updated_at"]
    )
    await user.addresses.all().delete()


async def deactivate_all_tokens(user: User) -> None:
    await User.filter(id=user.id).update(jwt_token_key=new_token_key())


def check_grantable(granter: Principal, permissions: Iterable[str], scope: tuple[ScopeKind, str] | None) -> None:
    """Staff may only grant permissions they hold, inside their own scope (Saleor's OUT_OF_SCOPE_*)."""
    unknown = sorted(set(permissions) - set(ALL_PERMISSIONS))
    if unknown:
        raise DomainError.single(
            "permissions", f"Unknown permissions: {', '.join(unknown)}.", AccountsErrorCode.INVALID
        )
    if not granter.is_superuser:
        missing = sorted(set(permissions) - granter.permissions)
        if missing:
            raise DomainError.single(
                "permissions",
                f"You can't grant permissions you don't have: {', '.join(missing)}.",
                AccountsErrorCode.OUT_OF_SCOPE_PERMISSION,
            )
    own = granter.scope
    if own is not None and (scope is None or (own.kind, own.code) != scope):
        raise DomainError.single(
            "scope", "You can only create staff inside your own scope.", AccountsErrorCode.OUT_OF_SCOPE_USER
        )


@dataclass
class StaffData:
    email: str
    password: str | None = None
    first_name: str = ""
    last_name: str = ""
    note: str | None = None
    permissions: list[str] = field(default_factory=list)
    scope: tuple[ScopeKind, str] | None = None
    is_superuser: bool = False
    is_active: bool = True


async def create_staff(data: StaffData) -> User:
    email = normalise_email(data.email)
    problems = email_problems(data.email)
    if data.password is not None:
        problems += password_problems(data.password, email)
    if problems:
        raise DomainError(*problems)
    if await User.filter(email=email).exists():
        raise DomainError.single("email", "User with this Email already exists.", AccountsErrorCode.UNIQUE)
    return await User.create(
        email=email,
        password_hash=hash_password(data.password) if data.password else None,
        first_name=data.first_name,
        last_name=data.last_name,
        note=data.note,
        is_staff=True,
        is_superuser=data.is_superuser,
        is_active=data.is_active,
        permissions=sorted(set(data.permissions)),
        scope_kind=data.scope[0] if data.scope else None,
        scope_code=data.scope[1] if data.scope else None,
    )


async def create_app(
    name: str, permissions: Iterable[str], scope: tuple[ScopeKind, str] | None = None
) -> tuple[App, str]:
    """A new app and its token; the token is returned once and only its hash is stored."""
    app = await App.create(
        name=name,
        permissions=sorted(set(permissions)),
        scope_kind=scope[0] if scope else None,
        scope_code=scope[1] if scope else None,
    )
    token = secrets.token_urlsafe(APP_TOKEN_BYTES)
    await AppToken.create(app=app, token_hash=hash_app_token(token), token_last_4=token[-4:])
    return app, token
