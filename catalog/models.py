"""The gift catalogue: products and variants, categories, collections, media, channel listings,
warehouses and stock, listing review events and simple content pages.

Only catalog services write these tables. Prices in a channel are whole points. Cash amounts (cost price,
reference retail price) are Decimals with their currency. Model docstrings must not contain semicolons:
tortoise's SQLite migrations split statements on them.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from kernel.fields import ClockDatetimeField
from mall.channels.models import Channel


class ReviewStatus(StrEnum):
    """Where a listing is in the operator's review. Only approved products can be published."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


class ProductType(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=250)
    slug = fields.CharField(max_length=255, unique=True)
    is_shipping_required = fields.BooleanField(default=True)
    kind = fields.CharField(max_length=32, default="NORMAL")
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)

    class Meta:
        table = "catalog_product_type"
        ordering = ("slug",)


class Category(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=250)
    slug = fields.CharField(max_length=255, unique=True)
    description: fields.Field[dict | None] = fields.JSONField(null=True)
    parent: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "catalog.Category", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    level = fields.IntField(default=0)
    background_image = fields.CharField(max_length=500, default="")
    background_image_alt = fields.CharField(max_length=128, default="")
    seo_title = fields.CharField(max_length=70, default="")
    seo_description = fields.CharField(max_length=300, default="")
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "catalog_category"
        ordering = ("slug",)


class Product(Model):
    """A gift. `partner_code` names the partner merchant who lists it (none: the operator's own)."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=250)
    slug = fields.CharField(max_length=255, unique=True)
    description: fields.Field[dict | None] = fields.JSONField(null=True)
    description_plaintext = fields.TextField(default="")
    product_type: fields.ForeignKeyRelation[ProductType] = fields.ForeignKeyField(
        "catalog.ProductType", related_name="products", on_delete=fields.RESTRICT
    )
    category: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "catalog.Category", related_name="products", null=True, on_delete=fields.SET_NULL
    )
    partner_code = fields.CharField(max_length=64, null=True, db_index=True)
    review_status = fields.CharEnumField(ReviewStatus, max_length=16, default=ReviewStatus.DRAFT)
    # Lower-cased name, description and SKUs: what `search` matches against.
    search_text = fields.TextField(default="")
    rating = fields.FloatField(null=True)
    weight_grams = fields.IntField(null=True)
    external_reference = fields.CharField(max_length=250, null=True, unique=True)
    seo_title = fields.CharField(max_length=70, default="")
    seo_description = fields.CharField(max_length=300, default="")
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    private_metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    created_at = ClockDatetimeField(auto_now_add=True, db_index=True)
    updated_at = ClockDatetimeField(auto_now=True, db_index=True)

    class Meta:
        table = "catalog_product"
        ordering = ("slug",)


class ProductChannelListing(Model):
    """A product's visibility in one channel (one bank's mall)."""

    id = fields.IntField(primary_key=True)
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "catalog.Product", related_name="channel_listings", on_delete=fields.CASCADE
    )
    channel: fields.ForeignKeyRelation[Channel] = fields.ForeignKeyField(
        "mall.Channel", related_name=False, on_delete=fields.CASCADE
    )
    is_published = fields.BooleanField(default=False)
    published_at = fields.DatetimeField(null=True)
    visible_in_listings = fields.BooleanField(default=True)
    available_for_purchase_at = fields.DatetimeField(null=True)
    # The cheapest variant's points price in this channel, kept here so lists sort and filter by price.
    min_price_points = fields.IntField(null=True, db_index=True)
    max_price_points = fields.IntField(null=True)

    class Meta:
        table = "catalog_product_channel_listing"
        unique_together = (("product", "channel"),)


class ProductMedia(Model):
    id = fields.IntField(primary_key=True)
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "catalog.Product", related_name="media", on_delete=fields.CASCADE
    )
    sort_order = fields.IntField(default=0)
    # A key in the storage backend (local folder or S3), or an external URL for media given by link.
    storage_key = fields.CharField(max_length=500, default="")
    external_url = fields.CharField(max_length=1000, default="")
    alt = fields.CharField(max_length=250, default="")
    media_type = fields.CharField(max_length=32, default="IMAGE")

    class Meta:
        table = "catalog_product_media"
        ordering = ("sort_order", "id")


class ProductVariant(Model):
    id = fields.IntField(primary_key=True)
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "catalog.Product", related_name="variants", on_delete=fields.CASCADE
    )
    sku = fields.CharField(max_length=255, unique=True, null=True)
    name = fields.CharField(max_length=255, default="")
    sort_order = fields.IntField(default=0)
    weight_grams = fields.IntField(null=True)
    quantity_limit_per_customer = fields.IntField(null=True)
    # When a sold-out gift is expected back, as the partner told us (members see it beside "sold out").
    restock_expected_on = fields.DateField(null=True)
    track_inventory = fields.BooleanField(default=True)
    external_reference = fields.CharField(max_length=250, null=True, unique=True)
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    created_at = ClockDatetimeField(auto_now_add=True)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "catalog_product_variant"
        ordering = ("sort_order", "id")


class ProductVariantChannelListing(Model):
    """A variant's price in one channel: points for members, cash cost and reference price for the books."""

    id = fields.IntField(primary_key=True)
    variant: fields.ForeignKeyRelation[ProductVariant] = fields.ForeignKeyField(
        "catalog.ProductVariant", related_name="channel_listings", on_delete=fields.CASCADE
    )
    channel: fields.ForeignKeyRelation[Channel] = fields.ForeignKeyField(
        "mall.Channel", related_name=False, on_delete=fields.CASCADE
    )
    price_points = fields.IntField()
    cost_price_amount = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    cost_price_currency = fields.CharField(max_length=3, default="CNY")
    reference_price_amount = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    reference_price_currency = fields.CharField(max_length=3, default="CNY")

    class Meta:
        table = "catalog_variant_channel_listing"
        unique_together = (("variant", "channel"),)
        constraints = (CheckConstraint(check="price_points >= 0", name="variant_price_points_not_negative"),)


class Collection(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=250)
    slug = fields.CharField(max_length=255, unique=True)
    description: fields.Field[dict | None] = fields.JSONField(null=True)
    background_image = fields.CharField(max_length=500, default="")
    background_image_alt = fields.CharField(max_length=128, default="")
    seo_title = fields.CharField(max_length=70, default="")
    seo_description = fields.CharField(max_length=300, default="")
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)

    class Meta:
        table = "catalog_collection"
        ordering = ("slug",)


class CollectionChannelListing(Model):
    id = fields.IntField(primary_key=True)
    collection: fields.ForeignKeyRelation[Collection] = fields.ForeignKeyField(
        "catalog.Collection", related_name="channel_listings", on_delete=fields.CASCADE
    )
    channel: fields.ForeignKeyRelation[Channel] = fields.ForeignKeyField(
        "mall.Channel", related_name=False, on_delete=fields.CASCADE
    )
    is_published = fields.BooleanField(default=False)
    published_at = fields.DatetimeField(null=True)

    class Meta:
        table = "catalog_collection_channel_listing"
        unique_together = (("collection", "channel"),)


class CollectionProduct(Model):
    id = fields.IntField(primary_key=True)
    collection: fields.ForeignKeyRelation[Collection] = fields.ForeignKeyField(
        "catalog.Collection", related_name="collection_products", on_delete=fields.CASCADE
    )
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "catalog.Product", related_name="collection_products", on_delete=fields.CASCADE
    )
    sort_order = fields.IntField(default=0)

    class Meta:
        table = "catalog_collection_product"
        unique_together = (("collection", "product"),)


class Warehouse(Model):
    """A stock location. Owned by a partner (`partner_code`) or by the operator."""

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    name = fields.CharField(max_length=250)
    slug = fields.CharField(max_length=255, unique=True)
    email = fields.CharField(max_length=254, default="")
    partner_code = fields.CharField(max_length=64, null=True, db_index=True)
    company_name = fields.CharField(max_length=256, default="")
    street_address_1 = fields.CharField(max_length=256, default="")
    city = fields.CharField(max_length=256, default="")
    postal_code = fields.CharField(max_length=20, default="")
    country = fields.CharField(max_length=2, default="CN")
    phone = fields.CharField(max_length=32, default="")
    is_private = fields.BooleanField(default=True)
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "catalog_warehouse"
        ordering = ("slug",)


class ChannelWarehouse(Model):
    """Which warehouses ship a channel's orders, in allocation preference order."""

    id = fields.IntField(primary_key=True)
    channel: fields.ForeignKeyRelation[Channel] = fields.ForeignKeyField(
        "mall.Channel", related_name=False, on_delete=fields.CASCADE
    )
    warehouse: fields.ForeignKeyRelation[Warehouse] = fields.ForeignKeyField(
        "catalog.Warehouse", related_name="channel_links", on_delete=fields.CASCADE
    )
    sort_order = fields.IntField(default=0)

    class Meta:
        table = "catalog_channel_warehouse"
        unique_together = (("channel", "warehouse"),)


class Stock(Model):
    """Units of a variant in a warehouse. Allocated units are promised to orders but not shipped yet."""

    id = fields.IntField(primary_key=True)
    warehouse: fields.ForeignKeyRelation[Warehouse] = fields.ForeignKeyField(
        "catalog.Warehouse", related_name="stocks", on_delete=fields.CASCADE
    )
    variant: fields.ForeignKeyRelation[ProductVariant] = fields.ForeignKeyField(
        "catalog.ProductVariant", related_name="stocks", on_delete=fields.CASCADE
    )
    quantity = fields.IntField(default=0)
    quantity_allocated = fields.IntField(default=0)

    class Meta:
        table = "catalog_stock"
        unique_together = (("warehouse", "variant"),)
        constraints = (
            CheckConstraint(check="quantity >= 0", name="stock_quantity_not_negative"),
            CheckConstraint(
                check="quantity_allocated >= 0 AND quantity_allocated <= quantity",
                name="stock_allocation_within_quantity",
            ),
        )


class ProductEvent(Model):
    """One step of a listing's life (submitted, approved, rejected, published), with who and why."""

    id = fields.IntField(primary_key=True)
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "catalog.Product", related_name="events", on_delete=fields.CASCADE
    )
    type = fields.CharField(max_length=32)
    actor = fields.CharField(max_length=128, default="")
    note = fields.TextField(default="")
    data: fields.Field[dict] = fields.JSONField(default=dict)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "catalog_product_event"
        ordering = ("id",)


# The page type every page had before page types were stored (migration 0011 creates it with this key): a page
# written without a type gets it, so `Page.pageType` is never null.
CONTENT_PAGE_TYPE_ID = 1


class PageType(Model):
    """A kind of content page (the programme's rules, a FAQ): which page attributes its pages carry."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=250)
    slug = fields.CharField(max_length=255, unique=True)
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)

    class Meta:
        table = "catalog_page_type"
        ordering = ("slug",)


class Page(Model):
    """A simple content page (terms, FAQ, about the programme)."""

    id = fields.IntField(primary_key=True)
    # RESTRICT: a page type goes only once no page uses it (catalog/services/page_types.py says why)
    page_type: fields.ForeignKeyRelation[PageType] = fields.ForeignKeyField(
        "catalog.PageType", related_name="pages", on_delete=fields.RESTRICT, default=CONTENT_PAGE_TYPE_ID
    )
    title = fields.CharField(max_length=250)
    slug = fields.CharField(max_length=255, unique=True)
    content: fields.Field[dict | None] = fields.JSONField(null=True)
    is_published = fields.BooleanField(default=True)
    # When a published page went (or goes) public; null means "since it was created" (pages older than it)
    published_at = ClockDatetimeField(null=True)
    seo_title = fields.CharField(max_length=70, null=True)
    seo_description = fields.CharField(max_length=300, null=True)
    created_at = ClockDatetimeField(auto_now_add=True)
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)

    class Meta:
        table = "catalog_page"
        ordering = ("slug",)


class Translation(Model):
    """One language's wording of a product, variant, category or collection (exactly one of them is set).

    Empty fields fall back to the original: a translation may give only a name. Every change moves the
    render version of what it translates (triggers of migration 0005), as any other change to what a
    product's answer shows.
    """

    id = fields.IntField(primary_key=True)
    language_code = fields.CharField(max_length=35)
    product: fields.ForeignKeyNullableRelation[Product] = fields.ForeignKeyField(
        "catalog.Product", related_name=False, null=True, on_delete=fields.CASCADE
    )
    variant: fields.ForeignKeyNullableRelation[ProductVariant] = fields.ForeignKeyField(
        "catalog.ProductVariant", related_name=False, null=True, on_delete=fields.CASCADE
    )
    category: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "catalog.Category", related_name=False, null=True, on_delete=fields.CASCADE
    )
    collection: fields.ForeignKeyNullableRelation[Collection] = fields.ForeignKeyField(
        "catalog.Collection", related_name=False, null=True, on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=250, null=True)
    slug = fields.CharField(max_length=255, null=True)
    description: fields.Field[dict | None] = fields.JSONField(null=True)
    seo_title = fields.CharField(max_length=70, null=True)
    seo_description = fields.CharField(max_length=300, null=True)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "catalog_translation"
        unique_together = (
            ("product", "language_code"),
            ("variant", "language_code"),
            ("category", "language_code"),
            ("collection", "language_code"),
        )
        constraints = (
            CheckConstraint(
                check="(CASE WHEN product_id IS NULL THEN 0 ELSE 1 END)"
                " + (CASE WHEN variant_id IS NULL THEN 0 ELSE 1 END)"
                " + (CASE WHEN category_id IS NULL THEN 0 ELSE 1 END)"
                " + (CASE WHEN collection_id IS NULL THEN 0 ELSE 1 END) = 1",
                name="translation_translates_one_object",
            ),
        )


class PageTranslation(Model):
    """One language's wording of a content page (terms, FAQ). Empty fields fall back to the original page's."""

    id = fields.IntField(primary_key=True)
    page: fields.ForeignKeyRelation[Page] = fields.ForeignKeyField(
        "catalog.Page", related_name=False, on_delete=fields.CASCADE
    )
    language_code = fields.CharField(max_length=35)
    title = fields.CharField(max_length=250, null=True)
    slug = fields.CharField(max_length=255, null=True)
    content: fields.Field[dict | None] = fields.JSONField(null=True)
    seo_title = fields.CharField(max_length=70, null=True)
    seo_description = fields.CharField(max_length=300, null=True)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "catalog_page_translation"
        unique_together = (("page", "language_code"),)


class AttributeType(StrEnum):
    """What an attribute describes: gifts (through product types) or content pages."""

    PRODUCT_TYPE = "PRODUCT_TYPE"
    PAGE_TYPE = "PAGE_TYPE"


class AttributeInputType(StrEnum):
    """How an attribute's values are entered. Choice types keep a list of values. The others keep one value
    per gift or variant, made when the value is set."""

    DROPDOWN = "DROPDOWN"
    MULTISELECT = "MULTISELECT"
    SWATCH = "SWATCH"
    PLAIN_TEXT = "PLAIN_TEXT"
    BOOLEAN = "BOOLEAN"
    NUMERIC = "NUMERIC"
    DATE = "DATE"


class Attribute(Model):
    """A property gifts of some product types share (colour, capacity), with its choices when it has any."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=255)
    slug = fields.CharField(max_length=250, unique=True)
    type = fields.CharEnumField(AttributeType, max_length=16)
    input_type = fields.CharEnumField(AttributeInputType, max_length=16, default=AttributeInputType.DROPDOWN)
    unit = fields.CharField(max_length=32, null=True)
    value_required = fields.BooleanField(default=False)
    visible_in_storefront = fields.BooleanField(default=True)
    filterable_in_dashboard = fields.BooleanField(default=True)
    filterable_in_storefront = fields.BooleanField(default=True)
    storefront_search_position = fields.IntField(default=0)
    available_in_grid = fields.BooleanField(default=True)
    external_reference = fields.CharField(max_length=250, null=True, unique=True)
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)

    class Meta:
        table = "catalog_attribute"
        ordering = ("storefront_search_position", "slug")


class AttributeValue(Model):
    """One value of an attribute: a choice (Red) or one gift's own text, yes-no, number or date."""

    id = fields.IntField(primary_key=True)
    attribute: fields.ForeignKeyRelation[Attribute] = fields.ForeignKeyField(
        "catalog.Attribute", related_name="values", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=250)
    slug = fields.CharField(max_length=255)
    # A swatch's colour code (Saleor's `value`)
    value = fields.CharField(max_length=255, default="")
    plain_text = fields.TextField(null=True)
    boolean = fields.BooleanField(null=True)
    numeric = fields.FloatField(null=True)
    date = fields.DateField(null=True)
    sort_order = fields.IntField(default=0)
    external_reference = fields.CharField(max_length=250, null=True, unique=True)

    class Meta:
        table = "catalog_attribute_value"
        unique_together = (("attribute", "slug"),)
        ordering = ("sort_order", "id")


class AttributeProduct(Model):
    """An attribute every gift of a product type may carry, in the order the product type shows them."""

    id = fields.IntField(primary_key=True)
    product_type: fields.ForeignKeyRelation[ProductType] = fields.ForeignKeyField(
        "catalog.ProductType", related_name="attribute_products", on_delete=fields.CASCADE
    )
    attribute: fields.ForeignKeyRelation[Attribute] = fields.ForeignKeyField(
        "catalog.Attribute", related_name="attribute_products", on_delete=fields.CASCADE
    )
    sort_order = fields.IntField(default=0)

    class Meta:
        table = "catalog_attribute_product"
        unique_together = (("product_type", "attribute"),)
        ordering = ("sort_order", "id")


class AttributeVariant(Model):
    """An attribute every variant of a product type's gifts may carry. `variant_selection`: members pick
    the variant by it (a colour)."""

    id = fields.IntField(primary_key=True)
    product_type: fields.ForeignKeyRelation[ProductType] = fields.ForeignKeyField(
        "catalog.ProductType", related_name="attribute_variants", on_delete=fields.CASCADE
    )
    attribute: fields.ForeignKeyRelation[Attribute] = fields.ForeignKeyField(
        "catalog.Attribute", related_name="attribute_variants", on_delete=fields.CASCADE
    )
    variant_selection = fields.BooleanField(default=False)
    sort_order = fields.IntField(default=0)

    class Meta:
        table = "catalog_attribute_variant"
        unique_together = (("product_type", "attribute"),)
        ordering = ("sort_order", "id")


class AssignedProductAttributeValue(Model):
    """A value a gift carries."""

    id = fields.IntField(primary_key=True)
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "catalog.Product", related_name="attribute_values", on_delete=fields.CASCADE
    )
    value: fields.ForeignKeyRelation[AttributeValue] = fields.ForeignKeyField(
        "catalog.AttributeValue", related_name="product_assignments", on_delete=fields.CASCADE
    )
    sort_order = fields.IntField(default=0)

    class Meta:
        table = "catalog_product_attribute_value"
        unique_together = (("product", "value"),)
        ordering = ("sort_order", "id")


class AssignedVariantAttributeValue(Model):
    """A value a variant carries."""

    id = fields.IntField(primary_key=True)
    variant: fields.ForeignKeyRelation[ProductVariant] = fields.ForeignKeyField(
        "catalog.ProductVariant", related_name="attribute_values", on_delete=fields.CASCADE
    )
    value: fields.ForeignKeyRelation[AttributeValue] = fields.ForeignKeyField(
        "catalog.AttributeValue", related_name="variant_assignments", on_delete=fields.CASCADE
    )
    sort_order = fields.IntField(default=0)

    class Meta:
        table = "catalog_variant_attribute_value"
        unique_together = (("variant", "value"),)
        ordering = ("sort_order", "id")


class AttributeTranslation(Model):
    """One language's name of an attribute (颜色 for colour)."""

    id = fields.IntField(primary_key=True)
    attribute: fields.ForeignKeyRelation[Attribute] = fields.ForeignKeyField(
        "catalog.Attribute", related_name=False, on_delete=fields.CASCADE
    )
    language_code = fields.CharField(max_length=35)
    name = fields.CharField(max_length=255)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "catalog_attribute_translation"
        unique_together = (("attribute", "language_code"),)


class AttributeValueTranslation(Model):
    """One language's wording of an attribute value. An empty field falls back to the original's."""

    id = fields.IntField(primary_key=True)
    value: fields.ForeignKeyRelation[AttributeValue] = fields.ForeignKeyField(
        "catalog.AttributeValue", related_name=False, on_delete=fields.CASCADE
    )
    language_code = fields.CharField(max_length=35)
    name = fields.CharField(max_length=250, null=True)
    plain_text = fields.TextField(null=True)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "catalog_attribute_value_translation"
        unique_together = (("value", "language_code"),)


class AttributePage(Model):
    """A page attribute every page of a page type may carry, in the order the page type shows them."""

    id = fields.IntField(primary_key=True)
    page_type: fields.ForeignKeyRelation[PageType] = fields.ForeignKeyField(
        "catalog.PageType", related_name="attribute_pages", on_delete=fields.CASCADE
    )
    attribute: fields.ForeignKeyRelation[Attribute] = fields.ForeignKeyField(
        "catalog.Attribute", related_name="attribute_pages", on_delete=fields.CASCADE
    )
    sort_order = fields.IntField(default=0)

    class Meta:
        table = "catalog_attribute_page"
        unique_together = (("page_type", "attribute"),)
        ordering = ("sort_order", "id")


class AssignedPageAttributeValue(Model):
    """A value a content page carries."""

    id = fields.IntField(primary_key=True)
    page: fields.ForeignKeyRelation[Page] = fields.ForeignKeyField(
        "catalog.Page", related_name="attribute_values", on_delete=fields.CASCADE
    )
    value: fields.ForeignKeyRelation[AttributeValue] = fields.ForeignKeyField(
        "catalog.AttributeValue", related_name="page_assignments", on_delete=fields.CASCADE
    )
    sort_order = fields.IntField(default=0)

    class Meta:
        table = "catalog_page_attribute_value"
        unique_together = (("page", "value"),)
        ordering = ("sort_order", "id")
