"""Saleor's input types of the back office's catalogue queries and mutations (filters, sorts, product types,
warehouses, collections, variants in bulk, attributes, translations), with Saleor's names and fields."""

from __future__ import annotations

import datetime

import strawberry

from catalog.graphql.admin.enums import (
    AttributeChoicesSortField,
    AttributeSortField,
    AttributeTypeEnum,
    ProductAttributeType,
    ProductTypeConfigurable,
    ProductTypeEnum,
    ProductTypeSortField,
    WarehouseSortField,
)
from catalog.graphql.enums import (
    AttributeEntityTypeEnum,
    AttributeInputTypeEnum,
    MeasurementUnitsEnum,
    ProductTypeKindEnum,
    WarehouseClickAndCollectOptionEnum,
)
from catalog.graphql.inputs import MetadataFilter, StringFilterInput
from catalog.graphql.mutations.products import SeoInput
from catalog.graphql.mutations.variants import ProductVariantChannelListingAddInput, StockInput
from mall.graphql.enums import OrderDirection
from mall.graphql.inputs import MetadataInput
from mall.graphql.scalars import (
    JSONString,
    PositiveDecimal,
    Upload,
    WeightScalar,
)


@strawberry.input
class AttributeFilterInput:
    value_required: bool | None = strawberry.field(default=None)
    is_variant_only: bool | None = strawberry.field(default=None)
    visible_in_storefront: bool | None = strawberry.field(default=None)
    metadata: list[MetadataFilter] | None = strawberry.field(default=None)
    search: str | None = strawberry.field(default=None)
    ids: list[strawberry.ID] | None = strawberry.field(default=None)
    type: AttributeTypeEnum | None = strawberry.field(default=None)
    in_collection: strawberry.ID | None = strawberry.field(default=None)
    in_category: strawberry.ID | None = strawberry.field(default=None)
    slugs: list[str] | None = strawberry.field(default=None)
    filterable_in_storefront: bool | None = strawberry.field(
        default=None, description="Whether the attribute can be filtered in storefront."
    )
    available_in_grid: bool | None = strawberry.field(
        default=None, description="Whether the attribute can be displayed in the admin product list."
    )
    filterable_in_dashboard: bool | None = strawberry.field(
        default=None, description="Whether the attribute can be filtered in dashboard."
    )
    channel: str | None = strawberry.field(
        default=None, description="Specifies the channel by which the data should be filtered."
    )


@strawberry.input(description="Where filtering options.")
class AttributeWhereInput:
    metadata: list[MetadataFilter] | None = strawberry.field(default=None)
    ids: list[strawberry.ID] | None = strawberry.field(default=None)
    name: StringFilterInput | None = strawberry.field(default=None)
    slug: StringFilterInput | None = strawberry.field(default=None)
    with_choices: bool | None = strawberry.field(default=None)
    input_type: AttributeInputTypeEnumFilterInput | None = strawberry.field(default=None)
    entity_type: AttributeEntityTypeEnumFilterInput | None = strawberry.field(default=None)
    type: AttributeTypeEnumFilterInput | None = strawberry.field(default=None)
    unit: MeasurementUnitsEnumFilterInput | None = strawberry.field(default=None)
    in_collection: strawberry.ID | None = strawberry.field(default=None)
    in_category: strawberry.ID | None = strawberry.field(default=None)
    value_required: bool | None = strawberry.field(default=None)
    visible_in_storefront: bool | None = strawberry.field(default=None)
    filterable_in_dashboard: bool | None = strawberry.field(
        default=None, description="Whether the attribute can be filtered in dashboard."
    )
    a_n_d: list[AttributeWhereInput] | None = strawberry.field(
        default=None, name="AND", description="List of conditions that must be met."
    )
    o_r: list[AttributeWhereInput] | None = strawberry.field(
        default=None, name="OR", description="A list of conditions of which at least one must be met."
    )


@strawberry.input
class AttributeInputTypeEnumFilterInput:
    eq: AttributeInputTypeEnum | None = strawberry.field(default=None, description="The value equal to.")
    one_of: list[AttributeInputTypeEnum] | None = strawberry.field(default=None, description="The value included in.")


@strawberry.input
class AttributeEntityTypeEnumFilterInput:
    eq: AttributeEntityTypeEnum | None = strawberry.field(default=None, description="The value equal to.")
    one_of: list[AttributeEntityTypeEnum] | None = strawberry.field(default=None, description="The value included in.")


@strawberry.input
class AttributeTypeEnumFilterInput:
    eq: AttributeTypeEnum | None = strawberry.field(default=None, description="The value equal to.")
    one_of: list[AttributeTypeEnum] | None = strawberry.field(default=None, description="The value included in.")


@strawberry.input
class MeasurementUnitsEnumFilterInput:
    eq: MeasurementUnitsEnum | None = strawberry.field(default=None, description="The value equal to.")
    one_of: list[MeasurementUnitsEnum] | None = strawberry.field(default=None, description="The value included in.")


@strawberry.input
class AttributeSortingInput:
    direction: OrderDirection = strawberry.field(description="Specifies the direction in which to sort attributes.")
    field: AttributeSortField = strawberry.field(description="Sort attributes by the selected field.")


@strawberry.input
class ProductTypeFilterInput:
    search: str | None = strawberry.field(default=None)
    configurable: ProductTypeConfigurable | None = strawberry.field(default=None)
    product_type: ProductTypeEnum | None = strawberry.field(default=None)
    metadata: list[MetadataFilter] | None = strawberry.field(default=None)
    kind: ProductTypeKindEnum | None = strawberry.field(default=None)
    ids: list[strawberry.ID] | None = strawberry.field(default=None)
    slugs: list[str] | None = strawberry.field(default=None)


@strawberry.input
class ProductTypeSortingInput:
    direction: OrderDirection = strawberry.field(description="Specifies the direction in which to sort product types.")
    field: ProductTypeSortField = strawberry.field(description="Sort product types by the selected field.")


@strawberry.input
class WarehouseFilterInput:
    click_and_collect_option: WarehouseClickAndCollectOptionEnum | None = strawberry.field(default=None)
    metadata: list[MetadataFilter] | None = strawberry.field(default=None)
    search: str | None = strawberry.field(default=None)
    ids: list[strawberry.ID] | None = strawberry.field(default=None)
    is_private: bool | None = strawberry.field(default=None)
    channels: list[strawberry.ID] | None = strawberry.field(default=None)
    slugs: list[str] | None = strawberry.field(default=None)


@strawberry.input
class WarehouseSortingInput:
    direction: OrderDirection = strawberry.field(description="Specifies the direction in which to sort warehouses.")
    field: WarehouseSortField = strawberry.field(description="Sort warehouses by the selected field.")


@strawberry.input(description="Represents an input for create of attribute.")
class AttributeCreateInput:
    input_type: AttributeInputTypeEnum | None = strawberry.field(
        default=None, description="The input type to use for entering attribute values in the dashboard."
    )
    entity_type: AttributeEntityTypeEnum | None = strawberry.field(
        default=None, description="The entity type which can be used as a reference."
    )
    name: str = strawberry.field(description="Name of an attribute displayed in the interface.")
    slug: str | None = strawberry.field(default=None, description="Internal representation of an attribute name.")
    type: AttributeTypeEnum = strawberry.field(description="The attribute type.")
    unit: MeasurementUnitsEnum | None = strawberry.field(default=None, description="The unit of attribute values.")
    values: list[AttributeValueCreateInput] | None = strawberry.field(
        default=None, description="List of attribute's values."
    )
    value_required: bool | None = strawberry.field(
        default=None, description="Whether the attribute requires values to be passed or not."
    )
    is_variant_only: bool | None = strawberry.field(
        default=None, description="Whether the attribute is for variants only."
    )
    visible_in_storefront: bool | None = strawberry.field(
        default=None, description="Whether the attribute should be visible or not in storefront."
    )
    filterable_in_storefront: bool | None = strawberry.field(
        default=None, description="Whether the attribute can be filtered in storefront."
    )
    filterable_in_dashboard: bool | None = strawberry.field(
        default=None, description="Whether the attribute can be filtered in dashboard."
    )
    storefront_search_position: int | None = strawberry.field(
        default=None, description="The position of the attribute in the storefront navigation (0 by default)."
    )
    available_in_grid: bool | None = strawberry.field(
        default=None, description="Whether the attribute can be displayed in the admin product list."
    )
    external_reference: str | None = strawberry.field(default=None, description="External ID of this attribute.")
    reference_types: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Specifies reference types to narrow down the choices of reference objects."
    )


@strawberry.input
class AttributeValueCreateInput:
    value: str | None = strawberry.field(default=None, description="Represent value of the attribute value (e.g.")
    rich_text: JSONString | None = strawberry.field(
        default=None, description="Represents the text of the attribute value, includes formatting."
    )
    plain_text: str | None = strawberry.field(
        default=None, description="Represents the text of the attribute value, plain text without formatting."
    )
    file_url: str | None = strawberry.field(default=None, description="URL of the file attribute.")
    content_type: str | None = strawberry.field(default=None, description="File content type.")
    external_reference: str | None = strawberry.field(default=None, description="External ID of this attribute value.")
    name: str = strawberry.field(description="Name of a value displayed in the interface.")


@strawberry.input
class ReorderInput:
    id: strawberry.ID = strawberry.field(description="The ID of the item to move.")
    sort_order: int | None = strawberry.field(
        default=None, description="The new relative sorting position of the item (from -inf to +inf)."
    )


@strawberry.input
class NameTranslationInput:
    name: str | None = strawberry.field(default=None)


@strawberry.input(description="Represents an input for update of attribute.")
class AttributeUpdateInput:
    name: str | None = strawberry.field(default=None, description="Name of an attribute displayed in the interface.")
    slug: str | None = strawberry.field(default=None, description="Internal representation of an attribute name.")
    unit: MeasurementUnitsEnum | None = strawberry.field(default=None, description="The unit of attribute values.")
    remove_values: list[strawberry.ID] | None = strawberry.field(
        default=None, description="IDs of values to be removed from this attribute."
    )
    add_values: list[AttributeValueUpdateInput] | None = strawberry.field(
        default=None, description="New values to be created for this attribute."
    )
    value_required: bool | None = strawberry.field(
        default=None, description="Whether the attribute requires values to be passed or not."
    )
    is_variant_only: bool | None = strawberry.field(
        default=None, description="Whether the attribute is for variants only."
    )
    visible_in_storefront: bool | None = strawberry.field(
        default=None, description="Whether the attribute should be visible or not in storefront."
    )
    filterable_in_storefront: bool | None = strawberry.field(
        default=None, description="Whether the attribute can be filtered in storefront."
    )
    filterable_in_dashboard: bool | None = strawberry.field(
        default=None, description="Whether the attribute can be filtered in dashboard."
    )
    storefront_search_position: int | None = strawberry.field(
        default=None, description="The position of the attribute in the storefront navigation (0 by default)."
    )
    available_in_grid: bool | None = strawberry.field(
        default=None, description="Whether the attribute can be displayed in the admin product list."
    )
    external_reference: str | None = strawberry.field(default=None, description="External ID of this product.")
    reference_types: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Specifies reference types to narrow down the choices of reference objects."
    )


@strawberry.input
class AttributeValueUpdateInput:
    value: str | None = strawberry.field(default=None, description="Represent value of the attribute value (e.g.")
    rich_text: JSONString | None = strawberry.field(
        default=None, description="Represents the text of the attribute value, includes formatting."
    )
    plain_text: str | None = strawberry.field(
        default=None, description="Represents the text of the attribute value, plain text without formatting."
    )
    file_url: str | None = strawberry.field(default=None, description="URL of the file attribute.")
    content_type: str | None = strawberry.field(default=None, description="File content type.")
    external_reference: str | None = strawberry.field(default=None, description="External ID of this attribute value.")
    name: str | None = strawberry.field(default=None, description="Name of a value displayed in the interface.")


@strawberry.input
class AttributeValueTranslationInput:
    name: str | None = strawberry.field(default=None)
    rich_text: JSONString | None = strawberry.field(default=None, description="Translated text.")
    plain_text: str | None = strawberry.field(default=None, description="Translated text.")


@strawberry.input
class TranslationInput:
    slug: str | None = strawberry.field(default=None)
    seo_title: str | None = strawberry.field(default=None)
    seo_description: str | None = strawberry.field(default=None)
    name: str | None = strawberry.field(default=None)
    description: JSONString | None = strawberry.field(default=None, description="Translated description.")


@strawberry.input
class CollectionChannelListingUpdateInput:
    add_channels: list[PublishableChannelListingInput] | None = strawberry.field(
        default=None, description="List of channels to which the collection should be assigned."
    )
    remove_channels: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of channels from which the collection should be unassigned."
    )


@strawberry.input
class PublishableChannelListingInput:
    channel_id: strawberry.ID = strawberry.field(description="ID of a channel.")
    is_published: bool | None = strawberry.field(
        default=None, description="Determines if object is visible to customers."
    )
    publication_date: datetime.date | None = strawberry.field(default=None, description="Publication date.")
    published_at: datetime.datetime | None = strawberry.field(default=None, description="Publication date time.")


@strawberry.input
class MoveProductInput:
    product_id: strawberry.ID = strawberry.field(description="The ID of the product to move.")
    sort_order: int | None = strawberry.field(
        default=None,
        description="How many places to move the product: 1 moves it one position forward, -1 one position "
        "backward, 0 leaves it.",
    )


@strawberry.input
class CollectionInput:
    is_published: bool | None = strawberry.field(default=None, description="Informs whether a collection is published.")
    name: str | None = strawberry.field(default=None, description="Name of the collection.")
    slug: str | None = strawberry.field(default=None, description="Slug of the collection.")
    description: JSONString | None = strawberry.field(default=None, description="Description of the collection.")
    background_image: Upload | None = strawberry.field(default=None, description="Background image file.")
    background_image_alt: str | None = strawberry.field(default=None, description="Alt text for an image.")
    seo: SeoInput | None = strawberry.field(default=None, description="Search engine optimization fields.")
    publication_date: datetime.date | None = strawberry.field(default=None, description="Publication date.")
    metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Fields required to update the collection metadata."
    )
    private_metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Fields required to update the collection private metadata."
    )


@strawberry.input
class AttributeValueInput:
    id: strawberry.ID | None = strawberry.field(default=None, description="ID of the selected attribute.")
    external_reference: str | None = strawberry.field(default=None, description="External ID of this attribute.")
    values: list[str] | None = strawberry.field(
        default=None, description="The value or slug of an attribute to resolve."
    )
    dropdown: AttributeValueSelectableTypeInput | None = strawberry.field(
        default=None, description="Attribute value ID or external reference."
    )
    swatch: AttributeValueSelectableTypeInput | None = strawberry.field(
        default=None, description="Attribute value ID or external reference."
    )
    multiselect: list[AttributeValueSelectableTypeInput] | None = strawberry.field(
        default=None, description="List of attribute value IDs or external references."
    )
    numeric: str | None = strawberry.field(default=None, description="Numeric value of an attribute.")
    file: str | None = strawberry.field(default=None, description="URL of the file attribute.")
    content_type: str | None = strawberry.field(default=None, description="File content type.")
    reference: strawberry.ID | None = strawberry.field(
        default=None, description="ID of the referenced entity for single reference attribute."
    )
    references: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of entity IDs that will be used as references."
    )
    rich_text: JSONString | None = strawberry.field(default=None, description="Text content in JSON format.")
    plain_text: str | None = strawberry.field(default=None, description="Plain text content.")
    boolean: bool | None = strawberry.field(
        default=None, description="Represents the boolean value of the attribute value."
    )
    date: datetime.date | None = strawberry.field(
        default=None, description="Represents the date value of the attribute value."
    )
    date_time: datetime.datetime | None = strawberry.field(
        default=None, description="Represents the date/time value of the attribute value."
    )


@strawberry.input(description="Represents attribute value.")
class AttributeValueSelectableTypeInput:
    id: strawberry.ID | None = strawberry.field(default=None, description="ID of an attribute value.")
    external_reference: str | None = strawberry.field(
        default=None, description="External reference of an attribute value."
    )
    value: str | None = strawberry.field(default=None, description="The value or slug of an attribute to resolve.")


@strawberry.input
class ProductAttributeAssignInput:
    id: strawberry.ID = strawberry.field(description="The ID of the attribute to assign.")
    type: ProductAttributeType = strawberry.field(description="The attribute type to be assigned as.")
    variant_selection: bool | None = strawberry.field(
        default=None, description="Whether attribute is allowed in variant selection."
    )


@strawberry.input
class ProductAttributeAssignmentUpdateInput:
    id: strawberry.ID = strawberry.field(description="The ID of the attribute to assign.")
    variant_selection: bool = strawberry.field(description="Whether attribute is allowed in variant selection.")


@strawberry.input
class ProductMediaUpdateInput:
    alt: str | None = strawberry.field(default=None, description="Alt text for a product media.")


@strawberry.input
class ProductTypeInput:
    name: str | None = strawberry.field(default=None, description="Name of the product type.")
    slug: str | None = strawberry.field(default=None, description="Product type slug.")
    kind: ProductTypeKindEnum | None = strawberry.field(default=None, description="The product type kind.")
    has_variants: bool | None = strawberry.field(
        default=None, description="Determines if product of this type has multiple variants."
    )
    product_attributes: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attributes shared among all product variants."
    )
    variant_attributes: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attributes used to distinguish between different variants of a product."
    )
    is_shipping_required: bool | None = strawberry.field(
        default=None, description="Determines if shipping is required for products of this variant."
    )
    weight: WeightScalar | None = strawberry.field(default=None, description="Weight of the ProductType items.")
    tax_code: str | None = strawberry.field(default=None, description="Tax rate for enabled tax gateway.")
    tax_class: strawberry.ID | None = strawberry.field(
        default=None, description="ID of a tax class to assign to this product type."
    )


@strawberry.input
class ProductVariantBulkCreateInput:
    attributes: list[BulkAttributeValueInput] = strawberry.field(
        description="List of attributes specific to this variant."
    )
    sku: str | None = strawberry.field(default=None, description="Stock keeping unit.")
    name: str | None = strawberry.field(default=None, description="Variant name.")
    track_inventory: bool | None = strawberry.field(
        default=None, description="Determines if the inventory of this variant should be tracked."
    )
    weight: WeightScalar | None = strawberry.field(default=None, description="Weight of the Product Variant.")
    preorder: PreorderSettingsInput | None = strawberry.field(
        default=None, description="Determines if variant is in preorder."
    )
    quantity_limit_per_customer: int | None = strawberry.field(
        default=None,
        description="Determines maximum quantity of `ProductVariant`,that can be bought in a single checkout.",
    )
    metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Fields required to update the product variant metadata."
    )
    private_metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Fields required to update the product variant private metadata."
    )
    external_reference: str | None = strawberry.field(default=None, description="External ID of this product variant.")
    stocks: list[StockInput] | None = strawberry.field(
        default=None, description="Stocks of a product available for sale."
    )
    channel_listings: list[ProductVariantChannelListingAddInput] | None = strawberry.field(
        default=None, description="List of prices assigned to channels."
    )


@strawberry.input
class BulkAttributeValueInput:
    id: strawberry.ID | None = strawberry.field(default=None, description="ID of the selected attribute.")
    external_reference: str | None = strawberry.field(default=None, description="External ID of this attribute.")
    values: list[str] | None = strawberry.field(
        default=None, description="The value or slug of an attribute to resolve."
    )
    dropdown: AttributeValueSelectableTypeInput | None = strawberry.field(
        default=None, description="Attribute value ID."
    )
    swatch: AttributeValueSelectableTypeInput | None = strawberry.field(default=None, description="Attribute value ID.")
    multiselect: list[AttributeValueSelectableTypeInput] | None = strawberry.field(
        default=None, description="List of attribute value IDs."
    )
    numeric: str | None = strawberry.field(default=None, description="Numeric value of an attribute.")
    file: str | None = strawberry.field(default=None, description="URL of the file attribute.")
    content_type: str | None = strawberry.field(default=None, description="File content type.")
    reference: strawberry.ID | None = strawberry.field(
        default=None, description="ID of the referenced entity for single reference attribute."
    )
    references: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of entity IDs that will be used as references."
    )
    rich_text: JSONString | None = strawberry.field(default=None, description="Text content in JSON format.")
    plain_text: str | None = strawberry.field(default=None, description="Plain text content.")
    boolean: bool | None = strawberry.field(default=None, description="The boolean value of an attribute to resolve.")
    date: datetime.date | None = strawberry.field(
        default=None, description="Represents the date value of the attribute value."
    )
    date_time: datetime.datetime | None = strawberry.field(
        default=None, description="Represents the date/time value of the attribute value."
    )


@strawberry.input(description="Preorder settings for a product variant.")
class PreorderSettingsInput:
    global_threshold: int | None = strawberry.field(
        default=None, description="The global threshold for preorder variant."
    )
    end_date: datetime.datetime | None = strawberry.field(default=None, description="The end date for preorder.")


@strawberry.input(description="Input fields to update product variants.")
class ProductVariantBulkUpdateInput:
    attributes: list[BulkAttributeValueInput] | None = strawberry.field(
        default=None, description="List of attributes specific to this variant."
    )
    sku: str | None = strawberry.field(default=None, description="Stock keeping unit.")
    name: str | None = strawberry.field(default=None, description="Variant name.")
    track_inventory: bool | None = strawberry.field(
        default=None, description="Determines if the inventory of this variant should be tracked."
    )
    weight: WeightScalar | None = strawberry.field(default=None, description="Weight of the Product Variant.")
    preorder: PreorderSettingsInput | None = strawberry.field(
        default=None, description="Determines if variant is in preorder."
    )
    quantity_limit_per_customer: int | None = strawberry.field(
        default=None,
        description="Determines maximum quantity of `ProductVariant`,that can be bought in a single checkout.",
    )
    metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Fields required to update the product variant metadata."
    )
    private_metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Fields required to update the product variant private metadata."
    )
    external_reference: str | None = strawberry.field(default=None, description="External ID of this product variant.")
    stocks: ProductVariantStocksUpdateInput | None = strawberry.field(default=None, description="Stocks input.")
    channel_listings: ProductVariantChannelListingUpdateInput | None = strawberry.field(
        default=None, description="Channel listings input."
    )
    id: strawberry.ID = strawberry.field(description="ID of the product variant to update.")


@strawberry.input
class ProductVariantStocksUpdateInput:
    create: list[StockInput] | None = strawberry.field(default=None, description="List of warehouses to create stocks.")
    update: list[StockUpdateInput] | None = strawberry.field(default=None, description="List of stocks to update.")
    remove: list[strawberry.ID] | None = strawberry.field(default=None, description="List of stocks to remove.")


@strawberry.input
class StockUpdateInput:
    stock: strawberry.ID = strawberry.field(description="Stock.")
    quantity: int = strawberry.field(description="Quantity of items available for sell.")


@strawberry.input
class ProductVariantChannelListingUpdateInput:
    create: list[ProductVariantChannelListingAddInput] | None = strawberry.field(
        default=None, description="List of channels to create variant channel listings."
    )
    update: list[ChannelListingUpdateInput] | None = strawberry.field(
        default=None, description="List of channel listings to update."
    )
    remove: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of channel listings to remove."
    )


@strawberry.input
class ChannelListingUpdateInput:
    channel_listing: strawberry.ID = strawberry.field(description="ID of a channel listing.")
    price: PositiveDecimal | None = strawberry.field(
        default=None, description="Price of the particular variant in channel."
    )
    cost_price: PositiveDecimal | None = strawberry.field(
        default=None, description="Cost price of the variant in channel."
    )
    prior_price: PositiveDecimal | None = strawberry.field(
        default=None, description="Price of the variant before discount."
    )
    preorder_threshold: int | None = strawberry.field(
        default=None, description="The threshold for preorder variant in channel."
    )


@strawberry.input
class AttributeChoicesSortingInput:
    direction: OrderDirection = strawberry.field(
        description="Specifies the direction in which to sort attribute choices."
    )
    field: AttributeChoicesSortField = strawberry.field(description="Sort attribute choices by the selected field.")


@strawberry.input
class AttributeValueFilterInput:
    search: str | None = strawberry.field(default=None)
    ids: list[strawberry.ID] | None = strawberry.field(default=None)
    slugs: list[str] | None = strawberry.field(default=None)


@strawberry.input(description="Where filtering options for attribute values.")
class AttributeValueWhereInput:
    ids: list[strawberry.ID] | None = strawberry.field(default=None)
    name: StringFilterInput | None = strawberry.field(default=None)
    slug: StringFilterInput | None = strawberry.field(default=None)
    a_n_d: list[AttributeValueWhereInput] | None = strawberry.field(
        default=None, name="AND", description="List of conditions that must be met."
    )
    o_r: list[AttributeValueWhereInput] | None = strawberry.field(
        default=None, name="OR", description="A list of conditions of which at least one must be met."
    )
