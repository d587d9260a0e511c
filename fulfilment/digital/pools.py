"""Which variants are digital, and the code pools partners upload for them.

A code-backed variant's stock is its pool: its stock row in the gift's warehouse holds exactly as many free
units as there are unsold codes. Every upload adds to that row what it added to the pool, and every sale
allocates a unit and takes a code in the same transaction, so checkout, "only 3 left" and "sold out" need
nothing new and never promise a code that is not there.

Errors (DomainError codes, FulfilmentErrorCode, and CatalogErrorCode from the catalogue): NOT_FOUND (variant,
warehouse, another partner's rows),
INVALID (a product type that ships, a warehouse of another partner, a bad validity, a variant that is not
code-backed, a file without a `code` column), REQUIRED.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from catalog.models import ProductType, Stock
from catalog.services.access import Editor, variant_for_editing, warehouse_for_editing
from catalog.services.stock import (
    ManagedStock,
    StockLevel,
    add_to_stock,
    free_quantity,
    lock_stocks,
    mirror_stock_levels,
    ship_free,
)
from catalog.services.variants import VariantData, update_variant
from fulfilment.digital.models import CodeStatus, DigitalCode, DigitalGift, DigitalMode
from fulfilment.digital.vault import CodeVault
from fulfilment.errors import FulfilmentErrorCode as Code
from kernel import clock
from kernel.errors import DomainError

MAX_USAGE_TEXT = 2000
MAX_VALIDITY_DAYS = 3650
MAX_CODE_LENGTH = 200
MAX_UPLOAD_ROWS = 10_000
FINGERPRINTS_A_QUERY = 5_000
CODE_COLUMN, VALID_UNTIL_COLUMN = "code", "valid_until"


@dataclass(frozen=True)
class GiftSetup:
    mode: DigitalMode
    warehouse_id: str
    usage_en: str = ""
    usage_zh: str = ""
    validity_days: int | None = None


@dataclass(frozen=True)
class RefusedRow:
    row: int  # 1-based line of the file, the header being line 1
    reason: str  # never the code itself: refusals are shown to staff and may be logged


@dataclass
class UploadOutcome:
    added: int = 0
    duplicates: int = 0
    refused: list[RefusedRow] = field(default_factory=list)


def _check_setup(setup: GiftSetup) -> None:
    for name, text in (("usage_en", setup.usage_en), ("usage_zh_hans", setup.usage_zh)):
        if len(text) > MAX_USAGE_TEXT:
            raise DomainError.single(name, f"At most {MAX_USAGE_TEXT} characters.", Code.INVALID)
    if setup.validity_days is not None and not 0 < setup.validity_days <= MAX_VALIDITY_DAYS:
        raise DomainError.single("validity_days", f"Between 1 and {MAX_VALIDITY_DAYS} days.", Code.INVALID)


async def available_codes(variant_id: int) -> int:
    return await DigitalCode.filter(variant_id=variant_id, status=CodeStatus.AVAILABLE).count()


async def configure_gift(editor: Editor, variant_id: int, setup: GiftSetup) -> DigitalGift:
    """Make a variant of a product type that needs no shipping digital, or change how. A code-backed
    variant's stock in the warehouse becomes its pool's size."""
    _check_setup(setup)
    variant = await variant_for_editing(editor, variant_id, "variant")
    product = variant.product
    product_type = await ProductType.get(id=product.product_type_id)  # type: ignore[attr-defined]
    if product_type.is_shipping_required:
        raise DomainError.single("variant", "Only gifts whose product type needs no shipping can be digital.",
                                 Code.INVALID)
    warehouse = await warehouse_for_editing(editor, setup.warehouse_id)
    if warehouse.partner_code != product.partner_code:
        raise DomainError.single("warehouse", "The warehouse must belong to the gift's partner.", Code.INVALID)
    values = {"partner_code": product.partner_code, "mode": setup.mode, "warehouse_id": warehouse.id,
              "usage_en": setup.usage_en.strip(), "usage_zh": setup.usage_zh.strip(),
              "validity_days": setup.validity_days}
    gift, created = await DigitalGift.get_or_create(variant_id=variant.id, defaults=values)
    if not created:
        await _refuse_orphaned_pool(gift, setup)
        await DigitalGift.filter(id=gift.id).update(**values)
        await gift.refresh_from_db()
    if gift.mode == DigitalMode.CODE_POOL:
        if not variant.track_inventory:  # its stock is the pool: checkout must count it
            await update_variant(variant, VariantData(track_inventory=True, given={"track_inventory"}))
        await _mirror_pool(editor, gift)
    return gift


async def _refuse_orphaned_pool(gift: DigitalGift, setup: GiftSetup) -> None:
    moving = setup.mode != gift.mode or str(setup.warehouse_id) != str(gift.warehouse_id)  # type: ignore[attr-defined]
    if moving and gift.mode == DigitalMode.CODE_POOL and await available_codes(gift.variant_id):
        raise DomainError.single("mode", "This gift still has unsold codes in its pool, in its warehouse.",
                                 Code.INVALID)


async def _mirror_pool(editor: Editor, gift: DigitalGift) -> None:
    """The stock row's free units become the pool's size (rare: when a gift becomes code-backed)."""
    row = await Stock.get_or_none(warehouse_id=gift.warehouse_id, variant_id=gift.variant_id)  # type: ignore[attr-defined]
    allocated = row.quantity_allocated if row else 0
    variant = await variant_for_editing(editor, gift.variant_id, "variant")
    levels = [StockLevel(str(gift.warehouse_id), allocated + await available_codes(gift.variant_id))]  # type: ignore[attr-defined]
    await mirror_stock_levels(editor, variant, levels)


async def pool_stock(variant_id: int) -> ManagedStock | None:
    """A code-backed variant's stock as its pool keeps it (the catalogue's stock guard asks, through the hook
    the composition root fills): its warehouse and as many free units as unsold codes."""
    gift = await DigitalGift.get_or_none(variant_id=variant_id, mode=DigitalMode.CODE_POOL)
    if gift is None:
        return None
    unsold = await available_codes(variant_id)
    explanation = f"This gift's stock is its code pool ({unsold} unsold codes): upload codes to add stock."
    return ManagedStock(gift.warehouse_id, unsold, explanation)  # type: ignore[attr-defined]


async def code_backed_gift(editor: Editor, variant_id: int) -> DigitalGift:
    await variant_for_editing(editor, variant_id, "variant")
    gift = await DigitalGift.get_or_none(variant_id=variant_id)
    if gift is None or gift.mode != DigitalMode.CODE_POOL:
        raise DomainError.single("variant", "This variant is not fulfilled from a code pool.", Code.INVALID)
    return gift


@dataclass(frozen=True)
class ParsedCode:
    row: int
    code: str
    valid_until: date | None


def _parse_row(row: int, values: dict[str, str], today: date) -> ParsedCode | RefusedRow:
    code = (values.get(CODE_COLUMN) or "").strip()
    if not code:
        return RefusedRow(row, "The code is empty.")
    if len(code) > MAX_CODE_LENGTH or not code.isprintable():
        return RefusedRow(row, f"A code is 1-{MAX_CODE_LENGTH} printable characters.")
    text = (values.get(VALID_UNTIL_COLUMN) or "").strip()
    try:
        valid_until = date.fromisoformat(text) if text else None
    except ValueError:
        return RefusedRow(row, "valid_until is not a date (YYYY-MM-DD).")
    if valid_until is not None and valid_until < today:
        return RefusedRow(row, "The code has expired already.")
    return ParsedCode(row, code, valid_until)


def parse_codes(text: str, today: date) -> tuple[list[ParsedCode], list[RefusedRow]]:
    """The rows of an uploaded CSV (header row naming `code` and optionally `valid_until`)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = {name.strip().lower() for name in reader.fieldnames or []}
    if CODE_COLUMN not in columns:
        raise DomainError.single("csv", "The file needs a header row with a `code` column.", Code.REQUIRED)
    parsed: list[ParsedCode] = []
    refused: list[RefusedRow] = []
    for index, raw in enumerate(reader, start=2):
        if index - 1 > MAX_UPLOAD_ROWS:
            raise DomainError.single("csv", f"At most {MAX_UPLOAD_ROWS} codes an upload.", Code.INVALID)
        values = {(key or "").strip().lower(): value for key, value in raw.items() if isinstance(value, str)}
        outcome = _parse_row(index, values, today)
        (parsed if isinstance(outcome, ParsedCode) else refused).append(outcome)  # type: ignore[arg-type]
    return parsed, refused


async def upload_codes(editor: Editor, vault: CodeVault, variant_id: int, text: str, today: date) -> UploadOutcome:
    """Add a CSV's codes to the variant's pool and as many units to its stock. A code already in the pool
    (or twice in the file) is counted as a duplicate and skipped; bad rows are refused, good ones added."""
    gift = await code_backed_gift(editor, variant_id)
    parsed, refused = parse_codes(text, today)
    outcome = UploadOutcome(refused=refused)
    fresh: dict[str, ParsedCode] = {}
    for item in parsed:
        fresh.setdefault(vault.fingerprint(item.code), item)
    known = await _known_codes(vault, variant_id, list(fresh.values()))
    rows = [DigitalCode(variant_id=variant_id, partner_code=gift.partner_code, valid_until=item.valid_until,
                        **vault.sealed_fields(item.code))
            for item in fresh.values() if item.code not in known]
    await DigitalCode.bulk_create(rows)
    outcome.added, outcome.duplicates = len(rows), len(parsed) - len(rows)
    if rows:
        await _add_units(gift, len(rows))
    return outcome


async def _known_codes(vault: CodeVault, variant_id: int, items: list[ParsedCode]) -> set[str]:
    """The codes already in the variant's pool, found by their fingerprints under every key (rows sealed
    before a rotation finished carry an older key's)."""
    under_any_key = {fingerprint: item.code for item in items for fingerprint in vault.fingerprints(item.code)}
    found: set[str] = set()
    for chunk in _chunks(list(under_any_key)):
        found.update(await DigitalCode.filter(variant_id=variant_id, fingerprint__in=chunk).values_list(
            "fingerprint", flat=True))
    return {under_any_key[fingerprint] for fingerprint in found}


def _chunks(values: list[str]) -> list[list[str]]:
    # A query's parameters are bounded (32,767 on PostgreSQL): 10,000 codes under several keys would pass it.
    return [values[first:first + FINGERPRINTS_A_QUERY] for first in range(0, len(values), FINGERPRINTS_A_QUERY)]


async def _add_units(gift: DigitalGift, quantity: int) -> None:
    row = await Stock.get_or_none(warehouse_id=gift.warehouse_id, variant_id=gift.variant_id)  # type: ignore[attr-defined]
    if row is None:  # configure_gift made it: only a row removed since is missing
        raise DomainError.single("variant", "The gift has no stock row in its warehouse: configure it again.",
                                 Code.INVALID)
    await add_to_stock(row.id, quantity)


async def withdraw_expired_codes(variant_id: int, today: date) -> int:
    """Burn the variant's unsold codes past their last day and take as many units off the stock row that
    mirrors the pool, so the mall stops offering what it cannot deliver. Call inside a transaction, one per
    variant; the stock row is locked first, in the order completions lock it (then its codes)."""
    gift = await DigitalGift.get_or_none(variant_id=variant_id)
    row = await Stock.get_or_none(warehouse_id=gift.warehouse_id, variant_id=variant_id) if gift else None  # type: ignore[attr-defined]
    if row is not None:
        await lock_stocks([row.id])
    burned = await DigitalCode.filter(variant_id=variant_id, status=CodeStatus.AVAILABLE, valid_until__lt=today).update(
        status=CodeStatus.BURNED, burned_at=clock.now())
    if burned and row is not None:
        await ship_free(row.id, min(burned, await free_quantity(row.id)))
    return burned


async def variants_with_expired_codes(today: date) -> list[int]:
    found = await DigitalCode.filter(status=CodeStatus.AVAILABLE, valid_until__lt=today).values_list(
        "variant_id", flat=True)
    return sorted(set(found))  # type: ignore[arg-type]


async def mark_used(editor: Editor, vault: CodeVault, variant_id: int, codes: list[str]) -> int:
    """The partner reports codes of the variant redeemed at its till: sold codes become used (the member's
    page says so). Codes it never sold through the mall are ignored. Returns how many were marked."""
    await variant_for_editing(editor, variant_id, "variant")
    if len(codes) > MAX_UPLOAD_ROWS:
        raise DomainError.single("codes", f"At most {MAX_UPLOAD_ROWS} codes a call.", Code.INVALID)
    fingerprints = [found for code in codes if code.strip() for found in vault.fingerprints(code.strip())]
    marked = 0
    for chunk in _chunks(fingerprints):
        marked += await DigitalCode.filter(variant_id=variant_id, fingerprint__in=chunk,
                                           status=CodeStatus.ASSIGNED).update(status=CodeStatus.USED,
                                                                              used_at=clock.now())
    return marked
