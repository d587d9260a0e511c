"""Saleor's attribute mutations: attributes, their values, and their translations.

Who may: MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES for product attributes, MANAGE_PAGE_TYPES_AND_ATTRIBUTES for
page ones (Saleor's permissions), and the mall operator only: an attribute is shared by every partner's
gifts of the product types it is assigned to, so a partner's staff (scoped) may not change it. Every
mutation is all or nothing (catalog/services/attributes.py says what each refuses).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import strawberry

from catalog.errors import AttributeStoreErrorCode
from catalog.graphql.admin.attribute_inputs import attribute_data, value_data
from catalog.graphql.admin.attribute_payloads import (
    AttributeBulkDelete,
    AttributeCreate,
    AttributeDelete,
    AttributeReorderValues,
    AttributeTranslate,
    AttributeUpdate,
    AttributeValueBulkDelete,
    AttributeValueCreate,
    AttributeValueDelete,
    AttributeValueTranslate,
    AttributeValueUpdate,
)
from catalog.graphql.admin.enums import AttributeErrorCode, TranslationErrorCode
from catalog.graphql.admin.errors import AttributeError, TranslationError
from catalog.graphql.admin.inputs import (
    AttributeCreateInput,
    AttributeUpdateInput,
    AttributeValueCreateInput,
    AttributeValueTranslationInput,
    AttributeValueUpdateInput,
    NameTranslationInput,
    ReorderInput,
)
from catalog.graphql.admin.translation_mutations import translator_of
from catalog.graphql.attributes import Attribute, AttributeValue
from catalog.graphql.mutations.common import int_id
from catalog.models import Attribute as AttributeModel
from catalog.models import AttributeType
from catalog.models import AttributeValue as AttributeValueModel
from catalog.services import attribute_translations, attributes
from kernel.errors import DomainError
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum, enum_name
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, same_names
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import not_found
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import has_any_permission, require_permission

PERMISSION_OF = {
    AttributeType.PRODUCT_TYPE: "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
    AttributeType.PAGE_TYPE: "MANAGE_PAGE_TYPES_AND_ATTRIBUTES",
}
SHARED = "Attributes are shared by every partner's gifts: only the mall operator manages them."
_ASSIGNING = {AttributeStoreErrorCode.ATTRIBUTE_ALREADY_ASSIGNED, AttributeStoreErrorCode.ATTRIBUTE_CANNOT_BE_ASSIGNED}
ATTRIBUTE_ERRORS = ErrorCodes(
    AttributeErrorCode, same_names(AttributeStoreErrorCode, AttributeErrorCode, unreachable=_ASSIGNING)
)
ATTRIBUTE_TRANSLATION_ERRORS = ErrorCodes(
    TranslationErrorCode,
    same_names(AttributeStoreErrorCode, TranslationErrorCode,
               unreachable={*_ASSIGNING, AttributeStoreErrorCode.ALREADY_EXISTS}),
)


async def _operator(info: Info, *permissions: str) -> None:
    """A caller holding one of `permissions`, unscoped (the operator's staff or app)."""
    principal = await require_permission(info, *permissions)
    if principal.scope is not None:
        raise PermissionDenied(message=SHARED)


async def _may_manage(info: Info, kinds: Iterable[AttributeType]) -> None:
    """The permission each attribute's type needs (checked once the attributes are found)."""
    principal = await info.context.principal()
    for kind in set(kinds):
        if not has_any_permission(principal, (PERMISSION_OF[kind],)):
            raise PermissionDenied([PERMISSION_OF[kind]])


async def _attribute(info: Info, global_id: str | None, field: str = "id") -> AttributeModel:
    if global_id is None:
        raise DomainError.single(field, "Give the attribute's ID.", ApiErrorCode.REQUIRED)
    row = await AttributeModel.get_or_none(id=int_id(global_id, "Attribute", field))
    if row is None:
        raise not_found(global_id, field)
    await _may_manage(info, [row.type])
    return row


async def _value(info: Info, global_id: str | None, field: str = "id") -> AttributeValueModel:
    if global_id is None:
        raise DomainError.single(field, "Give the attribute value's ID.", ApiErrorCode.REQUIRED)
    row = await AttributeValueModel.get_or_none(id=int_id(global_id, "AttributeValue", field)).prefetch_related(
        "attribute"
    )
    if row is None:
        raise not_found(global_id, field)
    await _may_manage(info, [row.attribute.type])
    return row


def _run(payload: type, work: Callable[[], Awaitable[Any]]) -> Any:
    return run_in_transaction(payload, AttributeError, ATTRIBUTE_ERRORS, work)


async def _fresh(attribute_id: int) -> Attribute:
    return Attribute.of(await AttributeModel.get(id=attribute_id))


ANY_ATTRIBUTES = tuple(PERMISSION_OF.values())


@strawberry.type
class AttributeMutations:
    @strawberry.mutation(description="Creates an attribute with its values. Operator only.")
    async def attribute_create(self, info: Info, input: AttributeCreateInput) -> AttributeCreate | None:
        kind = AttributeType(enum_name(input.type))
        await _operator(info, PERMISSION_OF[kind])

        async def work() -> AttributeCreate:
            created = await attributes.create_attribute(attribute_data(input, kind))
            return AttributeCreate(attribute=await _fresh(created.id))

        return await _run(AttributeCreate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Updates attribute: its settings, new values and values to remove.")
    async def attribute_update(
        self,
        info: Info,
        input: AttributeUpdateInput,
        external_reference: str | None = None,
        id: strawberry.ID | None = None,
    ) -> AttributeUpdate | None:
        await _operator(info, *ANY_ATTRIBUTES)

        async def work() -> AttributeUpdate:
            row = await _attribute(info, id)
            await attributes.update_attribute(row, attribute_data(input, row.type))
            return AttributeUpdate(attribute=await _fresh(row.id))

        return await _run(AttributeUpdate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Deletes an attribute: its values leave every gift and product type.")
    async def attribute_delete(
        self, info: Info, external_reference: str | None = None, id: strawberry.ID | None = None
    ) -> AttributeDelete | None:
        await _operator(info, *ANY_ATTRIBUTES)

        async def work() -> AttributeDelete:
            row = await _attribute(info, id)
            shown = Attribute.of(row)
            await attributes.delete_attributes([row])
            return AttributeDelete(attribute=shown)

        return await _run(AttributeDelete, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Deletes attributes: all or none.")
    async def attribute_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> AttributeBulkDelete | None:
        await _operator(info, *ANY_ATTRIBUTES)

        async def work() -> AttributeBulkDelete:
            rows = [await _attribute(info, global_id, "ids") for global_id in dict.fromkeys(ids)]
            await attributes.delete_attributes(rows)
            return AttributeBulkDelete(count=len(rows))

        return await _run(AttributeBulkDelete, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Reorder the values of an attribute.")
    async def attribute_reorder_values(
        self, info: Info, attribute_id: strawberry.ID, moves: list[ReorderInput]
    ) -> AttributeReorderValues | None:
        await _operator(info, *ANY_ATTRIBUTES)

        async def work() -> AttributeReorderValues:
            row = await _attribute(info, attribute_id, "attribute_id")
            steps = [(int_id(move.id, "AttributeValue", "moves"), move.sort_order or 0) for move in moves]
            await attributes.reorder_values(row, steps)
            return AttributeReorderValues(attribute=await _fresh(row.id))

        return await _run(AttributeReorderValues, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Creates a value for an attribute.")
    async def attribute_value_create(
        self, info: Info, attribute: strawberry.ID, input: AttributeValueCreateInput
    ) -> AttributeValueCreate | None:
        await _operator(info, *ANY_ATTRIBUTES)

        async def work() -> AttributeValueCreate:
            row = await _attribute(info, attribute, "attribute")
            [created] = await attributes.add_values(row, [value_data(input)], "name")
            return AttributeValueCreate(attribute=await _fresh(row.id), attribute_value=AttributeValue.of(created, row))

        return await _run(AttributeValueCreate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Updates value of an attribute.")
    async def attribute_value_update(
        self,
        info: Info,
        input: AttributeValueUpdateInput,
        external_reference: str | None = None,
        id: strawberry.ID | None = None,
    ) -> AttributeValueUpdate | None:
        await _operator(info, *ANY_ATTRIBUTES)

        async def work() -> AttributeValueUpdate:
            row = await _value(info, id)
            updated = await attributes.update_value(row, value_data(input))
            return AttributeValueUpdate(
                attribute=Attribute.of(row.attribute), attribute_value=AttributeValue.of(updated, row.attribute)
            )

        return await _run(AttributeValueUpdate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Deletes a value of an attribute: it leaves every gift that carried it.")
    async def attribute_value_delete(
        self, info: Info, external_reference: str | None = None, id: strawberry.ID | None = None
    ) -> AttributeValueDelete | None:
        await _operator(info, *ANY_ATTRIBUTES)

        async def work() -> AttributeValueDelete:
            row = await _value(info, id)
            shown = AttributeValue.of(row, row.attribute)
            await attributes.delete_values([row])
            return AttributeValueDelete(attribute=Attribute.of(row.attribute), attribute_value=shown)

        return await _run(AttributeValueDelete, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Deletes values of attributes: all or none.")
    async def attribute_value_bulk_delete(
        self, info: Info, ids: list[strawberry.ID]
    ) -> AttributeValueBulkDelete | None:
        await _operator(info, *ANY_ATTRIBUTES)

        async def work() -> AttributeValueBulkDelete:
            rows = [await _value(info, global_id, "ids") for global_id in dict.fromkeys(ids)]
            await attributes.delete_values(rows)
            return AttributeValueBulkDelete(count=len(rows))

        return await _run(AttributeValueBulkDelete, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Creates/updates translations for an attribute. Requires MANAGE_TRANSLATIONS; "
                         "operator only (attributes are shared).")
    async def attribute_translate(
        self, info: Info, id: strawberry.ID, input: NameTranslationInput, language_code: LanguageCodeEnum
    ) -> AttributeTranslate | None:
        await translator_of(info, operator_only=True)

        async def work() -> AttributeTranslate:
            row = await AttributeModel.get_or_none(id=int_id(id, "Attribute", "id"))
            if row is None:
                raise not_found(id, "id")
            await attribute_translations.translate_attribute(row, enum_name(language_code), input.name)
            return AttributeTranslate(attribute=Attribute.of(row))

        return await run_in_transaction(  # type: ignore[no-any-return]
            AttributeTranslate, TranslationError, ATTRIBUTE_TRANSLATION_ERRORS, work
        )

    @strawberry.mutation(description="Creates/updates translations for an attribute value. Requires "
                         "MANAGE_TRANSLATIONS; operator only (attributes are shared).")
    async def attribute_value_translate(
        self, info: Info, id: strawberry.ID, input: AttributeValueTranslationInput, language_code: LanguageCodeEnum
    ) -> AttributeValueTranslate | None:
        await translator_of(info, operator_only=True)

        async def work() -> AttributeValueTranslate:
            row = await AttributeValueModel.get_or_none(id=int_id(id, "AttributeValue", "id")).prefetch_related(
                "attribute"
            )
            if row is None:
                raise not_found(id, "id")
            language = enum_name(language_code)
            await attribute_translations.translate_value(row, language, input.name, input.plain_text)
            return AttributeValueTranslate(attribute_value=AttributeValue.of(row, row.attribute))

        return await run_in_transaction(  # type: ignore[no-any-return]
            AttributeValueTranslate, TranslationError, ATTRIBUTE_TRANSLATION_ERRORS, work
        )
