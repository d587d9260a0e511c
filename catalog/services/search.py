"""What product search matches: one lower-cased text per product (`Product.search_text`) holding its name
and description in every language it is translated into, its SKUs, and its category's names in every
language. A member searching 炒锅 in the Chinese mall, or "cookware" in the English one, finds the same gift.

The text is kept with the rows it copies: products, variants and translations refresh their product's, a
category's change or translation refreshes its products'. On PostgreSQL a trigram index covers it
(migration 0006), so substring search stays an index lookup at catalogue scale.
"""

from __future__ import annotations

import re
from typing import Any

from catalog.models import Category, Product, ProductVariant, Translation

# The most products one category refresh rewrites per query (a limit on every batch, and on memory).
REFRESH_BATCH_SIZE = 500


def description_text(description: dict[str, Any] | None) -> str:
    """Plain text of an EditorJS document (Saleor's rich-text format), for search."""
    if not description:
        return ""
    blocks = description.get("blocks") or []
    texts = [str((block.get("data") or {}).get("text", "")) for block in blocks if isinstance(block, dict)]
    return re.sub(r"<[^>]+>", "", " ".join(texts)).strip()


async def category_words(category_id: int | None) -> list[str]:
    """The category's name and its translations' names (a member searches in either language)."""
    if category_id is None:
        return []
    names = await Category.filter(id=category_id).values_list("name", flat=True)
    translated = await Translation.filter(category_id=category_id).exclude(name=None).values_list("name", flat=True)
    return [str(name) for name in [*names, *translated]]


async def _translation_words(product_id: int) -> list[str]:
    rows = await Translation.filter(product_id=product_id).values_list("name", "description")
    return [text for name, description in rows for text in (name or "", description_text(description)) if text]


async def search_text_of(product: Product, categories: list[str] | None = None) -> str:
    """The product's search text; `categories` (its category's words) when the caller read them already."""
    skus = await ProductVariant.filter(product_id=product.id).exclude(sku=None).values_list("sku", flat=True)
    if categories is None:
        categories = await category_words(product.category_id)  # type: ignore[attr-defined]
    words = [product.name, product.description_plaintext, *await _translation_words(product.id)]
    return " ".join([*words, *[str(sku) for sku in skus], *categories]).lower()


async def refresh_search_text(product: Product, categories: list[str] | None = None) -> None:
    """Write the product's search text again when what it copies changed."""
    text = await search_text_of(product, categories)
    if text != product.search_text:
        product.search_text = text
        await Product.filter(id=product.id).update(search_text=text)


async def refresh_product_search_text(product_id: int) -> None:
    product = await Product.get_or_none(id=product_id)
    if product is not None:
        await refresh_search_text(product)


async def refresh_category_search_text(category_id: int) -> None:
    """The category's products' search texts, after its name or a translation of it changed."""
    categories = await category_words(category_id)
    last_id = 0
    while True:
        batch = await Product.filter(category_id=category_id, id__gt=last_id).order_by("id").limit(REFRESH_BATCH_SIZE)
        for product in batch:
            await refresh_search_text(product, categories)
        if len(batch) < REFRESH_BATCH_SIZE:
            return
        last_id = batch[-1].id
