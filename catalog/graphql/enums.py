"""The catalogue's GraphQL enums, named and valued as Saleor's (values from kernel.saleor_enums)."""

from __future__ import annotations

from enum import Enum

import strawberry

from mall.graphql.enums import saleor_enum

ProductOrderField = saleor_enum("ProductOrderField")
ProductMediaType = saleor_enum("ProductMediaType")
ProductTypeKindEnum = saleor_enum("ProductTypeKindEnum")
WeightUnitsEnum = saleor_enum("WeightUnitsEnum")
StockAvailability = saleor_enum("StockAvailability")
VariantAttributeScope = saleor_enum("VariantAttributeScope")
AttributeInputTypeEnum = saleor_enum("AttributeInputTypeEnum")
AttributeEntityTypeEnum = saleor_enum("AttributeEntityTypeEnum")
MeasurementUnitsEnum = saleor_enum("MeasurementUnitsEnum")
ReportingPeriod = saleor_enum("ReportingPeriod")
ProductVariantSortField = saleor_enum("ProductVariantSortField")
CategorySortField = saleor_enum("CategorySortField")
CollectionSortField = saleor_enum("CollectionSortField")
CollectionPublished = saleor_enum("CollectionPublished")
PageSortField = saleor_enum("PageSortField")


@strawberry.enum(name="MediaChoicesSortField")
class MediaChoicesSortField(Enum):
    ID = "ID"


@strawberry.enum(name="WarehouseClickAndCollectOptionEnum")
class WarehouseClickAndCollectOptionEnum(Enum):
    DISABLED = "DISABLED"
    LOCAL = "LOCAL"
    ALL = "ALL"
