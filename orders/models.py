"""Redemption: checkouts (carts), payment transactions, orders, order lines and their stock allocations,
order events, and the delivery methods each channel offers.

Only orders services write these tables. Amounts are whole points of the channel's unit, and cash (the
part of a points + cash redemption paid by card) is a Decimal with its currency. Model docstrings must
not contain semicolons: tortoise's SQLite migrations split statements on them.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from kernel.fields import ClockDatetimeField


class OrderStatus(StrEnum):
    UNCONFIRMED = "unconfirmed"
    UNFULFILLED = "unfulfilled"
    PARTIALLY_FULFILLED = "partially_fulfilled"
    FULFILLED = "fulfilled"
    PARTIALLY_RETURNED = "partially_returned"
    RETURNED = "returned"
    CANCELED = "canceled"


class Gateway(StrEnum):
    POINTS = "mall.points"
    STRIPE = "mall.stripe"


class CashStatus(StrEnum):
    """Where a `mall.stripe` payment stands (orders.services.cash_status holds the allowed transitions)."""

    PENDING = "pending"  # recorded, the PaymentIntent not created yet
    ACTION_REQUIRED = "action_required"  # the PaymentIntent waits for the member's card
    FAILED = "failed"  # the last card was declined, the member may try another
    AUTHORIZED = "authorized"
    CHARGED = "charged"
    RELEASING = "releasing"  # the checkout was abandoned: being voided or refunded
    REFUNDED = "refunded"
    CANCELED = "canceled"


class ShippingMethod(Model):
    """A delivery option of one channel, priced in points (0 for free standard delivery)."""

    id = fields.IntField(primary_key=True)
    channel = fields.ForeignKeyField("mall.Channel", related_name=False, on_delete=fields.CASCADE)
    name = fields.CharField(max_length=100)
    description = fields.CharField(max_length=300, default="")
    price_points = fields.IntField(default=0)
    minimum_delivery_days = fields.IntField(null=True)
    maximum_delivery_days = fields.IntField(null=True)
    is_active = fields.BooleanField(default=True)

    class Meta:
        table = "orders_shipping_method"
        ordering = ("price_points", "id")
        constraints = (CheckConstraint(check="price_points >= 0", name="shipping_price_not_negative"),)


class ShippingMethodTranslation(Model):
    """One language's wording of a delivery method (Saleor's ShippingMethodTranslation): a member reading
    the mall in Chinese chooses 标准配送, not "Standard delivery". Empty fields fall back to the original."""

    id = fields.IntField(primary_key=True)
    shipping_method: fields.ForeignKeyRelation[ShippingMethod] = fields.ForeignKeyField(
        "orders.ShippingMethod", related_name=False, on_delete=fields.CASCADE
    )
    language_code = fields.CharField(max_length=35)
    name = fields.CharField(max_length=100, null=True)
    description = fields.CharField(max_length=300, null=True)

    class Meta:
        table = "orders_shipping_method_translation"
        unique_together = (("shipping_method", "language_code"),)


class Checkout(Model):
    """A member's cart in one channel. Its UUID is the credential (Saleor reads it without sign-in)."""

    token = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    channel = fields.ForeignKeyField("mall.Channel", related_name=False, on_delete=fields.CASCADE)
    user = fields.ForeignKeyField("mall.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    email = fields.CharField(max_length=254, null=True)
    language_code = fields.CharField(max_length=35, default="EN")
    shipping_address = fields.ForeignKeyField("mall.Address", related_name=False, null=True, on_delete=fields.SET_NULL)
    billing_address = fields.ForeignKeyField("mall.Address", related_name=False, null=True, on_delete=fields.SET_NULL)
    shipping_method: fields.ForeignKeyNullableRelation[ShippingMethod] = fields.ForeignKeyField(
        "orders.ShippingMethod", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    customer_note = fields.TextField(default="")
    # The voucher code the member entered (orders.vouchers.checkout prices it; its use is counted at completion).
    voucher_code = fields.CharField(max_length=255, null=True)
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    private_metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    created_at = ClockDatetimeField(auto_now_add=True)
    updated_at = ClockDatetimeField(auto_now=True, db_index=True)

    lines: fields.ReverseRelation[CheckoutLine]

    class Meta:
        table = "orders_checkout"


class CheckoutLine(Model):
    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    checkout: fields.ForeignKeyRelation[Checkout] = fields.ForeignKeyField(
        "orders.Checkout", related_name="lines", on_delete=fields.CASCADE
    )
    variant = fields.ForeignKeyField("catalog.ProductVariant", related_name=False, on_delete=fields.CASCADE)
    quantity = fields.IntField()
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "orders_checkout_line"
        ordering = ("created_at", "id")
        constraints = (CheckConstraint(check="quantity > 0", name="checkout_line_quantity_positive"),)


class OrderNumber(Model):
    """Hands out order numbers: inserting a row is atomic on every database, unlike max()+1."""

    id = fields.IntField(primary_key=True)
    # A column to insert: tortoise cannot insert a row of defaults only on PostgreSQL.
    issued_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "orders_order_number"


class Order(Model):
    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    number = fields.IntField(unique=True)
    # One order per checkout: a second completion of the same checkout finds this one.
    checkout_token = fields.UUIDField(unique=True, null=True)
    channel = fields.ForeignKeyField("mall.Channel", related_name=False, on_delete=fields.RESTRICT)
    user = fields.ForeignKeyField("mall.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    user_email = fields.CharField(max_length=254, default="")
    status = fields.CharEnumField(OrderStatus, max_length=32, default=OrderStatus.UNFULFILLED, db_index=True)
    language_code = fields.CharField(max_length=35, default="EN")
    shipping_address = fields.ForeignKeyField("mall.Address", related_name=False, null=True, on_delete=fields.SET_NULL)
    billing_address = fields.ForeignKeyField("mall.Address", related_name=False, null=True, on_delete=fields.SET_NULL)
    shipping_method: fields.ForeignKeyNullableRelation[ShippingMethod] = fields.ForeignKeyField(
        "orders.ShippingMethod", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    shipping_method_name = fields.CharField(max_length=100, default="")
    shipping_price_points = fields.IntField(default=0)
    subtotal_points = fields.IntField(default=0)
    total_points = fields.IntField(default=0)
    # The member's loyalty tier when its benefits applied (a discount, free delivery), and what its discount
    # took off the lines (the subtotal is after it).
    tier_code = fields.CharField(max_length=64, null=True)
    tier_discount_points = fields.IntField(default=0)
    # The voucher the order used, its code and name then, and what it took off the total (the total is after it).
    # `voucher_use_released`: a cancel gave the use back (once).
    voucher = fields.ForeignKeyField("orders.Voucher", related_name=False, null=True, on_delete=fields.SET_NULL)
    voucher_code = fields.CharField(max_length=255, null=True)
    voucher_name = fields.CharField(max_length=255, default="")
    voucher_discount_points = fields.IntField(default=0)
    voucher_use_released = fields.BooleanField(default=False)
    # What the member paid in points and in cash (points + cash redemptions), and what came back.
    points_charged = fields.IntField(default=0)
    points_refunded = fields.IntField(default=0)
    cash_currency = fields.CharField(max_length=3, default="CNY")
    cash_charged = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    cash_refunded = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    # The points of the total that the cash paid for (total = points charged + these).
    cash_covered_points = fields.IntField(default=0)
    customer_note = fields.TextField(default="")
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    private_metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    created_at = ClockDatetimeField(auto_now_add=True, db_index=True)
    updated_at = ClockDatetimeField(auto_now=True)

    lines: fields.ReverseRelation[OrderLine]

    class Meta:
        table = "orders_order"
        ordering = ("-number",)


class OrderLine(Model):
    """What was redeemed, frozen at the time: names, SKU, points price and the partner's cost price."""

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "orders.Order", related_name="lines", on_delete=fields.CASCADE
    )
    variant = fields.ForeignKeyField("catalog.ProductVariant", related_name=False, null=True, on_delete=fields.SET_NULL)
    product_name = fields.CharField(max_length=386)
    variant_name = fields.CharField(max_length=255, default="")
    product_sku = fields.CharField(max_length=255, null=True)
    partner_code = fields.CharField(max_length=64, null=True, db_index=True)
    quantity = fields.IntField()
    quantity_fulfilled = fields.IntField(default=0)
    unit_price_points = fields.IntField()  # what the member paid a unit (after the tier's discount)
    # The list price (null: lines before tiers). A short column: joins from allocations and shipment lines alias
    # it as <table>__order_line.<column>, which PostgreSQL cuts at 63 characters.
    undiscounted_unit_price_points = fields.IntField(null=True, source_field="list_unit_points")
    total_price_points = fields.IntField()
    unit_cost_price = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    cost_currency = fields.CharField(max_length=3, default="CNY")
    is_shipping_required = fields.BooleanField(default=True)

    class Meta:
        table = "orders_order_line"
        ordering = ("product_name", "id")
        constraints = (
            CheckConstraint(check="quantity > 0", name="order_line_quantity_positive"),
            CheckConstraint(
                check="quantity_fulfilled >= 0 AND quantity_fulfilled <= quantity",
                name="order_line_fulfilled_within_quantity",
            ),
        )


class OrderLineAllocation(Model):
    """Units of an order line promised from one stock row: released on cancel, shipped on fulfilment."""

    id = fields.IntField(primary_key=True)
    order_line: fields.ForeignKeyRelation[OrderLine] = fields.ForeignKeyField(
        "orders.OrderLine", related_name="allocations", on_delete=fields.CASCADE
    )
    stock = fields.ForeignKeyField("catalog.Stock", related_name=False, on_delete=fields.RESTRICT)
    quantity = fields.IntField()

    class Meta:
        table = "orders_order_line_allocation"


class Transaction(Model):
    """Saleor's TransactionItem: one payment attempt through a gateway, for a checkout and then its order.

    For `mall.points` the amounts are points and `hold_transfer_id` names the ledger hold. For
    `mall.stripe` the amounts are cash, `psp_reference` is the Stripe PaymentIntent, `cash_status` where it
    stands and `covered_points` the points of the checkout total it pays for.
    """

    token = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    checkout_token = fields.UUIDField(null=True, db_index=True)
    order: fields.ForeignKeyNullableRelation[Order] = fields.ForeignKeyField(
        "orders.Order", related_name="transactions", null=True, on_delete=fields.SET_NULL
    )
    gateway = fields.CharEnumField(Gateway, max_length=32)
    name = fields.CharField(max_length=128, default="")
    currency = fields.CharField(max_length=16)
    psp_reference = fields.CharField(max_length=255, default="", db_index=True)
    idempotency_key = fields.CharField(max_length=200, unique=True)
    authorized_value = fields.DecimalField(max_digits=14, decimal_places=2, default=0)
    # Cash asked of the card and not yet authorized or charged (a PaymentIntent waiting for the member).
    charge_pending_value = fields.DecimalField(max_digits=14, decimal_places=2, default=0)
    charged_value = fields.DecimalField(max_digits=14, decimal_places=2, default=0)
    refunded_value = fields.DecimalField(max_digits=14, decimal_places=2, default=0)
    canceled_value = fields.DecimalField(max_digits=14, decimal_places=2, default=0)
    hold_transfer_id = fields.BigIntField(null=True)
    capture_transfer_id = fields.BigIntField(null=True)
    client_secret = fields.CharField(max_length=255, default="")
    cash_status = fields.CharEnumField(CashStatus, max_length=32, null=True)
    covered_points = fields.IntField(default=0)
    created_at = ClockDatetimeField(auto_now_add=True)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "orders_transaction"
        ordering = ("created_at",)


class TransactionEvent(Model):
    id = fields.IntField(primary_key=True)
    transaction: fields.ForeignKeyRelation[Transaction] = fields.ForeignKeyField(
        "orders.Transaction", related_name="events", on_delete=fields.CASCADE
    )
    type = fields.CharField(max_length=64)
    amount = fields.DecimalField(max_digits=14, decimal_places=2, default=0)
    message = fields.CharField(max_length=512, default="")
    psp_reference = fields.CharField(max_length=255, default="")
    # What made this event (a Stripe event id, a refund request): the same one is recorded once.
    idempotency_key = fields.CharField(max_length=200, null=True, unique=True)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "orders_transaction_event"
        ordering = ("id",)


class OrderEvent(Model):
    """One entry of an order's timeline (placed, paid, confirmed, canceled, fulfilled, refunded...)."""

    id = fields.IntField(primary_key=True)
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "orders.Order", related_name="events", on_delete=fields.CASCADE
    )
    type = fields.CharField(max_length=64)
    actor = fields.CharField(max_length=128, default="")
    message = fields.TextField(default="")
    data: fields.Field[dict] = fields.JSONField(default=dict)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "orders_order_event"
        ordering = ("id",)


class CheckoutConfirmation(Model):
    """The one-time code that confirms a large redemption (orders.services.confirmation), one per checkout.

    Bound to the checkout and the total it confirms: a changed total needs a new code. Only the code's
    salted hash is kept. `attempts` and `sends` are raised by conditional updates, so concurrent tries never
    pass the limits."""

    checkout_token = fields.UUIDField(primary_key=True)
    user = fields.ForeignKeyField("mall.User", related_name=False, on_delete=fields.CASCADE)
    total_points = fields.BigIntField()
    code_salt = fields.CharField(max_length=32)
    code_hash = fields.CharField(max_length=64)
    via = fields.CharField(max_length=8)
    sends = fields.IntField(default=1)
    attempts = fields.IntField(default=0)
    sent_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    confirmed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "orders_checkout_confirmation"
