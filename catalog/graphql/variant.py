"""`ProductVariant`: a redeemable version of a gift (SKU, stock, points price per channel)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from graphql import GraphQLError

from catalog.graphql import loaders
from catalog.graphql.attributes import (
    AssignedAttribute,
    ObjectWithAttributes,
    SelectedAttribute,
    assigned_attribute,
    assigned_attributes,
    variant_attributes,
)
from catalog.graphql.context import CatalogView
from catalog.graphql.deprecation import deprecated
from catalog.graphql.enums import ReportingPeriod, VariantAttributeScope
from catalog.graphql.filters import MIX_ERROR
from catalog.graphql.inputs import (
    DateTimeRangeInput,
    MetadataFilter,
    ProductVariantFilterInput,
    ProductVariantSortingInput,
    ProductVariantWhereInput,
    given_keys,
)
from catalog.graphql.inventory import Stock
from catalog.graphql.lean import lean_field
from catalog.graphql.listings import ProductVariantChannelListing
from catalog.graphql.loaders import then
from catalog.graphql.media import ProductImage, ProductMedia
from catalog.graphql.pagination import Key, check_page_args, connection, counted_connection, slice_rows
from catalog.graphql.pricing import VariantPricingInfo, points
from catalog.graphql.product_type import Weight, weight_of
from catalog.graphql.promoted_pricing import promoted_variant_pricing
from catalog.graphql.translations import ProductVariantTranslation, translation_in
from catalog.models import ProductVariant as ProductVariantModel
from mall.accounts.graphql.inputs import AddressInput
from mall.graphql.common import Money, Node, ObjectWithMetadata, TaxedMoney
from mall.graphql.connection import PageArgs
from mall.graphql.context import Info
from mall.graphql.enums import CountryCode, LanguageCodeEnum, enum_name
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import parse_int_id, to_global_id
from mall.graphql.permissions import require_permission, require_staff_or_app
from mall.graphql.scalars import PositiveInt

if TYPE_CHECKING:
    from catalog.graphql.product import Product

ProductRef = Annotated["Product", strawberry.lazy("catalog.graphql.product")]
NO_LONGER_SUPPORTED = "No longer supported"
OLD_ADDRESS = strawberry.argument(description=deprecated(NO_LONGER_SUPPORTED))
USE_ADDRESS = "Use `address` argument instead."
OLD_COUNTRY = strawberry.argument(description=deprecated(USE_ADDRESS))
PREORDER_DEPRECATION = (
    "Preorder is deprecated and will be removed. Model pre-sales with regular stock instead: create the planned "
    "quantity in a warehouse, or set `trackInventory` to false to sell without a stock limit."
)


@strawberry.type(description="Represents preorder settings for product variant.")
class PreorderData:
    global_threshold: int | None = strawberry.field(deprecation_reason=PREORDER_DEPRECATION)
    global_sold_units: int = strawberry.field(deprecation_reason=PREORDER_DEPRECATION)
    end_date: datetime.datetime | None = strawberry.field(deprecation_reason=PREORDER_DEPRECATION)


@strawberry.type(description="Represents a version of a product such as different size or color.")
class ProductVariant(Node, ObjectWithMetadata, ObjectWithAttributes):
    model: strawberry.Private[ProductVariantModel]
    view: strawberry.Private[CatalogView]
    parent: strawberry.Private[Any] = None

    @classmethod
    def of(cls, model: ProductVariantModel, view: CatalogView, parent: Any = None) -> ProductVariant:
        return cls(id=to_global_id("ProductVariant", model.id), model=model, view=view, parent=parent)

    @property
    def hidden_metadata(self) -> dict[str, str]:
        return {}

    @lean_field(description="The name of the product variant.")
    def name(self) -> str:
        return self.model.name

    @lean_field(description="The SKU (stock keeping unit) of the product variant.")
    def sku(self) -> str | None:
        return self.model.sku

    @lean_field(description="The product to which the variant belongs.")
    def product(self) -> ProductRef:
        if self.parent is not None:
            return self.parent
        from catalog.graphql.product import Product

        return then(loaders.product(self.view.context, self.model.product_id), lambda row: Product.of(row, self.view))  # type: ignore[attr-defined,return-value]

    @lean_field(description="Whether stock is tracked: if false, redemptions never run out of it.")
    def track_inventory(self) -> bool:
        return self.model.track_inventory

    @lean_field(description="The maximum quantity of this variant that a customer can purchase.")
    def quantity_limit_per_customer(self) -> int | None:
        return self.model.quantity_limit_per_customer

    @lean_field(description="When a sold-out variant is expected back in stock, if the partner knows. "
                "Points mall extension.")
    def restock_expected_on(self) -> date | None:
        return self.model.restock_expected_on

    @lean_field(description="The weight of the product variant.")
    def weight(self) -> Weight | None:
        return weight_of(self.model.weight_grams)

    @strawberry.field(description="Points mall extension: the signed-in member's points price of one unit in the "
                      "channel after their loyalty tier's discount (what checkout charges); the list price for "
                      "visitors. Null without a channel or a price there.")
    async def loyalty_tier_price(self) -> Money | None:
        channel = self.view.channel
        if channel is None:
            return None
        listing = await loaders.variant_listing(self.view.context, self.model.id, channel.id)
        if listing is None:
            return None
        benefits = await loaders.caller_benefits(self.view.context, channel)
        return points(benefits.price_for(listing.price_points), channel)

    @lean_field(description="Channel given to retrieve this product variant.")
    def channel(self) -> str | None:
        return self.view.channel_slug

    @strawberry.field(
        description="List of price information in channels for the product. "
        "Requires one of: AUTHENTICATED_APP, AUTHENTICATED_STAFF_USER."
    )
    async def channel_listings(self, info: Info) -> list[ProductVariantChannelListing] | None:
        await require_staff_or_app(info)
        return [
            ProductVariantChannelListing.of(row)
            for row in await loaders.listings_of_variant(info.context, self.model.id)
        ]

    @lean_field(description="Lists the storefront variant's pricing in the channel's points unit.")
    def pricing(self, address: AddressInput | None = None) -> VariantPricingInfo | None:
        channel = self.view.channel
        if channel is None:
            return None
        return promoted_variant_pricing(self.view.context, self.model, channel)  # type: ignore[return-value]

    @strawberry.field(
        description="List of attributes assigned to this variant: every variant attribute of its product type, "
        "with the values the variant carries (storefronts see attributes visible in them only).",
        deprecation_reason="Use the `assignedAttributes` field instead.",
    )
    async def attributes(self, variant_selection: VariantAttributeScope | None = None) -> list[SelectedAttribute]:
        return await self._attributes(enum_name(variant_selection) if variant_selection is not None else None)

    @strawberry.field(description="Get a single attribute attached to the variant by attribute slug.")
    async def assigned_attribute(self, slug: str) -> AssignedAttribute | None:
        return assigned_attribute(await self._attributes(None), slug)

    @strawberry.field(description="List of attributes assigned to the variant, with the values it carries.")
    async def assigned_attributes(self, limit: PositiveInt | None = 100) -> list[AssignedAttribute]:
        return assigned_attributes(await self._attributes(None), limit)

    async def _attributes(self, scope: str | None) -> list[SelectedAttribute]:
        # The product the variant was listed under, when it was: no query for its type
        parent_model = getattr(self.parent, "model", None)
        product = parent_model or await loaders.product(self.view.context, self.model.product_id)  # type: ignore[attr-defined]
        if product is None:
            return []
        storefront = not self.view.viewer.staff
        return await variant_attributes(
            self.view.context, product.product_type_id, self.model.id, storefront, scope  # type: ignore[arg-type]
        )

    @strawberry.field(description="Gross margin percentage value. Requires MANAGE_PRODUCTS.")
    async def margin(self, info: Info) -> int | None:
        from catalog.pricing import margin_percent

        await require_permission(info, "MANAGE_PRODUCTS")
        channel = self.view.channel
        if channel is None:
            return None
        listing = await loaders.variant_listing(info.context, self.model.id, channel.id)
        return None if listing is None else margin_percent(listing.price_points, listing.cost_price_amount, channel)

    @strawberry.field(description="Total quantity ordered. Requires MANAGE_PRODUCTS.")
    async def quantity_ordered(self, info: Info) -> int | None:
        await require_permission(info, "MANAGE_PRODUCTS")
        return None

    @strawberry.field(
        description="Total revenue generated by a variant in given period of time. Requires MANAGE_PRODUCTS."
    )
    async def revenue(self, info: Info, period: ReportingPeriod | None = None) -> TaxedMoney | None:
        await require_permission(info, "MANAGE_PRODUCTS")
        return None

    @lean_field(
        description="List of images for the product variant.", deprecation_reason="Use the `media` field instead."
    )
    def images(self) -> list[ProductImage] | None:
        return []

    @lean_field(description="List of media for the product variant (the mall assigns media to products).")
    def media(self) -> list[ProductMedia] | None:
        return []

    @strawberry.field(description="Returns translated product variant fields for the given language code.")
    async def translation(
        self, info: Info, language_code: LanguageCodeEnum
    ) -> ProductVariantTranslation | None:
        return await translation_in(info.context, "variant", self.model.id, language_code)  # type: ignore[no-any-return]

    @strawberry.field(description="Stocks for the product variant. Requires one of: MANAGE_PRODUCTS, MANAGE_ORDERS.")
    async def stocks(
        self,
        info: Info,
        address: Annotated[AddressInput | None, OLD_ADDRESS] = None,
        country_code: Annotated[CountryCode | None, OLD_COUNTRY] = None,
    ) -> list[Stock] | None:
        principal = await require_permission(info, "MANAGE_PRODUCTS", "MANAGE_ORDERS")
        scope = principal.scope
        if scope is not None and scope.kind.value == "partner":
            owner = await loaders.product(self.view.context, self.model.product_id)  # type: ignore[attr-defined]
            if owner is None or owner.partner_code != scope.code:
                raise PermissionDenied(message="You do not have access to this partner's data.")
        return [Stock.of(row, self.view) for row in await loaders.stocks_of_variant(self.view.context, self.model.id)]

    @lean_field(
        description="Quantity that can still be redeemed: stock minus allocations over the channel's warehouses. "
        "Null when stock is not tracked."
    )
    def quantity_available(
        self,
        address: Annotated[AddressInput | None, OLD_ADDRESS] = None,
        country_code: Annotated[CountryCode | None, OLD_COUNTRY] = None,
    ) -> int | None:
        if not self.model.track_inventory:
            return None
        return loaders.quantity_available(self.view.context, self.model.id, self.view.channel_id)  # type: ignore[return-value]

    @lean_field(description="Preorder data for product variant.", deprecation_reason=PREORDER_DEPRECATION)
    def preorder(self) -> PreorderData | None:
        return None

    @lean_field(description="The date and time when the product variant was created.")
    def created(self) -> datetime.datetime:
        return self.model.created_at

    @lean_field(description="The date and time when the product variant was last updated.")
    def updated_at(self) -> datetime.datetime:
        return self.model.updated_at

    @lean_field(description="External ID of this product.")
    def external_reference(self) -> str | None:
        return self.model.external_reference


ProductVariantCountableConnection, ProductVariantCountableEdge = counted_connection(ProductVariant, "ProductVariant")
VARIANT_KEYS = [Key("sort_order", int), Key("id", int)]


def variant_connection(
    info: Info,
    rows: Any,
    view: CatalogView,
    args: PageArgs,
    filter: ProductVariantFilterInput | None,
    where: ProductVariantWhereInput | None,
    sort_by: ProductVariantSortingInput | None,
    parent: Any = None,
) -> Any:
    """A product's variants as a connection, sliced in memory (a gift has a handful of variants)."""
    check_page_args(info, args)
    if filter is not None and where is not None:
        raise GraphQLError("Only one filtering argument (filter or where) can be specified.")
    if where is not None:
        _check_operators(where)
    keys = VARIANT_KEYS
    if sort_by is not None:
        keys = [Key("updated_at", datetime.datetime, enum_name(sort_by.direction) == "DESC"), Key("id", int)]
    needs_stock = _needs_stock(filter, where)

    def build(variants: list[ProductVariantModel], quantities: dict[int, int] | None = None) -> Any:
        matching = [v for v in variants if _matches(v, filter, where, quantities or {})]
        if sort_by is not None:
            matching.sort(key=lambda v: (v.updated_at, v.id), reverse=keys[0].descending)
        page = slice_rows(matching, args, keys)
        to_node = lambda row: ProductVariant.of(row, view, parent)  # noqa: E731
        return connection(ProductVariantCountableConnection, ProductVariantCountableEdge, page, to_node, len(matching))

    if not needs_stock:
        return then(rows, build)

    async def with_stock() -> Any:
        variants = await rows
        quantities = {v.id: await loaders.quantity_available(info.context, v.id, view.channel_id) for v in variants}
        return build(variants, quantities)

    return with_stock()


def _check_operators(where: ProductVariantWhereInput) -> None:
    keys = given_keys(where)
    if {"and_", "or_"} & set(keys) and len(keys) > 1:
        raise GraphQLError(MIX_ERROR)
    for item in [*(where.and_ or []), *(where.or_ or [])]:
        _check_operators(item)


def _needs_stock(filter: ProductVariantFilterInput | None, where: ProductVariantWhereInput | None) -> bool:
    if where is None:
        return False
    nested = [*(where.and_ or []), *(where.or_ or [])]
    return (
        where.stock_availability is not None or where.stocks is not None or any(_needs_stock(None, w) for w in nested)
    )


def _in_range(value: datetime.datetime, bounds: DateTimeRangeInput | None) -> bool:
    if bounds is None:
        return True
    return (bounds.gte is None or value >= bounds.gte) and (bounds.lte is None or value <= bounds.lte)


def _metadata_matches(variant: ProductVariantModel, items: list[MetadataFilter] | None) -> bool:
    data = variant.metadata or {}
    return all(item.key in data and item.value in (None, data[item.key]) for item in items or [])


def _matches(
    variant: ProductVariantModel,
    filter: ProductVariantFilterInput | None,
    where: ProductVariantWhereInput | None,
    quantities: dict[int, int],
) -> bool:
    if filter is not None and not _filter_matches(variant, filter):
        return False
    return where is None or _where_matches(variant, where, quantities)


def _filter_matches(variant: ProductVariantModel, filter: ProductVariantFilterInput) -> bool:
    if filter.search:
        text = f"{variant.name} {variant.sku or ''}".lower()
        if filter.search.lower() not in text:
            return False
    if filter.sku is not None and variant.sku not in filter.sku:
        return False
    if filter.is_preorder:
        return False
    return _metadata_matches(variant, filter.metadata) and _in_range(variant.updated_at, filter.updated_at)


def _where_matches(variant: ProductVariantModel, where: ProductVariantWhereInput, quantities: dict[int, int]) -> bool:
    if where.and_ is not None:
        return all(_where_matches(variant, item, quantities) for item in where.and_)
    if where.or_ is not None:
        return not where.or_ or any(_where_matches(variant, item, quantities) for item in where.or_)
    checks: list[Callable[[], bool]] = [
        lambda: not where.ids or variant.id in {parse_int_id(pk, "ProductVariant") for pk in where.ids},
        lambda: where.sku is None or _string_matches(variant.sku, where.sku.eq, where.sku.one_of),
        lambda: _in_range(variant.updated_at, where.updated_at),
        lambda: _metadata_matches(variant, where.metadata),
        lambda: not where.attributes,
        lambda: _stock_matches(variant, where, quantities),
    ]
    return all(check() for check in checks)


def _string_matches(value: str | None, eq: str | None, one_of: list[str] | None) -> bool:
    return (eq is None or value == eq) and (one_of is None or value in one_of)


def _stock_matches(variant: ProductVariantModel, where: ProductVariantWhereInput, quantities: dict[int, int]) -> bool:
    available = quantities.get(variant.id, 0) > 0 or not variant.track_inventory
    if where.stock_availability is not None and (enum_name(where.stock_availability) == "IN_STOCK") != available:
        return False
    if where.stocks is not None and where.stocks.quantity is not None:
        quantity = quantities.get(variant.id, 0)
        bounds = where.stocks.quantity
        return (bounds.gte is None or quantity >= bounds.gte) and (bounds.lte is None or quantity <= bounds.lte)
    return True
