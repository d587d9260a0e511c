"""Which parts of a product's answer may be reused between requests (mall/graphql/planned/reuse.py).

Everything named here is a function of rows whose changes move a render version (the product, its
listings, variants, variant prices, media, collections membership; categories, product types, channels
and collections for the whole catalogue) and of the channel. The fields excluded read something else:
the clock (publication and availability that start at a set time), stock, or the caller's permissions.
A type that is missing here is never reused, so new types and fields are safe by default.
"""

from __future__ import annotations

from mall.graphql.planned.reuse import ReusePolicy

PRIVATE = frozenset({"privateMetadata", "privateMetafield", "privateMetafields"})
EVERY_FIELD: frozenset[str] = frozenset()

PRODUCT_RENDER_POLICY: ReusePolicy = {
    # isAvailable: stock and the clock; isAvailableForPurchase: the clock; collections: their publication
    # starts at a set time; channelListings: staff only.
    "Product": PRIVATE | {"isAvailable", "isAvailableForPurchase", "collections", "channelListings"},
    "ProductVariant": PRIVATE
    | {"quantityAvailable", "stocks", "channelListings", "quantityOrdered", "revenue", "margin", "preorder"},
    "Category": PRIVATE | {"products"},
    "ProductType": PRIVATE | {"products"},
    "ProductMedia": PRIVATE,
    "Attribute": PRIVATE,
    **dict.fromkeys(
        (
            "MetadataItem",
            "Money",
            "TaxedMoney",
            "TaxedMoneyRange",
            "ProductPricingInfo",
            "VariantPricingInfo",
            "Image",
            "ProductImage",
            "Weight",
            "TaxType",
            "PageInfo",
            "ProductVariantCountableConnection",
            "ProductVariantCountableEdge",
            "ProductTranslation",
            "ProductVariantTranslation",
            "CategoryTranslation",
            "LanguageDisplay",
            "SelectedAttribute",
            "AttributeValue",
            "AttributeTranslation",
            "AttributeValueTranslation",
            "AssignedVariantAttribute",
            "AssignedNumericAttribute",
            "AssignedTextAttribute",
            "AssignedPlainTextAttribute",
            "AssignedFileAttribute",
            "AssignedSingleChoiceAttribute",
            "AssignedMultiChoiceAttribute",
            "AssignedChoiceAttributeValue",
            "AssignedSwatchAttribute",
            "AssignedSwatchAttributeValue",
            "AssignedBooleanAttribute",
            "AssignedDateAttribute",
            "AssignedDateTimeAttribute",
            "File",
        ),
        EVERY_FIELD,
    ),
}
