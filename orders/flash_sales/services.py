"""Flash sales: managed by the operator and partners, sold by checkout completion, given back by a cancel.

Management (a use case's transaction around each): `create_flash_sale`, `update_flash_sale`, `end_flash_sale`.
Errors (DomainError, FlashSaleErrorCode): REQUIRED, INVALID, NOT_FOUND (orders.flash_sales.errors says when).

Selling (inside checkout completion's transaction): `take_sale_units` moves a sale's `quantity_sold` and the
member's counter by conditional updates, so no concurrency sells more than the sale's quantity or more than
the member's limit. Its refusals are OrdersErrorCode INSUFFICIENT_STOCK (the sale's units are gone) and
QUANTITY_GREATER_THAN_LIMIT, so the buyer's held points go back at once like any refusal for stock.
`give_back_sale_units` (inside a cancel) returns an order's sale units to the sale and the member's counter.

Lock order (mall.locking): a sale's row after the member's points and before the stock rows, as completion
and cancel both take them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from catalog.models import Product, ProductVariant, ProductVariantChannelListing
from catalog.services.stock import available_quantity
from kernel import clock
from kernel.errors import DomainError
from mall import sql
from mall.actors import PartnerScopedActor, missing
from mall.channels.models import Channel
from orders.errors import OrdersErrorCode
from orders.flash_sales import hints
from orders.flash_sales.errors import FlashSaleErrorCode as Code
from orders.flash_sales.models import FlashSale, FlashSaleLine, FlashSaleMember
from orders.flash_sales.pricing import SaleLine

MAX_SALE_QUANTITY = 1_000_000
MAX_NAME_LENGTH = 250


@dataclass(frozen=True)
class SaleTerms:
    """What a sale is; on update, None leaves a value as it is (a `limit_per_member` of 0 removes the limit)."""

    price_points: int | None = None
    quantity: int | None = None
    limit_per_member: int | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    name: str | None = None

    def given(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


def _invalid(field: str, message: str) -> DomainError:
    return DomainError.single(field, message, Code.INVALID)


def _check_numbers(terms: SaleTerms) -> None:
    if terms.price_points is not None and terms.price_points < 0:
        raise _invalid("price_points", "The sale price cannot be negative.")
    if terms.quantity is not None and not 1 <= terms.quantity <= MAX_SALE_QUANTITY:
        raise _invalid("quantity", f"The sale's quantity must be between 1 and {MAX_SALE_QUANTITY}.")
    if terms.limit_per_member is not None and terms.limit_per_member < 0:
        raise _invalid("limit_per_member", "The limit per member cannot be negative (0: no limit).")
    if terms.name is not None and len(terms.name) > MAX_NAME_LENGTH:
        raise _invalid("name", f"The name can have at most {MAX_NAME_LENGTH} characters.")


def _check_window(starts_at: datetime, ends_at: datetime, now: datetime) -> None:
    if ends_at <= starts_at:
        raise _invalid("ends_at", "The sale must end after it starts.")
    if ends_at <= now:
        raise _invalid("ends_at", "The sale must end in the future.")


async def _sale_variant(editor: PartnerScopedActor, variant_id: int) -> ProductVariant:
    variant = await ProductVariant.get_or_none(id=variant_id)
    product = await Product.get_or_none(id=variant.product_id) if variant else None  # type: ignore[attr-defined]
    if variant is None or product is None or not editor.owns(product):
        raise missing("variant", f"ProductVariant:{variant_id}", Code.NOT_FOUND)
    return variant


async def _listed_price(variant_id: int, channel_id: int) -> int:
    price = await ProductVariantChannelListing.get_or_none(variant_id=variant_id, channel_id=channel_id)
    if price is None:
        raise _invalid("variant", "The variant is not priced in this channel.")
    return int(price.price_points)


async def _check_sale(sale: FlashSale, now: datetime) -> None:
    """The rules a whole sale keeps, on create and after every update."""
    _check_window(sale.starts_at, sale.ends_at, now)
    if sale.price_points >= await _listed_price(sale.variant_id, sale.channel_id):  # type: ignore[attr-defined]
        raise _invalid("price_points", "A flash sale's price must be below the gift's price.")
    overlapping = FlashSale.filter(
        variant_id=sale.variant_id, channel_id=sale.channel_id, is_ended=False,  # type: ignore[attr-defined]
        starts_at__lt=sale.ends_at, ends_at__gt=sale.starts_at,
    )
    if sale.id is not None:
        overlapping = overlapping.exclude(id=sale.id)
    if await overlapping.exists():
        raise _invalid("starts_at", "Another flash sale of this variant in this channel overlaps this one.")


async def _check_quantity_in_stock(sale: FlashSale, added: int) -> None:
    """The units a sale adds must be in stock now: a sale never promises what the warehouses lack."""
    if added > 0 and added > await available_quantity(sale.variant_id, sale.channel_id):  # type: ignore[attr-defined]
        raise _invalid("quantity", "The sale's quantity is more than the units in stock.")


async def create_flash_sale(
    editor: PartnerScopedActor, variant_id: int, channel: Channel, terms: SaleTerms
) -> FlashSale:
    """A new sale. Every term is required except `limit_per_member` and `name`."""
    variant = await _sale_variant(editor, variant_id)  # first: another partner's variant is absent, whatever else
    for name in ("price_points", "quantity", "starts_at", "ends_at"):
        if getattr(terms, name) is None:
            raise DomainError.single(name, "This field is required.", Code.REQUIRED)
    _check_numbers(terms)
    values = terms.given()
    values["limit_per_member"] = values.get("limit_per_member") or None
    sale = FlashSale(variant_id=variant.id, channel_id=channel.id, created_by=editor.actor, **values)
    await _check_sale(sale, clock.now())
    await _check_quantity_in_stock(sale, sale.quantity)
    await sale.save()
    return sale


async def sale_for_editing(editor: PartnerScopedActor, sale_id: int) -> FlashSale:
    sale = await FlashSale.get_or_none(id=sale_id)
    if sale is None:
        raise missing("id", f"FlashSale:{sale_id}", Code.NOT_FOUND)
    await _sale_variant(editor, sale.variant_id)  # type: ignore[attr-defined]
    return sale


async def update_flash_sale(editor: PartnerScopedActor, sale_id: int, terms: SaleTerms) -> FlashSale:
    """Change a sale, also while it runs. Its quantity may be raised (more units at the price, sold at once
    to buyers who come) or lowered to no fewer than the units already sold: a conditional update, so a sale
    that sells meanwhile is never left with more sold than its quantity."""
    _check_numbers(terms)
    sale = await sale_for_editing(editor, sale_id)
    if sale.is_ended:
        raise _invalid("id", "The flash sale has ended.")
    changes = terms.given()
    if "limit_per_member" in changes:
        changes["limit_per_member"] = changes["limit_per_member"] or None
    added = changes.get("quantity", sale.quantity) - sale.quantity
    for name, value in changes.items():
        setattr(sale, name, value)
    await _check_sale(sale, clock.now())
    await _check_quantity_in_stock(sale, added)
    if not await FlashSale.filter(id=sale.id, quantity_sold__lte=sale.quantity).update(**changes):
        raise _invalid("quantity", "The sale's quantity cannot be lower than the units already sold.")
    hints.clear(sale.id)  # its units may have grown: the next buyer takes the full way
    return await FlashSale.get(id=sale.id)


async def end_flash_sale(editor: PartnerScopedActor, sale_id: int) -> FlashSale:
    """End a sale now: its unsold units are the gift's own again, at its own price. Ending twice is a no-op."""
    sale = await sale_for_editing(editor, sale_id)
    await FlashSale.filter(id=sale.id).update(is_ended=True)
    hints.clear(sale.id)
    return await FlashSale.get(id=sale.id)


# --- selling and giving back ---------------------------------------------------------------------------

TAKE_SALE_UNITS = (
    f"UPDATE {FlashSale._meta.db_table} SET quantity_sold = quantity_sold + $1 "
    "WHERE id = $2 AND quantity_sold + $1 <= quantity AND is_ended = $3 AND starts_at <= $4 AND ends_at > $4"
)
SALE_UNITS_LEFT = (
    f"SELECT quantity - quantity_sold AS units_left, quantity FROM {FlashSale._meta.db_table} WHERE id = $1"
)
# The member's counter grows only while it stays within the limit; a first purchase inserts it. Two first
# purchases at once: the second waits on the unique index, then takes the update's condition.
COUNT_MEMBER_UNITS = (
    f"INSERT INTO {FlashSaleMember._meta.db_table} (sale_id, user_id, quantity) VALUES ($1, $2, $3) "
    f"ON CONFLICT (sale_id, user_id) DO UPDATE SET quantity = {FlashSaleMember._meta.db_table}.quantity + $3 "
    f"WHERE {FlashSaleMember._meta.db_table}.quantity + $3 <= $4"
)
GIVE_BACK_SALE_UNITS = (
    f"UPDATE {FlashSale._meta.db_table} SET quantity_sold = quantity_sold - $1 WHERE id = $2 AND quantity_sold >= $1"
)
UNCOUNT_MEMBER_UNITS = (
    f"UPDATE {FlashSaleMember._meta.db_table} SET quantity = quantity - $1 "
    "WHERE sale_id = $2 AND user_id = $3 AND quantity >= $1"
)


async def hold_unsold_units(sale_id: int) -> int:
    """The sale's units still unsold, kept so until the caller's transaction ends: a buyer at the gift's own
    price leaves them in stock for the sale. On PostgreSQL the sale's row is share-locked (FOR SHARE, after
    waiting for a sale or a give-back in flight): sale buyers and cancels, which update the row, wait until
    this transaction commits, so the count cannot change between this read and the stock's allocation.
    Normal-price buyers share the lock and pass each other. Lock order (mall.locking): the sale's row before
    the stock rows. A sale gone meanwhile holds nothing back."""
    lock = " FOR SHARE" if sql.is_postgres() else ""  # SQLite: one writer at a time, the read is exact
    row = await sql.fetch_one(SALE_UNITS_LEFT + lock, sale_id)
    return max(int(row["units_left"]), 0) if row is not None else 0


def sold_out_refusal(line: SaleLine) -> DomainError:
    return DomainError.single(
        "quantity",
        f"The flash sale has sold out: only {line.sale.remaining} left at {line.sale.price_points} points. "
        "The gift is back at its own price.",
        OrdersErrorCode.INSUFFICIENT_STOCK,
        variants=[line.sale.variant_id],  # type: ignore[attr-defined]
    )


def limit_refusal(line: SaleLine) -> DomainError:
    return DomainError.single(
        "quantity",
        f"Cannot buy more than {line.sale.limit_per_member} in this flash sale.",
        OrdersErrorCode.QUANTITY_GREATER_THAN_LIMIT,
        variants=[line.sale.variant_id],  # type: ignore[attr-defined]
    )


async def refuse_if_hinted_sold_out(line: SaleLine) -> None:
    """The fast path: a sale this worker saw sold out is re-checked with one unlocked read and refused at once
    if it still is, without queueing on its row behind the winners (orders.flash_sales.hints)."""
    if not hints.is_hinted_sold_out(line.sale.id):
        return
    row = await sql.fetch_one(SALE_UNITS_LEFT, line.sale.id)
    if row is not None and row["units_left"] < line.quantity:
        raise sold_out_refusal(line)
    hints.clear(line.sale.id)


async def take_sale_units(line: SaleLine, user_id: int | None, now: datetime) -> None:
    """Sell `line.quantity` of the sale's units to this member, or refuse. Call inside the completion's
    transaction, after the points and before the stock (mall.locking)."""
    await refuse_if_hinted_sold_out(line)
    sale = line.sale
    if not await sql.execute(TAKE_SALE_UNITS, line.quantity, sale.id, False, now):
        hints.mark_sold_out(sale.id, sale.quantity)
        raise sold_out_refusal(line)
    limit = sale.limit_per_member
    if user_id is None or limit is None:
        return
    if line.quantity > limit or not await _count_member_units(sale.id, user_id, line.quantity, limit):
        raise limit_refusal(line)


async def _count_member_units(sale_id: int, user_id: int, quantity: int, limit: int) -> bool:
    """Whether the member's counter took the units. On PostgreSQL the upsert's rows are counted by a query:
    tortoise reads an INSERT's status tag ("INSERT 0 1") as 0 rows whatever happened."""
    if not sql.is_postgres():
        return bool(await sql.execute(COUNT_MEMBER_UNITS, sale_id, user_id, quantity, limit))
    counted = await sql.fetch_one(
        f"WITH counted AS ({COUNT_MEMBER_UNITS} RETURNING 1) SELECT count(*) AS n FROM counted",
        sale_id, user_id, quantity, limit,
    )
    return bool(counted and counted["n"])


async def record_sale_line(line: SaleLine, order_id: object, order_line_id: object, user_id: int | None) -> None:
    await FlashSaleLine.create(
        sale_id=line.sale.id, order_id=order_id, order_line_id=order_line_id, user_id=user_id, quantity=line.quantity
    )


async def give_back_sale_units(order_id: object) -> int:
    """A cancelled order's sale units go back to their sales (sold again at the sale's price while it runs)
    and out of the members' counters. Each line is given back once. Returns the units given back."""
    given = 0
    for line in await FlashSaleLine.filter(order_id=order_id, is_given_back=False).order_by("sale_id"):
        if not await FlashSaleLine.filter(id=line.id, is_given_back=False).update(is_given_back=True):
            continue
        await sql.execute(GIVE_BACK_SALE_UNITS, line.quantity, line.sale_id)  # type: ignore[attr-defined]
        if line.user_id is not None:
            await sql.execute(UNCOUNT_MEMBER_UNITS, line.quantity, line.sale_id, line.user_id)  # type: ignore[attr-defined]
        hints.clear(line.sale_id)  # type: ignore[attr-defined]
        given += line.quantity
    return given
