"""productMediaCreate (a multipart upload or a URL) and productMediaDelete."""

from __future__ import annotations

import strawberry

from catalog.graphql.media import ProductMedia
from catalog.graphql.mutations.common import ProductError, editor_of, errors_field, int_id, run, staff_view
from catalog.graphql.product import Product
from catalog.models import ProductMedia as MediaModel
from catalog.services import media
from catalog.services.access import product_for_editing
from kernel.outbound import OutboundPolicy
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode
from mall.graphql.errors import DomainError
from mall.graphql.multipart import UploadedFile
from mall.graphql.scalars import Upload
from mall.settings import Settings
from mall.storage import storage_for


@strawberry.input
class ProductMediaCreateInput:
    alt: str | None = strawberry.field(default=None, description="Alt text for a product media.")
    image: Upload | None = strawberry.field(
        default=None, description="Represents an image file in a multipart request."
    )
    product: strawberry.ID = strawberry.field(description="ID of an product.")
    media_url: str | None = strawberry.field(
        default=None, description="Represents an URL to an external media (an image to fetch)."
    )


@strawberry.type(description="Create a media object (image) for a product. Requires MANAGE_PRODUCTS.")
class ProductMediaCreate:
    product: Product | None = None
    media: ProductMedia | None = None
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Deletes a product media. Requires MANAGE_PRODUCTS.")
class ProductMediaDelete:
    product: Product | None = None
    media: ProductMedia | None = None
    errors: list[ProductError] = errors_field()


async def _content(input: ProductMediaCreateInput, settings: Settings) -> bytes:
    if isinstance(input.image, UploadedFile):
        return input.image.content
    if input.media_url:
        return await media.fetch_image(input.media_url, OutboundPolicy(settings.media_fetch_private_hosts))
    raise DomainError.single("input", "Image or external URL is required.", ApiErrorCode.REQUIRED)


@strawberry.type
class MediaMutations:
    @strawberry.mutation(
        description="Create a media object (image) for a product, uploaded (multipart) or "
        "fetched from `mediaUrl`; stored in the configured storage. Requires MANAGE_PRODUCTS."
    )
    async def product_media_create(self, info: Info, input: ProductMediaCreateInput) -> ProductMediaCreate | None:
        editor = await editor_of(info)

        async def work() -> ProductMediaCreate:
            product = await product_for_editing(editor, int_id(input.product, "Product", "product"), "product")
            content = await _content(input, info.context.settings)
            field = "image" if input.image is not None else "mediaUrl"
            created = await media.add_image(
                storage_for(info.context.settings), product, content, input.alt or "", field
            )
            return ProductMediaCreate(
                product=Product.of(product, await staff_view(info)), media=ProductMedia.of(created)
            )

        return await run(ProductMediaCreate, ProductError, work)

    @strawberry.mutation(description="Deletes a product media. Requires MANAGE_PRODUCTS.")
    async def product_media_delete(self, info: Info, id: strawberry.ID) -> ProductMediaDelete | None:
        editor = await editor_of(info)

        async def work() -> ProductMediaDelete:
            found = await MediaModel.get_or_none(id=int_id(id, "ProductMedia", "id")).select_related("product")
            if found is None or not editor.owns(found.product):
                raise DomainError.single("id", f"Couldn't resolve to a node: {id}", ApiErrorCode.NOT_FOUND)
            shown = ProductMedia.of(found)
            await media.delete_media(storage_for(info.context.settings), found)
            return ProductMediaDelete(product=Product.of(found.product, await staff_view(info)), media=shown)

        return await run(ProductMediaDelete, ProductError, work)
