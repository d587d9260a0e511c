"""Content pages: simple published documents (terms, FAQ, the programme's rules), each of a page type that says
which page attributes it carries. The menus that list them are stored (catalog/graphql/menus.py)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from catalog.graphql import attribute_loaders
from catalog.graphql.attributes import (
    AssignedAttribute,
    Attribute,
    ObjectWithAttributes,
    SelectedAttribute,
    assigned_attribute,
    assigned_attributes,
    selected_attributes,
)
from catalog.graphql.pagination import counted_connection
from catalog.graphql.translations import PageTranslation, page_translation_in
from catalog.models import Page as PageModel
from catalog.models import PageType as PageTypeModel
from mall.graphql.common import Node, ObjectWithMetadata
from mall.graphql.connection import PageArgs
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum
from mall.graphql.ids import to_global_id
from mall.graphql.permissions import has_any_permission
from mall.graphql.scalars import JSONString, PositiveInt

if TYPE_CHECKING:
    from catalog.graphql.admin.inputs import AttributeFilterInput, AttributeWhereInput
    from catalog.graphql.admin.queries import AttributeCountableConnection

# The back office's types (catalog/graphql/admin), which import this module
AttributeFilterRef = Annotated["AttributeFilterInput", strawberry.lazy("catalog.graphql.admin.inputs")]
AttributeWhereRef = Annotated["AttributeWhereInput", strawberry.lazy("catalog.graphql.admin.inputs")]
AttributeConnectionRef = Annotated["AttributeCountableConnection", strawberry.lazy("catalog.graphql.admin.queries")]

PAGE_READERS = ("MANAGE_PAGES", "MANAGE_PAGE_TYPES_AND_ATTRIBUTES")


async def _page_types(ids: list[int]) -> list[PageTypeModel | None]:
    rows = {row.id: row for row in await PageTypeModel.filter(id__in=set(ids))}
    return [rows.get(pk) for pk in ids]


async def _types_with_pages(ids: list[int]) -> list[bool]:
    # Ordered by the selected column: PostgreSQL refuses DISTINCT with the model's default ordering (slug)
    rows = PageModel.filter(page_type_id__in=set(ids)).distinct().order_by("page_type_id")
    used = set(await rows.values_list("page_type_id", flat=True))
    return [pk in used for pk in ids]


@strawberry.type(description="Represents a type of page. It defines what attributes are available to pages.")
class PageType(Node, ObjectWithMetadata):
    model: strawberry.Private[PageTypeModel]

    @classmethod
    def of(cls, model: PageTypeModel) -> PageType:
        return cls(id=to_global_id("PageType", model.id), model=model)

    @strawberry.field(description="Name of the page type.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="Slug of the page type.")
    def slug(self) -> str:
        return self.model.slug

    @strawberry.field(description="Page attributes of that page type, in its order.")
    async def attributes(self, info: Info) -> list[Attribute] | None:
        links = await attribute_loaders.page_links(info.context, self.model.id)
        return [Attribute.of(link.attribute) for link in links]

    @strawberry.field(description="Whether page type has pages assigned.")
    async def has_pages(self, info: Info) -> bool | None:
        return await info.context.loader("catalog.page_type_has_pages", _types_with_pages).load(self.model.id)  # type: ignore[no-any-return]

    @strawberry.field(
        description="Page attributes not assigned to this page type yet: what can be assigned. "
        "Requires MANAGE_PAGE_TYPES_AND_ATTRIBUTES."
    )
    async def available_attributes(
        self,
        info: Info,
        filter: AttributeFilterRef | None = None,
        where: AttributeWhereRef | None = None,
        search: str | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> AttributeConnectionRef | None:
        from catalog.graphql.admin.attribute_lists import available_page_attributes

        args = PageArgs(first, last, after, before)
        return await available_page_attributes(info, self.model, filter, where, search, args)


PageTypeCountableConnection, PageTypeCountableEdge = counted_connection(PageType, "PageType")


async def page_type_of(info: Info, page_type_id: int) -> PageType | None:
    row = await info.context.loader("catalog.page_type", _page_types).load(page_type_id)
    return PageType.of(row) if row is not None else None


@strawberry.type(description="A static page that can be manually added by a shop operator through the dashboard.")
class Page(Node, ObjectWithMetadata, ObjectWithAttributes):
    model: strawberry.Private[PageModel]

    @classmethod
    def of(cls, model: PageModel) -> Page:
        return cls(id=to_global_id("Page", model.id), model=model)

    @strawberry.field(description="Title of the page for SEO.")
    def seo_title(self) -> str | None:
        return self.model.seo_title

    @strawberry.field(description="Description of the page for SEO.")
    def seo_description(self) -> str | None:
        return self.model.seo_description

    @strawberry.field(description="Title of the page.")
    def title(self) -> str:
        return self.model.title

    @strawberry.field(description="Content of the page. Rich text format (https://editorjs.io/).")
    def content(self) -> JSONString | None:
        return self.model.content

    @strawberry.field(deprecation_reason="Use the `publishedAt` field to fetch the publication date.")
    def publication_date(self) -> datetime.date | None:
        published_at = self.published_at()
        return published_at.date() if published_at else None

    @strawberry.field(description="The page publication date.")
    def published_at(self) -> datetime.datetime | None:
        # Pages written before the mall stored a date count as published since they were created
        return (self.model.published_at or self.model.created_at) if self.model.is_published else None

    @strawberry.field(description="Determines if the page is visible in the storefront.")
    def is_published(self) -> bool:
        return self.model.is_published

    @strawberry.field(description="Slug of the page.")
    def slug(self) -> str:
        return self.model.slug

    @strawberry.field(description="Determines the type of page")
    async def page_type(self, info: Info) -> PageType:
        return await page_type_of(info, self.model.page_type_id)  # type: ignore[attr-defined, return-value]

    @strawberry.field(description="Date and time at which page was created.")
    def created(self) -> datetime.datetime:
        return self.model.created_at

    @strawberry.field(description="Content of the page.", deprecation_reason="Use the `content` field instead.")
    def content_json(self) -> JSONString:
        return self.model.content or {}

    @strawberry.field(description="Returns translated page fields for the given language code.")
    async def translation(self, language_code: LanguageCodeEnum) -> PageTranslation | None:
        return await page_translation_in(self.model.id, language_code)

    @strawberry.field(
        description="Get a single attribute attached to page by attribute slug.",
        deprecation_reason="Use `assignedAttribute` field instead.",
    )
    async def attribute(self, info: Info, slug: str) -> SelectedAttribute | None:
        return next((item for item in await self._attributes(info) if item.attribute.slug == slug), None)

    @strawberry.field(
        description="List of attributes assigned to this page: every attribute its page type assigns, with the "
        "values the page carries (visitors see attributes visible in the storefront only).",
        deprecation_reason="Use `assignedAttributes` field instead.",
    )
    async def attributes(self, info: Info) -> list[SelectedAttribute]:
        return await self._attributes(info)

    @strawberry.field(description="Get a single attribute attached to the page by attribute slug.")
    async def assigned_attribute(self, info: Info, slug: str) -> AssignedAttribute | None:
        return assigned_attribute(await self._attributes(info), slug)

    @strawberry.field(description="List of attributes assigned to the page, with the values it carries.")
    async def assigned_attributes(self, info: Info, limit: PositiveInt | None = 100) -> list[AssignedAttribute]:
        return assigned_attributes(await self._attributes(info), limit)

    async def _attributes(self, info: Info) -> list[SelectedAttribute]:
        storefront = not has_any_permission(await info.context.principal(), PAGE_READERS)
        links = await attribute_loaders.page_links(info.context, self.model.page_type_id)  # type: ignore[attr-defined]
        values = await attribute_loaders.page_values(info.context, self.model.id)
        chosen = attribute_loaders.selected([link.attribute for link in links], values, storefront)
        return selected_attributes(chosen)


PageCountableConnection, PageCountableEdge = counted_connection(Page, "Page")
