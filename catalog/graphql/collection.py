"""`Collection`: a curated set of gifts (featured, seasonal), published per channel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from catalog.graphql import loaders
from catalog.graphql.context import CatalogView
from catalog.graphql.deprecation import deprecated
from catalog.graphql.inputs import USE_WHERE, ProductFilterInput, ProductOrder, ProductWhereInput
from catalog.graphql.listings import CollectionChannelListing
from catalog.graphql.media import stored_image
from catalog.graphql.pagination import counted_connection
from catalog.graphql.translations import CollectionTranslation
from catalog.models import Collection as CollectionModel
from mall.graphql.common import Image, Node, ObjectWithMetadata
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum, ThumbnailFormatEnum
from mall.graphql.ids import to_global_id
from mall.graphql.permissions import require_permission
from mall.graphql.scalars import JSONString

if TYPE_CHECKING:
    from catalog.graphql.product import ProductCountableConnection

ProductConnectionRef = Annotated["ProductCountableConnection", strawberry.lazy("catalog.graphql.product")]


@strawberry.type(description="Represents a collection of products.")
class Collection(Node, ObjectWithMetadata):
    model: strawberry.Private[CollectionModel]
    view: strawberry.Private[CatalogView]

    @classmethod
    def of(cls, model: CollectionModel, view: CatalogView) -> Collection:
        return cls(id=to_global_id("Collection", model.id), model=model, view=view)

    @strawberry.field(description="SEO title of the collection.")
    def seo_title(self) -> str | None:
        return self.model.seo_title or None

    @strawberry.field(description="SEO description of the collection.")
    def seo_description(self) -> str | None:
        return self.model.seo_description or None

    @strawberry.field(description="Name of the collection.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="Description of the collection. Rich text format (https://editorjs.io/).")
    def description(self) -> JSONString | None:
        return self.model.description

    @strawberry.field(description="Slug of the collection.")
    def slug(self) -> str:
        return self.model.slug

    @strawberry.field(description="Channel given to retrieve this collection.")
    def channel(self) -> str | None:
        return self.view.channel_slug

    @strawberry.field(
        description="Description of the collection.", deprecation_reason="Use the `description` field instead."
    )
    def description_json(self) -> JSONString | None:
        return self.model.description

    @strawberry.field(description="List of products in this collection (visible in the collection's channel).")
    async def products(
        self,
        info: Info,
        filter: Annotated[ProductFilterInput | None, strawberry.argument(description=deprecated(USE_WHERE))] = None,
        where: ProductWhereInput | None = None,
        search: str | None = None,
        sort_by: ProductOrder | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> ProductConnectionRef | None:
        from catalog.graphql.product_lists import ProductListRequest, product_connection

        request = ProductListRequest(None, filter, where, sort_by, search, first, last, after, before)
        return await product_connection(info, request, view=self.view, collection_id=self.model.id)

    @strawberry.field(description="Background image of the collection.")
    def background_image(
        self,
        info: Info,
        size: int | None = None,
        format: ThumbnailFormatEnum | None = ThumbnailFormatEnum.ORIGINAL,
    ) -> Image | None:
        return stored_image(info, self.model.background_image, self.model.background_image_alt)

    @strawberry.field(description="Returns translated collection fields for the given language code.")
    def translation(self, language_code: LanguageCodeEnum) -> CollectionTranslation | None:
        return None

    @strawberry.field(description="List of channels in which the collection is available. Requires MANAGE_PRODUCTS.")
    async def channel_listings(self, info: Info) -> list[CollectionChannelListing] | None:
        await require_permission(info, "MANAGE_PRODUCTS")
        return [
            CollectionChannelListing.of(row)
            for row in await loaders.listings_of_collection(info.context, self.model.id)
        ]


async def collection_visible(info: Info, collection: CollectionModel, view: CatalogView) -> bool:
    """The in-memory twin of `visible_collections` for one collection."""
    if view.viewer.sees_everything and view.channel is None:
        return True
    if view.channel is None:
        return False
    listings = [
        row
        for row in await loaders.listings_of_collection(info.context, collection.id)
        if row.channel_id == view.channel.id
    ]
    if view.viewer.sees_everything:
        return bool(listings)
    return view.channel.is_active and any(
        row.is_published and (row.published_at is None or row.published_at <= view.now) for row in listings
    )


CollectionCountableConnection, CollectionCountableEdge = counted_connection(Collection, "Collection")
