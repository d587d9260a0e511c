"""Saleor's metadata mutations (`updateMetadata`, `deleteMetadata` and their private twins) for the signed-in
user's own account, which is what the Dashboard sends them for (onboarding state). Other objects keep their
metadata through their own update mutations' `metadata` input: for them these answer INVALID."""

from __future__ import annotations

from typing import Any

import strawberry

from kernel.global_ids import decode_global_id
from mall.accounts.errors import AccountsErrorCode
from mall.accounts.metadata import change_metadata
from mall.graphql.common import ObjectWithMetadata
from mall.graphql.context import Info
from mall.graphql.error_codes import ErrorCodes, all_but, same_names
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.inputs import MetadataInput
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_user
from mall.graphql.saleor_absent.generated import MetadataError, MetadataErrorCode

ERRORS = "List of errors that occurred executing the mutation."
METADATA_ERRORS = ErrorCodes(
    MetadataErrorCode,
    same_names(AccountsErrorCode, MetadataErrorCode,
               unreachable=all_but(AccountsErrorCode, AccountsErrorCode.REQUIRED, AccountsErrorCode.INVALID)),
)


@strawberry.type(description="Updates metadata of an object.")
class UpdateMetadata:
    item: ObjectWithMetadata | None = strawberry.field(default=None)
    errors: list[MetadataError] = strawberry.field(default_factory=list, description=ERRORS)


@strawberry.type(description="Delete metadata of an object.")
class DeleteMetadata:
    item: ObjectWithMetadata | None = strawberry.field(default=None)
    errors: list[MetadataError] = strawberry.field(default_factory=list, description=ERRORS)


@strawberry.type(description="Updates private metadata of an object.")
class UpdatePrivateMetadata:
    item: ObjectWithMetadata | None = strawberry.field(default=None)
    errors: list[MetadataError] = strawberry.field(default_factory=list, description=ERRORS)


@strawberry.type(description="Delete object's private metadata.")
class DeletePrivateMetadata:
    item: ObjectWithMetadata | None = strawberry.field(default=None)
    errors: list[MetadataError] = strawberry.field(default_factory=list, description=ERRORS)


async def _change(info: Info, payload: type, global_id: str, private: bool, items: dict[str, str],
                  keys: list[str]) -> Any:
    async def work() -> Any:
        from mall.graphql.composed import User

        user = await require_user(info)
        decoded = decode_global_id(global_id)
        if decoded is None or decoded[0] != "User":
            raise DomainError.single("id", "Here metadata mutations change the signed-in user's own metadata; "
                                     "other objects take `metadata` in their own update mutations.",
                                     MetadataErrorCode.INVALID)
        if decoded[1] != str(user.id):
            raise PermissionDenied()
        if private and not user.is_staff:
            raise PermissionDenied()
        return payload(item=User.of(await change_metadata(user, private, items, keys)))

    return await run_in_transaction(payload, MetadataError, METADATA_ERRORS, work)


@strawberry.type
class MetadataMutations:
    @strawberry.mutation(description="Updates metadata of the signed-in user (see module doc).")
    async def update_metadata(self, info: Info, id: strawberry.ID, input: list[MetadataInput]) -> UpdateMetadata | None:
        return await _change(info, UpdateMetadata, id, False, {i.key: i.value for i in input}, [])

    @strawberry.mutation(description="Delete metadata of the signed-in user.")
    async def delete_metadata(self, info: Info, id: strawberry.ID, keys: list[str]) -> DeleteMetadata | None:
        return await _change(info, DeleteMetadata, id, False, {}, keys)

    @strawberry.mutation(description="Updates private metadata of the signed-in staff user.")
    async def update_private_metadata(self, info: Info, id: strawberry.ID,
                                      input: list[MetadataInput]) -> UpdatePrivateMetadata | None:
        return await _change(info, UpdatePrivateMetadata, id, True, {i.key: i.value for i in input}, [])

    @strawberry.mutation(description="Delete private metadata of the signed-in staff user.")
    async def delete_private_metadata(self, info: Info, id: strawberry.ID,
                                      keys: list[str]) -> DeletePrivateMetadata | None:
        return await _change(info, DeletePrivateMetadata, id, True, {}, keys)
