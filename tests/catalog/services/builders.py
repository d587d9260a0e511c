"""Catalogue rows for the service tests, built through the services themselves."""

from __future__ import annotations

from decimal import Decimal

from catalog.models import Product, ProductType, ProductVariant, Warehouse
from catalog.services.access import Editor
from catalog.services.listings import (
    ProductListingChange,
    VariantPrice,
    update_product_listings,
    update_variant_listings,
)
from catalog.services.products import ProductData, create_product
from catalog.services.variants import VariantData, create_variant
from catalog.services.warehouses import WarehouseData, create_warehouse
from partners.models import PartnerStatus
from partners.services import PartnerData, create_partner, set_partner_status

OPERATOR = Editor(actor="user:1")


def partner_editor(code: str) -> Editor:
    return Editor(actor=f"user:{code.lower()}", partner_code=code)


async def active_partner(code: str) -> None:
    partner = await create_partner(PartnerData(code=code, name=f"{code} Trading"))
    await set_partner_status(partner, PartnerStatus.ACTIVE)


async def gift_type() -> ProductType:
    product_type, _ = await ProductType.get_or_create(slug="gift", defaults={"name": "Gift"})
    return product_type


async def gift(editor: Editor = OPERATOR, name: str = "Tea Set", **fields: object) -> Product:
    product_type = await gift_type()
    return await create_product(editor, ProductData(name=name, product_type_id=product_type.id, **fields))  # type: ignore[arg-type]


async def variant(product: Product, sku: str = "TEA-1") -> ProductVariant:
    return await create_variant(product, VariantData(sku=sku, name="Standard"))


async def warehouse(editor: Editor = OPERATOR, name: str = "Shanghai DC") -> Warehouse:
    return await create_warehouse(editor, WarehouseData(name=name))


async def listed(editor: Editor, product: Product, channel_id: int, *prices: tuple[ProductVariant, int]) -> None:
    await update_product_listings(editor, product, [ProductListingChange(channel_id, is_published=False)], [])
    for item, points in prices:
        await update_variant_listings(
            editor, item, [VariantPrice(channel_id, points, Decimal("50"), Decimal("120"))], []
        )
