"""Content pages: simple published documents (terms, FAQ, the programme's rules) of one built-in page type.
The menus that list them are stored (catalog/graphql/menus.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from catalog.graphql.attributes import Attribute, ObjectWithAttributes, SelectedAttribute
from catalog.graphql.pagination import counted_connection
from catalog.graphql.translations import PageTranslation, page_translation_in
from catalog.models import Page as PageModel
from mall.graphql.common import Node, ObjectWithMetadata
from mall.graphql.connection import PageArgs, empty_connection
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum
from mall.graphql.ids import to_global_id
from mall.graphql.scalars import JSONString

if TYPE_CHECKING:
    from catalog.graphql.admin.inputs import AttributeFilterInput, AttributeWhereInput
    from catalog.graphql.admin.queries import AttributeCountableConnection

# The back office's types (catalog/graphql/admin), which import this module
AttributeFilterRef = Annotated["AttributeFilterInput", strawberry.lazy("catalog.graphql.admin.inputs")]
AttributeWhereRef = Annotated["AttributeWhereInput", strawberry.lazy("catalog.graphql.admin.inputs")]
AttributeConnectionRef = Annotated["AttributeCountableConnection", strawberry.lazy("catalog.graphql.admin.queries")]

@dataclass
class _Unstored:
    """A stand-in row for objects the mall derives instead of storing (the page type)."""

    id: int
    name: str
    slug: str
    metadata: dict[str, str] = field(default_factory=dict)


CONTENT_PAGE_TYPE = _Unstored(1, "Content page", "content-page")


@strawberry.type(description="Represents a type of page. It defines what attributes are available to pages.")
class PageType(Node, ObjectWithMetadata):
    model: strawberry.Private[Any]

    @classmethod
    def default(cls) -> PageType:
        return cls(id=to_global_id("PageType", CONTENT_PAGE_TYPE.id), model=CONTENT_PAGE_TYPE)

    @strawberry.field(description="Name of the page type.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="Slug of the page type.")
    def slug(self) -> str:
        return self.model.slug

    @strawberry.field(description="Page attributes of that page type.")
    def attributes(self) -> list[Attribute] | None:
        return []

    @strawberry.field(description="Whether page type has pages assigned.")
    def has_pages(self) -> bool | None:
        return True

    @strawberry.field(description="Attributes that can be assigned: none, the mall has one page type and assigns it "
                      "no attributes.")
    def available_attributes(
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
        from catalog.graphql.admin.queries import AttributeCountableConnection

        return empty_connection(info, PageArgs(first, last, after, before), AttributeCountableConnection)


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
    def page_type(self) -> PageType:
        return PageType.default()

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
    def attribute(self, slug: str) -> SelectedAttribute | None:
        return None

    @strawberry.field(
        description="List of attributes assigned to this page.",
        deprecation_reason="Use `assignedAttributes` field instead.",
    )
    def attributes(self) -> list[SelectedAttribute]:
        return []


PageCountableConnection, PageCountableEdge = counted_connection(Page, "Page")
