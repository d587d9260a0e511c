"""Checkouts (carts): create, lines, e-mail, customer, addresses, delivery method, totals.

Errors (DomainError, OrdersErrorCode): those of orders.services.lines, plus MISSING_CHANNEL_SLUG,
CHANNEL_INACTIVE, NOT_FOUND, INVALID, REQUIRED, SHIPPING_NOT_REQUIRED, INVALID_SHIPPING_METHOD.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from catalog.models import Product, ProductType, ProductVariant, ProductVariantChannelListing
from kernel import clock
from kernel.errors import DomainError
from mall import sql
from mall.accounts.addresses import AddressData, clean_address
from mall.accounts.models import Address, User
from mall.accounts.services import email_problems, normalise_email
from mall.channels.models import Channel
from mall.rule_versions import cached
from orders.errors import OrdersErrorCode
from orders.models import Checkout, CheckoutLine, ShippingMethod
from orders.services.lines import checked_line
from orders.services.payments import checkout_with_channel, live_points_transactions, lock_checkout, release_points
from orders.services.totals import shipping_requirements

MAX_LINES = 100
MAX_CUSTOMER_NOTE_LENGTH = 2000


@dataclass(frozen=True)
class LineRequest:
    variant_id: int
    quantity: int
    force_new_line: bool = False


async def checkout_by_token(token: uuid.UUID | str, field: str = "id") -> Checkout:
    found = await checkout_with_channel(token)
    if found is None:
        raise DomainError.single(field, f"Couldn't resolve to a node: Checkout:{token}", OrdersErrorCode.NOT_FOUND)
    return found


async def channel_by_slug(slug: str) -> Channel | None:
    """This worker's copy of the channel while no channel changes (mall.rule_versions; issue 23: every
    checkoutCreate read it). Read-only: never saved."""
    return await cached(("channel", slug), lambda: Channel.get_or_none(slug=slug))


async def channel_for_checkout(slug: str | None) -> Channel:
    if not slug:
        raise DomainError.single(
            "channel", "You must provide channel slug to create a checkout.", OrdersErrorCode.MISSING_CHANNEL_SLUG
        )
    channel = await channel_by_slug(slug)
    if channel is None:
        raise DomainError.single("channel", f"Channel with '{slug}' slug does not exist.", OrdersErrorCode.NOT_FOUND)
    if not channel.is_active:
        raise DomainError.single("channel", f"Channel with '{slug}' is inactive.", OrdersErrorCode.CHANNEL_INACTIVE)
    return channel


async def create_checkout(
    channel_slug: str | None, user: User | None, email: str | None, lines: list[LineRequest], language_code: str = "EN"
) -> Checkout:
    """A new cart. A signed-in member's cart is theirs (and carries their e-mail)."""
    channel = await channel_for_checkout(channel_slug)
    if email and email_problems(email):
        raise DomainError(*email_problems(email))
    checkout = await Checkout.create(
        channel=channel,
        user=user,
        email=normalise_email(email) if email else (user.email if user else None),
        language_code=language_code,
    )
    checkout.channel = channel
    # A new cart has no lines to merge with and was stamped just now: no reads of its lines, no touch.
    written: dict[int, CheckoutLine] = {}
    listed: dict[int, int] = {}
    created = await _add_lines(checkout, lines, written, listed)
    if created > MAX_LINES:
        raise _too_many_lines()
    remember_contents(checkout, list(written.values()), listed)
    return checkout


def remember_contents(
    checkout: Checkout, lines: list[CheckoutLine], listing_prices: dict[int, int] | None = None
) -> None:
    """The cart's lines (and their listing prices) as this request has them: the mutation's payload prices the
    cart from them instead of reading them again (orders.graphql.checkout). Only for a cart this request has
    just read or written, in the order the cart lists its lines."""
    object.__setattr__(checkout, "_lines", sorted(lines, key=lambda line: (line.created_at, line.id)))
    if listing_prices is not None:
        object.__setattr__(checkout, "_listing_prices", dict(listing_prices))


async def _lines(checkout: Checkout) -> list[CheckoutLine]:
    return list(await CheckoutLine.filter(checkout_id=checkout.token).order_by("created_at", "id"))


async def add_lines(checkout: Checkout, requests: list[LineRequest]) -> Checkout:
    """Add quantities; lines for the same variant merge unless `force_new_line`."""
    existing = {line.variant_id: line for line in await _lines(checkout)}  # type: ignore[attr-defined]
    await _add_lines(checkout, requests, existing)
    await _check_line_count(checkout)
    await _touch(checkout)
    return checkout


async def _add_lines(
    checkout: Checkout, requests: list[LineRequest], existing: dict[int, CheckoutLine],
    listed: dict[int, int] | None = None,
) -> int:
    """Merge or create each requested line (`existing`: the cart's lines by variant); returns the lines created.
    `listed` receives each requested variant's listing price."""
    created = 0
    now = clock.now()
    for request in requests:
        current = existing.get(request.variant_id)
        merged = current is not None and not request.force_new_line
        total = request.quantity + (current.quantity if merged and current else 0)
        priced = await checked_line(checkout.channel, request.variant_id, total, checkout.user_id, now)  # type: ignore[attr-defined]
        if listed is not None:
            listed[request.variant_id] = priced.unit_price_points
        if merged and current is not None:
            current.quantity = total
            await current.save(update_fields=["quantity"])
        else:
            existing[request.variant_id] = await CheckoutLine.create(
                checkout_id=checkout.token, variant_id=request.variant_id, quantity=request.quantity
            )
            created += 1
    return created


async def _check_line_count(checkout: Checkout) -> None:
    if await CheckoutLine.filter(checkout_id=checkout.token).count() > MAX_LINES:
        raise _too_many_lines()


def _too_many_lines() -> DomainError:
    return DomainError.single("lines", f"A checkout holds at most {MAX_LINES} lines.", OrdersErrorCode.INVALID)


async def update_lines(checkout: Checkout, quantities: dict[uuid.UUID | int, int], by_line: bool) -> Checkout:
    """Set quantities, by line id or by variant id; a quantity of 0 removes the line (Saleor's rule)."""
    lines = await _lines(checkout)
    now = clock.now()
    for key, quantity in quantities.items():
        line = next((item for item in lines if (item.id if by_line else item.variant_id) == key), None)  # type: ignore[attr-defined]
        if line is None:
            raise DomainError.single(
                "line_id" if by_line else "variant_id", f"Couldn't resolve to a node: {key}", OrdersErrorCode.NOT_FOUND
            )
        if quantity == 0:
            await line.delete()
            continue
        await checked_line(checkout.channel, line.variant_id, quantity, checkout.user_id, now)  # type: ignore[attr-defined]
        line.quantity = quantity
        await line.save(update_fields=["quantity"])
    await _touch(checkout)
    return checkout


async def delete_lines(checkout: Checkout, line_ids: Iterable[uuid.UUID]) -> Checkout:
    wanted = set(line_ids)
    present = {line.id for line in await _lines(checkout)}
    missing = wanted - present
    if missing:
        raise DomainError.single(
            "line_id", f"Couldn't resolve to a node: {sorted(map(str, missing))[0]}", OrdersErrorCode.NOT_FOUND
        )
    await CheckoutLine.filter(checkout_id=checkout.token, id__in=list(wanted)).delete()
    await _touch(checkout)
    return checkout


async def set_email(checkout: Checkout, email: str) -> Checkout:
    problems = email_problems(email)
    if problems:
        raise DomainError(*problems)
    checkout.email = normalise_email(email)
    await checkout.save(update_fields=["email", "updated_at"])
    return checkout


async def attach_customer(checkout: Checkout, user: User) -> Checkout:
    checkout.user = user
    checkout.email = user.email
    await checkout.save(update_fields=["user_id", "email", "updated_at"])
    return checkout


async def detach_customer(checkout: Checkout, actor: str = "system") -> Checkout:
    """The cart becomes anonymous (the member signed out). Points it held go back to the member: nobody
    else may spend them, and an anonymous cart cannot pay with points."""
    await lock_checkout(checkout)  # no payment of this cart in between: it would hold points for no one
    for transaction in await live_points_transactions(checkout):
        await release_points(transaction, actor)
    checkout.user = None
    await checkout.save(update_fields=["user_id", "updated_at"])
    return checkout


async def set_address(checkout: Checkout, data: AddressData, kind: str) -> Checkout:
    """Store a copy of the address: later edits in the member's address book do not move a parcel."""
    cleaned = clean_address(data, kind)
    column = "shipping_address_id" if kind == "SHIPPING" else "billing_address_id"
    if not sql.is_postgres():  # no INSERT inside WITH: the copy, then the cart
        address = await Address.create(**cleaned.__dict__)
        setattr(checkout, column, address.id)
        await checkout.save(update_fields=[column, "updated_at"])
        return checkout
    setattr(checkout, column, await _store_address_on(checkout, Address(**cleaned.__dict__), column))
    return checkout


async def _store_address_on(checkout: Checkout, address: Address, column: str) -> int:
    """Insert the copy and point the cart at it in one statement (PostgreSQL; issue 23: two before)."""
    columns, values = sql.insert_values(address)
    count = len(values)
    statement = (
        f"WITH stored AS (INSERT INTO {Address._meta.db_table} ({sql.quoted(columns)}) "
        f"VALUES ({sql.placeholders(count)}) RETURNING id) "
        f'UPDATE {Checkout._meta.db_table} SET "{column}" = (SELECT id FROM stored), updated_at = ${count + 1} '
        f'WHERE token = ${count + 2} RETURNING "{column}" AS address_id'
    )
    checkout.updated_at = clock.now()
    row = await sql.fetch_one(statement, *values, checkout.updated_at, str(checkout.token))
    if row is None:  # the cart was deleted meanwhile (completed): as `save` would, say it is gone
        message = f"Couldn't resolve to a node: Checkout:{checkout.token}"
        raise DomainError.single("id", message, OrdersErrorCode.NOT_FOUND)
    return int(row["address_id"])


async def shipping_methods(checkout: Checkout) -> list[ShippingMethod]:
    return list(await ShippingMethod.filter(channel_id=checkout.channel_id, is_active=True))  # type: ignore[attr-defined]


async def is_shipping_required(checkout: Checkout) -> bool:
    variant_ids = await CheckoutLine.filter(checkout_id=checkout.token).values_list("variant_id", flat=True)
    return any((await shipping_requirements(variant_ids)).values())


def _lines_for_delivery_query() -> str:
    variant, product, kind = ProductVariant._meta.db_table, Product._meta.db_table, ProductType._meta.db_table
    listing = ProductVariantChannelListing._meta.db_table
    return (
        f"SELECT {sql.columns(CheckoutLine, 'l')}, t.is_shipping_required AS shipping_required, "
        f"vl.price_points AS listing_price FROM {CheckoutLine._meta.db_table} l "
        f"LEFT JOIN {variant} v ON v.id = l.variant_id LEFT JOIN {product} p ON p.id = v.product_id "
        f"LEFT JOIN {kind} t ON t.id = p.product_type_id "
        f"LEFT JOIN {listing} vl ON vl.variant_id = l.variant_id AND vl.channel_id = $2 "
        "WHERE l.checkout_id = $1 ORDER BY l.created_at, l.id"
    )


async def _lines_for_delivery(checkout: Checkout) -> tuple[list[CheckoutLine], list[bool], dict[int, int]]:
    """The cart's lines, whether each needs delivery, and their variants' listing prices in the cart's channel
    (for the payload's totals), in one statement (raw SQL: mall.sql says why)."""
    rows = await sql.fetch_rows(_lines_for_delivery_query(), str(checkout.token), checkout.channel_id)  # type: ignore[attr-defined]
    lines = [line for line in (sql.model_from(CheckoutLine, row, "l") for row in rows) if line is not None]
    listed = {int(row["l.variant_id"]): int(row["listing_price"]) for row in rows if row["listing_price"] is not None}
    return lines, [bool(row["shipping_required"]) for row in rows], listed


async def set_delivery_method(checkout: Checkout, method_id: int | None) -> Checkout:
    """Choose (or, with None, clear) the delivery method. Raises DELIVERY_METHOD_NOT_APPLICABLE for a method
    of another channel or one switched off, SHIPPING_NOT_REQUIRED when nothing in the cart is delivered."""
    method = None
    if method_id is not None:
        lines, shipped, listed = await _lines_for_delivery(checkout)
        remember_contents(checkout, lines, listed)  # the payload's totals price these lines
        if lines and not any(shipped):
            raise DomainError.single(
                "delivery_method_id", "This checkout doesn't need shipping", OrdersErrorCode.SHIPPING_NOT_REQUIRED
            )
        method = await ShippingMethod.get_or_none(id=method_id, channel_id=checkout.channel_id, is_active=True)  # type: ignore[attr-defined]
        if method is None:
            raise DomainError.single(
                "delivery_method_id",
                "This shipping method is not applicable.",
                OrdersErrorCode.DELIVERY_METHOD_NOT_APPLICABLE,
            )
    checkout.shipping_method = method  # the id, and the row the cart's totals then read without a query
    await checkout.save(update_fields=["shipping_method_id", "updated_at"])
    return checkout


async def set_language_code(checkout: Checkout, language_code: str) -> Checkout:
    checkout.language_code = language_code
    await checkout.save(update_fields=["language_code", "updated_at"])
    return checkout


async def set_customer_note(checkout: Checkout, note: str) -> Checkout:
    if len(note) > MAX_CUSTOMER_NOTE_LENGTH:
        raise DomainError.single(
            "customer_note", f"Use at most {MAX_CUSTOMER_NOTE_LENGTH} characters.", OrdersErrorCode.INVALID
        )
    checkout.customer_note = note
    await checkout.save(update_fields=["customer_note", "updated_at"])
    return checkout


async def _touch(checkout: Checkout) -> None:
    await Checkout.filter(token=checkout.token).update(updated_at=clock.now())
