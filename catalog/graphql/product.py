"""`Product`: a gift, as Saleor's storefront and dashboard read it, in the channel the query named.

Fields that depend on a channel (pricing, availability, variants) answer for the product's `CatalogView`.
Relations come from per-request loaders; when a list prefetched them for its page they resolve at once.
"""

from __future__ import annotations

import asyncio
import datetime
import inspect
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from catalog.graphql import loaders
from catalog.graphql.attributes import (
    AssignedAttribute,
    ObjectWithAttributes,
    SelectedAttribute,
    assigned_attribute,
    assigned_attributes,
    product_attributes,
)
from catalog.graphql.category import Category
from catalog.graphql.context import CatalogView
from catalog.graphql.deprecation import deprecated
from catalog.graphql.inputs import (
    USE_WHERE,
    ProductVariantFilterInput,
    ProductVariantSortingInput,
    ProductVariantWhereInput,
)
from catalog.graphql.lean import lean_field
from catalog.graphql.listings import ProductChannelListing
from catalog.graphql.loaders import then
from catalog.graphql.media import MediaSortingInput, ProductImage, ProductMedia, image_of
from catalog.graphql.pagination import counted_connection
from catalog.graphql.pricing import ProductPricingInfo
from catalog.graphql.product_type import ProductType, TaxClass, TaxType, Weight, weight_of
from catalog.graphql.promoted_pricing import promoted_product_pricing
from catalog.graphql.translations import ProductTranslation, translation_in
from catalog.graphql.variant import ProductVariant, ProductVariantCountableConnection, variant_connection
from catalog.models import Product as ProductModel
from catalog.models import ProductChannelListing as ProductChannelListingModel
from catalog.pricing import is_available_for_purchase
from catalog.visibility import is_listing_public
from mall.accounts.graphql.inputs import AddressInput
from mall.graphql.common import Image, Node, ObjectWithMetadata
from mall.graphql.connection import PageArgs
from mall.graphql.context import Context, Info
from mall.graphql.enums import LanguageCodeEnum, ThumbnailFormatEnum
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import decode_global_id, int_pk, to_global_id
from mall.graphql.permissions import require_permission
from mall.graphql.scalars import JSONString, PositiveInt

OLD_FILTER = strawberry.argument(description=deprecated(USE_WHERE))

if TYPE_CHECKING:
    from catalog.graphql.collection import Collection
    from catalog.graphql.product_query import ListedRow

CollectionRef = Annotated["Collection", strawberry.lazy("catalog.graphql.collection")]
NO_LONGER_SUPPORTED = "No longer supported"
OLD_ADDRESS = strawberry.argument(description=deprecated(NO_LONGER_SUPPORTED))
UNKNOWN: Any = object()  # the listing was not loaded with the product
MEDIA_FIELDS = {"thumbnail", "media", "images", "mediaById", "imageById"}
VARIANT_FIELDS = {"productVariants", "variants", "defaultVariant"}


@strawberry.type(description="Represents an individual item for sale in the storefront.")
class Product(Node, ObjectWithMetadata, ObjectWithAttributes):
    model: strawberry.Private[ProductModel]
    view: strawberry.Private[CatalogView]
    listing: strawberry.Private[Any] = UNKNOWN
    # Names this product's rendered answer for reuse (mall/graphql/planned/reuse.py); None: never reused.
    render_key: strawberry.Private[Any] = None
    # A page row whose models are not built yet (`listed`): `prepare_batch` builds them.
    listed_row: strawberry.Private[Any] = None

    @classmethod
    def of(cls, model: ProductModel, view: CatalogView, listing: Any = UNKNOWN, render_key: Any = None) -> Product:
        return cls(
            id=to_global_id("Product", model.id), model=model, view=view, listing=listing, render_key=render_key
        )

    @classmethod
    def listed(cls, row: ListedRow, view: CatalogView, render_key: Any, *, deferred: bool) -> Product:
        """A product of a list page. `deferred`: its models are built by `prepare_batch`, which a query
        plan calls only for the products it renders; a reused answer never needs them."""
        if not deferred:
            return cls.of(row.product, view, listing=row.listing, render_key=render_key)
        return cls(
            id=to_global_id("Product", row.product_id), model=None, view=view,  # type: ignore[arg-type]
            render_key=render_key, listed_row=row,
        )

    def reuse_key(self) -> Any:
        """The planned executor's hook (mall/graphql/planned/hooks.py PlannedObject): `render_key`."""
        return self.render_key

    @classmethod
    async def prepare_batch(cls, products: list[Product], fields: frozenset[str] | set[str]) -> None:
        """Load, in one query each, the relations these products' selected fields read (for the products
        of a page, or a plan's round): the fields then resolve at once."""
        if not products:
            return
        for product in products:
            if product.listed_row is not None:
                product.model, product.listing = product.listed_row.product, product.listed_row.listing
                product.listed_row = None
        context = products[0].context
        waits = []
        if "category" in fields:
            ids = {p.model.category_id for p in products} - {None}  # type: ignore[attr-defined]
            waits += [loaders.category(context, pk) for pk in ids]
        if fields & MEDIA_FIELDS:
            waits += [loaders.media_of_product(context, p.model.id) for p in products]
        if fields & VARIANT_FIELDS:
            waits += [loaders.variants_of_product(context, p.model.id, p.view.channel_id) for p in products]
        if waits:
            await asyncio.gather(*waits)

    @property
    def context(self) -> Context:
        return self.view.context  # type: ignore[return-value]

    def channel_listing(self) -> Any:
        """The listing in the view's channel (None without a channel or when unlisted), maybe awaitable."""
        if self.listing is UNKNOWN:
            channel_id = self.view.channel_id
            self.listing = (
                None if channel_id is None else loaders.product_listing(self.context, self.model.id, channel_id)
            )
        return self.listing

    def variant_rows(self) -> Any:
        return loaders.variants_of_product(self.context, self.model.id, self.view.channel_id)

    @lean_field(description="SEO title of the product.")
    def seo_title(self) -> str | None:
        return self.model.seo_title or None

    @lean_field(description="SEO description of the product.")
    def seo_description(self) -> str | None:
        return self.model.seo_description or None

    @lean_field(description="Name of the product.")
    def name(self) -> str:
        return self.model.name

    @lean_field(description="Description of the product. Rich text format (https://editorjs.io/).")
    def description(self) -> JSONString | None:
        return self.model.description

    @lean_field(description="Type of the product.")
    def product_type(self) -> ProductType:
        return then(loaders.product_type(self.context, self.model.product_type_id), ProductType.of)  # type: ignore[attr-defined,return-value]

    @lean_field(description="Slug of the product.")
    def slug(self) -> str:
        return self.model.slug

    @lean_field()
    def category(self) -> Category | None:
        category_id = self.model.category_id  # type: ignore[attr-defined]
        if category_id is None:
            return None
        return then(
            loaders.category(self.context, category_id), lambda row: Category.of(row, self.context) if row else None
        )

    @lean_field(description="The date and time when the product was created.")
    def created(self) -> datetime.datetime:
        return self.model.created_at

    @lean_field(description="The date and time when the product was last updated.")
    def updated_at(self) -> datetime.datetime:
        return self.model.updated_at

    @lean_field(
        deprecation_reason="Use `Channel.taxConfiguration` field to determine whether tax collection is enabled."
    )
    def charge_taxes(self) -> bool:
        return False

    @lean_field(description="Weight of the product.")
    def weight(self) -> Weight | None:
        return weight_of(self.model.weight_grams)

    @lean_field(description="Default variant of the product (the first one in the channel).")
    def default_variant(self) -> ProductVariant | None:
        return then(self.variant_rows(), lambda rows: ProductVariant.of(rows[0], self.view) if rows else None)

    @lean_field(description="Rating of the product.")
    def rating(self) -> float | None:
        return self.model.rating

    @lean_field(description="Channel given to retrieve this product.")
    def channel(self) -> str | None:
        return self.view.channel_slug

    @lean_field(description="Description of the product.", deprecation_reason="Use the `description` field instead.")
    def description_json(self) -> JSONString | None:
        return self.model.description

    @lean_field(description="Thumbnail of the product.")
    def thumbnail(
        self,
        size: int | None = None,
        format: ThumbnailFormatEnum | None = ThumbnailFormatEnum.ORIGINAL,
    ) -> Image | None:
        media = loaders.media_of_product(self.context, self.model.id)
        return then(media, lambda rows: image_of(self.context.settings, rows[0], self.model.name) if rows else None)

    @strawberry.field(description="Points mall extension: the name of the lowest loyalty tier this gift is "
                      "reserved for in the channel's programme (members of lower tiers cannot redeem it); null "
                      "when every member may, or without a channel.")
    async def loyalty_reserved_tier(self) -> str | None:
        channel = self.view.channel
        if channel is None:
            return None
        reserved = (await loaders.caller_benefits(self.context, channel)).reserved.get(self.model.slug)
        return reserved.tier_name if reserved is not None else None

    @lean_field(description="Lists the storefront product's pricing, the current price and discounts.")
    def pricing(self, address: AddressInput | None = None) -> ProductPricingInfo | None:
        channel = self.view.channel
        if channel is None:
            return None
        return then(self.channel_listing(),
                    lambda listing: promoted_product_pricing(self.context, self.model, listing, channel))

    @strawberry.field(
        description="Whether the product is in stock, set as available for purchase in the given channel, "
        "and published."
    )
    async def is_available(
        self,
        info: Info,
        address: Annotated[AddressInput | None, OLD_ADDRESS] = None,
    ) -> bool | None:
        channel = self.view.channel
        if channel is None:
            return None
        listing: ProductChannelListingModel | None = await _value(self.channel_listing())
        published = listing is not None and is_listing_public(listing, channel, self.view.now)
        if not published or not is_available_for_purchase(listing, self.view.now):
            return False
        return await loaders.product_in_stock(info.context, self.model.id, channel.id)

    @lean_field(
        description="A type of tax. Assigned by enabled tax gateway", deprecation_reason="Use `taxClass` field instead."
    )
    def tax_type(self) -> TaxType | None:
        return None

    @strawberry.field(
        description="Get a single attribute attached to product by attribute slug.",
        deprecation_reason="Use the `assignedAttribute` field instead.",
    )
    async def attribute(self, slug: str) -> SelectedAttribute | None:
        return next((item for item in await self._attributes() if item.attribute.slug == slug), None)

    @strawberry.field(
        description="List of attributes assigned to this product: every attribute its product type assigns, "
        "with the values the gift carries (storefronts see attributes visible in them only).",
        deprecation_reason="Use the `assignedAttributes` field instead.",
    )
    async def attributes(self) -> list[SelectedAttribute]:
        return await self._attributes()

    @strawberry.field(description="Get a single attribute attached to the product by attribute slug.")
    async def assigned_attribute(self, slug: str) -> AssignedAttribute | None:
        return assigned_attribute(await self._attributes(), slug)

    @strawberry.field(description="List of attributes assigned to the product, with the values it carries.")
    async def assigned_attributes(self, limit: PositiveInt | None = 100) -> list[AssignedAttribute]:
        return assigned_attributes(await self._attributes(), limit)

    async def _attributes(self) -> list[SelectedAttribute]:
        storefront = not self.view.viewer.staff
        return await product_attributes(self.context, self.model.product_type_id, self.model.id, storefront)  # type: ignore[attr-defined]

    @strawberry.field(description="List of availability in channels for the product. Requires MANAGE_PRODUCTS.")
    async def channel_listings(self, info: Info) -> list[ProductChannelListing] | None:
        principal = await require_permission(info, "MANAGE_PRODUCTS")
        scope = principal.scope
        if scope is not None and scope.kind.value == "partner" and scope.code != self.model.partner_code:
            raise PermissionDenied(message="You do not have access to this partner's data.")
        return [ProductChannelListing.of(row) for row in await loaders.listings_of_product(info.context, self.model.id)]

    @strawberry.field(description="Get a single product media by ID.")
    def media_by_id(self, info: Info, id: strawberry.ID) -> ProductMedia | None:
        pk = _media_pk(id)
        return then(
            loaders.media_of_product(info.context, self.model.id),
            lambda rows: next((ProductMedia.of(row, self.context) for row in rows if row.id == pk), None),
        )

    @strawberry.field(
        description="Get a single product image by ID.", deprecation_reason="Use the `mediaById` field instead."
    )
    def image_by_id(self, info: Info, id: strawberry.ID) -> ProductImage | None:
        pk = _media_pk(id)
        return then(
            loaders.media_of_product(info.context, self.model.id),
            lambda rows: next((ProductImage.of(row, self.context) for row in rows if row.id == pk), None),
        )

    @lean_field(
        description="List of variants for the product (in a channel, those priced there).",
        deprecation_reason="Use `productVariants` field instead.",
    )
    def variants(self) -> list[ProductVariant] | None:
        return then(self.variant_rows(), lambda rows: [ProductVariant.of(row, self.view) for row in rows])

    @strawberry.field(description="List of variants for the product (in a channel, those priced there).")
    def product_variants(
        self,
        info: Info,
        filter: Annotated[ProductVariantFilterInput | None, OLD_FILTER] = None,
        where: ProductVariantWhereInput | None = None,
        sort_by: ProductVariantSortingInput | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> ProductVariantCountableConnection | None:
        args = PageArgs(first=first, last=last, after=after, before=before)
        return variant_connection(info, self.variant_rows(), self.view, args, filter, where, sort_by, self)

    @strawberry.field(description="List of media for the product.")
    def media(self, info: Info, sort_by: MediaSortingInput | None = None) -> list[ProductMedia] | None:
        descending = sort_by is not None and sort_by.direction.name == "DESC"

        def build(rows: list[Any]) -> list[ProductMedia]:
            ordered = sorted(rows, key=lambda row: row.id, reverse=descending) if sort_by else rows
            return [ProductMedia.of(row, self.context) for row in ordered]

        return then(loaders.media_of_product(info.context, self.model.id), build)

    @lean_field(description="List of images for the product.", deprecation_reason="Use the `media` field instead.")
    def images(self) -> list[ProductImage] | None:
        return then(
            loaders.media_of_product(self.context, self.model.id),
            lambda rows: [ProductImage.of(r, self.context) for r in rows],
        )

    @strawberry.field(description="List of collections for the product (in a channel, those published there).")
    async def collections(self, info: Info) -> list[CollectionRef] | None:
        from catalog.graphql.collection import Collection, collection_visible

        ids = await loaders.collection_ids_of_product(info.context, self.model.id)
        rows = [
            row
            for row in await asyncio.gather(*(loaders.collection(info.context, pk) for pk in ids))
            if row is not None
        ]
        visible = [row for row in rows if await collection_visible(info, row, self.view)]
        return [Collection.of(row, self.view) for row in visible]

    @strawberry.field(description="Returns translated product fields for the given language code.")
    async def translation(
        self, info: Info, language_code: LanguageCodeEnum
    ) -> ProductTranslation | None:
        return await translation_in(info.context, "product", self.model.id, language_code)  # type: ignore[no-any-return]

    @lean_field(
        description="Date when product is available for purchase.",
        deprecation_reason="Use the `availableForPurchaseAt` field to fetch the available for purchase date.",
    )
    def available_for_purchase(self) -> datetime.date | None:
        return then(self.channel_listing(), lambda row: _moment(row) and _moment(row).date())  # type: ignore[union-attr]

    @lean_field(description="Date when product is available for purchase.")
    def available_for_purchase_at(self) -> datetime.datetime | None:
        return then(self.channel_listing(), _moment)

    @lean_field(
        description="Whether the product can be purchased in the channel now (stock is checked by `isAvailable`)."
    )
    def is_available_for_purchase(self) -> bool | None:
        if self.view.channel is None:
            return None
        return then(self.channel_listing(), lambda row: is_available_for_purchase(row, self.view.now))

    @lean_field(description="Tax class assigned to this product type.")
    def tax_class(self) -> TaxClass | None:
        return None

    @lean_field(description="External ID of this product.")
    def external_reference(self) -> str | None:
        return self.model.external_reference

    @lean_field(description="Points mall: code of the partner merchant who lists this gift (null: the operator).")
    def partner_code(self) -> str | None:
        return self.model.partner_code


def _moment(listing: ProductChannelListingModel | None) -> datetime.datetime | None:
    return listing.available_for_purchase_at if listing is not None else None


def _media_pk(global_id: str) -> int | None:
    decoded = decode_global_id(global_id)
    if decoded is None or decoded[0] != "ProductMedia":
        return None
    return int_pk(decoded[1])


async def _value(value: Any) -> Any:
    """Await a loader's future or a coroutine, never a row (tortoise models are awaitable too)."""
    return await value if isinstance(value, asyncio.Future) or inspect.iscoroutine(value) else value


ProductCountableConnection, ProductCountableEdge = counted_connection(Product, "Product")
