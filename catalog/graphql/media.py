"""Product media and images: files in the storage backend (local folder or S3) or external links.

Images are served as stored: `size` and `format` are accepted for compatibility and ignored (no resizing).
"""

from __future__ import annotations

import strawberry

from catalog.graphql.enums import MediaChoicesSortField, ProductMediaType
from catalog.graphql.lean import lean_field
from catalog.models import ProductMedia as ProductMediaModel
from mall.graphql.common import Image, Node, ObjectWithMetadata
from mall.graphql.context import Context
from mall.graphql.enums import OrderDirection, ThumbnailFormatEnum
from mall.graphql.ids import to_global_id
from mall.graphql.scalars import JSONString
from mall.settings import Settings
from mall.storage import storage_for


def stored_url(settings: Settings | None, key: str) -> str:
    """The public URL of a stored file; relative (`/media/...`) when no request settings are at hand."""
    if settings is None:
        return f"/media/{key}"
    return storage_for(settings).url(key)


def media_url(settings: Settings | None, media: ProductMediaModel) -> str:
    return stored_url(settings, media.storage_key) if media.storage_key else media.external_url


def image_of(settings: Settings | None, media: ProductMediaModel, fallback_alt: str) -> Image:
    return Image(url=media_url(settings, media), alt=media.alt or fallback_alt)


def _settings(context: Context | None) -> Settings | None:
    return context.settings if context is not None else None


@strawberry.input
class MediaSortingInput:
    direction: OrderDirection = strawberry.field(description="Specifies the direction in which to sort media.")
    field: MediaChoicesSortField = strawberry.field(description="Sort media by the selected field.")


@strawberry.type(description="Represents a product media.")
class ProductMedia(Node, ObjectWithMetadata):
    model: strawberry.Private[ProductMediaModel]
    context: strawberry.Private[Context | None] = None

    @classmethod
    def of(cls, model: ProductMediaModel, context: Context | None = None) -> ProductMedia:
        return cls(id=to_global_id("ProductMedia", model.id), model=model, context=context)

    @lean_field(description="The sort order of the media.")
    def sort_order(self) -> int | None:
        return self.model.sort_order

    @lean_field(description="The alt text of the media.")
    def alt(self) -> str:
        return self.model.alt

    @lean_field(description="The type of the media.")
    def type(self) -> ProductMediaType:
        return ProductMediaType[self.model.media_type]

    @strawberry.field(description="The oEmbed data of the media.")
    def oembed_data(self) -> JSONString:
        return {}

    @lean_field(description="The URL of the media (served as stored: `size` and `format` are not applied).")
    def url(
        self,
        size: int | None = None,
        format: ThumbnailFormatEnum | None = ThumbnailFormatEnum.ORIGINAL,
    ) -> str:
        return media_url(_settings(self.context), self.model)

    @strawberry.field(description="Product id the media refers to.")
    def product_id(self) -> strawberry.ID | None:
        return to_global_id("Product", self.model.product_id)  # type: ignore[attr-defined]


@strawberry.type(description="Represents a product image.")
class ProductImage:
    model: strawberry.Private[ProductMediaModel]
    id: strawberry.ID = strawberry.field(description="The ID of the image.")
    context: strawberry.Private[Context | None] = None

    @classmethod
    def of(cls, model: ProductMediaModel, context: Context | None = None) -> ProductImage:
        return cls(id=to_global_id("ProductMedia", model.id), model=model, context=context)

    @strawberry.field(description="The alt text of the image.")
    def alt(self) -> str | None:
        return self.model.alt

    @strawberry.field(description="The new relative sorting position of the item (from -inf to +inf).")
    def sort_order(self) -> int | None:
        return self.model.sort_order

    @lean_field(description="The URL of the image.")
    def url(
        self,
        size: int | None = None,
        format: ThumbnailFormatEnum | None = ThumbnailFormatEnum.ORIGINAL,
    ) -> str:
        return media_url(_settings(self.context), self.model)


def stored_image(context: Context | None, key_or_url: str, alt: str) -> Image | None:
    """A category's or collection's background image: a storage key, or a full URL given by link."""
    if not key_or_url:
        return None
    if key_or_url.startswith(("http://", "https://")):
        return Image(url=key_or_url, alt=alt)
    return Image(url=stored_url(_settings(context), key_or_url), alt=alt)
