"""A user's own metadata (Saleor's `updateMetadata` / `deleteMetadata` on the signed-in user): the Dashboard
keeps its onboarding state and pinned navigation there."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kernel.errors import DomainError
from mall.accounts.errors import AccountsErrorCode
from mall.accounts.models import User

MAX_KEYS = 100  # metadata is for small client state, not storage


async def change_metadata(user: User, private: bool, set_items: Mapping[str, str], delete_keys: Iterable[str]) -> User:
    """Set and delete keys of the user's public (or private) metadata; raises DomainError for an empty key."""
    if any(not key.strip() for key in set_items):
        raise DomainError.single("input", "Metadata key cannot be empty.", AccountsErrorCode.REQUIRED)
    column = "private_metadata" if private else "metadata"
    current = dict(getattr(user, column) or {})
    current.update(set_items)
    for key in delete_keys:
        current.pop(key, None)
    if len(current) > MAX_KEYS:
        raise DomainError.single("input", f"At most {MAX_KEYS} metadata keys.", AccountsErrorCode.INVALID)
    setattr(user, column, current)
    await user.save(update_fields=[column])
    return user
