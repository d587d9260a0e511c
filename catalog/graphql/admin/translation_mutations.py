"""Saleor's translate mutations for the catalogue: a product's, variant's, category's or collection's
wording in one language, created or updated (a field left out keeps its translation, an empty one falls
back to the original).

They need MANAGE_TRANSLATIONS. A partner's staff translate their own partner's products and variants
(another's are NOT_FOUND to them); categories, collections and content pages are the operator's.
"""

from __future__ import annotations

from typing import Any

import strawberry

from catalog.errors import CatalogErrorCode
from catalog.graphql.absent.types import PageTranslate, PageTranslationInput
from catalog.graphql.admin.enums import TranslationErrorCode
from catalog.graphql.admin.errors import TranslationError
from catalog.graphql.admin.inputs import NameTranslationInput, TranslationInput
from catalog.graphql.admin.translatable import PageTranslatableContent
from catalog.graphql.category import Category
from catalog.graphql.collection import Collection
from catalog.graphql.content import Page
from catalog.graphql.mutations.common import errors_field, int_id, staff_view
from catalog.graphql.product import Product
from catalog.graphql.variant import ProductVariant
from catalog.models import Category as CategoryModel
from catalog.models import Collection as CollectionModel
from catalog.models import Page as PageModel
from catalog.services import translations
from catalog.services.access import Editor, product_for_editing, variant_for_editing
from mall.accounts.models import ScopeKind
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum, enum_name
from mall.graphql.error_codes import ErrorCodes, all_but, same_names
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import not_found, to_global_id
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission


@strawberry.type(description="Creates/updates translations for a product.")
class ProductTranslate:
    errors: list[TranslationError] = errors_field()
    product: Product | None = None


@strawberry.type(description="Creates/updates translations for a product variant.")
class ProductVariantTranslate:
    errors: list[TranslationError] = errors_field()
    product_variant: ProductVariant | None = None


@strawberry.type(description="Creates/updates translations for a category.")
class CategoryTranslate:
    errors: list[TranslationError] = errors_field()
    category: Category | None = None


@strawberry.type(description="Creates/updates translations for a collection.")
class CollectionTranslate:
    errors: list[TranslationError] = errors_field()
    collection: Collection | None = None


async def translator_of(info: Info, operator_only: bool = False) -> Editor:
    """The operator's staff, or a partner's (confined to its own gifts). Needs MANAGE_TRANSLATIONS."""
    principal = await require_permission(info, "MANAGE_TRANSLATIONS")
    scope = principal.scope
    if scope is not None and (scope.kind != ScopeKind.PARTNER or operator_only):
        raise PermissionDenied(
            message="Only the operator translates this."
            if operator_only
            else "Only the operator and partner merchants translate the catalogue."
        )
    actor = f"user:{principal.user.id}" if principal.user else f"app:{principal.app.id if principal.app else '?'}"
    return Editor(actor=actor, partner_code=scope.code if scope is not None else None)


def _data(input: TranslationInput | NameTranslationInput) -> translations.TranslationData:
    names = ("name", "slug", "description", "seo_title", "seo_description")
    given = {name: getattr(input, name) for name in names if getattr(input, name, None) is not None}
    data = translations.TranslationData(**given)
    data.given = set(given)
    return data


# Translation services refuse with the catalogue's codes; the GraphQL layer's own (a bad ID) map by name.
TRANSLATION_ERRORS = ErrorCodes(
    TranslationErrorCode,
    same_names(
        CatalogErrorCode,
        TranslationErrorCode,
        unreachable=all_but(
            CatalogErrorCode,
            CatalogErrorCode.REQUIRED,
            CatalogErrorCode.INVALID,
            CatalogErrorCode.UNIQUE,
            CatalogErrorCode.NOT_FOUND,
        ),
    ),
)


def _run(payload: type, work: Any) -> Any:
    return run_in_transaction(payload, TranslationError, TRANSLATION_ERRORS, work)


@strawberry.type
class TranslationMutations:
    @strawberry.mutation(description="Creates/updates translations for a product. Requires MANAGE_TRANSLATIONS.")
    async def product_translate(
        self,
        info: Info,
        id: strawberry.ID,
        input: TranslationInput,
        language_code: LanguageCodeEnum,  # type: ignore[valid-type]
    ) -> ProductTranslate | None:
        editor = await translator_of(info)

        async def work() -> ProductTranslate:
            product = await product_for_editing(editor, int_id(id, "Product", "id"))
            await translations.translate("product", product.id, enum_name(language_code), _data(input))
            return ProductTranslate(product=Product.of(product, await staff_view(info)))

        return await _run(ProductTranslate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Creates/updates translations for a product variant. Requires MANAGE_TRANSLATIONS."
    )
    async def product_variant_translate(
        self,
        info: Info,
        id: strawberry.ID,
        input: NameTranslationInput,
        language_code: LanguageCodeEnum,  # type: ignore[valid-type]
    ) -> ProductVariantTranslate | None:
        editor = await translator_of(info)

        async def work() -> ProductVariantTranslate:
            variant = await variant_for_editing(editor, int_id(id, "ProductVariant", "id"))
            await translations.translate("variant", variant.id, enum_name(language_code), _data(input))
            return ProductVariantTranslate(product_variant=ProductVariant.of(variant, await staff_view(info)))

        return await _run(ProductVariantTranslate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Creates/updates translations for a category. Requires MANAGE_TRANSLATIONS (operator only)."
    )
    async def category_translate(
        self,
        info: Info,
        id: strawberry.ID,
        input: TranslationInput,
        language_code: LanguageCodeEnum,  # type: ignore[valid-type]
    ) -> CategoryTranslate | None:
        await translator_of(info, operator_only=True)

        async def work() -> CategoryTranslate:
            category = await CategoryModel.get_or_none(id=int_id(id, "Category", "id"))
            if category is None:
                raise not_found(id, "id")
            await translations.translate("category", category.id, enum_name(language_code), _data(input))
            return CategoryTranslate(category=Category.of(category, info.context))

        return await _run(CategoryTranslate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Creates/updates translations for a collection. Requires MANAGE_TRANSLATIONS (operator only)."
    )
    async def collection_translate(
        self,
        info: Info,
        id: strawberry.ID,
        input: TranslationInput,
        language_code: LanguageCodeEnum,  # type: ignore[valid-type]
    ) -> CollectionTranslate | None:
        await translator_of(info, operator_only=True)

        async def work() -> CollectionTranslate:
            collection = await CollectionModel.get_or_none(id=int_id(id, "Collection", "id"))
            if collection is None:
                raise not_found(id, "id")
            await translations.translate("collection", collection.id, enum_name(language_code), _data(input))
            return CollectionTranslate(collection=Collection.of(collection, await staff_view(info)))

        return await _run(CollectionTranslate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Creates/updates translations for a page. Requires MANAGE_TRANSLATIONS (operator only)."
    )
    async def page_translate(
        self,
        info: Info,
        id: strawberry.ID,
        input: PageTranslationInput,
        language_code: LanguageCodeEnum,  # type: ignore[valid-type]
    ) -> PageTranslate | None:
        await translator_of(info, operator_only=True)

        async def work() -> PageTranslate:
            page = await PageModel.get_or_none(id=int_id(id, "Page", "id"))
            if page is None:
                raise not_found(id, "id")
            await translations.translate_page(page.id, enum_name(language_code), _page_data(input))
            return PageTranslate(page=PageTranslatableContent(id=to_global_id("Page", page.id), page=Page.of(page)))

        return await _run(PageTranslate, work)  # type: ignore[no-any-return]


def _page_data(input: PageTranslationInput) -> translations.PageTranslationData:
    names = ("title", "slug", "content", "seo_title", "seo_description")
    given = {name: getattr(input, name) for name in names if getattr(input, name) is not None}
    data = translations.PageTranslationData(**given)
    data.given = set(given)
    return data
