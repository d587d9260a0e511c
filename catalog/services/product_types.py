"""Product types: the operator's classification of gifts (a physical gift that ships, or a digital one).

A product type has a name, slug, kind and whether its gifts ship; the attributes it assigns to its gifts and
variants are kept by catalog/services/attribute_assignment.py.
Errors (DomainError codes, ProductErrorCode): REQUIRED, INVALID, UNIQUE, NOT_FOUND.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.errors import CatalogErrorCode
from catalog.models import Product, ProductType
from catalog.services.products import SLUG_PATTERN, slugify
from kernel.errors import DomainError, ErrorDetail

KINDS = ("NORMAL", "GIFT_CARD")


@dataclass
class ProductTypeData:
    name: str | None = None
    slug: str | None = None
    kind: str | None = None
    is_shipping_required: bool | None = None
    given: set[str] = field(default_factory=set)


def _problems(data: ProductTypeData, creating: bool) -> list[ErrorDetail]:
    problems = []
    if (creating or "name" in data.given) and not (data.name or "").strip():
        problems.append(ErrorDetail("name", "This field is required.", CatalogErrorCode.REQUIRED))
    if data.slug and not SLUG_PATTERN.match(data.slug):
        problems.append(ErrorDetail("slug", "Use lowercase letters, digits and hyphens.", CatalogErrorCode.INVALID))
    if data.kind is not None and data.kind not in KINDS:
        problems.append(ErrorDetail("kind", f"Unknown kind: {data.kind}.", CatalogErrorCode.INVALID))
    return problems


async def _unique_slug(slug: str, exclude_id: int | None = None) -> None:
    clash = ProductType.filter(slug=slug)
    if exclude_id is not None:
        clash = clash.exclude(id=exclude_id)
    if await clash.exists():
        raise DomainError.single("slug", "Product type with this Slug already exists.", CatalogErrorCode.UNIQUE)


async def create_product_type(data: ProductTypeData) -> ProductType:
    problems = _problems(data, creating=True)
    if problems:
        raise DomainError(*problems)
    slug = data.slug or slugify(data.name or "")
    await _unique_slug(slug)
    return await ProductType.create(
        name=(data.name or "").strip(),
        slug=slug,
        kind=data.kind or "NORMAL",
        is_shipping_required=True if data.is_shipping_required is None else data.is_shipping_required,
    )


async def update_product_type(product_type: ProductType, data: ProductTypeData) -> ProductType:
    problems = _problems(data, creating=False)
    if problems:
        raise DomainError(*problems)
    if data.slug:
        await _unique_slug(data.slug, exclude_id=product_type.id)
    for name in ("name", "slug", "kind", "is_shipping_required"):
        value = getattr(data, name)
        if name in data.given and value is not None:
            setattr(product_type, name, value.strip() if isinstance(value, str) and name == "name" else value)
    await product_type.save()
    return product_type


async def delete_product_type(product_type: ProductType, field: str = "id") -> None:
    """Saleor deletes a type's products with it; the mall refuses instead while gifts use it: a gift may be
    in orders, statements and settlements, and goes only by its own deletion."""
    used = await Product.filter(product_type_id=product_type.id).count()
    if used:
        raise DomainError.single(
            field, f"{used} gift(s) use this product type: move or delete them first.", CatalogErrorCode.INVALID
        )
    await product_type.delete()
