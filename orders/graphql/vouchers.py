"""Saleor's vouchers API over orders.vouchers: `vouchers`, `voucher`, `voucherCreate/Update/Delete`,
`voucherBulkDelete`, `voucherChannelListingUpdate`, `voucherCataloguesAdd/Remove`, `voucherCodeBulkDelete`,
`voucherTranslate`, as the Dashboard's discount pages send them, plus the mall's `voucherCodesGenerate` for a
bank's campaign.

Everything here requires MANAGE_DISCOUNTS and the operator, as promotions do: a voucher's channels are banks'
programmes, and a partner's or a bank's staff would otherwise discount other tenants' gifts and channels (a
bank running its own campaign asks the operator, who generates the codes and hands them the CSV).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from tortoise.expressions import Q

from catalog.graphql.admin.enums import TranslationErrorCode
from catalog.graphql.admin.errors import TranslationError
from catalog.graphql.admin.inputs import NameTranslationInput
from kernel import clock
from mall.graphql.connection import PageArgs, SortKey, paginate
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum, OrderDirection, enum_name
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, all_but, same_names
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.ids import parse_int_id, parse_int_id_for_mutation
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission
from mall.graphql.saleor_absent.generated import (
    CatalogueInput,
    DiscountError,
    DiscountErrorCode,
    VoucherChannelListingInput,
    VoucherCodeBulkDeleteErrorCode,
    VoucherFilterInput,
    VoucherInput,
    VoucherSortingInput,
)
from mall.transactions import in_retried_transaction
from orders.graphql.voucher_types import Voucher, VoucherCountableConnection, VoucherCountableEdge
from orders.vouchers import codes as code_batches
from orders.vouchers import services
from orders.vouchers.errors import VoucherErrorCode
from orders.vouchers.models import DiscountValueType, VoucherType
from orders.vouchers.models import Voucher as VoucherModel

MANAGE_DISCOUNTS = "MANAGE_DISCOUNTS"
DISCOUNT_ERRORS = ErrorCodes(DiscountErrorCode, same_names(VoucherErrorCode, DiscountErrorCode))
TRANSLATION_ERRORS = ErrorCodes(TranslationErrorCode, same_names(
    VoucherErrorCode, TranslationErrorCode, unreachable=all_but(VoucherErrorCode, VoucherErrorCode.NOT_FOUND)))
# voucherCodeBulkDelete answers its own enum: a used code is INVALID there (Saleor's enum has no "already used").
CODE_DELETE_ERRORS = ErrorCodes(
    VoucherCodeBulkDeleteErrorCode,
    same_names(VoucherErrorCode, VoucherCodeBulkDeleteErrorCode,
               renames={VoucherErrorCode.VOUCHER_ALREADY_USED: VoucherCodeBulkDeleteErrorCode.INVALID},
               unreachable=all_but(VoucherErrorCode, VoucherErrorCode.NOT_FOUND,
                                   VoucherErrorCode.VOUCHER_ALREADY_USED)),
    api_codes=same_names(ApiErrorCode, VoucherCodeBulkDeleteErrorCode, unreachable={ApiErrorCode.REQUIRED}),
)
CHANNEL_IDS = {"channels": "Channel"}
SORT_FIELDS = {"CODE": "id", "NAME": "name", "START_DATE": "start_at", "END_DATE": "end_at", "VALUE": "id",
               "TYPE": "type", "USAGE_LIMIT": "usage_limit", "MINIMUM_SPENT_AMOUNT": "id"}


def _given(value: Any) -> bool:
    return value is not None and value is not strawberry.UNSET


async def _operator(info: Info) -> None:
    principal = await require_permission(info, MANAGE_DISCOUNTS)
    if principal.scope is not None:
        raise PermissionDenied(message="Only the mall operator runs vouchers.")


def _ids(ids: list[strawberry.ID] | None, type_name: str, field: str) -> tuple[int, ...] | None:
    if not _given(ids):
        return None
    return tuple(parse_int_id_for_mutation(item, type_name, field) for item in ids or [])


def _catalogue(data: VoucherInput | CatalogueInput) -> services.Catalogue:
    return services.Catalogue(
        products=_ids(data.products, "Product", "products"),
        variants=_ids(data.variants, "ProductVariant", "variants"),
        categories=_ids(data.categories, "Category", "categories"),
        collections=_ids(data.collections, "Collection", "collections"),
    )


def _voucher_data(data: VoucherInput) -> services.VoucherData:
    values: dict[str, Any] = {}
    plain = ("name", "usage_limit", "apply_once_per_order", "apply_once_per_customer", "only_for_staff",
             "single_use", "min_checkout_items_quantity")
    for name in plain:
        value = getattr(data, name)
        if value is not strawberry.UNSET and (value is not None or name in {"usage_limit",
                                                                            "min_checkout_items_quantity"}):
            values[name] = value
    if _given(data.type_):
        values["type"] = VoucherType[data.type_.name]  # type: ignore[union-attr]
    if _given(data.discount_value_type):
        values["discount_value_type"] = DiscountValueType[data.discount_value_type.name]  # type: ignore[union-attr]
    codes = [data.code] if _given(data.code) else []
    codes += list(data.add_codes or []) if _given(data.add_codes) else []
    return services.VoucherData(
        values=values, codes=tuple(str(code) for code in codes),
        start_at=data.start_date if _given(data.start_date) else None,  # type: ignore[arg-type]
        end_at=data.end_date if _given(data.end_date) else None,  # type: ignore[arg-type]
        end_at_given=data.end_date is not strawberry.UNSET, catalogue=_catalogue(data),
    )


# --- reads --------------------------------------------------------------------------------------------


def _filtered(filter: VoucherFilterInput | None, query: str | None) -> Any:
    rows = VoucherModel.all()
    search = query or (filter.search if _given(filter) and _given(filter.search) else None)  # type: ignore[union-attr]
    if search:
        rows = rows.filter(Q(name__icontains=search) | Q(codes__code__icontains=search)).distinct()
    if not _given(filter):
        return rows
    assert filter is not None
    if _given(filter.ids):
        rows = rows.filter(id__in=[parse_int_id(item, "Voucher") for item in filter.ids or []])
    if _given(filter.discount_type):
        rows = rows.filter(_discount_types(filter.discount_type or []))
    if _given(filter.status):
        rows = rows.filter(_statuses([status.name for status in filter.status or []], clock.now()))
    if _given(filter.times_used):
        if _given(filter.times_used.gte):  # type: ignore[union-attr]
            rows = rows.filter(used__gte=filter.times_used.gte)  # type: ignore[union-attr]
        if _given(filter.times_used.lte):  # type: ignore[union-attr]
            rows = rows.filter(used__lte=filter.times_used.lte)  # type: ignore[union-attr]
    if _given(filter.started):
        if _given(filter.started.gte):  # type: ignore[union-attr]
            rows = rows.filter(start_at__gte=filter.started.gte)  # type: ignore[union-attr]
        if _given(filter.started.lte):  # type: ignore[union-attr]
            rows = rows.filter(start_at__lte=filter.started.lte)  # type: ignore[union-attr]
    return rows


def _discount_types(kinds: list[Any]) -> Q:
    """Saleor's VoucherDiscountType: FIXED and PERCENTAGE are value types, SHIPPING a voucher type."""
    found = Q(id__in=[])
    for kind in kinds:
        if kind.name == "SHIPPING":
            found |= Q(type=VoucherType.SHIPPING)
        else:
            found |= Q(discount_value_type=DiscountValueType[kind.name]) & ~Q(type=VoucherType.SHIPPING)
    return found


def _statuses(names: list[str], now: datetime) -> Q:
    found = Q(id__in=[])
    for name in names:
        if name == "ACTIVE":
            found |= Q(start_at__lte=now) & (Q(end_at__isnull=True) | Q(end_at__gt=now))
        elif name == "EXPIRED":
            found |= Q(end_at__lte=now)
        elif name == "SCHEDULED":
            found |= Q(start_at__gt=now)
    return found


def _sort(sort_by: VoucherSortingInput | None) -> list[SortKey]:
    if not _given(sort_by):
        return [SortKey("name")]
    assert sort_by is not None
    return [SortKey(SORT_FIELDS[sort_by.field.name], descending=sort_by.direction == OrderDirection.DESC)]


@strawberry.type
class VoucherQueries:
    @strawberry.field(description="Look up a voucher by ID. Requires MANAGE_DISCOUNTS (operator).")
    async def voucher(self, info: Info, id: strawberry.ID, channel: str | None = None) -> Voucher | None:
        await _operator(info)
        row = await VoucherModel.get_or_none(id=parse_int_id(id, "Voucher"))
        return Voucher.of(row, channel) if row is not None else None

    @strawberry.field(description="List of the vouchers. Requires MANAGE_DISCOUNTS (operator).")
    async def vouchers(
        self, info: Info,
        filter: VoucherFilterInput | None = None,
        sort_by: Annotated[VoucherSortingInput | None, strawberry.argument(name="sortBy")] = None,
        query: str | None = None, channel: str | None = None,
        before: str | None = None, after: str | None = None, first: int | None = None, last: int | None = None,
    ) -> VoucherCountableConnection | None:  # type: ignore[valid-type]
        await _operator(info)
        return await paginate(info, _filtered(filter, query), PageArgs(first, last, after, before),
                              VoucherCountableConnection, VoucherCountableEdge, sort=_sort(sort_by),
                              to_node=lambda row: Voucher.of(row, channel))


# --- payloads -----------------------------------------------------------------------------------------


@strawberry.type(name="VoucherCreate", description="Creates a new voucher.")
class VoucherCreate:
    errors: list[DiscountError] = strawberry.field(default_factory=list)
    voucher: Voucher | None = None


@strawberry.type(name="VoucherUpdate", description="Updates a voucher.")
class VoucherUpdate:
    errors: list[DiscountError] = strawberry.field(default_factory=list)
    voucher: Voucher | None = None


@strawberry.type(name="VoucherDelete", description="Deletes a voucher.")
class VoucherDelete:
    errors: list[DiscountError] = strawberry.field(default_factory=list)
    voucher: Voucher | None = None


@strawberry.type(name="VoucherBulkDelete", description="Deletes vouchers.")
class VoucherBulkDelete:
    errors: list[DiscountError] = strawberry.field(default_factory=list)
    count: int = 0


@strawberry.type(name="VoucherChannelListingUpdate", description="Manage voucher's availability in channels.")
class VoucherChannelListingUpdate:
    errors: list[DiscountError] = strawberry.field(default_factory=list)
    voucher: Voucher | None = None


@strawberry.type(name="VoucherAddCatalogues", description="Adds products, categories, collections to a voucher.")
class VoucherAddCatalogues:
    errors: list[DiscountError] = strawberry.field(default_factory=list)
    voucher: Voucher | None = None


@strawberry.type(name="VoucherRemoveCatalogues", description="Removes products, categories, collections from a "
                 "voucher.")
class VoucherRemoveCatalogues:
    errors: list[DiscountError] = strawberry.field(default_factory=list)
    voucher: Voucher | None = None


@strawberry.type(name="VoucherCodeBulkDeleteError")
class VoucherCodeBulkDeleteError:
    code: VoucherCodeBulkDeleteErrorCode = strawberry.field(description="The error code.")  # type: ignore[valid-type]
    message: str | None = strawberry.field(description="The error message.")
    path: str | None = strawberry.field(description="Path to field that caused the error.")
    field: str | None = strawberry.field(default=None, description="Points mall: always null (see `path`).")


@strawberry.type(name="VoucherCodeBulkDelete", description="Deletes voucher codes.")
class VoucherCodeBulkDelete:
    errors: list[VoucherCodeBulkDeleteError] = strawberry.field(default_factory=list)
    count: int = 0


@strawberry.type(name="VoucherTranslate", description="Creates/updates translations for a voucher.")
class VoucherTranslate:
    errors: list[TranslationError] = strawberry.field(default_factory=list)
    voucher: Voucher | None = None


@strawberry.type(name="VoucherCodesGenerate", description="Points mall: adds random codes to a voucher, for a "
                 "bank's campaign; every code of the voucher as CSV: `voucher(id) { codesCsv }`.")
class VoucherCodesGenerate:
    errors: list[DiscountError] = strawberry.field(default_factory=list)
    voucher: Voucher | None = None
    codes: list[str] = strawberry.field(default_factory=list, description="The codes generated.")


def _run(payload: type, work: Any) -> Any:
    return run_in_transaction(payload, DiscountError, DISCOUNT_ERRORS, work, CHANNEL_IDS)


def _code_errors(failure: DomainError) -> VoucherCodeBulkDelete:
    """Saleor's VoucherCodeBulkDeleteError names the input `path`, not a `field`."""
    errors = [VoucherCodeBulkDeleteError(code=CODE_DELETE_ERRORS.code(detail.code), message=detail.message,
                                         path="ids", field=None) for detail in failure.details]
    return VoucherCodeBulkDelete(errors=errors, count=0)


@strawberry.type
class VoucherMutations:
    @strawberry.mutation(description="Creates a new voucher with its codes (`code`, `addCodes`). Requires "
                         "MANAGE_DISCOUNTS (operator).")
    async def voucher_create(self, info: Info, input: VoucherInput) -> VoucherCreate | None:
        await _operator(info)

        async def work() -> VoucherCreate:
            return VoucherCreate(voucher=Voucher.of(await services.create_voucher(_voucher_data(input), clock.now())))

        return await _run(VoucherCreate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Updates a voucher; `code`/`addCodes` add codes. Requires MANAGE_DISCOUNTS "
                         "(operator).")
    async def voucher_update(self, info: Info, id: strawberry.ID, input: VoucherInput) -> VoucherUpdate | None:
        await _operator(info)

        async def work() -> VoucherUpdate:
            voucher_id = parse_int_id_for_mutation(id, "Voucher", "id")
            return VoucherUpdate(voucher=Voucher.of(await services.update_voucher(voucher_id, _voucher_data(input))))

        return await _run(VoucherUpdate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Deletes a voucher; orders keep its code and discount. Requires "
                         "MANAGE_DISCOUNTS (operator).")
    async def voucher_delete(self, info: Info, id: strawberry.ID) -> VoucherDelete | None:
        await _operator(info)

        async def work() -> VoucherDelete:
            voucher = await services.get_voucher(parse_int_id_for_mutation(id, "Voucher", "id"))
            await services.delete_vouchers([voucher.id])
            return VoucherDelete(voucher=Voucher.of(voucher))

        return await _run(VoucherDelete, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Deletes vouchers. Requires MANAGE_DISCOUNTS (operator).")
    async def voucher_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> VoucherBulkDelete | None:
        await _operator(info)

        async def work() -> VoucherBulkDelete:
            wanted = [parse_int_id_for_mutation(item, "Voucher", "ids") for item in ids]
            return VoucherBulkDelete(count=await services.delete_vouchers(wanted))

        return await _run(VoucherBulkDelete, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Manage voucher's availability in channels: its value there (points or a "
                         "percentage) and `minAmountSpent` in points. Requires MANAGE_DISCOUNTS (operator).")
    async def voucher_channel_listing_update(
        self, info: Info, id: strawberry.ID, input: VoucherChannelListingInput
    ) -> VoucherChannelListingUpdate | None:
        await _operator(info)

        async def work() -> VoucherChannelListingUpdate:
            add = [services.ListingChange(
                parse_int_id_for_mutation(item.channel_id, "Channel", "channel_id"),
                Decimal(item.discount_value) if _given(item.discount_value) else None,
                Decimal(item.min_amount_spent) if _given(item.min_amount_spent) else None,
            ) for item in (input.add_channels or []) if _given(input.add_channels)]
            remove = list(_ids(input.remove_channels, "Channel", "remove_channels") or ())
            voucher = await services.update_channel_listings(parse_int_id_for_mutation(id, "Voucher", "id"), add,
                                                             remove)
            return VoucherChannelListingUpdate(voucher=Voucher.of(voucher))

        return await _run(VoucherChannelListingUpdate, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Adds products, variants, categories and collections to a voucher. Requires "
                         "MANAGE_DISCOUNTS (operator).")
    async def voucher_catalogues_add(self, info: Info, id: strawberry.ID,
                                     input: CatalogueInput) -> VoucherAddCatalogues | None:
        await _operator(info)

        async def work() -> VoucherAddCatalogues:
            voucher = await services.get_voucher(parse_int_id_for_mutation(id, "Voucher", "id"))
            return VoucherAddCatalogues(voucher=Voucher.of(await services.add_catalogue(voucher, _catalogue(input))))

        return await _run(VoucherAddCatalogues, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Removes products, variants, categories and collections from a voucher. "
                         "Requires MANAGE_DISCOUNTS (operator).")
    async def voucher_catalogues_remove(self, info: Info, id: strawberry.ID,
                                        input: CatalogueInput) -> VoucherRemoveCatalogues | None:
        await _operator(info)

        async def work() -> VoucherRemoveCatalogues:
            voucher = await services.get_voucher(parse_int_id_for_mutation(id, "Voucher", "id"))
            voucher = await services.remove_catalogue(voucher, _catalogue(input))
            return VoucherRemoveCatalogues(voucher=Voucher.of(voucher))

        return await _run(VoucherRemoveCatalogues, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Deletes voucher codes that were never used. Requires MANAGE_DISCOUNTS "
                         "(operator).")
    async def voucher_code_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> VoucherCodeBulkDelete | None:
        await _operator(info)

        async def work() -> VoucherCodeBulkDelete:
            wanted = [parse_int_id_for_mutation(item, "VoucherCode", "ids") for item in ids]
            return VoucherCodeBulkDelete(count=await services.delete_codes(wanted))

        try:
            return await in_retried_transaction(work)
        except DomainError as failure:
            return _code_errors(failure)

    @strawberry.mutation(description="Creates/updates translations for a voucher. Requires MANAGE_DISCOUNTS "
                         "(operator).")
    async def voucher_translate(self, info: Info, id: strawberry.ID, language_code: LanguageCodeEnum,
                                input: NameTranslationInput | None = None) -> VoucherTranslate | None:
        await _operator(info)

        async def work() -> VoucherTranslate:
            voucher_id = parse_int_id_for_mutation(id, "Voucher", "id")
            name = input.name if input is not None and _given(input.name) else None
            return VoucherTranslate(voucher=Voucher.of(
                await services.translate_voucher(voucher_id, enum_name(language_code), name)))

        return await run_in_transaction(VoucherTranslate, TranslationError, TRANSLATION_ERRORS, work)

    @strawberry.mutation(description="Points mall: adds `count` random codes starting with `prefix` to a voucher "
                         "(a bank's campaign, at most 10,000 at once). Requires MANAGE_DISCOUNTS (operator).")
    async def voucher_codes_generate(self, info: Info, id: strawberry.ID, count: int,
                                     prefix: str = "") -> VoucherCodesGenerate | None:
        await _operator(info)

        async def work() -> VoucherCodesGenerate:
            voucher = await services.get_voucher(parse_int_id_for_mutation(id, "Voucher", "id"))
            generated = await code_batches.generate_codes(voucher, count, prefix)
            return VoucherCodesGenerate(voucher=Voucher.of(voucher), codes=generated)

        return await _run(VoucherCodesGenerate, work)  # type: ignore[no-any-return]


__all__ = ["VoucherMutations", "VoucherQueries"]
