"""Product media and images: files in the storage backend (local folder or S3) or external links.

Images are served as stored: `size` and `format` are accepted for compatibility and ignored (no resizing).
"""

from __future__ import annotations

import strawberry

from catalog.graphql.enums import MediaChoicesSortField, ProductMediaType
from catalog.models import ProductMedia as ProductMediaModel
from mall.graphql.common import Image, Node, ObjectWithMetadata
from mall.graphql.context import Info
from mall.graphql.enums import OrderDirection, ThumbnailFormatEnum
from mall.graphql.ids import to_global_id
from mall.graphql.scalars import JSONString
from mall.storage import storage_for


def media_url(info: Info, media: ProductMediaModel) -> str:
    if media.storage_key:
        return storage_for(info.context.settings).url(media.storage_key)
    return media.external_url


def image_of(info: Info, media: ProductMediaModel, fallback_alt: str) -> Image:
    return Image(url=media_url(info, media), alt=media.alt or fallback_alt)


@strawberry.input
class MediaSortingInput:
    direction: OrderDirection = strawberry.field(description="Specifies the direction in which to sort media.")  # type: ignore[valid-type]
    field: MediaChoicesSortField = strawberry.field(description="Sort media by the selected field.")


@strawberry.type(description="Represents a product media.")
class ProductMedia(Node, ObjectWithMetadata):
    model: strawberry.Private[ProductMediaModel]

    @classmethod
    def of(cls, model: ProductMediaModel) -> ProductMedia:
        return cls(id=to_global_id("ProductMedia", model.id), model=model)

    @property
    def public_metadata(self) -> dict[str, str]:
        return {}

    @property
    def hidden_metadata(self) -> dict[str, str]:
        return {}

    @strawberry.field(description="The sort order of the media.")
    def sort_order(self) -> int | None:
        return self.model.sort_order

    @strawberry.field(description="The alt text of the media.")
    def alt(self) -> str:
        return self.model.alt

    @strawberry.field(description="The type of the media.")
    def type(self) -> ProductMediaType:  # type: ignore[valid-type]
        return ProductMediaType[self.model.media_type]

    @strawberry.field(description="The oEmbed data of the media.")
    def oembed_data(self) -> JSONString:  # type: ignore[valid-type]
        return {}

    @strawberry.field(description="The URL of the media.")
    def url(
        self,
        info: Info,
        size: int | None = None,
        format: ThumbnailFormatEnum | None = ThumbnailFormatEnum.ORIGINAL,  # type: ignore[valid-type]
    ) -> str:
        return media_url(info, self.model)

    @strawberry.field(description="Product id the media refers to.")
    def product_id(self) -> strawberry.ID | None:
        return to_global_id("Product", self.model.product_id)  # type: ignore[attr-defined]


@strawberry.type(description="Represents a product image.")
class ProductImage:
    model: strawberry.Private[ProductMediaModel]
    id: strawberry.ID = strawberry.field(description="The ID of the image.")

    @classmethod
    def of(cls, model: ProductMediaModel) -> ProductImage:
        return cls(id=to_global_id("ProductMedia", model.id), model=model)

    @strawberry.field(description="The alt text of the image.")
    def alt(self) -> str | None:
        return self.model.alt

    @strawberry.field(description="The new relative sorting position of the item (from -inf to +inf).")
    def sort_order(self) -> int | None:
        return self.model.sort_order

    @strawberry.field(description="The URL of the image.")
    def url(
        self,
        info: Info,
        size: int | None = None,
        format: ThumbnailFormatEnum | None = ThumbnailFormatEnum.ORIGINAL,  # type: ignore[valid-type]
    ) -> str:
        return media_url(info, self.model)


def stored_image(info: Info, key_or_url: str, alt: str) -> Image | None:
    """A category's or collection's background image: a storage key, or a full URL given by link."""
    if not key_or_url:
        return None
    if key_or_url.startswith(("http://", "https://")):
        return Image(url=key_or_url, alt=alt)
    return Image(url=storage_for(info.context.settings).url(key_or_url), alt=alt)
