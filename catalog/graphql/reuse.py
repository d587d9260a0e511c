"""Which parts of a product's answer may be reused between requests (mall/graphql/planned/reuse.py).

An allow-list: each type whose answers may be reused classifies every one of its fields, as reusable (a
function of rows whose changes move a render version: the product, its listings, variants, variant prices,
media, collections membership; categories, product types, channels and collections for the whole
catalogue; and of the channel) or not (it reads the clock, publication and availability that start at a set
time, stock, or the caller's permissions). A selection is reused only when every field it reads, at every
depth, is listed as reusable; a type missing here is never reused. tests/catalog/graphql/test_reuse.py
fails when a type named here gains a field that is not classified, so a new field that reads stock or the
clock cannot be reused by accident: whoever adds it decides. `pricing` applies the promotions running now:
it stays reusable because the running rules are part of every product's render key (product_lists.py).
"""

from __future__ import annotations

from mall.graphql.planned.reuse import ReusePolicy, TypeReuse

PRIVATE = "privateMetadata privateMetafield privateMetafields"  # staff only

PRODUCT_RENDER_POLICY: ReusePolicy = {
    # isAvailable: stock and the clock; isAvailableForPurchase: the clock; collections: their
    # publication starts at a set time; channelListings: staff only.
    "Product": TypeReuse.of(
        "id metadata metafield metafields assignedAttribute assignedAttributes seoTitle seoDescription "
        "name description productType slug category created updatedAt chargeTaxes weight defaultVariant "
        "rating channel descriptionJson thumbnail pricing taxType attribute attributes mediaById "
        "imageById variants productVariants media images translation availableForPurchase "
        "availableForPurchaseAt taxClass externalReference partnerCode",
        # loyaltyReservedTier: the programme's tiers, which move no render version.
        not_reusable=f"isAvailable channelListings collections isAvailableForPurchase loyaltyReservedTier {PRIVATE}",
    ),
    # quantityAvailable, stocks, preorder: stock; quantityOrdered, revenue, margin: orders;
    # channelListings: staff only.
    "ProductVariant": TypeReuse.of(
        "id metadata metafield metafields assignedAttribute assignedAttributes name sku product "
        "trackInventory quantityLimitPerCustomer restockExpectedOn weight channel pricing attributes "
        "images media translation created updatedAt externalReference",
        # loyaltyTierPrice: the caller's own tier.
        not_reusable=f"channelListings margin quantityOrdered revenue stocks quantityAvailable preorder "
                     f"loyaltyTierPrice {PRIVATE}",
    ),
    # products: their publication starts at a set time.
    "Category": TypeReuse.of(
        "id metadata metafield metafields seoTitle seoDescription name description slug parent level "
        "descriptionJson updatedAt ancestors children backgroundImage translation",
        not_reusable=f"products {PRIVATE}",
    ),
    # products: their publication starts at a set time.
    "ProductType": TypeReuse.of(
        "id metadata metafield metafields name slug hasVariants isShippingRequired weight kind taxType "
        "taxClass variantAttributes assignedVariantAttributes productAttributes",
        # availableAttributes: the back office's connection (always empty), never on a storefront page
        not_reusable=f"products availableAttributes {PRIVATE}",
    ),
    "ProductMedia": TypeReuse.of(
        "id metadata metafield metafields sortOrder alt type oembedData url productId",
        not_reusable=PRIVATE,
    ),
    "Attribute": TypeReuse.of(
        "id metadata metafield metafields inputType entityType name slug unit valueRequired "
        "visibleInStorefront withChoices externalReference translation type availableInGrid "
        "filterableInDashboard filterableInStorefront storefrontSearchPosition",
        # the back office's connections and references (always empty here), never on a storefront page
        not_reusable=f"choices productTypes productVariantTypes referenceTypes {PRIVATE}",
    ),
    "MetadataItem": TypeReuse.of("key value"),
    "Money": TypeReuse.of("currency amount fractionDigits fractionalAmount"),
    "TaxedMoney": TypeReuse.of("currency gross net tax"),
    "TaxedMoneyRange": TypeReuse.of("start stop"),
    "ProductPricingInfo": TypeReuse.of(
        "onSale discount discountPrior discountLocalCurrency displayGrossPrices priceRange "
        "priceRangeUndiscounted priceRangePrior priceRangeLocalCurrency"
    ),
    "VariantPricingInfo": TypeReuse.of(
        "onSale discount discountPrior discountLocalCurrency price priceUndiscounted pricePrior "
        "priceLocalCurrency pointsCashValue referenceRetailPrice"
    ),
    "Image": TypeReuse.of("url alt"),
    "ProductImage": TypeReuse.of("id alt sortOrder url"),
    "Weight": TypeReuse.of("unit value"),
    "TaxType": TypeReuse.of("description taxCode"),
    "PageInfo": TypeReuse.of("hasNextPage hasPreviousPage startCursor endCursor"),
    "ProductVariantCountableConnection": TypeReuse.of("pageInfo totalCount edges"),
    "ProductVariantCountableEdge": TypeReuse.of("node cursor"),
    "ProductTranslation": TypeReuse.of("id language seoTitle seoDescription slug name description descriptionJson"),
    "ProductVariantTranslation": TypeReuse.of("id language name"),
    "CategoryTranslation": TypeReuse.of("id language seoTitle seoDescription slug name description descriptionJson"),
    "LanguageDisplay": TypeReuse.of("code language"),
    "SelectedAttribute": TypeReuse.of("attribute values"),
    "AttributeValue": TypeReuse.of(
        "id name slug value inputType reference file richText plainText boolean date dateTime "
        "externalReference translation"
    ),
    "AttributeTranslation": TypeReuse.of("id language name"),
    "AttributeValueTranslation": TypeReuse.of("id language name richText plainText"),
    "AssignedVariantAttribute": TypeReuse.of("attribute variantSelection"),
    "AssignedNumericAttribute": TypeReuse.of("attribute value"),
    "AssignedTextAttribute": TypeReuse.of("attribute value translation"),
    "AssignedPlainTextAttribute": TypeReuse.of("attribute value translation"),
    "AssignedFileAttribute": TypeReuse.of("attribute value"),
    "AssignedSingleChoiceAttribute": TypeReuse.of("attribute value"),
    "AssignedMultiChoiceAttribute": TypeReuse.of("attribute value"),
    "AssignedChoiceAttributeValue": TypeReuse.of("name slug translation"),
    "AssignedSwatchAttribute": TypeReuse.of("attribute value"),
    "AssignedSwatchAttributeValue": TypeReuse.of("name slug hexColor file"),
    "AssignedBooleanAttribute": TypeReuse.of("attribute value"),
    "AssignedDateAttribute": TypeReuse.of("attribute value"),
    "AssignedDateTimeAttribute": TypeReuse.of("attribute value"),
    "File": TypeReuse.of("url contentType"),
}
