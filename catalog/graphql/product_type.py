"""Product types, weights and the tax types Saleor exposes. Points carry no tax: tax fields are null."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from catalog.graphql.attributes import Attribute
from catalog.graphql.enums import ProductTypeKindEnum, VariantAttributeScope, WeightUnitsEnum
from catalog.models import ProductType as ProductTypeModel
from mall.graphql.common import CountryDisplay, Node, ObjectWithMetadata
from mall.graphql.context import Info
from mall.graphql.ids import to_global_id

if TYPE_CHECKING:
    from catalog.graphql.product import ProductCountableConnection

ProductConnectionRef = Annotated["ProductCountableConnection", strawberry.lazy("catalog.graphql.product")]
GRAMS_PER_KILOGRAM = 1000


@strawberry.type(description="Represents weight value in a specific weight unit.")
class Weight:
    unit: WeightUnitsEnum = strawberry.field(description="Weight unit.")
    value: float = strawberry.field(description="Weight value.")


def weight_of(grams: int | None) -> Weight | None:
    """Weights are stored in grams and shown in kilograms, Saleor's default unit."""
    if grams is None:
        return None
    return Weight(unit=WeightUnitsEnum.KG, value=grams / GRAMS_PER_KILOGRAM)


@strawberry.type(description="Representation of tax types fetched from tax gateway.")
class TaxType:
    description: str | None = strawberry.field(description="Description of the tax type.")
    tax_code: str | None = strawberry.field(description="External tax code used to identify given tax group.")


@strawberry.type(description="Tax class is a named object used to define tax rates per country.")
class TaxClass(Node, ObjectWithMetadata):
    model: strawberry.Private[object]
    name: str = strawberry.field(description="Name of the tax class.")
    countries: list[TaxClassCountryRate] = strawberry.field(description="Country-specific tax rates for this class.")


@strawberry.type(description="Tax rate for a country. When tax class is null, it represents the default rate.")
class TaxClassCountryRate:
    country: CountryDisplay = strawberry.field(description="Country in which this tax rate applies.")
    rate: float = strawberry.field(description="Tax rate value.")
    tax_class: TaxClass | None = strawberry.field(description="Related tax class.")


@strawberry.type(description="Represents assigned attribute to variant with variant selection attached.")
class AssignedVariantAttribute:
    attribute: Attribute = strawberry.field(description="Attribute assigned to variant.")
    variant_selection: bool = strawberry.field(description="Determines, whether assigned attribute is allowed.")


@strawberry.type(
    description="Represents a type of product. It defines what attributes are available to products of this type."
)
class ProductType(Node, ObjectWithMetadata):
    model: strawberry.Private[ProductTypeModel]

    @classmethod
    def of(cls, model: ProductTypeModel) -> ProductType:
        return cls(id=to_global_id("ProductType", model.id), model=model)

    @strawberry.field(description="Name of the product type.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="Slug of the product type.")
    def slug(self) -> str:
        return self.model.slug

    @strawberry.field(
        description="Whether the product type has variants.",
        deprecation_reason="This is a leftover from the past Simple/Configurable product distinction. Products "
        "can have multiple variants regardless of this setting. ",
    )
    def has_variants(self) -> bool:
        return True

    @strawberry.field(description="Whether shipping is required for this product type.")
    def is_shipping_required(self) -> bool:
        return self.model.is_shipping_required

    @strawberry.field(description="Weight of the product type.")
    def weight(self) -> Weight | None:
        return None

    @strawberry.field(description="The product type kind.")
    def kind(self) -> ProductTypeKindEnum:
        return ProductTypeKindEnum[self.model.kind]

    @strawberry.field(
        description="List of products of this type.",
        deprecation_reason="Use the top-level `products` query with the `productTypes` filter.",
    )
    async def products(
        self,
        info: Info,
        channel: str | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> ProductConnectionRef | None:
        from catalog.graphql.product_lists import ProductListRequest, product_connection

        request = ProductListRequest(channel=channel, first=first, last=last, after=after, before=before)
        return await product_connection(info, request, product_type_id=self.model.id)

    @strawberry.field(
        description="A type of tax. Assigned by enabled tax gateway", deprecation_reason="Use `taxClass` field instead."
    )
    def tax_type(self) -> TaxType | None:
        return None

    @strawberry.field(description="Tax class assigned to this product type.")
    def tax_class(self) -> TaxClass | None:
        return None

    @strawberry.field(
        description="Variant attributes of that product type.",
        deprecation_reason="Use `assignedVariantAttributes` instead.",
    )
    def variant_attributes(self, variant_selection: VariantAttributeScope | None = None) -> list[Attribute] | None:
        return []

    @strawberry.field(description="Variant attributes of that product type with attached variant selection.")
    def assigned_variant_attributes(
        self,
        variant_selection: VariantAttributeScope | None = None,
    ) -> list[AssignedVariantAttribute] | None:
        return []

    @strawberry.field(description="Product attributes of that product type.")
    def product_attributes(self) -> list[Attribute] | None:
        return []
