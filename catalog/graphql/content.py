"""Content pages and navigation menus.

Pages are simple published documents (terms, FAQ, the programme's rules) of one built-in page type.
Menus are not stored: `navbar` and `footer` are built from the category tree (top-level categories with
their children), so the storefront's navigation follows the catalogue.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from catalog.graphql.attributes import Attribute, ObjectWithAttributes, SelectedAttribute
from catalog.graphql.category import Category
from catalog.graphql.collection import Collection
from catalog.graphql.pagination import counted_connection
from catalog.graphql.translations import MenuItemTranslation, PageTranslation, page_translation_in
from catalog.models import Category as CategoryModel
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

MENU_SLUGS = {"navbar": (1, "Navbar"), "footer": (2, "Footer")}
MENU_DEPTH = 3  # the storefront renders three levels of items


@dataclass
class _Unstored:
    """A stand-in row for objects the mall derives instead of storing (page type, menus)."""

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
        return self.model.title

    @strawberry.field(description="Description of the page for SEO.")
    def seo_description(self) -> str | None:
        return None

    @strawberry.field(description="Title of the page.")
    def title(self) -> str:
        return self.model.title

    @strawberry.field(description="Content of the page. Rich text format (https://editorjs.io/).")
    def content(self) -> JSONString | None:
        return self.model.content

    @strawberry.field(deprecation_reason="Use the `publishedAt` field to fetch the publication date.")
    def publication_date(self) -> datetime.date | None:
        return self.model.created_at.date() if self.model.is_published else None

    @strawberry.field(description="The page publication date.")
    def published_at(self) -> datetime.datetime | None:
        return self.model.created_at if self.model.is_published else None

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


@strawberry.type(description="Represents a single item of the related menu. Can store categories, collection or pages.")
class MenuItem(Node, ObjectWithMetadata):
    model: strawberry.Private[Any]
    category_row: strawberry.Private[CategoryModel]
    menu_row: strawberry.Private[Any]
    parent_item: strawberry.Private[Any]
    child_rows: strawberry.Private[list[CategoryModel]]
    tree: strawberry.Private[dict[int | None, list[CategoryModel]]]

    @classmethod
    def of(cls, row: CategoryModel, menu: Any, tree: dict[int | None, list[CategoryModel]], parent: Any) -> MenuItem:
        item = _Unstored(row.id, row.name, row.slug)
        return cls(
            id=to_global_id("MenuItem", row.id),
            model=item,
            category_row=row,
            menu_row=menu,
            parent_item=parent,
            child_rows=tree.get(row.id, []),
            tree=tree,
        )

    @strawberry.field
    def name(self) -> str:
        return self.category_row.name

    @strawberry.field
    def menu(self) -> Menu:
        return Menu.of(self.menu_row, self.tree)

    @strawberry.field
    def parent(self) -> MenuItem | None:
        return self.parent_item

    @strawberry.field
    def category(self) -> Category | None:
        return Category.of(self.category_row)

    @strawberry.field
    def collection(self) -> Collection | None:
        return None

    @strawberry.field
    def page(self) -> Page | None:
        return None

    @strawberry.field
    def level(self) -> int:
        return self.category_row.level

    @strawberry.field
    def children(self) -> list[MenuItem] | None:
        return [MenuItem.of(row, self.menu_row, self.tree, self) for row in self.child_rows]

    @strawberry.field(description="URL to the menu item.")
    def url(self) -> str | None:
        return None

    @strawberry.field(description="Returns translated menu item fields for the given language code.")
    def translation(self, language_code: LanguageCodeEnum) -> MenuItemTranslation | None:
        return None


@strawberry.type(description="Represents a single menu - an object that is used to help navigate through the store.")
class Menu(Node, ObjectWithMetadata):
    model: strawberry.Private[Any]
    tree: strawberry.Private[dict[int | None, list[CategoryModel]]]

    @classmethod
    def of(cls, menu: Any, tree: dict[int | None, list[CategoryModel]]) -> Menu:
        return cls(id=to_global_id("Menu", menu.id), model=menu, tree=tree)

    @strawberry.field
    def name(self) -> str:
        return self.model.name

    @strawberry.field
    def slug(self) -> str:
        return self.model.slug

    @strawberry.field
    def items(self) -> list[MenuItem] | None:
        return [MenuItem.of(row, self.model, self.tree, None) for row in self.tree.get(None, [])]


def category_menu(slug: str, categories: list[CategoryModel]) -> Menu | None:
    """`navbar` and `footer`: top-level categories and their children, in slug order."""
    if slug not in MENU_SLUGS:
        return None
    menu_id, name = MENU_SLUGS[slug]
    tree: dict[int | None, list[CategoryModel]] = {}
    for row in sorted(categories, key=lambda category: (category.level, category.slug)):
        if row.level < MENU_DEPTH:
            tree.setdefault(row.parent_id, []).append(row)  # type: ignore[attr-defined]
    return Menu.of(_Unstored(menu_id, name, slug), tree)


def menu_by_id(menu_id: int, categories: list[CategoryModel]) -> Menu | None:
    slug = next((slug for slug, (pk, _) in MENU_SLUGS.items() if pk == menu_id), None)
    return category_menu(slug, categories) if slug else None
