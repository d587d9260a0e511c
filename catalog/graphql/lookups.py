"""Single-object lookups (`product`, `productVariant`, `collection`, `node`) with the list rules, minus
`visibleInListings`: a product hidden from lists is still reachable by its id or slug, as in Saleor."""

from __future__ import annotations

from graphql import GraphQLError

from catalog.graphql import loaders
from catalog.graphql.context import CatalogView
from catalog.models import Collection as CollectionModel
from catalog.models import Product as ProductModel
from catalog.models import ProductChannelListing
from catalog.models import ProductVariant as ProductVariantModel
from catalog.visibility import is_listing_public, published_listing, visible_collections
from mall.graphql.context import Info


def require_one_of(**arguments: object) -> None:
    """Saleor's `validate_one_of_args_is_in_query`: exactly one of the arguments must be given."""
    given = [name for name, value in arguments.items() if value]
    if len(given) > 1:
        rest = ", ".join(f"'{name}'" for name in given[1:])
        raise GraphQLError(f"Argument '{given[0]}' cannot be combined with {rest}")
    if not given:
        names = ", ".join(f"'{name}'" for name in arguments)
        raise GraphQLError(f"At least one of arguments is required: {names}.")


def owns(view: CatalogView, product: ProductModel) -> bool:
    """Staff see every product as their own, partner staff their partner's."""
    viewer = view.viewer
    if viewer.sees_everything:
        return True
    return viewer.partner_code is not None and product.partner_code == viewer.partner_code


async def visible_product(info: Info, view: CatalogView, product: ProductModel | None) -> tuple[bool, object]:
    """(visible, listing in the view's channel or None)."""
    if product is None or view.unknown_channel:
        return False, None
    channel = view.channel
    if channel is None:
        return owns(view, product) or await _published_somewhere(product, view), None
    listing = await loaders.product_listing(info.context, product.id, channel.id)
    if owns(view, product):
        return listing is not None, listing
    return is_listing_public(listing, channel, view.now), listing


async def _published_somewhere(product: ProductModel, view: CatalogView) -> bool:
    return await ProductChannelListing.filter(
        published_listing(view.now), product_id=product.id, channel__is_active=True, min_price_points__isnull=False
    ).exists()


async def visible_variant(info: Info, view: CatalogView, variant: ProductVariantModel | None) -> bool:
    """The product must be visible, and a member needs the variant priced in the channel."""
    if variant is None:
        return False
    product = await loaders.product(info.context, variant.product_id)  # type: ignore[attr-defined]
    visible, _ = await visible_product(info, view, product)
    if not visible or view.channel is None or (view.viewer.staff and owns(view, product)):
        return visible
    return await loaders.variant_listing(info.context, variant.id, view.channel.id) is not None


async def visible_collection(view: CatalogView, collection: CollectionModel | None) -> bool:
    if collection is None or view.unknown_channel:
        return False
    return await CollectionModel.filter(
        visible_collections(view.viewer, view.channel, view.now), id=collection.id
    ).exists()
