"""Staff managing other staff accounts (the Saleor Dashboard's staff member page): the name, the e-mail, the
note, switching an account off, and removing one.

A manager reaches only accounts they could have created: inside their own scope, holding no permission the
manager lacks (check_grantable); a superuser's account only another superuser's. Nobody switches off or removes
their own account (the last operator could lock everyone out). Removing anonymises and switches off, as for
members: the actor names in order events, statements and ledger transfers keep pointing at a row. Switching an
account off, or removing it, ends its sessions.

Errors (DomainError, AccountsErrorCode): INVALID, UNIQUE (the e-mail), OUT_OF_SCOPE_USER,
OUT_OF_SCOPE_PERMISSION, DEACTIVATE_OWN_ACCOUNT, DEACTIVATE_SUPERUSER_ACCOUNT, DELETE_OWN_ACCOUNT,
DELETE_SUPERUSER_ACCOUNT.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from kernel.errors import DomainError
from mall.accounts.auth import Principal
from mall.accounts.customers import set_email
from mall.accounts.errors import AccountsErrorCode
from mall.accounts.models import User, new_token_key
from mall.accounts.services import check_grantable


@dataclass(frozen=True)
class StaffChanges:
    """What a manager changes; None leaves a field as it is."""

    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    note: str | None = None
    is_active: bool | None = None


def _is_self(manager: Principal, staff: User) -> bool:
    return manager.user is not None and manager.user.id == staff.id


def check_manageable(manager: Principal, staff: User, superuser_code: AccountsErrorCode) -> None:
    """Raises unless `manager` could have created `staff` (same scope, no permission beyond theirs)."""
    if staff.is_superuser and not manager.is_superuser:
        raise DomainError.single("id", "Only a superuser manages a superuser's account.", superuser_code)
    scope = (staff.scope_kind, staff.scope_code) if staff.scope_kind and staff.scope_code else None
    try:
        check_grantable(manager, staff.permissions, scope)
    except DomainError as refused:
        raise DomainError.single("id", "This account holds permissions or a scope beyond yours.",
                                 refused.details[0].code) from refused


async def update_staff(manager: Principal, staff: User, changes: StaffChanges) -> User:
    """Applies `changes` to a staff account (inside the caller's transaction)."""
    if changes.is_active is False and _is_self(manager, staff):
        raise DomainError.single("is_active", "You cannot switch your own account off.",
                                 AccountsErrorCode.DEACTIVATE_OWN_ACCOUNT)
    deactivating = changes.is_active is False
    check_manageable(manager, staff, AccountsErrorCode.DEACTIVATE_SUPERUSER_ACCOUNT if deactivating
                     else AccountsErrorCode.OUT_OF_SCOPE_USER)
    if changes.email is not None:
        await set_email(staff, changes.email)
    for name in ("first_name", "last_name"):
        given = getattr(changes, name)
        if given is not None:
            setattr(staff, name, given.strip())
    if changes.note is not None:
        staff.note = changes.note
    if changes.is_active is False and staff.is_active:
        staff.jwt_token_key = new_token_key()  # its sessions end with it
    if changes.is_active is not None:
        staff.is_active = changes.is_active
    await staff.save(update_fields=["email", "first_name", "last_name", "note", "is_active", "jwt_token_key",
                                    "updated_at"])
    return staff


async def remove_staff(manager: Principal, staff: User) -> None:
    """Anonymises and switches off a staff account; its permissions go with it (its scope stays: it names
    whose staff the account was)."""
    if _is_self(manager, staff):
        raise DomainError.single("id", "You cannot remove your own account.", AccountsErrorCode.DELETE_OWN_ACCOUNT)
    check_manageable(manager, staff, AccountsErrorCode.DELETE_SUPERUSER_ACCOUNT)
    staff.email = f"deleted-{staff.id}-{secrets.token_hex(4)}@deleted.invalid"
    staff.first_name = staff.last_name = ""
    staff.note = None
    staff.password_hash = None
    staff.is_active = False
    staff.permissions = []
    staff.jwt_token_key = new_token_key()
    await staff.save(update_fields=["email", "first_name", "last_name", "note", "password_hash", "is_active",
                                    "permissions", "jwt_token_key", "updated_at"])
