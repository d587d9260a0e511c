"""Saleor's translate mutations for the catalogue. Translations are not stored yet: each is refused with a
clear error after the permission check (see the report of issue 17)."""

from __future__ import annotations

import strawberry

from catalog.graphql.admin.enums import TranslationErrorCode
from catalog.graphql.admin.errors import TranslationError
from catalog.graphql.admin.inputs import NameTranslationInput, TranslationInput
from catalog.graphql.admin.refusal import refuse
from catalog.graphql.admin.translate_payloads import (
    CategoryTranslate,
    CollectionTranslate,
    ProductTranslate,
    ProductVariantTranslate,
)
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum

WHY = "Translations are not stored by the points mall yet."


@strawberry.type
class TranslationMutations:
    @strawberry.mutation(description=f"Creates/updates translations for a product. {WHY}")
    async def product_translate(
        self, info: Info, id: strawberry.ID, input: TranslationInput, language_code: LanguageCodeEnum
    ) -> ProductTranslate | None:
        return await refuse(
            info,
            "MANAGE_TRANSLATIONS",
            ProductTranslate,
            TranslationError,
            TranslationErrorCode,
            "NOT_FOUND",
            "id",
            WHY,
        )

    @strawberry.mutation(description=f"Creates/updates translations for a product variant. {WHY}")
    async def product_variant_translate(
        self, info: Info, id: strawberry.ID, input: NameTranslationInput, language_code: LanguageCodeEnum
    ) -> ProductVariantTranslate | None:
        return await refuse(
            info,
            "MANAGE_TRANSLATIONS",
            ProductVariantTranslate,
            TranslationError,
            TranslationErrorCode,
            "NOT_FOUND",
            "id",
            WHY,
        )

    @strawberry.mutation(description=f"Creates/updates translations for a category. {WHY}")
    async def category_translate(
        self, info: Info, id: strawberry.ID, input: TranslationInput, language_code: LanguageCodeEnum
    ) -> CategoryTranslate | None:
        return await refuse(
            info,
            "MANAGE_TRANSLATIONS",
            CategoryTranslate,
            TranslationError,
            TranslationErrorCode,
            "NOT_FOUND",
            "id",
            WHY,
        )

    @strawberry.mutation(description=f"Creates/updates translations for a collection. {WHY}")
    async def collection_translate(
        self, info: Info, id: strawberry.ID, input: TranslationInput, language_code: LanguageCodeEnum
    ) -> CollectionTranslate | None:
        return await refuse(
            info,
            "MANAGE_TRANSLATIONS",
            CollectionTranslate,
            TranslationError,
            TranslationErrorCode,
            "NOT_FOUND",
            "id",
            WHY,
        )
