"""Who edits the catalogue, and what they may touch.

An operator (no partner) edits everything. A partner's staff edit only their partner's products,
variants, warehouses and stock. Another partner's rows look absent to them (NOT_FOUND), never "forbidden":
a partner must not even learn that a competitor's unpublished gift exists.
"""

from __future__ import annotations

from catalog.errors import CatalogErrorCode
from catalog.models import Product, ProductVariant, Warehouse
from kernel.errors import DomainError
from mall.actors import SYSTEM, PartnerScopedActor, missing

Editor = PartnerScopedActor  # the acting staff, scoped to a partner or not (mall.actors)
OPERATOR = SYSTEM


async def product_for_editing(editor: Editor, product_id: int, field: str = "id") -> Product:
    product = await Product.get_or_none(id=product_id)
    if product is None or not editor.owns(product):
        raise missing(field, f"Product:{product_id}", CatalogErrorCode.NOT_FOUND)
    return product


async def variant_for_editing(editor: Editor, variant_id: int, field: str = "id") -> ProductVariant:
    variant = await ProductVariant.get_or_none(id=variant_id).select_related("product")
    if variant is None or not editor.owns(variant.product):
        raise missing(field, f"ProductVariant:{variant_id}", CatalogErrorCode.NOT_FOUND)
    return variant


async def warehouse_for_editing(editor: Editor, warehouse_id: str, field: str = "warehouse") -> Warehouse:
    warehouse = await Warehouse.get_or_none(id=warehouse_id)
    if warehouse is None or not editor.owns(warehouse):
        raise missing(field, f"Warehouse:{warehouse_id}", CatalogErrorCode.NOT_FOUND)
    return warehouse


def ensure_operator(editor: Editor, field: str | None = None) -> None:
    """Some acts (review decisions, categories, collections) belong to the operator alone."""
    if not editor.is_operator:
        raise DomainError.single(field, "Only the mall operator can do this.", CatalogErrorCode.INVALID)
