"""Saleor's page mutations (issue 17): the operator writes the programme's content pages from the Dashboard.

Pages belong to the operator: MANAGE_PAGES, and no scoped staff (a partner's or a bank's) edits them, since
the pages speak for the whole programme. A page is created of a page type (catalog/graphql/admin/page_types.py)
and carries values of the page attributes its type assigns, checked as gifts' attribute values are
(catalog/services/attribute_values.py).
"""

from __future__ import annotations

import datetime

import strawberry
from strawberry.types.unset import UNSET

from catalog.errors import AttributeStoreErrorCode, CatalogErrorCode
from catalog.graphql.absent.types import (
    PageBulkDelete,
    PageBulkPublish,
    PageCreate,
    PageCreateInput,
    PageDelete,
    PageError,
    PageErrorCode,
    PageInput,
    PageUpdate,
)
from catalog.graphql.admin.attribute_inputs import save_page_values
from catalog.graphql.content import Page
from catalog.graphql.mutations.common import int_id
from catalog.models import Page as PageModel
from catalog.models import PageType as PageTypeModel
from catalog.services import pages
from mall.graphql.context import Info
from mall.graphql.error_codes import ErrorCodes, same_names
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission

_NOT_FOR_PAGES = {
    CatalogErrorCode.INVALID_PRICE, CatalogErrorCode.PRODUCT_NOT_ASSIGNED_TO_CHANNEL,
    CatalogErrorCode.INSUFFICIENT_STOCK, CatalogErrorCode.UNSUPPORTED_MIME_TYPE,
    CatalogErrorCode.LISTING_NOT_APPROVED, CatalogErrorCode.INVALID_REVIEW_TRANSITION,
    CatalogErrorCode.FILE_SIZE_LIMIT_EXCEEDED,
}
# The attribute value checks answer NOT_FOUND, REQUIRED or INVALID, which PageErrorCode has under the same names.
# Nor do they meet ALREADY_EXISTS (values of an attribute being written) or ATTRIBUTE_CANNOT_BE_ASSIGNED.
PAGE_ATTRIBUTE_CODES = same_names(
    AttributeStoreErrorCode, PageErrorCode,
    unreachable={AttributeStoreErrorCode.ALREADY_EXISTS, AttributeStoreErrorCode.ATTRIBUTE_CANNOT_BE_ASSIGNED},
)
PAGE_ERRORS = ErrorCodes(
    PageErrorCode, same_names(CatalogErrorCode, PageErrorCode, unreachable=_NOT_FOR_PAGES), PAGE_ATTRIBUTE_CODES
)


async def require_page_editor(info: Info) -> None:
    principal = await require_permission(info, "MANAGE_PAGES")
    if principal.scope is not None:
        raise PermissionDenied(message="Only the mall operator edits the programme's pages.")


def _published_at(input: PageInput | PageCreateInput) -> datetime.datetime | None:
    """`publishedAt`, or Saleor's deprecated `publicationDate` (a date: its midnight UTC)."""
    if input.published_at:
        return input.published_at
    if not input.publication_date:
        return None
    try:
        day = datetime.date.fromisoformat(input.publication_date)
    except ValueError as error:
        raise DomainError.single("publicationDate", "Use a date as YYYY-MM-DD.", PageErrorCode.INVALID) from error
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


def _page_data(input: PageInput | PageCreateInput) -> pages.PageData:
    values = {name: getattr(input, name) for name in ("title", "slug", "content", "is_published")
              if getattr(input, name) not in (UNSET, None)}
    if input.published_at or input.publication_date:
        values["published_at"] = _published_at(input)
    if input.seo is not None:
        values |= {"seo_title": input.seo.title, "seo_description": input.seo.description}
    data = pages.PageData(**values)
    data.given = set(values)
    return data


async def _page_type(global_id: str) -> PageTypeModel:
    row = await PageTypeModel.get_or_none(id=int_id(global_id, "PageType", "pageType"))
    if row is None:
        raise DomainError.single("pageType", f"Couldn't resolve to a node: {global_id}", PageErrorCode.NOT_FOUND)
    return row


async def _page(global_id: str) -> PageModel:
    page = await PageModel.get_or_none(id=int_id(global_id, "Page", "id"))
    if page is None:
        raise DomainError.single("id", f"Couldn't resolve to a node: {global_id}", PageErrorCode.NOT_FOUND)
    return page


async def _page_ids(global_ids: list[strawberry.ID]) -> list[int]:
    """Every ID must name an existing page: one unknown ID refuses the whole call, as Saleor does."""
    ids = [int_id(global_id, "Page", "ids") for global_id in global_ids]
    found = set(await PageModel.filter(id__in=ids).values_list("id", flat=True))
    if missing := [global_id for global_id, pk in zip(global_ids, ids, strict=True) if pk not in found]:
        raise DomainError.single("ids", f"Couldn't resolve to a node: {missing[0]}", PageErrorCode.NOT_FOUND)
    return ids


@strawberry.type
class PageMutations:
    @strawberry.mutation(description="Creates a new page. Requires MANAGE_PAGES (operator only).")
    async def page_create(self, info: Info, input: PageCreateInput) -> PageCreate | None:
        await require_page_editor(info)

        async def work() -> PageCreate:
            data = _page_data(input)
            data.page_type_id = (await _page_type(input.page_type)).id
            page = await pages.create_page(data)
            await save_page_values(page, input.attributes, creating=True)
            return PageCreate(page=Page.of(page))

        return await run_in_transaction(PageCreate, PageError, PAGE_ERRORS, work)

    @strawberry.mutation(description="Updates an existing page. Requires MANAGE_PAGES (operator only).")
    async def page_update(self, info: Info, id: strawberry.ID, input: PageInput) -> PageUpdate | None:
        await require_page_editor(info)

        async def work() -> PageUpdate:
            page = await pages.update_page(await _page(id), _page_data(input))
            await save_page_values(page, input.attributes if input.attributes else None, creating=False)
            return PageUpdate(page=Page.of(page))

        return await run_in_transaction(PageUpdate, PageError, PAGE_ERRORS, work)

    @strawberry.mutation(description="Deletes a page. Requires MANAGE_PAGES (operator only).")
    async def page_delete(self, info: Info, id: strawberry.ID) -> PageDelete | None:
        await require_page_editor(info)

        async def work() -> PageDelete:
            page = await _page(id)
            shown = Page.of(page)
            await pages.delete_pages([page.id])
            return PageDelete(page=shown)

        return await run_in_transaction(PageDelete, PageError, PAGE_ERRORS, work)

    @strawberry.mutation(description="Deletes pages. Requires MANAGE_PAGES (operator only).")
    async def page_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> PageBulkDelete | None:
        await require_page_editor(info)

        async def work() -> PageBulkDelete:
            return PageBulkDelete(count=await pages.delete_pages(await _page_ids(ids)))

        return await run_in_transaction(PageBulkDelete, PageError, PAGE_ERRORS, work)

    @strawberry.mutation(description="Publish pages. Requires MANAGE_PAGES (operator only).")
    async def page_bulk_publish(
        self, info: Info, ids: list[strawberry.ID], is_published: bool
    ) -> PageBulkPublish | None:
        await require_page_editor(info)

        async def work() -> PageBulkPublish:
            return PageBulkPublish(count=await pages.publish_pages(await _page_ids(ids), is_published))

        return await run_in_transaction(PageBulkPublish, PageError, PAGE_ERRORS, work)
