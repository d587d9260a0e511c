"""Vouchers and their codes. Only orders.vouchers services write these tables. Model docstrings must not
contain semicolons: tortoise's SQLite migrations split statements on them.

Uses are counted in `Voucher.used` and `VoucherCode.used`, moved only by conditional updates at checkout
completion (orders.vouchers.checkout), so a usage limit or a single-use code is never exceeded whatever the
concurrency. PostgreSQL also holds the limits with CHECKs (see the migration).
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from kernel.fields import ClockDatetimeField
from mall.channels.models import Channel


class VoucherType(StrEnum):
    ENTIRE_ORDER = "entire_order"
    SPECIFIC_PRODUCT = "specific_product"
    SHIPPING = "shipping"


class DiscountValueType(StrEnum):
    FIXED = "fixed"  # a number of points of the channel's points unit
    PERCENTAGE = "percentage"


class CatalogueKind(StrEnum):
    PRODUCT = "product"
    VARIANT = "variant"
    CATEGORY = "category"
    COLLECTION = "collection"


class Voucher(Model):
    """A discount unlocked by any of its codes, in the channels it is listed in, between its dates."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=255, default="")
    type = fields.CharEnumField(VoucherType, max_length=20, default=VoucherType.ENTIRE_ORDER)
    discount_value_type = fields.CharEnumField(DiscountValueType, max_length=16, default=DiscountValueType.FIXED)
    start_at = fields.DatetimeField()
    end_at = fields.DatetimeField(null=True)
    usage_limit = fields.IntField(null=True)  # uses over all codes (null: no limit)
    used = fields.IntField(default=0)
    apply_once_per_order = fields.BooleanField(default=False)
    apply_once_per_customer = fields.BooleanField(default=False)
    only_for_staff = fields.BooleanField(default=False)
    single_use = fields.BooleanField(default=False)  # each code once
    min_checkout_items_quantity = fields.IntField(null=True)
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    private_metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "orders_voucher"
        ordering = ("id",)


class VoucherCode(Model):
    """One code of a voucher. Codes are unique across vouchers, compared as members type them."""

    id = fields.IntField(primary_key=True)
    voucher: fields.ForeignKeyRelation[Voucher] = fields.ForeignKeyField(
        "orders.Voucher", related_name="codes", on_delete=fields.CASCADE
    )
    code = fields.CharField(max_length=255, unique=True)
    used = fields.IntField(default=0)
    is_active = fields.BooleanField(default=True)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "orders_voucher_code"
        ordering = ("id",)


class VoucherChannelListing(Model):
    """The voucher in one channel: its value (points or a percentage) and the least subtotal it needs."""

    id = fields.IntField(primary_key=True)
    voucher: fields.ForeignKeyRelation[Voucher] = fields.ForeignKeyField(
        "orders.Voucher", related_name="channel_listings", on_delete=fields.CASCADE
    )
    channel: fields.ForeignKeyRelation[Channel] = fields.ForeignKeyField(
        "mall.Channel", related_name=False, on_delete=fields.CASCADE
    )
    discount_value = fields.DecimalField(max_digits=12, decimal_places=3)
    min_spent_points = fields.IntField(null=True)

    class Meta:
        table = "orders_voucher_channel_listing"
        unique_together = (("voucher", "channel"),)


class VoucherCatalogueItem(Model):
    """A product, variant, category or collection a SPECIFIC_PRODUCT voucher applies to."""

    id = fields.IntField(primary_key=True)
    voucher: fields.ForeignKeyRelation[Voucher] = fields.ForeignKeyField(
        "orders.Voucher", related_name="catalogue", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(CatalogueKind, max_length=16)
    target_id = fields.IntField()

    class Meta:
        table = "orders_voucher_catalogue"
        unique_together = (("voucher", "kind", "target_id"),)


class VoucherCustomer(Model):
    """A customer who used a voucher that applies once per customer: the unique row is the guard."""

    id = fields.IntField(primary_key=True)
    voucher: fields.ForeignKeyRelation[Voucher] = fields.ForeignKeyField(
        "orders.Voucher", related_name=False, on_delete=fields.CASCADE
    )
    customer_email = fields.CharField(max_length=254)

    class Meta:
        table = "orders_voucher_customer"
        unique_together = (("voucher", "customer_email"),)


class VoucherTranslation(Model):
    id = fields.IntField(primary_key=True)
    voucher: fields.ForeignKeyRelation[Voucher] = fields.ForeignKeyField(
        "orders.Voucher", related_name="translations", on_delete=fields.CASCADE
    )
    language_code = fields.CharField(max_length=35)
    name = fields.CharField(max_length=255, default="")

    class Meta:
        table = "orders_voucher_translation"
        unique_together = (("voucher", "language_code"),)
