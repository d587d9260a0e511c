"""Saleor's page types from the Dashboard's "Models" pages: `pageTypes`, `pageType`, `pageTypeCreate`, `pageTypeUpdate`,
`pageTypeDelete`, `pageTypeBulkDelete`, `pageAttributeAssign`, `pageAttributeUnassign`, `pageTypeReorderAttributes`.

Page types classify the programme's own pages, which speak for the whole programme: writes need Saleor's
MANAGE_PAGE_TYPES_AND_ATTRIBUTES and are the operator's alone (a partner's or a bank's staff are refused, as for
the pages themselves). Refusals answer in PageErrorCode, as Saleor's do, and write nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from catalog.errors import AttributeStoreErrorCode
from catalog.graphql.absent.types import (
    PageAttributeAssign,
    PageAttributeUnassign,
    PageError,
    PageErrorCode,
    PageTypeBulkDelete,
    PageTypeCreate,
    PageTypeCreateInput,
    PageTypeDelete,
    PageTypeFilterInput,
    PageTypeReorderAttributes,
    PageTypeSortingInput,
    PageTypeUpdate,
    PageTypeUpdateInput,
)
from catalog.graphql.admin.inputs import ReorderInput
from catalog.graphql.content import PageType, PageTypeCountableConnection
from catalog.graphql.lists import page_type_list
from catalog.graphql.mutations.common import int_id
from catalog.models import Attribute as AttributeModel
from catalog.models import PageType as PageTypeModel
from catalog.services import page_types
from mall.graphql.connection import PageArgs
from mall.graphql.context import Info
from mall.graphql.error_codes import ErrorCodes, same_names
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.ids import parse_int_id
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission

PERMISSION = "MANAGE_PAGE_TYPES_AND_ATTRIBUTES"
# Page type services never write attribute values (ALREADY_EXISTS) and refuse product attributes as INVALID.
PAGE_TYPE_ERRORS = ErrorCodes(
    PageErrorCode,
    same_names(
        AttributeStoreErrorCode,
        PageErrorCode,
        unreachable={AttributeStoreErrorCode.ALREADY_EXISTS, AttributeStoreErrorCode.ATTRIBUTE_CANNOT_BE_ASSIGNED},
    ),
)


async def _operator(info: Info) -> None:
    principal = await require_permission(info, PERMISSION)
    if principal.scope is not None:
        raise PermissionDenied(message="Only the mall operator manages page types.")


def _not_found(global_id: str, field: str) -> DomainError:
    return DomainError.single(field, f"Couldn't resolve to a node: {global_id}", PageErrorCode.NOT_FOUND)


async def _page_type(global_id: str, field: str = "id") -> PageTypeModel:
    row = await PageTypeModel.get_or_none(id=int_id(global_id, "PageType", field))
    if row is None:
        raise _not_found(global_id, field)
    return row


async def _attributes(global_ids: list[strawberry.ID] | None, field: str) -> list[AttributeModel]:
    """The attributes named, in the order given; one unknown ID refuses the whole call."""
    keys = [int_id(global_id, "Attribute", field) for global_id in global_ids or []]
    rows = {row.id: row for row in await AttributeModel.filter(id__in=keys)}
    for global_id, key in zip(global_ids or [], keys, strict=True):
        if key not in rows:
            raise _not_found(global_id, field)
    return [rows[key] for key in keys]


def _data(input: PageTypeCreateInput | PageTypeUpdateInput) -> page_types.PageTypeData:
    given = {name for name in ("name", "slug") if getattr(input, name) not in (UNSET, None)}
    return page_types.PageTypeData(name=input.name or None, slug=input.slug or None, given=given)


def _run(payload: type, work: Callable[[], Awaitable[Any]]) -> Any:
    return run_in_transaction(payload, PageError, PAGE_TYPE_ERRORS, work)


@strawberry.type
class PageTypeQueries:
    @strawberry.field(description="Look up a page type by ID.")
    async def page_type(self, id: strawberry.ID) -> PageType | None:
        row = await PageTypeModel.get_or_none(id=parse_int_id(id, "PageType"))
        return PageType.of(row) if row is not None else None

    @strawberry.field(description="List of the page types.")
    async def page_types(
        self,
        info: Info,
        sort_by: PageTypeSortingInput | None = None,
        filter: PageTypeFilterInput | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> PageTypeCountableConnection | None:  # type: ignore[valid-type]
        return await page_type_list(info, filter, sort_by, PageArgs(first, last, after, before))  # type: ignore[no-any-return]


@strawberry.type
class PageTypeMutations:
    @strawberry.mutation(description="Creates a new page type. Operator only.")
    async def page_type_create(self, info: Info, input: PageTypeCreateInput) -> PageTypeCreate | None:
        await _operator(info)

        async def work() -> PageTypeCreate:
            attributes = await _attributes(input.add_attributes, "addAttributes")
            return PageTypeCreate(page_type=PageType.of(await page_types.create_page_type(_data(input), attributes)))

        return await _run(PageTypeCreate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Updates page type. Operator only.")
    async def page_type_update(
        self, info: Info, input: PageTypeUpdateInput, id: strawberry.ID | None = None
    ) -> PageTypeUpdate | None:
        await _operator(info)

        async def work() -> PageTypeUpdate:
            if id is None:
                raise DomainError.single("id", "Give the page type's ID.", PageErrorCode.REQUIRED)
            page_type = await _page_type(id)
            added = await _attributes(input.add_attributes, "addAttributes")
            removed = [attribute.id for attribute in await _attributes(input.remove_attributes, "removeAttributes")]
            await page_types.update_page_type(page_type, _data(input), added, removed)
            return PageTypeUpdate(page_type=PageType.of(page_type))

        return await _run(PageTypeUpdate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Deletes a page type (refused while pages use it). Operator only.")
    async def page_type_delete(self, info: Info, id: strawberry.ID) -> PageTypeDelete | None:
        await _operator(info)

        async def work() -> PageTypeDelete:
            page_type = await _page_type(id)
            shown = PageType.of(page_type)
            await page_types.delete_page_types([page_type.id])
            return PageTypeDelete(page_type=shown)

        return await _run(PageTypeDelete, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Deletes page types: all or none (refused while pages use one). Operator only.")
    async def page_type_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> PageTypeBulkDelete | None:
        await _operator(info)

        async def work() -> PageTypeBulkDelete:
            keys = [(await _page_type(global_id, "ids")).id for global_id in ids]
            await page_types.delete_page_types(keys, "ids")
            return PageTypeBulkDelete()

        return await _run(PageTypeBulkDelete, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Assign page attributes to a given page type. Operator only.")
    async def page_attribute_assign(
        self, info: Info, attribute_ids: list[strawberry.ID], page_type_id: strawberry.ID
    ) -> PageAttributeAssign | None:
        await _operator(info)

        async def work() -> PageAttributeAssign:
            page_type = await _page_type(page_type_id, "pageTypeId")
            await page_types.assign_attributes(page_type, await _attributes(attribute_ids, "attributeIds"))
            return PageAttributeAssign(page_type=PageType.of(page_type))

        return await _run(PageAttributeAssign, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Unassign attributes from a given page type: their values leave its pages. Operator only."
    )
    async def page_attribute_unassign(
        self, info: Info, attribute_ids: list[strawberry.ID], page_type_id: strawberry.ID
    ) -> PageAttributeUnassign | None:
        await _operator(info)

        async def work() -> PageAttributeUnassign:
            page_type = await _page_type(page_type_id, "pageTypeId")
            keys = [int_id(global_id, "Attribute", "attributeIds") for global_id in attribute_ids]
            await page_types.unassign_attributes(page_type, keys)
            return PageAttributeUnassign(page_type=PageType.of(page_type))

        return await _run(PageAttributeUnassign, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Reorder the attributes of a page type. Operator only.")
    async def page_type_reorder_attributes(
        self, info: Info, moves: list[ReorderInput], page_type_id: strawberry.ID
    ) -> PageTypeReorderAttributes | None:
        await _operator(info)

        async def work() -> PageTypeReorderAttributes:
            page_type = await _page_type(page_type_id, "pageTypeId")
            steps = [(int_id(move.id, "Attribute", "moves"), move.sort_order or 0) for move in moves]
            await page_types.reorder_attributes(page_type, steps)
            return PageTypeReorderAttributes(page_type=PageType.of(page_type))

        return await _run(PageTypeReorderAttributes, work)  # type: ignore[no-any-return]
