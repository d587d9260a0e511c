"""The `mall.points` payment gateway: a transaction holds the member's points in the ledger.

Saleor's transaction flow: transactionInitialize authorizes (here: a ledger hold that expires if the cart
is abandoned), checkoutComplete charges (captures the hold), cancel and refund give points back.

Errors (DomainError, OrdersErrorCode): INVALID (amount), NOT_FOUND, and the
ledger's INSUFFICIENT_POINTS surfaced as PAYMENT_ERROR-style refusals by the adapter.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal

from kernel import clock
from kernel.errors import DomainError
from ledger.models import Hold, HoldStatus  # read-only: is a hold still capturable?
from ledger.services import Request, capture_hold, hold_points, void_hold
from mall import sql
from mall.channels.models import Channel
from mall.rule_versions import note_version, version_column
from orders.errors import OrdersErrorCode
from orders.models import Checkout, Gateway, ShippingMethod, Transaction, TransactionEvent
from orders.services.totals import checkout_totals

HOLD_DURATION = timedelta(minutes=30)


async def record(transaction: Transaction, kind: str, amount: int | Decimal, message: str = "") -> None:
    await TransactionEvent.create(
        transaction=transaction,
        type=kind,
        amount=Decimal(amount),
        message=message,
        psp_reference=transaction.psp_reference,
    )


def _checkout_query(lock: bool) -> str:
    checkout, channel, method = Checkout._meta.db_table, Channel._meta.db_table, ShippingMethod._meta.db_table
    return (
        f"SELECT {sql.columns(Checkout, 'c')}, {sql.columns(Channel, 'ch')}, {sql.columns(ShippingMethod, 'm')}, "
        # The pricing rules' version (mall.rule_versions), so pricing the cart reads none of its own.
        f"{version_column()} FROM {checkout} c JOIN {channel} ch ON ch.id = c.channel_id "
        f"LEFT JOIN {method} m ON m.id = c.shipping_method_id WHERE c.token = $1"
        # On PostgreSQL the row lock makes a second completion wait, then find the order the first one made.
        # FOR UPDATE OF the checkout alone: the channel and the delivery method are joined only to be read.
        + (" FOR UPDATE OF c" if lock else "")
    )


async def _read_checkout(token: uuid.UUID | str, lock: bool) -> Checkout | None:
    row = await sql.fetch_one(_checkout_query(lock and sql.is_postgres()), str(token))
    if row is None:
        return None
    note_version(row["rule_version"])
    checkout = sql.model_from(Checkout, row, "c")
    object.__setattr__(checkout, "_channel", sql.model_from(Channel, row, "ch"))  # as select_related does
    object.__setattr__(checkout, "_shipping_method", sql.model_from(ShippingMethod, row, "m"))
    return checkout


async def checkout_with_channel(token: uuid.UUID | str) -> Checkout | None:
    """The cart with its channel and delivery method, unlocked, in one statement that also reads the pricing
    rules' version (mall.rule_versions): a mutation that prices the cart for its payload reads none of its own."""
    return await _read_checkout(token, lock=False)


async def locked_checkout(token: uuid.UUID | str) -> Checkout | None:
    """The cart with its channel and delivery method, its row locked, in one statement (raw SQL: mall.sql says
    why): the first lock of the global order (mall.locking), taken before anything else a use case does. Call
    inside a transaction; `lock_checkout` then takes nothing more for this cart."""
    checkout = await _read_checkout(token, lock=True)
    if checkout is None:
        return None
    object.__setattr__(checkout, "_row_locked", True)
    return checkout


async def lock_checkout(checkout: Checkout) -> None:
    """Take the cart's row lock before changing what pays for it: its payments change one at a time.

    Without it, simultaneous payments each read the points held so far before the others commit, and each
    holds what the cart still needs (ten taps, ten times the total). The lock is the first of the global
    lock order (mall.locking): the cart's row, then the ledger's rows, then stock.
    Raises DomainError NOT_FOUND when the cart is gone (completed meanwhile), INVALID when its member changed.
    A cart read by `locked_checkout` in this transaction is locked already, as read: nothing is read again.
    """
    if getattr(checkout, "_row_locked", False):
        return
    locked = await Checkout.filter(token=checkout.token).select_for_update().first()
    if locked is None:
        raise DomainError.single(
            "id", f"Couldn't resolve to a node: Checkout:{checkout.token}", OrdersErrorCode.NOT_FOUND
        )
    if locked.user_id != checkout.user_id:  # type: ignore[attr-defined]
        raise DomainError.single("id", "The checkout's customer changed meanwhile: reload it.", OrdersErrorCode.INVALID)


LIVE_POINTS_TRANSACTIONS = (
    f"SELECT t.* FROM {Transaction._meta.db_table} t "
    f"JOIN {Hold._meta.db_table} h ON h.transfer_id = t.hold_transfer_id "
    "WHERE t.checkout_token = $1 AND t.gateway = $2 AND t.authorized_value > 0 AND h.status = $3 AND h.expires_at > $4"
    " ORDER BY t.hold_transfer_id"
)


async def live_points_transactions(checkout: Checkout) -> list[Transaction]:
    """Points transactions of the checkout whose ledger hold can still be captured (pending, not expired),
    oldest hold first (the ledger's lock order). A hold the worker voided after the member walked away no
    longer pays for anything. Raw SQL: this is on every completion (mall.sql says why)."""
    rows = await sql.fetch(LIVE_POINTS_TRANSACTIONS, str(checkout.token), Gateway.POINTS.value,
                           HoldStatus.PENDING.value, clock.now())
    return [Transaction._init_from_db(**row) for row in rows]


async def live_hold_ids(hold_transfer_ids: Iterable[int]) -> set[int]:
    """The holds among these that are still pending and not expired (the others pay for nothing)."""
    wanted = list(set(hold_transfer_ids))
    if not wanted:
        return set()
    return set(
        await Hold.filter(
            transfer_id__in=wanted, status=HoldStatus.PENDING, expires_at__gt=clock.now()
        ).values_list("transfer_id", flat=True)
    )


def effective_authorized(transaction: Transaction, live_holds: set[int]) -> Decimal:
    """What a points transaction still authorizes: nothing once its hold expired or was voided by the
    worker (the row keeps the amount it was created with until a capture or a release rewrites it)."""
    if transaction.gateway != Gateway.POINTS or transaction.hold_transfer_id is None:
        return transaction.authorized_value
    return transaction.authorized_value if transaction.hold_transfer_id in live_holds else Decimal(0)


async def authorized_points(checkout: Checkout) -> int:
    """Points held for this checkout that can still be redeemed."""
    return int(sum((t.authorized_value for t in await live_points_transactions(checkout)), Decimal(0)))


# The cart's transaction with this idempotency key (a retry), and its live points holds, in one statement
# (issue 23: two before). The key names the cart (`checkout:<token>:...`), so its transaction is the cart's.
RETRIED_OR_LIVE = (
    f"SELECT t.*, (h.status = $4 AND h.expires_at > $5) AS hold_live FROM {Transaction._meta.db_table} t "
    f"LEFT JOIN {Hold._meta.db_table} h ON h.transfer_id = t.hold_transfer_id "
    "WHERE t.checkout_token = $1 AND (t.idempotency_key = $2 OR (t.gateway = $3 AND t.authorized_value > 0))"
)


async def _retried_or_authorized(checkout: Checkout, key: str) -> tuple[Transaction | None, int]:
    """The transaction a retry with `key` made before, or None and the points the cart's live holds cover
    (`authorized_points`)."""
    rows = await sql.fetch(RETRIED_OR_LIVE, str(checkout.token), key, Gateway.POINTS.value,
                           HoldStatus.PENDING.value, clock.now())
    authorized = 0
    for row in rows:
        live = bool(row.pop("hold_live"))
        transaction = Transaction._init_from_db(**row)
        if transaction.idempotency_key == key:
            return transaction, 0
        if live and transaction.gateway == Gateway.POINTS:
            authorized += int(transaction.authorized_value)
    return None, authorized


async def initialize_points_payment(
    checkout: Checkout, points: int | None, idempotency_key: str, actor: str
) -> Transaction:
    """Hold the member's points for `points` (default: what the checkout still needs).

    Payments of one cart are serialised (lock_checkout), so the default amount is what is still needed once
    the payments before this one committed. A retry with the same key returns the same transaction.
    Raises DomainError INVALID (amount, no member), what lock_checkout raises, and the ledger's
    INSUFFICIENT_POINTS / IDEMPOTENCY_CONFLICT.
    """
    key = f"checkout:{checkout.token}:{idempotency_key}"
    await lock_checkout(checkout)
    existing, authorized = await _retried_or_authorized(checkout, key)
    if existing is not None:
        return existing
    if checkout.user_id is None:  # type: ignore[attr-defined]
        raise DomainError.single("id", "Sign in to pay with points.", OrdersErrorCode.INVALID)
    needed = (await checkout_totals(checkout)).total_points - authorized
    amount = needed if points is None else points
    if amount <= 0:
        raise DomainError.single("amount", "Nothing left to pay with points.", OrdersErrorCode.INVALID)
    hold = await hold_points(
        checkout.channel,
        checkout.user_id,
        amount,
        Request(idempotency_key=key, actor=actor, reference=f"checkout:{checkout.token}", reason="redemption"),
        expires_at=clock.now() + HOLD_DURATION,
    )
    transaction = Transaction(
        checkout_token=checkout.token,
        gateway=Gateway.POINTS,
        name="Points",
        currency=checkout.channel.currency_code,
        psp_reference=f"hold:{hold.id}",
        idempotency_key=key,
        authorized_value=amount,
        hold_transfer_id=hold.id,
    )
    await _insert_recording(transaction, [("AUTHORIZATION_SUCCESS", amount, "Points held")])
    # Held just now, for HOLD_DURATION: the mutation's payload need not ask the ledger whether it still is.
    object.__setattr__(transaction, "_hold_placed_now", True)
    return transaction


CAPTURED = (
    f"UPDATE {Transaction._meta.db_table} SET authorized_value = 0, charged_value = $1, canceled_value = $2, "
    "capture_transfer_id = $3 WHERE token = $4"
)


# The same, and every points transaction of the cart now pays for the order: one statement for what were two
# (completion's first capture; the cart's row is locked, so its transactions are all there is).
CAPTURED_FOR_ORDER = (
    f"UPDATE {Transaction._meta.db_table} SET "
    "authorized_value = CASE WHEN token = $4 THEN 0 ELSE authorized_value END, "
    "charged_value = CASE WHEN token = $4 THEN $1 ELSE charged_value END, "
    "canceled_value = CASE WHEN token = $4 THEN $2 ELSE canceled_value END, "
    "capture_transfer_id = CASE WHEN token = $4 THEN $3 ELSE capture_transfer_id END, "
    "order_id = $5 WHERE checkout_token = $6 AND gateway = $7"
)


async def capture_points(
    transaction: Transaction, points: int, order_reference: str, actor: str, order_id: object | None = None
) -> int:
    """Post `points` (1 up to all) of the held points; the rest of the hold goes back to the member at once.
    With `order_id`, every points transaction of the cart is marked as paying for that order in the same
    statement. Returns the points charged. Raises the ledger's HOLD_EXPIRED when the member took too long (the
    cart then needs a new payment)."""
    assert transaction.hold_transfer_id is not None
    request = Request(
        idempotency_key=f"{order_reference}:capture:{transaction.token}",
        actor=actor,
        reference=order_reference,
        reason="redemption",
    )
    held = int(transaction.authorized_value)
    capture = await capture_hold(transaction.hold_transfer_id, request, points=points)
    events = [("CHARGE_SUCCESS", points, "Points redeemed")]
    if held > points:
        events.append(("CANCEL_SUCCESS", held - points, "Points held beyond the total released"))
    if order_id is None:
        await _update_recording(transaction, events, CAPTURED, Decimal(points), Decimal(held - points), capture.id,
                                str(transaction.token))
    else:
        await _update_recording(transaction, events, CAPTURED_FOR_ORDER, Decimal(points), Decimal(held - points),
                                capture.id, str(transaction.token), order_id, str(transaction.checkout_token),
                                Gateway.POINTS.value)
    return points


Event = tuple[str, int | Decimal, str]  # type, amount, message


def _events_first(statement: str, parameter_count: int, events: list[Event]) -> str:
    """`statement` preceded by the INSERT of the events' rows, as one statement (PostgreSQL's data-modifying
    WITH): the events' parameters come after the statement's own."""
    width = 5
    rows = ", ".join(
        f"({sql.placeholders(width, first=parameter_count + 1 + index * width)}, "
        f"${parameter_count + 1 + len(events) * width})"
        for index in range(len(events))
    )
    table = TransactionEvent._meta.db_table
    return (f"WITH recorded AS (INSERT INTO {table} (type, amount, message, psp_reference, created_at, transaction_id) "
            f"VALUES {rows}) {statement}")


async def _insert_recording(transaction: Transaction, events: list[Event]) -> None:
    """Insert the transaction and record its events: one statement on PostgreSQL (issue 23), as `_update_recording`."""
    if not sql.is_postgres():
        await transaction.save(force_create=True)
        for kind, amount, message in events:
            await record(transaction, kind, amount, message)
        return
    columns, values = sql.insert_values(transaction)
    statement = (f"INSERT INTO {Transaction._meta.db_table} ({sql.quoted(columns)}) "
                 f"VALUES ({sql.placeholders(len(values))})")
    await _update_recording(transaction, events, statement, *values)
    transaction._saved_in_db = True


async def _update_recording(transaction: Transaction, events: list[Event], statement: str, *params: object) -> None:
    """Run `statement` (an UPDATE of the transaction) and record its events: in one statement on PostgreSQL
    (issue 23: a completion's capture was two round trips), one after the other on SQLite (no INSERT in WITH)."""
    if not sql.is_postgres():
        await sql.execute(statement, *params)
        for kind, amount, message in events:
            await record(transaction, kind, amount, message)
        return
    now = clock.now()
    values = [value for kind, amount, message in events
              for value in (kind, Decimal(amount), message, transaction.psp_reference, now)]
    await sql.execute(_events_first(statement, len(params), events), *params, *values, str(transaction.token))


async def release_points(transaction: Transaction, actor: str) -> None:
    """Give back points that are held but not yet redeemed (abandoned or replaced cart)."""
    if transaction.hold_transfer_id is None or transaction.authorized_value == 0:
        return
    request = Request(
        idempotency_key=f"transaction:{transaction.token}:void",
        actor=actor,
        reference=f"checkout:{transaction.checkout_token}",
        reason="released",
    )
    await void_hold(transaction.hold_transfer_id, request)
    canceled = transaction.authorized_value
    await Transaction.filter(token=transaction.token).update(authorized_value=0, canceled_value=canceled)
    await record(transaction, "CANCEL_SUCCESS", canceled, "Points released")
