"""Staff creating and changing members' accounts (the Saleor Dashboard's customer pages): creating one, the
profile, the e-mail, the note, switching an account off, and removing one.

A member staff create has no password: with a `redirect_url` they get a link to set one (the same one-time
token as a password reset, so `setPassword` takes it), and the account counts as confirmed once they have.

Removing anonymises instead of deleting, as a member's own deletion does: points and orders keep their owner
for the ledger and audits. Switching an account off, or removing it, also ends its sessions (a new token key).

Errors (DomainError, AccountsErrorCode): REQUIRED (no e-mail), INVALID (an e-mail that is not one, an unknown
language, an address or a redirect URL that is not valid), UNIQUE (another account already uses the e-mail or
the external reference); ChannelsErrorCode NOT_FOUND (an unknown channel).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from kernel.errors import DomainError, ErrorDetail
from kernel.saleor_enums import LANGUAGE_NAMES
from mall.accounts.addresses import AddressData, add_address, address_problems
from mall.accounts.errors import AccountsErrorCode
from mall.accounts.joined import announce_joined
from mall.accounts.models import User, new_token_key
from mall.accounts.one_time_tokens import make_token
from mall.accounts.services import (
    ProfileChanges,
    check_redirect_url,
    email_problems,
    link,
    normalise_email,
    update_profile,
)
from mall.channels.errors import ChannelsErrorCode
from mall.channels.models import Channel
from mall.outbox.mail import queue_mail
from mall.settings import Settings


@dataclass(frozen=True)
class CustomerChanges:
    """What staff change; None leaves a field as it is."""

    profile: ProfileChanges
    email: str | None = None
    note: str | None = None
    is_active: bool | None = None


async def set_email(user: User, email: str) -> None:
    if email_problems(email):
        raise DomainError(*email_problems(email))
    normalised = normalise_email(email)
    if await User.filter(email=normalised).exclude(id=user.id).exists():
        raise DomainError.single("email", "User with this Email already exists.", AccountsErrorCode.UNIQUE)
    user.email = normalised


async def update_customer(user: User, changes: CustomerChanges) -> User:
    """Applies `changes` to a member's account (inside the caller's transaction)."""
    if changes.email is not None:
        await set_email(user, changes.email)
    if changes.note is not None:
        user.note = changes.note
    if changes.is_active is False and user.is_active:
        user.jwt_token_key = new_token_key()  # its sessions end with it
    if changes.is_active is not None:
        user.is_active = changes.is_active
    await user.save(update_fields=["email", "note", "is_active", "jwt_token_key", "updated_at"])
    return await update_profile(user, changes.profile)


async def remove_customer(user: User) -> None:
    """Anonymises a member's account: no e-mail, name, password, address or session is left."""
    user.email = f"deleted-{user.id}-{secrets.token_hex(4)}@deleted.invalid"
    user.first_name = user.last_name = ""
    user.note = None
    user.password_hash = None
    user.is_active = False
    user.jwt_token_key = new_token_key()
    await user.save(update_fields=["email", "first_name", "last_name", "note", "password_hash", "is_active",
                                   "jwt_token_key", "updated_at"])
    await user.addresses.all().delete()


@dataclass(frozen=True)
class NewCustomer:
    """A member account staff create (Saleor's `UserCreateInput`)."""

    email: str
    first_name: str = ""
    last_name: str = ""
    note: str | None = None
    is_active: bool = True
    language_code: str = "EN"
    metadata: dict[str, str] = field(default_factory=dict)
    private_metadata: dict[str, str] = field(default_factory=dict)
    external_reference: str | None = None
    shipping_address: AddressData | None = None
    billing_address: AddressData | None = None
    redirect_url: str | None = None  # where the set-password link points; None sends no e-mail
    channel_slug: str | None = None  # the channel they join in: its issuer's programme welcomes them


async def create_customer(data: NewCustomer, settings: Settings) -> User:
    """Creates a member account with its default addresses (inside the caller's transaction); every problem
    with the input is found before anything is written."""
    await _check_new_customer(data)
    user = await User.create(
        email=normalise_email(data.email), first_name=data.first_name.strip(), last_name=data.last_name.strip(),
        note=data.note, is_active=data.is_active, is_confirmed=False, language_code=data.language_code,
        metadata=data.metadata, private_metadata=data.private_metadata, external_reference=data.external_reference,
    )
    await _add_default_addresses(user, data)
    if data.redirect_url:
        await _send_set_password(user, data.redirect_url, settings)
    channel = await Channel.get_or_none(slug=data.channel_slug) if data.channel_slug else None
    if channel is not None and channel.issuer_code:
        await announce_joined(channel.issuer_code, [user.id])
    return user


async def _check_new_customer(data: NewCustomer) -> None:
    problems = email_problems(data.email)
    if data.language_code not in LANGUAGE_NAMES:
        problems.append(ErrorDetail("language_code", "Unknown language code.", AccountsErrorCode.INVALID))
    for address, kind in ((data.shipping_address, "SHIPPING"), (data.billing_address, "BILLING")):
        if address is not None:
            problems += address_problems(_trimmed(address), kind)
    if problems:
        raise DomainError(*problems)
    if data.redirect_url:
        check_redirect_url(data.redirect_url)
    if await User.filter(email=normalise_email(data.email)).exists():
        raise DomainError.single("email", "User with this Email already exists.", AccountsErrorCode.UNIQUE)
    if data.external_reference and await User.filter(external_reference=data.external_reference).exists():
        raise DomainError.single("external_reference", "User with this External reference already exists.",
                                 AccountsErrorCode.UNIQUE)
    if data.channel_slug and not await Channel.filter(slug=data.channel_slug).exists():
        raise DomainError.single("channel", f"Channel with '{data.channel_slug}' slug does not exist.",
                                 ChannelsErrorCode.NOT_FOUND)


def _trimmed(address: AddressData) -> AddressData:
    """`address` trimmed as it will be stored, without raising (problems are collected with the others)."""
    trimmed = AddressData(**{name: value.strip() if isinstance(value, str) else value
                             for name, value in vars(address).items()})
    trimmed.country = trimmed.country.upper()
    return trimmed


async def _add_default_addresses(user: User, data: NewCustomer) -> None:
    """The same address given for both is stored once (the Dashboard sends its one address form twice)."""
    same = data.billing_address == data.shipping_address
    defaults: dict[str, int] = {}
    if data.shipping_address is not None:
        defaults["default_shipping_address_id"] = (await add_address(user, data.shipping_address, "SHIPPING")).id
    if data.billing_address is not None:
        defaults["default_billing_address_id"] = defaults["default_shipping_address_id"] if same else \
            (await add_address(user, data.billing_address, "BILLING")).id
    if defaults:
        await User.filter(id=user.id).update(**defaults)
        for name, value in defaults.items():
            setattr(user, name, value)


async def _send_set_password(user: User, redirect_url: str, settings: Settings) -> None:
    token = make_token(settings.secret_key, user, "password-reset")
    url = link(redirect_url, email=user.email, token=token)
    await queue_mail(user.email, "Set your password", f"Your account is ready. Set your password: {url}\n",
                     f"set-password:{user.id}:{token}")
