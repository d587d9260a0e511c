"""Product types, weights and the tax types Saleor exposes. Points carry no tax: tax fields are null."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from catalog.graphql import attribute_loaders
from catalog.graphql.attributes import Attribute
from catalog.graphql.enums import ProductTypeKindEnum, VariantAttributeScope, WeightUnitsEnum
from catalog.models import ProductType as ProductTypeModel
from mall.graphql.common import CountryDisplay, Node, ObjectWithMetadata
from mall.graphql.connection import PageArgs
from mall.graphql.context import Info
from mall.graphql.enums import enum_name
from mall.graphql.ids import to_global_id

if TYPE_CHECKING:
    from catalog.graphql.admin.inputs import AttributeFilterInput, AttributeWhereInput
    from catalog.graphql.admin.queries import AttributeCountableConnection
    from catalog.graphql.product import ProductCountableConnection

ProductConnectionRef = Annotated["ProductCountableConnection", strawberry.lazy("catalog.graphql.product")]
# The back office's types (catalog/graphql/admin), which import this module
AttributeFilterRef = Annotated["AttributeFilterInput", strawberry.lazy("catalog.graphql.admin.inputs")]
AttributeWhereRef = Annotated["AttributeWhereInput", strawberry.lazy("catalog.graphql.admin.inputs")]
AttributeConnectionRef = Annotated["AttributeCountableConnection", strawberry.lazy("catalog.graphql.admin.queries")]
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
    async def variant_attributes(
        self, info: Info, variant_selection: VariantAttributeScope | None = None
    ) -> list[Attribute] | None:
        return [item.attribute for item in await self._variant_links(info, variant_selection)]

    @strawberry.field(description="Variant attributes of that product type with attached variant selection.")
    async def assigned_variant_attributes(
        self,
        info: Info,
        variant_selection: VariantAttributeScope | None = None,
    ) -> list[AssignedVariantAttribute] | None:
        return await self._variant_links(info, variant_selection)

    async def _variant_links(
        self, info: Info, variant_selection: VariantAttributeScope | None
    ) -> list[AssignedVariantAttribute]:
        links = await attribute_loaders.variant_links(info.context, self.model.id)
        scope = enum_name(variant_selection) if variant_selection is not None else "ALL"
        if scope != "ALL":
            links = [link for link in links if link.variant_selection == (scope == "VARIANT_SELECTION")]
        return [
            AssignedVariantAttribute(attribute=Attribute.of(link.attribute), variant_selection=link.variant_selection)
            for link in links
        ]

    @strawberry.field(description="Product attributes of that product type.")
    async def product_attributes(self, info: Info) -> list[Attribute] | None:
        links = await attribute_loaders.product_links(info.context, self.model.id)
        return [Attribute.of(link.attribute) for link in links]

    @strawberry.field(
        description="Attributes that can be assigned: product attributes not assigned to this product type yet. "
        "Requires MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES."
    )
    async def available_attributes(
        self,
        info: Info,
        filter: AttributeFilterRef | None = None,
        where: AttributeWhereRef | None = None,
        search: str | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> AttributeConnectionRef | None:
        from catalog.graphql.admin.attribute_lists import available_attributes

        return await available_attributes(info, self.model, filter, search, PageArgs(first, last, after, before))
