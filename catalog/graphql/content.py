"""Content pages and navigation menus.

Pages are simple published documents (terms, FAQ, the programme's rules), each of a page type that says which
page attributes it carries.
Menus are not stored: `navbar` is built from the category tree (top-level categories with their children),
so the storefront's navigation follows the catalogue; `footer` lists the programme's content pages (about, points
rules, delivery and returns, privacy, FAQ) that the operator placed there through the pages' metadata.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

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
from catalog.graphql.category import Category
from catalog.graphql.collection import Collection
from catalog.graphql.pagination import counted_connection
from catalog.graphql.translations import MenuItemTranslation, PageTranslation, page_translation_in
from catalog.models import Category as CategoryModel
from catalog.models import Page as PageModel
from catalog.models import PageType as PageTypeModel
from catalog.services.menus import footer_pages, published_pages
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

MENU_SLUGS = {"navbar": (1, "Navbar"), "footer": (2, "Footer")}
MENU_DEPTH = 3  # the storefront renders three levels of items


@dataclass
class _Unstored:
    """A stand-in row for objects the mall derives instead of storing (menus)."""

    id: int
    name: str
    slug: str
    metadata: dict[str, str] = field(default_factory=dict)


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


@strawberry.type(description="Represents a single item of the related menu. Can store categories, collection or pages.")
class MenuItem(Node, ObjectWithMetadata):
    model: strawberry.Private[Any]
    category_row: strawberry.Private[CategoryModel | None]
    page_row: strawberry.Private[PageModel | None]
    menu_row: strawberry.Private[Any]
    parent_item: strawberry.Private[Any]
    child_rows: strawberry.Private[list[CategoryModel]]
    tree: strawberry.Private[MenuTree]

    @classmethod
    def of(cls, row: CategoryModel, menu: Any, tree: MenuTree, parent: Any) -> MenuItem:
        item = _Unstored(row.id, row.name, row.slug)
        return cls(
            id=to_global_id("MenuItem", row.id),
            model=item,
            category_row=row,
            page_row=None,
            menu_row=menu,
            parent_item=parent,
            child_rows=tree.categories.get(row.id, []),
            tree=tree,
        )

    @classmethod
    def of_page(cls, row: PageModel, menu: Any, tree: MenuTree) -> MenuItem:
        # "page-<id>": a footer item never shares its ID with a navbar item of the same number (clients cache by ID)
        return cls(
            id=to_global_id("MenuItem", f"page-{row.id}"),
            model=_Unstored(row.id, row.title, row.slug),
            category_row=None,
            page_row=row,
            menu_row=menu,
            parent_item=None,
            child_rows=[],
            tree=tree,
        )

    @strawberry.field
    def name(self) -> str:
        return self.model.name

    @strawberry.field
    def menu(self) -> Menu:
        return Menu.of(self.menu_row, self.tree)

    @strawberry.field
    def parent(self) -> MenuItem | None:
        return self.parent_item

    @strawberry.field
    def category(self) -> Category | None:
        return Category.of(self.category_row) if self.category_row is not None else None

    @strawberry.field
    def collection(self) -> Collection | None:
        return None

    @strawberry.field
    def page(self) -> Page | None:
        return Page.of(self.page_row) if self.page_row is not None else None

    @strawberry.field
    def level(self) -> int:
        return self.category_row.level if self.category_row is not None else 0

    @strawberry.field
    def children(self) -> list[MenuItem] | None:
        return [MenuItem.of(row, self.menu_row, self.tree, self) for row in self.child_rows]

    @strawberry.field(description="URL to the menu item.")
    def url(self) -> str | None:
        return None

    @strawberry.field(
        description="Returns translated menu item fields for the given language code: a page's item is named by "
        "the page's translated title; category items have none."
    )
    async def translation(self, language_code: LanguageCodeEnum) -> MenuItemTranslation | None:
        if self.page_row is None:
            return None
        translated = await page_translation_in(self.page_row.id, language_code)
        if translated is None or not translated.title:
            return None
        return MenuItemTranslation(
            id=to_global_id("MenuItemTranslation", f"page-{self.page_row.id}"),
            language=translated.language,
            name=translated.title,
        )


@strawberry.type(description="Represents a single menu - an object that is used to help navigate through the store.")
class Menu(Node, ObjectWithMetadata):
    model: strawberry.Private[Any]
    tree: strawberry.Private[MenuTree]

    @classmethod
    def of(cls, menu: Any, tree: MenuTree) -> Menu:
        return cls(id=to_global_id("Menu", menu.id), model=menu, tree=tree)

    @strawberry.field
    def name(self) -> str:
        return self.model.name

    @strawberry.field
    def slug(self) -> str:
        return self.model.slug

    @strawberry.field
    def items(self) -> list[MenuItem] | None:
        if self.tree.pages is not None:
            return [MenuItem.of_page(row, self.model, self.tree) for row in self.tree.pages]
        return [MenuItem.of(row, self.model, self.tree, None) for row in self.tree.categories.get(None, [])]


@dataclass
class MenuTree:
    """What a menu lists: the category tree (`navbar`), or content pages in the operator's order (`footer`)."""

    categories: dict[int | None, list[CategoryModel]] = field(default_factory=dict)
    pages: list[PageModel] | None = None


def category_menu(slug: str, categories: list[CategoryModel], pages: list[PageModel] | None = None) -> Menu | None:
    """`navbar`: top-level categories and their children, in slug order. `footer`: the content pages among `pages`
    placed in it (`footer_pages`)."""
    if slug not in MENU_SLUGS:
        return None
    menu_id, name = MENU_SLUGS[slug]
    tree = MenuTree()
    for row in sorted(categories, key=lambda category: (category.level, category.slug)):
        if row.level < MENU_DEPTH:
            tree.categories.setdefault(row.parent_id, []).append(row)  # type: ignore[attr-defined]
    if slug == "footer":
        tree.pages = footer_pages(pages or [])
    return Menu.of(_Unstored(menu_id, name, slug), tree)


def menu_by_id(menu_id: int, categories: list[CategoryModel], pages: list[PageModel] | None = None) -> Menu | None:
    slug = next((slug for slug, (pk, _) in MENU_SLUGS.items() if pk == menu_id), None)
    return category_menu(slug, categories, pages) if slug else None


async def menu_pages(slug: str | None, menu_id: int | None = None) -> list[PageModel]:
    """The content pages a menu may list: read only for the footer (a handful of rows, no loader)."""
    footer_id = MENU_SLUGS["footer"][0]
    return await published_pages() if slug == "footer" or menu_id == footer_id else []
