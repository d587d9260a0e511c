"""Saleor's catalogue filter and sort inputs (deprecated `filter` and newer `where`), field for field."""

from __future__ import annotations

import datetime

import strawberry

from catalog.graphql.deprecation import deprecated
from catalog.graphql.enums import (
    CategorySortField,
    CollectionPublished,
    CollectionSortField,
    PageSortField,
    ProductOrderField,
    ProductVariantSortField,
    StockAvailability,
)
from mall.graphql.enums import OrderDirection
from mall.graphql.scalars import SaleorDecimal

USE_WHERE = "Use `where` filter instead."
USE_ROOT_CHANNEL = "Use root-level channel argument instead."
PREORDER = (
    "Preorder is deprecated and will be removed. Model pre-sales with regular stock instead: create the planned "
    "quantity in a warehouse, or set `trackInventory` to false to sell without a stock limit."
)
USE_VALUE = "Use `value` instead."


@strawberry.input
class PriceRangeInput:
    gte: float | None = strawberry.field(description="Price greater than or equal to.", default=None)
    lte: float | None = strawberry.field(description="Price less than or equal to.", default=None)


@strawberry.input
class DecimalRangeInput:
    gte: SaleorDecimal | None = strawberry.field(description="Decimal value greater than or equal to.", default=None)
    lte: SaleorDecimal | None = strawberry.field(description="Decimal value less than or equal to.", default=None)


@strawberry.input(description="Define the filtering options for decimal fields.")
class DecimalFilterInput:
    eq: SaleorDecimal | None = strawberry.field(description="The value equal to.", default=None)
    one_of: list[SaleorDecimal] | None = strawberry.field(description="The value included in.", default=None)
    range: DecimalRangeInput | None = strawberry.field(description="The value in range.", default=None)


@strawberry.input(description="Define the filtering options for string fields.")
class StringFilterInput:
    eq: str | None = strawberry.field(description="The value equal to.", default=None)
    one_of: list[str] | None = strawberry.field(description="The value included in.", default=None)


@strawberry.input(description="Define the filtering options for foreign key fields.")
class GlobalIDFilterInput:
    eq: strawberry.ID | None = strawberry.field(description="The value equal to.", default=None)
    one_of: list[strawberry.ID] | None = strawberry.field(description="The value included in.", default=None)


@strawberry.input
class IntRangeInput:
    gte: int | None = strawberry.field(description="Value greater than or equal to.", default=None)
    lte: int | None = strawberry.field(description="Value less than or equal to.", default=None)


@strawberry.input
class DateTimeRangeInput:
    gte: datetime.datetime | None = strawberry.field(description="Start date.", default=None)
    lte: datetime.datetime | None = strawberry.field(description="End date.", default=None)


@strawberry.input
class DateRangeInput:
    gte: datetime.date | None = strawberry.field(description="Start date.", default=None)
    lte: datetime.date | None = strawberry.field(description="End date.", default=None)


@strawberry.input(description="Define the filtering options for date time fields.")
class DateTimeFilterInput:
    eq: datetime.datetime | None = strawberry.field(description="The value equal to.", default=None)
    one_of: list[datetime.datetime] | None = strawberry.field(description="The value included in.", default=None)
    range: DateTimeRangeInput | None = strawberry.field(description="The value in range.", default=None)


@strawberry.input
class MetadataFilter:
    key: str = strawberry.field(description="Key of a metadata item.")
    value: str | None = strawberry.field(description="Value of a metadata item.", default=None)


@strawberry.input(description="Define the filtering options for metadata values.")
class MetadataValueFilterInput:
    eq: str | None = strawberry.field(description="The value equal to.", default=None)
    one_of: list[str] | None = strawberry.field(description="The value included in.", default=None)


@strawberry.input(description="Define the filtering options for metadata fields.")
class MetadataFilterInput:
    key: str = strawberry.field(description="Key to filter by.")
    value: MetadataValueFilterInput | None = strawberry.field(description="Value to filter by.", default=None)


@strawberry.input
class ProductStockFilterInput:
    warehouse_ids: list[strawberry.ID] | None = None
    quantity: IntRangeInput | None = None


@strawberry.input(description="Define the filtering options for string fields.")
class ContainsFilterInput:
    contains_any: list[str] | None = None
    contains_all: list[str] | None = None


@strawberry.input
class AssignedAttributeReferenceInput:
    referenced_ids: ContainsFilterInput | None = strawberry.field(
        description="Returns objects with a reference pointing to an object identified by the given ID.", default=None
    )
    page_slugs: ContainsFilterInput | None = strawberry.field(
        description="Returns objects with a page reference.", default=None
    )
    product_slugs: ContainsFilterInput | None = strawberry.field(
        description="Returns objects with a product reference.", default=None
    )
    product_variant_skus: ContainsFilterInput | None = strawberry.field(
        description="Returns objects with a product variant reference.", default=None
    )
    category_slugs: ContainsFilterInput | None = strawberry.field(
        description="Returns objects with a category reference.", default=None
    )
    collection_slugs: ContainsFilterInput | None = strawberry.field(
        description="Returns objects with a collection reference.", default=None
    )


@strawberry.input
class AssignedAttributeValueInput:
    slug: StringFilterInput | None = strawberry.field(
        description="Filter by slug assigned to AttributeValue.", default=None
    )
    name: StringFilterInput | None = strawberry.field(
        description="Filter by name assigned to AttributeValue.", default=None
    )
    numeric: DecimalFilterInput | None = strawberry.field(description="Filter by numeric value.", default=None)
    date: DateRangeInput | None = strawberry.field(description="Filter by date value.", default=None)
    date_time: DateTimeRangeInput | None = strawberry.field(description="Filter by date time value.", default=None)
    boolean: bool | None = strawberry.field(description="Filter by boolean value.", default=None)
    reference: AssignedAttributeReferenceInput | None = strawberry.field(
        description="Filter by reference attribute value.", default=None
    )


@strawberry.input
class AttributeInput:
    slug: str | None = strawberry.field(description="Internal representation of an attribute name.", default=None)
    value: AssignedAttributeValueInput | None = strawberry.field(
        description="Filter by value of the attribute.", default=None
    )
    values: list[str] | None = strawberry.field(
        description=deprecated(USE_VALUE, "Slugs identifying the attributeValues."), default=None
    )
    values_range: IntRangeInput | None = strawberry.field(
        description=deprecated(USE_VALUE, "The range that the returned values should be in."), default=None
    )
    date_time: DateTimeRangeInput | None = strawberry.field(
        description=deprecated(USE_VALUE, "The date time range."), default=None
    )
    date: DateRangeInput | None = strawberry.field(description=deprecated(USE_VALUE, "The date range."), default=None)
    boolean: bool | None = strawberry.field(description=deprecated(USE_VALUE, "The boolean value."), default=None)


@strawberry.input
class AssignedAttributeWhereInput:
    slug: str | None = strawberry.field(description="Filter by attribute slug.", default=None)
    value: AssignedAttributeValueInput | None = strawberry.field(
        description="Filter by value of the attribute.", default=None
    )


@strawberry.input
class ProductFilterInput:
    is_published: bool | None = strawberry.field(description="Filter by the publication state (staff).", default=None)
    collections: list[strawberry.ID] | None = None
    categories: list[strawberry.ID] | None = None
    has_category: bool | None = None
    attributes: list[AttributeInput] | None = None
    stock_availability: StockAvailability | None = strawberry.field(
        description="Filter by variants having specific stock status.", default=None
    )
    stocks: ProductStockFilterInput | None = None
    search: str | None = None
    metadata: list[MetadataFilter] | None = None
    published_from: datetime.datetime | None = strawberry.field(
        description="Filter by the publication date.", default=None
    )
    is_available: bool | None = strawberry.field(description="Filter by availability for purchase.", default=None)
    available_from: datetime.datetime | None = strawberry.field(
        description="Filter by the date of availability for purchase.", default=None
    )
    is_visible_in_listing: bool | None = strawberry.field(
        description="Filter by visibility in product listings.", default=None
    )
    price: PriceRangeInput | None = None
    minimal_price: PriceRangeInput | None = strawberry.field(
        description="Filter by the lowest variant price after discounts.", default=None
    )
    updated_at: DateTimeRangeInput | None = None
    product_types: list[strawberry.ID] | None = None
    gift_card: bool | None = strawberry.field(
        description="Filter on whether product is a gift card or not.", default=None
    )
    ids: list[strawberry.ID] | None = None
    has_preordered_variants: bool | None = strawberry.field(description=deprecated(PREORDER), default=None)
    slugs: list[str] | None = None
    channel: str | None = strawberry.field(
        description=deprecated(USE_ROOT_CHANNEL, "Specifies the channel by which the data should be filtered."),
        default=None,
    )


@strawberry.input
class ProductWhereInput:
    metadata: list[MetadataFilter] | None = None
    ids: list[strawberry.ID] | None = None
    name: StringFilterInput | None = strawberry.field(description="Filter by product name.", default=None)
    slug: StringFilterInput | None = strawberry.field(description="Filter by product slug.", default=None)
    product_type: GlobalIDFilterInput | None = strawberry.field(description="Filter by product type.", default=None)
    category: GlobalIDFilterInput | None = strawberry.field(description="Filter by product category.", default=None)
    collection: GlobalIDFilterInput | None = strawberry.field(description="Filter by collection.", default=None)
    is_available: bool | None = strawberry.field(description="Filter by availability for purchase.", default=None)
    is_published: bool | None = strawberry.field(description="Filter by public visibility.", default=None)
    is_visible_in_listing: bool | None = strawberry.field(
        description="Filter by visibility on the channel.", default=None
    )
    published_from: datetime.datetime | None = strawberry.field(
        description="Filter by the publication date.", default=None
    )
    available_from: datetime.datetime | None = strawberry.field(
        description="Filter by the date of availability for purchase.", default=None
    )
    has_category: bool | None = strawberry.field(description="Filter by product with category assigned.", default=None)
    price: DecimalFilterInput | None = strawberry.field(description="Filter by product variant price.", default=None)
    minimal_price: DecimalFilterInput | None = strawberry.field(
        description="Filter by the lowest variant price after discounts.", default=None
    )
    attributes: list[AttributeInput] | None = strawberry.field(
        description="Filter by attributes associated with the product.", default=None
    )
    stock_availability: StockAvailability | None = strawberry.field(
        description="Filter by variants having specific stock status.", default=None
    )
    stocks: ProductStockFilterInput | None = strawberry.field(
        description="Filter by stock of the product variant.", default=None
    )
    gift_card: bool | None = strawberry.field(
        description="Filter on whether product is a gift card or not.", default=None
    )
    has_preordered_variants: bool | None = strawberry.field(description=deprecated(PREORDER), default=None)
    updated_at: DateTimeFilterInput | None = strawberry.field(
        description="Filter by when was the most recent update.", default=None
    )
    and_: list[ProductWhereInput] | None = strawberry.field(
        name="AND", description="List of conditions that must be met.", default=None
    )
    or_: list[ProductWhereInput] | None = strawberry.field(
        name="OR", description="A list of conditions of which at least one must be met.", default=None
    )


@strawberry.input
class ProductOrder:
    direction: OrderDirection = strawberry.field(description="Specifies the direction in which to sort products.")
    channel: str | None = strawberry.field(
        description=deprecated(USE_ROOT_CHANNEL, "Specifies the channel in which to sort the data."),
        default=None,
    )
    attribute_id: strawberry.ID | None = strawberry.field(
        description="Sort product by the selected attribute's values.", default=None
    )
    field: ProductOrderField | None = strawberry.field(description="Sort products by the selected field.", default=None)


@strawberry.input
class ProductVariantFilterInput:
    search: str | None = None
    sku: list[str] | None = None
    metadata: list[MetadataFilter] | None = None
    is_preorder: bool | None = strawberry.field(description=deprecated(PREORDER), default=None)
    updated_at: DateTimeRangeInput | None = None


@strawberry.input
class ProductVariantWhereInput:
    metadata: list[MetadataFilter] | None = None
    ids: list[strawberry.ID] | None = None
    sku: StringFilterInput | None = strawberry.field(description="Filter by SKU.", default=None)
    updated_at: DateTimeRangeInput | None = strawberry.field(
        description="Filter by when was the most recent update.", default=None
    )
    attributes: list[AssignedAttributeWhereInput] | None = strawberry.field(
        description="Filter by attributes.", default=None
    )
    stock_availability: StockAvailability | None = strawberry.field(
        description="Filter by variants having specific stock status.", default=None
    )
    stocks: ProductStockFilterInput | None = strawberry.field(
        description="Filter by stock of the product variant.", default=None
    )
    and_: list[ProductVariantWhereInput] | None = strawberry.field(name="AND", default=None)
    or_: list[ProductVariantWhereInput] | None = strawberry.field(name="OR", default=None)


@strawberry.input
class ProductVariantSortingInput:
    direction: OrderDirection = strawberry.field(description="Specifies the direction in which to sort.")
    field: ProductVariantSortField = strawberry.field(description="Sort productVariants by the selected field.")


@strawberry.input
class CategoryFilterInput:
    search: str | None = None
    metadata: list[MetadataFilter] | None = None
    ids: list[strawberry.ID] | None = None
    slugs: list[str] | None = None
    updated_at: DateTimeRangeInput | None = None


@strawberry.input
class CategoryWhereInput:
    metadata: list[MetadataFilter] | None = None
    ids: list[strawberry.ID] | None = None
    and_: list[CategoryWhereInput] | None = strawberry.field(name="AND", default=None)
    or_: list[CategoryWhereInput] | None = strawberry.field(name="OR", default=None)


@strawberry.input
class CategorySortingInput:
    direction: OrderDirection = strawberry.field(description="Specifies the direction in which to sort.")
    channel: str | None = strawberry.field(description=deprecated(USE_ROOT_CHANNEL), default=None)
    field: CategorySortField = strawberry.field(description="Sort categories by the selected field.")


@strawberry.input
class CollectionFilterInput:
    published: CollectionPublished | None = None
    search: str | None = None
    metadata: list[MetadataFilter] | None = None
    ids: list[strawberry.ID] | None = None
    slugs: list[str] | None = None
    channel: str | None = strawberry.field(description=deprecated(USE_ROOT_CHANNEL), default=None)


@strawberry.input
class CollectionWhereInput:
    metadata: list[MetadataFilter] | None = None
    ids: list[strawberry.ID] | None = None
    and_: list[CollectionWhereInput] | None = strawberry.field(name="AND", default=None)
    or_: list[CollectionWhereInput] | None = strawberry.field(name="OR", default=None)


@strawberry.input
class CollectionSortingInput:
    direction: OrderDirection = strawberry.field(description="Specifies the direction in which to sort.")
    channel: str | None = strawberry.field(description=deprecated(USE_ROOT_CHANNEL), default=None)
    field: CollectionSortField = strawberry.field(description="Sort collections by the selected field.")


@strawberry.input
class PageFilterInput:
    search: str | None = None
    metadata: list[MetadataFilter] | None = None
    page_types: list[strawberry.ID] | None = None
    ids: list[strawberry.ID] | None = None
    slugs: list[str] | None = None


@strawberry.input
class PageWhereInput:
    metadata: MetadataFilterInput | None = None
    ids: list[strawberry.ID] | None = None
    slug: StringFilterInput | None = strawberry.field(description="Filter by page slug.", default=None)
    page_type: GlobalIDFilterInput | None = strawberry.field(description="Filter by page type.", default=None)
    attributes: list[AssignedAttributeWhereInput] | None = strawberry.field(
        description="Filter by attributes.", default=None
    )
    and_: list[PageWhereInput] | None = strawberry.field(name="AND", default=None)
    or_: list[PageWhereInput] | None = strawberry.field(name="OR", default=None)


@strawberry.input
class PageSortingInput:
    direction: OrderDirection = strawberry.field(description="Specifies the direction in which to sort.")
    field: PageSortField = strawberry.field(description="Sort pages by the selected field.")


def given_keys(where: object) -> list[str]:
    """The fields a `where` input sets (operators included), for Saleor's "Cannot mix operators" rule."""
    return [name for name, value in vars(where).items() if value is not None]


@strawberry.input(description="Mall-only: members chosen by code (loyalty tier codes, or value segment names).")
class MemberTargetInput:
    codes: list[str] = strawberry.field(description="The tier codes (e.g. GOLD) or segment names (e.g. champions).")


# Saleor's input, owned here so that a rule can also target members: the mall-only `tierPredicate` and
# `segmentPredicate` sit beside Saleor's catalogue conditions (catalog.promotions.predicates reads them).
@strawberry.input(name="CataloguePredicateInput")
class CataloguePredicateInput:
    variant_predicate: ProductVariantWhereInput | None = strawberry.field(
        default=strawberry.UNSET, name="variantPredicate")
    product_predicate: ProductWhereInput | None = strawberry.field(default=strawberry.UNSET, name="productPredicate")
    category_predicate: CategoryWhereInput | None = strawberry.field(
        default=strawberry.UNSET, name="categoryPredicate")
    collection_predicate: CollectionWhereInput | None = strawberry.field(
        default=strawberry.UNSET, name="collectionPredicate")
    tier_predicate: MemberTargetInput | None = strawberry.field(
        default=strawberry.UNSET, name="tierPredicate",
        description="Mall-only: holds for a signed-in member whose loyalty tier in the channel's programme is listed.")
    segment_predicate: MemberTargetInput | None = strawberry.field(
        default=strawberry.UNSET, name="segmentPredicate",
        description="Mall-only: holds for a signed-in member whose value segment (RFM) is listed.")
    and_: list[CataloguePredicateInput] | None = strawberry.field(default=strawberry.UNSET, name="AND")
    or_: list[CataloguePredicateInput] | None = strawberry.field(default=strawberry.UNSET, name="OR")
