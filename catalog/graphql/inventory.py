"""Warehouses (a partner's or the operator's stock locations) and stock levels. Staff only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from catalog.graphql import loaders
from catalog.graphql.context import CatalogView, catalog_view
from catalog.graphql.enums import WarehouseClickAndCollectOptionEnum
from catalog.graphql.loaders import then
from catalog.graphql.pagination import counted_connection
from catalog.models import Stock as StockModel
from catalog.models import Warehouse as WarehouseModel
from mall.accounts.graphql.types import Address
from mall.accounts.models import Address as AddressModel
from mall.graphql.common import Node, ObjectWithMetadata
from mall.graphql.connection import PageArgs, paginate
from mall.graphql.context import Info
from mall.graphql.ids import to_global_id
from mall.graphql.saleor_absent.answers import absent_connection
from mall.graphql.saleor_absent.generated import ShippingZoneCountableConnection

if TYPE_CHECKING:
    from catalog.graphql.variant import ProductVariant

VariantRef = Annotated["ProductVariant", strawberry.lazy("catalog.graphql.variant")]


@strawberry.type(description="Represents warehouse.")
class Warehouse(Node, ObjectWithMetadata):
    model: strawberry.Private[WarehouseModel]

    @classmethod
    def of(cls, model: WarehouseModel) -> Warehouse:
        return cls(id=to_global_id("Warehouse", model.id), model=model)

    @strawberry.field(description="Warehouse name.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="Warehouse slug.")
    def slug(self) -> str:
        return self.model.slug

    @strawberry.field(description="Warehouse email.")
    def email(self) -> str:
        return self.model.email

    @strawberry.field(description="Determine if the warehouse is private.")
    def is_private(self) -> bool:
        return self.model.is_private

    @strawberry.field(description="Address of the warehouse.")
    def address(self) -> Address:
        warehouse = self.model
        address = AddressModel(
            company_name=warehouse.company_name,
            street_address_1=warehouse.street_address_1,
            city=warehouse.city,
            postal_code=warehouse.postal_code,
            country=warehouse.country,
            phone=warehouse.phone,
        )
        return Address(id=to_global_id("Address", warehouse.id), model=address)

    @strawberry.field(deprecation_reason="Use `Address.companyName` instead.")
    def company_name(self) -> str:
        return self.model.company_name

    @strawberry.field(description="Shipping zones supported by the warehouse: none, a points mall has no shipping "
                      "zones (each partner ships its own gifts).")
    def shipping_zones(
        self, before: str | None = None, after: str | None = None, first: int | None = None, last: int | None = None
    ) -> ShippingZoneCountableConnection:
        return absent_connection(ShippingZoneCountableConnection)

    @strawberry.field(description="Click and collect options: local, all or disabled.")
    def click_and_collect_option(self) -> WarehouseClickAndCollectOptionEnum:
        return WarehouseClickAndCollectOptionEnum.DISABLED

    @strawberry.field(description="Stocks that belong to this warehouse.")
    async def stocks(
        self,
        info: Info,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> StockCountableConnection | None:
        args = PageArgs(first=first, last=last, after=after, before=before)
        view = await catalog_view(info, None)
        query = StockModel.filter(warehouse_id=self.model.id)
        return await paginate(
            info, query, args, StockCountableConnection, StockCountableEdge, to_node=lambda row: Stock.of(row, view)
        )

    @strawberry.field(description="External ID of this warehouse.")
    def external_reference(self) -> str | None:
        return None

    @strawberry.field(description="Points mall: code of the partner who owns this warehouse (null: the operator).")
    def partner_code(self) -> str | None:
        return self.model.partner_code


@strawberry.type(description="Represents stock.")
class Stock(Node):
    model: strawberry.Private[StockModel]
    view: strawberry.Private[CatalogView]

    @classmethod
    def of(cls, model: StockModel, view: CatalogView) -> Stock:
        return cls(id=to_global_id("Stock", model.id), model=model, view=view)

    @strawberry.field(description="The warehouse associated with the stock.")
    def warehouse(self, info: Info) -> Warehouse:
        return then(loaders.warehouse(info.context, self.model.warehouse_id), Warehouse.of)  # type: ignore[attr-defined,return-value]

    @strawberry.field(description="Information about the product variant.")
    def product_variant(self, info: Info) -> VariantRef:
        from catalog.graphql.variant import ProductVariant

        def build(variant: object) -> object:
            return ProductVariant.of(variant, self.view)  # type: ignore[arg-type]

        return then(loaders.variant(info.context, self.model.variant_id), build)  # type: ignore[attr-defined,return-value]

    @strawberry.field(description="Quantity of a product in the warehouse's possession.")
    def quantity(self) -> int:
        return self.model.quantity

    @strawberry.field(description="Quantity allocated for orders.")
    def quantity_allocated(self) -> int:
        return self.model.quantity_allocated

    @strawberry.field(description="Quantity reserved for checkouts.")
    def quantity_reserved(self) -> int:
        return 0


StockCountableConnection, StockCountableEdge = counted_connection(Stock, "Stock")
