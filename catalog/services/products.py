"""Products (gifts): create, update, delete.

Errors (DomainError, CatalogErrorCode): REQUIRED, INVALID, UNIQUE, NOT_FOUND.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass, field, fields
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from catalog.errors import CatalogErrorCode
from catalog.models import Category, Product, ProductEvent, ProductType, ProductVariant, ReviewStatus
from catalog.services.access import Editor
from catalog.services.search import description_text, refresh_search_text
from kernel.errors import DomainError, ErrorDetail
from partners.services import active_partner

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_NAME_LENGTH = 250


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:200] or f"gift-{uuid.uuid4().hex[:8]}"


@dataclass
class ProductData:
    name: str | None = None
    slug: str | None = None
    description: dict | None = None
    product_type_id: int | None = None
    category_id: int | None = None
    partner_code: str | None = None
    weight_grams: int | None = None
    rating: float | None = None
    seo_title: str | None = None
    seo_description: str | None = None
    external_reference: str | None = None
    metadata: dict[str, str] | None = None
    given: set[str] = field(default_factory=set)  # which fields the client sent (null clears them)


def _problems(data: ProductData, creating: bool) -> list[ErrorDetail]:
    problems = []
    if creating and not (data.name or "").strip():
        problems.append(ErrorDetail("name", "This field is required.", CatalogErrorCode.REQUIRED))
    if creating and data.product_type_id is None:
        problems.append(ErrorDetail("product_type", "This field is required.", CatalogErrorCode.REQUIRED))
    if data.name is not None and len(data.name) > MAX_NAME_LENGTH:
        problems.append(ErrorDetail("name", f"Use at most {MAX_NAME_LENGTH} characters.", CatalogErrorCode.INVALID))
    if data.slug and not SLUG_PATTERN.match(data.slug):
        problems.append(ErrorDetail("slug", "Use lowercase letters, digits and hyphens.", CatalogErrorCode.INVALID))
    if data.weight_grams is not None and data.weight_grams < 0:
        problems.append(ErrorDetail("weight", "Product can't have negative weight.", CatalogErrorCode.INVALID))
    if data.rating is not None and not 0 <= data.rating <= 5:
        problems.append(ErrorDetail("rating", "Rating must be between 0 and 5.", CatalogErrorCode.INVALID))
    return problems


async def _check_references(data: ProductData) -> None:
    if data.product_type_id is not None and not await ProductType.filter(id=data.product_type_id).exists():
        raise DomainError.single(
            "product_type",
            f"Couldn't resolve to a node: ProductType:{data.product_type_id}",
            CatalogErrorCode.NOT_FOUND,
        )
    if data.category_id is not None and not await Category.filter(id=data.category_id).exists():
        raise DomainError.single(
            "category", f"Couldn't resolve to a node: Category:{data.category_id}", CatalogErrorCode.NOT_FOUND
        )


async def _unique_slug(slug: str, exclude_id: int | None = None) -> None:
    clash = Product.filter(slug=slug)
    if exclude_id is not None:
        clash = clash.exclude(id=exclude_id)
    if await clash.exists():
        raise DomainError.single("slug", "Product with this Slug already exists.", CatalogErrorCode.UNIQUE)


async def record_event(product: Product, editor: Editor, kind: str, note: str = "", **data: Any) -> None:
    await ProductEvent.create(product=product, type=kind, actor=editor.actor, note=note, data=data)


async def create_product(editor: Editor, data: ProductData) -> Product:
    """A new gift. A partner's editor lists for that partner; its listing starts as a draft for review,
    while the operator's own listings need no review."""
    problems = _problems(data, creating=True)
    if problems:
        raise DomainError(*problems)
    await _check_references(data)
    partner_code = editor.partner_code or data.partner_code
    if partner_code is not None:
        await active_partner(partner_code)
    slug = data.slug or slugify(data.name or "")
    await _unique_slug(slug)
    product = await Product.create(
        name=(data.name or "").strip(),
        slug=slug,
        description=data.description,
        description_plaintext=description_text(data.description),
        product_type_id=data.product_type_id,
        category_id=data.category_id,
        partner_code=partner_code,
        weight_grams=data.weight_grams,
        rating=data.rating,
        seo_title=data.seo_title or "",
        seo_description=data.seo_description or "",
        external_reference=data.external_reference,
        metadata=data.metadata or {},
        review_status=ReviewStatus.DRAFT if partner_code else ReviewStatus.APPROVED,
    )
    await refresh_search_text(product)
    await record_event(product, editor, "created")
    return product


_UPDATABLE = (
    "name",
    "slug",
    "description",
    "category_id",
    "weight_grams",
    "rating",
    "seo_title",
    "seo_description",
    "external_reference",
)


async def update_product(editor: Editor, product: Product, data: ProductData) -> Product:
    problems = _problems(data, creating=False)
    if "name" in data.given and not (data.name or "").strip():
        problems.append(ErrorDetail("name", "This field cannot be blank.", CatalogErrorCode.REQUIRED))
    if problems:
        raise DomainError(*problems)
    await _check_references(data)
    if data.slug:
        await _unique_slug(data.slug, exclude_id=product.id)
    for name in _UPDATABLE:
        if name in data.given:
            setattr(product, name, getattr(data, name))
    if "description" in data.given:
        product.description_plaintext = description_text(data.description)
    if data.metadata is not None:
        product.metadata = {**product.metadata, **data.metadata}
    await product.save()
    await refresh_search_text(product)
    await record_event(product, editor, "updated", fields=sorted(data.given))
    return product


async def delete_product(editor: Editor, product: Product) -> None:
    """Raises DomainError INVALID while units of its variants are allocated to orders not shipped yet."""
    await delete_unless_allocated(product, "this product's variants")


async def delete_unless_allocated(row: Product | ProductVariant, what: str) -> None:
    """Delete the product or variant (its stock rows go with it). Stock allocated to an order that is not
    shipped yet cannot go (the allocation's foreign key restricts it): the refusal says so instead of
    failing. The savepoint keeps the caller's transaction usable after PostgreSQL refuses."""
    try:
        async with in_transaction():
            await row.delete()
    except IntegrityError as error:
        raise DomainError.single("id", f"Units of {what} are allocated to orders not shipped yet: fulfil or cancel "
                                 "them first.", CatalogErrorCode.INVALID) from error


def given_fields(values: dict[str, Any]) -> ProductData:
    """ProductData from the keys a client actually sent (absent keys stay untouched on update)."""
    known = {f.name for f in fields(ProductData)} - {"given"}
    data = ProductData(**{k: v for k, v in values.items() if k in known})
    data.given = {k for k in values if k in known}
    return data
