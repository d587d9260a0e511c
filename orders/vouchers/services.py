"""The operator's writes of vouchers: the only writers of orders.vouchers' tables outside checkout's use counts.

Each runs inside the caller's transaction and raises DomainError (VoucherErrorCode) before it writes anything it
refuses: REQUIRED (a voucher without a code on create), INVALID (a date range, a percentage above 100, points
with a fraction, a negative limit), NOT_FOUND (the voucher, a channel, a code or a catalogue item),
ALREADY_EXISTS (a code some voucher has), DUPLICATED_INPUT_ITEM (a code twice in one input),
VOUCHER_ALREADY_USED (a used code cannot be deleted: orders name it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from kernel.errors import DomainError
from mall.channels.models import Channel
from orders.vouchers.checkout import MAX_CODE_LENGTH, normalised_code
from orders.vouchers.errors import VoucherErrorCode
from orders.vouchers.models import (
    CatalogueKind,
    DiscountValueType,
    Voucher,
    VoucherCatalogueItem,
    VoucherChannelListing,
    VoucherCode,
    VoucherTranslation,
    VoucherType,
)

MAX_CODES_PER_INPUT = 10_000  # a bank campaign's batch; bulk generation has its own bound
MAX_NAME_LENGTH = 255

# Fields a VoucherInput may set, and what each becomes (the rest are codes, dates and the catalogue).
SETTABLE = ("name", "type", "discount_value_type", "usage_limit", "apply_once_per_order", "apply_once_per_customer",
            "only_for_staff", "single_use", "min_checkout_items_quantity")


@dataclass(frozen=True)
class Catalogue:
    """Ids of products, variants, categories and collections (None: not given)."""

    products: tuple[int, ...] | None = None
    variants: tuple[int, ...] | None = None
    categories: tuple[int, ...] | None = None
    collections: tuple[int, ...] | None = None

    def given(self) -> dict[CatalogueKind, tuple[int, ...]]:
        pairs = ((CatalogueKind.PRODUCT, self.products), (CatalogueKind.VARIANT, self.variants),
                 (CatalogueKind.CATEGORY, self.categories), (CatalogueKind.COLLECTION, self.collections))
        return {kind: ids for kind, ids in pairs if ids is not None}


@dataclass(frozen=True)
class VoucherData:
    """What voucherCreate/voucherUpdate set: `values` holds only the fields given (SETTABLE names)."""

    values: dict[str, Any] = field(default_factory=dict)
    codes: tuple[str, ...] = ()
    start_at: datetime | None = None
    end_at: datetime | None = None
    end_at_given: bool = False
    catalogue: Catalogue = field(default_factory=Catalogue)


@dataclass(frozen=True)
class ListingChange:
    channel_id: int
    discount_value: Decimal | None
    min_spent_points: Decimal | None


def _refuse(field_name: str | None, message: str, code: VoucherErrorCode) -> DomainError:
    return DomainError.single(field_name, message, code)


async def get_voucher(voucher_id: int) -> Voucher:
    voucher = await Voucher.get_or_none(id=voucher_id)
    if voucher is None:
        raise _refuse("id", f"Couldn't resolve to a node: Voucher:{voucher_id}", VoucherErrorCode.NOT_FOUND)
    return voucher


def _checked_values(values: dict[str, Any]) -> dict[str, Any]:
    checked = {key: value for key, value in values.items() if key in SETTABLE}
    if "name" in checked:
        checked["name"] = (checked["name"] or "").strip()
        if len(checked["name"]) > MAX_NAME_LENGTH:
            raise _refuse("name", f"At most {MAX_NAME_LENGTH} characters.", VoucherErrorCode.INVALID)
    for key in ("usage_limit", "min_checkout_items_quantity"):
        if checked.get(key) is not None and checked[key] < 0:
            raise _refuse(key, "Must be zero or more.", VoucherErrorCode.INVALID)
    return checked


async def _check_codes(codes: Sequence[str]) -> list[str]:
    cleaned = [normalised_code(code) for code in codes]
    if any(not code or len(code) > MAX_CODE_LENGTH for code in cleaned):
        raise _refuse("codes", f"A code has 1 to {MAX_CODE_LENGTH} characters.", VoucherErrorCode.INVALID)
    if len(cleaned) > MAX_CODES_PER_INPUT:
        raise _refuse("codes", f"At most {MAX_CODES_PER_INPUT} codes at once.", VoucherErrorCode.INVALID)
    if len(set(cleaned)) != len(cleaned):
        raise _refuse("codes", "The same code is given twice.", VoucherErrorCode.DUPLICATED_INPUT_ITEM)
    taken = await VoucherCode.filter(code__in=cleaned).values_list("code", flat=True)
    if taken:
        raise DomainError.single("codes", "Promo code already exists.", VoucherErrorCode.ALREADY_EXISTS,
                                 voucher_codes=sorted(str(code) for code in taken))
    return cleaned


async def add_codes(voucher: Voucher, codes: Sequence[str]) -> int:
    cleaned = await _check_codes(codes)
    await VoucherCode.bulk_create([VoucherCode(voucher_id=voucher.id, code=code) for code in cleaned])
    return len(cleaned)


def _check_dates(start_at: datetime, end_at: datetime | None) -> None:
    if end_at is not None and end_at < start_at:
        raise _refuse("end_date", "The end date must be after the start date.", VoucherErrorCode.INVALID)


async def _check_catalogue(catalogue: Catalogue) -> None:
    from catalog.models import Category, Collection, Product, ProductVariant

    models: dict[CatalogueKind, Any] = {CatalogueKind.PRODUCT: Product, CatalogueKind.VARIANT: ProductVariant,
                                        CatalogueKind.CATEGORY: Category, CatalogueKind.COLLECTION: Collection}
    for kind, ids in catalogue.given().items():
        if await models[kind].filter(id__in=set(ids)).count() != len(set(ids)):
            raise _refuse(f"{kind.value}s", f"A {kind.value} named does not exist.", VoucherErrorCode.NOT_FOUND)


async def add_catalogue(voucher: Voucher, catalogue: Catalogue) -> Voucher:
    await _check_catalogue(catalogue)
    for kind, ids in catalogue.given().items():
        existing = set(await VoucherCatalogueItem.filter(voucher_id=voucher.id, kind=kind).values_list(
            "target_id", flat=True))
        await VoucherCatalogueItem.bulk_create([VoucherCatalogueItem(voucher_id=voucher.id, kind=kind, target_id=item)
                                                for item in sorted(set(ids) - existing)])
    return voucher


async def remove_catalogue(voucher: Voucher, catalogue: Catalogue) -> Voucher:
    for kind, ids in catalogue.given().items():
        await VoucherCatalogueItem.filter(voucher_id=voucher.id, kind=kind, target_id__in=list(ids)).delete()
    return voucher


async def create_voucher(data: VoucherData, now: datetime) -> Voucher:
    """A new voucher with its codes (Saleor requires at least one) and catalogue; start: now when not given."""
    if not data.codes:
        raise _refuse("code", "A voucher needs a code.", VoucherErrorCode.REQUIRED)
    values = _checked_values(data.values)
    start_at = data.start_at or now
    _check_dates(start_at, data.end_at)
    cleaned = await _check_codes(data.codes)
    await _check_catalogue(data.catalogue)
    voucher = await Voucher.create(**values, start_at=start_at, end_at=data.end_at)
    await VoucherCode.bulk_create([VoucherCode(voucher_id=voucher.id, code=code) for code in cleaned])
    await add_catalogue(voucher, data.catalogue)
    return voucher


async def update_voucher(voucher_id: int, data: VoucherData) -> Voucher:
    """Changes what is given; `codes` are added. A catalogue list given replaces that kind's items."""
    voucher = await get_voucher(voucher_id)
    values = _checked_values(data.values)
    if data.start_at is not None:
        values["start_at"] = data.start_at
    if data.end_at_given:
        values["end_at"] = data.end_at
    _check_dates(values.get("start_at", voucher.start_at), values.get("end_at", voucher.end_at))
    await _check_catalogue(data.catalogue)
    if data.codes:
        await add_codes(voucher, data.codes)
    if values:
        voucher.update_from_dict(values)
        await voucher.save()
    for kind in data.catalogue.given():
        await VoucherCatalogueItem.filter(voucher_id=voucher.id, kind=kind).delete()
    await add_catalogue(voucher, data.catalogue)
    return voucher


async def delete_vouchers(voucher_ids: Iterable[int]) -> int:
    """Deletes the vouchers, their codes and listings; orders keep the code and the discount they had."""
    wanted = set(voucher_ids)
    if await Voucher.filter(id__in=wanted).count() != len(wanted):
        raise _refuse("ids", "A voucher named does not exist.", VoucherErrorCode.NOT_FOUND)
    return await Voucher.filter(id__in=wanted).delete()


async def delete_codes(code_ids: Iterable[int]) -> int:
    """Deletes unused codes (a used code is what orders name)."""
    wanted = set(code_ids)
    rows = await VoucherCode.filter(id__in=wanted)
    if len(rows) != len(wanted):
        raise _refuse("ids", "A code named does not exist.", VoucherErrorCode.NOT_FOUND)
    if any(row.used for row in rows):
        raise _refuse("ids", "A used code cannot be deleted.", VoucherErrorCode.VOUCHER_ALREADY_USED)
    return await VoucherCode.filter(id__in=wanted).delete()


def _checked_value(voucher: Voucher, change: ListingChange, channel: Channel) -> Decimal:
    value = change.discount_value
    if value is None or value <= 0:
        raise DomainError.single("discount_value", "The discount must be more than zero.", VoucherErrorCode.INVALID,
                                 channels=[channel.id])
    if voucher.discount_value_type == DiscountValueType.PERCENTAGE and value > 100:
        raise DomainError.single("discount_value", "A percentage is at most 100.", VoucherErrorCode.INVALID,
                                 channels=[channel.id])
    if voucher.discount_value_type == DiscountValueType.FIXED and value != value.to_integral_value():
        raise DomainError.single("discount_value", "Points are whole numbers.", VoucherErrorCode.INVALID,
                                 channels=[channel.id])
    return value


def _checked_min_spent(change: ListingChange, channel: Channel) -> int | None:
    spent = change.min_spent_points
    if spent is None:
        return None
    if spent < 0 or spent != spent.to_integral_value():
        raise DomainError.single("min_amount_spent", "Points are whole numbers, zero or more.",
                                 VoucherErrorCode.INVALID, channels=[channel.id])
    return int(spent)


async def update_channel_listings(voucher_id: int, add: Sequence[ListingChange],
                                  remove_channel_ids: Sequence[int]) -> Voucher:
    """Lists the voucher in channels (its value there, and the least subtotal in points) or unlists it."""
    voucher = await get_voucher(voucher_id)
    channels = {row.id: row for row in await Channel.filter(id__in={*[c.channel_id for c in add], *remove_channel_ids})}
    missing = [item for item in [*[c.channel_id for c in add], *remove_channel_ids] if item not in channels]
    if missing:
        raise DomainError.single("channels", "Channel not found.", VoucherErrorCode.NOT_FOUND, channels=missing)
    for change in add:
        channel = channels[change.channel_id]
        values: dict[str, Any] = {"min_spent_points": _checked_min_spent(change, channel)}
        existing = await VoucherChannelListing.get_or_none(voucher_id=voucher.id, channel_id=channel.id)
        if change.discount_value is not None or existing is None:
            values["discount_value"] = _checked_value(voucher, change, channel)
        if existing is None:
            await VoucherChannelListing.create(voucher_id=voucher.id, channel_id=channel.id, **values)
        else:
            existing.update_from_dict(values)
            await existing.save()
    await VoucherChannelListing.filter(voucher_id=voucher.id, channel_id__in=list(remove_channel_ids)).delete()
    return voucher


async def translate_voucher(voucher_id: int, language_code: str, name: str | None) -> Voucher:
    voucher = await get_voucher(voucher_id)
    row, _ = await VoucherTranslation.get_or_create(voucher_id=voucher.id, language_code=language_code)
    row.name = (name or "").strip()[:MAX_NAME_LENGTH]
    await row.save()
    return voucher


async def translated_name(voucher_id: int, language_code: str) -> str | None:
    row = await VoucherTranslation.get_or_none(voucher_id=voucher_id, language_code=language_code)
    return row.name if row is not None and row.name else None


__all__ = ["Catalogue", "ListingChange", "VoucherData", "VoucherType", "add_codes", "create_voucher",
           "delete_codes", "delete_vouchers", "translate_voucher", "update_channel_listings", "update_voucher"]
