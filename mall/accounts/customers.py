"""Staff changing members' accounts (the Saleor Dashboard's customer page): the profile, the e-mail, the note,
switching an account off, and removing one.

Removing anonymises instead of deleting, as a member's own deletion does: points and orders keep their owner
for the ledger and audits. Switching an account off, or removing it, also ends its sessions (a new token key).

Errors (DomainError, AccountsErrorCode): INVALID (an e-mail that is not one, an unknown language), UNIQUE
(another account already uses the e-mail).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from kernel.errors import DomainError
from mall.accounts.errors import AccountsErrorCode
from mall.accounts.models import User, new_token_key
from mall.accounts.services import ProfileChanges, email_problems, normalise_email, update_profile


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
